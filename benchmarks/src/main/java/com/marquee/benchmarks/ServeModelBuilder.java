package com.marquee.benchmarks;

import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.IdMapping;
import com.marquee.common.artifact.ItemCatalog;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.ModelMetadata;
import com.marquee.common.artifact.PopularityRanking;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.cli.ExitCodes;
import com.marquee.common.domain.Movie;
import com.marquee.trainer.als.IalsTrainer;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.index.FaissVectorIndex;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds (once) the model versions {@code scripts/bench-serve.sh} serves: iALS trained with the
 * project's trainer ({@link IalsTrainer}, CG solver) on a synthetic data set of a MovieLens shape
 * ({@link SyntheticMovieLens}, generated when missing), binarized at {@code --min-rating}, written
 * as complete model versions (SPEC §4, FAISS Flat index included) into
 * {@code <out>/registry/<version>} with {@code <out>/production} a symlink to the first one.
 *
 * <p>Two versions are written, {@code <name>-a} and {@code <name>-b}, for hot-reload runs. They
 * hold the same factors (training twice would double the build time); only {@code version} in
 * {@code model_metadata.json} differs, so a served response says which one answered. Each is still
 * read, validated and indexed from scratch on every reload.
 *
 * <p>Ids: the generator numbers users and movies from 1, so user/movie id {@code x} is row {@code x
 * - 1}. Popularity: positives per movie, score = count / max count (as the features stage), top
 * {@link #POPULAR_KEPT} overall and per genre. Prints the production directory on its last line.
 */
@Command(name = "ServeModelBuilder", mixinStandardHelpOptions = true,
    description = "Trains and writes the synthetic model versions served by scripts/bench-serve.sh (reused when present).")
public final class ServeModelBuilder implements Callable<Integer> {

  /** Entries of each popularity list written. */
  static final int POPULAR_KEPT = 1000;

  @Option(names = "--shape", description = "ml-1m | ml-20m | ml-25m (default: ${DEFAULT-VALUE})")
  String shape = "ml-20m";

  @Option(names = "--factors", description = "latent factors (default: ${DEFAULT-VALUE})")
  int factors = 128;

  @Option(names = "--iterations", description = "iALS sweeps, CG solver (default: ${DEFAULT-VALUE})")
  int iterations = 3;

  @Option(names = "--regularization", description = "iALS lambda (default: ${DEFAULT-VALUE}, configs/training.yaml)")
  double regularization = 10.0;

  @Option(names = "--alpha", description = "iALS confidence scale (default: ${DEFAULT-VALUE})")
  double alpha = 1.0;

  @Option(names = "--min-rating", description = "ratings >= this are positives (default: ${DEFAULT-VALUE})")
  double minRating = 4.0;

  @Option(names = "--seed", description = "generator and initialisation seed (default: ${DEFAULT-VALUE})")
  long seed = 42;

  @Option(names = "--data-dir", description = "where generated data sets and models are kept (default: ${DEFAULT-VALUE})")
  Path dataDir = Path.of("benchmarks/data");

  @Override
  public Integer call() throws Exception {
    Shape sh = Shape.named(shape);
    String name = sh.name() + "-f" + factors + "-seed" + seed;
    Path out = dataDir.resolve("models").resolve(name);
    Path production = out.resolve("production");
    if (Files.isRegularFile(production.resolve(ArtifactFiles.METADATA))
        && Files.isRegularFile(out.resolve("registry").resolve(name + "-b").resolve(ArtifactFiles.METADATA))) {
      System.out.println("reusing " + out);
      System.out.println(production.toAbsolutePath());
      return ExitCodes.OK;
    }
    Path data = dataDir.resolve(sh.name() + "-seed" + seed);
    if (!Files.isRegularFile(data.resolve("ratings.csv")) || !Files.isRegularFile(data.resolve("movies.csv"))) {
      long g0 = System.nanoTime();
      SyntheticMovieLens.generate(SyntheticMovieLens.Params.of(sh, seed), data);
      System.out.printf("generated %s in %.1f s%n", data, (System.nanoTime() - g0) / 1e9);
    }
    long l0 = System.nanoTime();
    CsrMatrix r = TrainBenchmark.loadPositives(data.resolve("ratings.csv"), sh, minRating);
    System.out.printf("loaded %d x %d matrix with %d positives in %.1f s%n", r.rows(), r.cols(), r.nnz(),
        (System.nanoTime() - l0) / 1e9);

    TrainingConfig.Model cfg = new TrainingConfig.Model(factors, iterations, regularization, alpha, 0.01, seed, 0,
        TrainingConfig.Solver.CG, 3);
    long t0 = System.nanoTime();
    IalsTrainer.Factors f = new IalsTrainer(cfg).train(r, null);
    System.out.printf("trained %d factors x %d sweeps in %.1f s%n", factors, iterations, (System.nanoTime() - t0) / 1e9);

    ItemCatalog catalog = readCatalog(data.resolve("movies.csv"));
    PopularityRanking popularity = popularity(r, catalog);
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("algorithm", "ials-cg");
    hyper.put("factors", factors);
    hyper.put("iterations", iterations);
    hyper.put("regularization", regularization);
    hyper.put("alpha", alpha);
    hyper.put("seed", seed);
    Map<String, Long> counts = Map.of("users", (long) r.rows(), "items", (long) r.cols(),
        "train_interactions", (long) r.nnz());
    ModelMetadata.DatasetInfo dataset = new ModelMetadata.DatasetInfo("synthetic-" + sh.name() + "-seed" + seed,
        "0".repeat(64), Map.of(), counts);
    Path registry = out.resolve("registry");
    Path a = registry.resolve(name + "-a");
    ModelMetadata meta = new ModelMetadata(name + "-a", Instant.now().toString(), dataset, hyper, Map.of(), List.of(),
        null, null);
    ModelArtifacts artifacts = new ModelArtifacts(meta, f.users(), f.items(), IdMapping.of(ids(r.rows())),
        IdMapping.of(ids(r.cols())), catalog, r.toUserItems(), popularity);
    artifacts.write(a);
    try (FaissVectorIndex index = FaissVectorIndex.build(f.items().data(), f.items().rows(), f.items().cols(), "Flat")) {
      index.write(a.resolve(ArtifactFiles.ITEM_INDEX));
    }
    writeTwin(a, registry.resolve(name + "-b"), meta);
    Files.deleteIfExists(production);
    Files.createSymbolicLink(production, Path.of("registry", name + "-a"));
    System.out.println("wrote " + a + " and its twin " + name + "-b");
    System.out.println(production.toAbsolutePath());
    return ExitCodes.OK;
  }

  /** A copy of version {@code a} (files hard-linked where possible) whose metadata says {@code <name>-b}. */
  private static void writeTwin(Path a, Path b, ModelMetadata meta) throws IOException {
    Files.createDirectories(b);
    try (var files = Files.list(a)) {
      for (Path p : files.toList()) {
        Path target = b.resolve(p.getFileName());
        Files.deleteIfExists(target);
        if (p.getFileName().toString().equals(ArtifactFiles.METADATA)) {
          continue;
        }
        try {
          Files.createLink(target, p);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    String version = meta.version().substring(0, meta.version().length() - 1) + "b";
    new ModelMetadata(version, meta.trainedAt(), meta.dataset(), meta.hyperparameters(), meta.metrics(),
        meta.baselines(), meta.gitCommit(), meta.mlflowRunId()).write(b.resolve(ArtifactFiles.METADATA));
  }

  private static long[] ids(int n) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i + 1L;
    }
    return ids;
  }

  /** {@code movies.csv} ({@code movieId,title,genres}) with the year parsed from the title. */
  static ItemCatalog readCatalog(Path moviesCsv) throws IOException {
    List<Movie> movies = new ArrayList<>();
    CSVFormat fmt = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(moviesCsv, StandardCharsets.UTF_8)) {
      for (CSVRecord rec : fmt.parse(in)) {
        movies.add(Movie.fromMovieLens(Long.parseLong(rec.get(0)), rec.get(1), rec.get(2)));
      }
    }
    return ItemCatalog.of(movies);
  }

  /** Positives per movie; score = count / max count; ties by ascending movie id. */
  static PopularityRanking popularity(CsrMatrix r, ItemCatalog catalog) {
    long[] count = new long[r.cols()];
    for (int idx : r.indices()) {
      count[idx]++;
    }
    long max = 1;
    for (long c : count) {
      max = Math.max(max, c);
    }
    List<PopularItem> all = new ArrayList<>();
    for (int i = 0; i < count.length; i++) {
      if (count[i] > 0) {
        all.add(new PopularItem(i + 1L, count[i], (double) count[i] / max));
      }
    }
    all.sort(Comparator.comparingLong(PopularItem::count).reversed().thenComparingLong(PopularItem::movieId));
    Map<String, List<PopularItem>> byGenre = new TreeMap<>();
    for (PopularItem p : all) {
      Movie m = catalog.get(p.movieId());
      if (m == null) {
        continue;
      }
      for (String g : m.genres()) {
        List<PopularItem> list = byGenre.computeIfAbsent(g, x -> new ArrayList<>());
        if (list.size() < POPULAR_KEPT) {
          list.add(p);
        }
      }
    }
    return new PopularityRanking(all.subList(0, Math.min(POPULAR_KEPT, all.size())), byGenre);
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new ServeModelBuilder(), args));
  }
}
