package com.marquee.trainer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;

import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.content.ContentMapping;
import com.marquee.common.domain.Interaction;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.index.FaissVectorIndex;
import com.marquee.trainer.index.SearchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole trainer step on small generated splits: artifacts, FAISS index, registry, promotion. */
public class TrainerTest {

  @TempDir Path dir;

  @Test
  void writesACompleteVersionPromotesTheFirstAndAppliesTheRuleToTheSecond() throws Exception {
    writeInputs(dir);
    TrainingConfig cfg = smallConfig(TrainingConfig.Mlflow.OFF);
    TrainerPaths paths = TrainerMain.paths(cfg, dir, dir.resolve("raw"), Path.of("processed"), Path.of("features"));

    TrainingResult first = new Trainer(cfg, paths).run();
    assertThat(first.decision().promoted(), is(true));
    assertThat(first.decision().reason(), containsString("first model"));
    Path prod = dir.resolve("models/production");
    assertThat(prod.toRealPath(), is(first.versionDir().toRealPath()));

    ModelArtifacts a = ModelArtifacts.read(prod);
    assertThat(a.users().size(), is(30));
    assertThat(a.itemFactors().cols(), is(4));
    for (String model : List.of("ials", "popularity", "itemknn")) {
      assertThat(a.metadata().metrics().get(model), hasKey("val"));
      assertThat(a.metadata().metrics().get(model).get("test"), hasKey("ndcg@10"));
    }
    assertThat(a.metadata().dataset().counts().get("train_interactions"), greaterThan(0L));
    try (FaissVectorIndex index = FaissVectorIndex.read(prod.resolve(ArtifactFiles.ITEM_INDEX))) {
      assertThat(index.size(), is(a.items().size()));
      SearchResult r = index.search(a.itemFactors().row(0), 1, null);
      assertThat(r.ids().length, is(1));
    }

    TrainingResult second = new Trainer(cfg, paths).run();
    // Same data and seed: identical metrics, so the 1% rule keeps production.
    assertThat(second.decision().promoted(), is(false));
    assertThat(second.decision().productionValue(), is(first.decision().candidateValue()));
    assertThat(prod.toRealPath(), is(first.versionDir().toRealPath()));
    List<String> log = Files.readAllLines(dir.resolve("models/decisions.jsonl"));
    assertThat(log.size(), is(2));
    assertThat(log.get(1), containsString("\"promoted\":false"));
  }

  @Test
  void servesTheRefitOnEveryInteractionAndRecordsTheTrainOnlyMetrics() throws Exception {
    writeInputs(dir);
    // Two users who first appear after the training period, one per held-out split.
    Files.writeString(dir.resolve("processed/val.csv"), new Interaction(31, 2, 4f, 1f, 2_000_000).toCsv() + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(dir.resolve("processed/test.csv"), new Interaction(32, 3, 4f, 1f, 2_000_001).toCsv() + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    long trainRows = Files.readAllLines(dir.resolve("processed/train.csv")).size() - 1;
    long allRows = trainRows + Files.readAllLines(dir.resolve("processed/val.csv")).size() - 1
        + Files.readAllLines(dir.resolve("processed/test.csv")).size() - 1;
    TrainingConfig all = smallConfig(TrainingConfig.Mlflow.OFF);
    TrainingConfig trainOnly = new TrainingConfig(all.model(), all.baselines(), all.evaluation(), all.index(),
        new TrainingConfig.Registry("models/registry-train", "models/production-train", "ndcg@10", 0.01), all.mlflow(),
        new TrainingConfig.ServedModel(TrainingConfig.FitOn.TRAIN));
    assertThat(all.servedModel().fitOn(), is(TrainingConfig.FitOn.ALL));

    ModelArtifacts a = ModelArtifacts.read(run(all).versionDir());
    ModelArtifacts t = ModelArtifacts.read(run(trainOnly).versionDir());

    assertThat(a.users().size(), is(32));
    assertThat(a.users().rowOf(32), is(31));
    assertThat((long) a.userItems().nnz(), is(allRows));
    assertThat(a.metadata().dataset().counts().get("served_interactions"), is(allRows));
    assertThat(a.metadata().dataset().counts().get("served_users"), is(32L));
    assertThat(a.metadata().hyperparameters().get("served_fit_on"), is("all"));
    assertThat(t.users().size(), is(30));
    assertThat(t.users().rowOf(32), is(-1));
    assertThat((long) t.userItems().nnz(), is(trainRows));
    assertThat(t.metadata().dataset().counts().get("served_interactions"), is(trainRows));
    assertThat(t.metadata().hyperparameters().get("served_fit_on"), is("train"));
    // The recorded metrics are the train-only fit's in both versions: the refit changes what is served only.
    assertThat(a.metadata().metrics(), is(t.metadata().metrics()));
    assertThat(java.util.Arrays.equals(a.itemFactors().data(), t.itemFactors().data()), is(false));
    try (FaissVectorIndex index = FaissVectorIndex.read(dir.resolve("models/production").resolve(ArtifactFiles.ITEM_INDEX))) {
      assertThat(index.size(), is(a.items().size()));
    }
  }

  @Test
  void catalogMoviesWithoutInteractionsGetContentMappedVectorsInEveryArtifact() throws Exception {
    writeInputs(dir);
    // Two movies of the catalog nobody interacted with, and a tags.csv for one trained and one new movie.
    Files.writeString(dir.resolve("features/item_features.csv"),
        "31,Brand New Comedy,2024,Comedy\n32,No Genre Film,,\n", java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(dir.resolve("raw/tags.csv"), "userId,movieId,tag,timestamp\n1,3,\"funny, dark\",5\n2,31,funny,6\n");
    TrainingConfig cfg = smallConfig(TrainingConfig.Mlflow.OFF);
    TrainingResult r = run(cfg);
    ModelArtifacts a = ModelArtifacts.read(r.versionDir());
    ContentMapping m = ContentMapping.read(r.versionDir()).orElseThrow();

    assertThat(m.coldStartItems(), is(List.of(31L, 32L)));
    assertThat(a.items().size(), is(32));
    assertThat(a.items().rowOf(31), is(30));
    assertThat(a.items().rowOf(32), is(31));
    assertThat(a.userItems().nItems(), is(32));
    // bias + 2 genres + 4 decades (1990s..2020s); "movie" and "the" are title tokens of 30 movies; tags of
    // 2 movies < min_tag_count 3
    assertThat(m.features().nFeatures(), is(1 + 2 + 4 + 2));
    assertThat(m.weights().cols(), is(4));
    assertThat(a.itemFactors().row(30), is(m.itemVector("Brand New Comedy", 2024, List.of("Comedy"), List.of("funny"))));
    assertThat(a.itemFactors().row(31), is(m.itemVector("No Genre Film", null, List.of(), List.of())));
    assertThat(a.metadata().dataset().counts().get("cold_start_items"), is(2L));
    assertThat(a.metadata().dataset().counts().get("trained_items"), is(30L));
    assertThat(a.metadata().dataset().counts().get("tagged_movies"), is(2L));
    assertThat(a.metadata().hyperparameters().get("content_features"), is(9));
    assertThat(a.metadata().hyperparameters().get("content_regularization"), is(10.0));
    try (FaissVectorIndex index = FaissVectorIndex.read(r.versionDir().resolve(ArtifactFiles.ITEM_INDEX))) {
      assertThat(index.size(), is(32));
      SearchResult hit = index.search(a.itemFactors().row(31), 1, null);
      assertThat(hit.ids().length, is(1));
    }
  }

  private TrainingResult run(TrainingConfig cfg) throws Exception {
    return new Trainer(cfg, TrainerMain.paths(cfg, dir, dir.resolve("raw"), Path.of("processed"), Path.of("features")))
        .run();
  }

  /** The small iALS config of these tests, with {@code mlflow}. */
  public static TrainingConfig smallConfig(TrainingConfig.Mlflow mlflow) {
    return new TrainingConfig(new TrainingConfig.Model(4, 5, 0.5, 5.0, 0.1, 1, 2, TrainingConfig.Solver.CHOLESKY, 3),
        new TrainingConfig.Baselines(10), new TrainingConfig.Evaluation(List.of(5, 10)),
        new TrainingConfig.Index("Flat"), new TrainingConfig.Registry("models/registry", "models/production", "ndcg@10", 0.01),
        mlflow, TrainingConfig.ServedModel.DEFAULT);
  }

  /** 30 users in 3 taste groups over 30 items; timestamps increase so the last events are held out. */
  public static void writeInputs(Path dir) throws Exception {
    Random rnd = new Random(5);
    List<Interaction> all = new ArrayList<>();
    long t = 1_000_000;
    for (int u = 1; u <= 30; u++) {
      int group = u % 3;
      for (int i = 1; i <= 30; i++) {
        if ((i % 3 == group && rnd.nextDouble() < 0.7) || rnd.nextDouble() < 0.05) {
          all.add(new Interaction(u, i, 4f, 1f, t + rnd.nextInt(1000)));
        }
      }
    }
    all.sort(java.util.Comparator.comparingLong(Interaction::timestamp));
    int n = all.size();
    Files.createDirectories(dir.resolve("processed"));
    write(dir, "processed/train.csv", all.subList(0, n * 8 / 10));
    write(dir, "processed/val.csv", all.subList(n * 8 / 10, n * 9 / 10));
    write(dir, "processed/test.csv", all.subList(n * 9 / 10, n));
    Files.createDirectories(dir.resolve("features"));
    StringBuilder feats = new StringBuilder("movie_id,title,year,genres\n");
    StringBuilder pop = new StringBuilder("movie_id,count,score,trending_score,genre_ranks\n");
    for (int i = 1; i <= 30; i++) {
      feats.append(i).append(",\"Movie ").append(i).append(", The\",").append(1990 + i).append(",Drama|Comedy\n");
      pop.append(i).append(',').append(31 - i).append(',').append((31 - i) / 30.0).append(",1.0,Drama:").append(i).append('\n');
    }
    Files.writeString(dir.resolve("features/item_features.csv"), feats);
    Files.writeString(dir.resolve("features/popularity.csv"), pop);
    Files.createDirectories(dir.resolve("raw"));
    Files.writeString(dir.resolve("raw/ratings.csv"), "userId,movieId,rating,timestamp\n");
  }

  private static void write(Path dir, String name, List<Interaction> rows) throws Exception {
    StringBuilder sb = new StringBuilder(Interaction.CSV_HEADER).append('\n');
    rows.forEach(r -> sb.append(r.toCsv()).append('\n'));
    Files.writeString(dir.resolve(name), sb);
  }
}
