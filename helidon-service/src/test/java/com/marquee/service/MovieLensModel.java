package com.marquee.service;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.IdMapping;
import com.marquee.common.artifact.ItemCatalog;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.ModelMetadata;
import com.marquee.common.artifact.PopularityRanking;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.artifact.UserItems;
import com.marquee.common.domain.Movie;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A real iALS model of the bundled MovieLens data ({@code data/raw/ml-latest-small}), trained here
 * with common's {@link IalsSolver} (the trainer's row solver; Hu, Koren and Volinsky 2008, eq. 4),
 * alternating user and item rows: ratings >= 4 are positives with weight 1, {@code f = 32},
 * regularization 0.1, alpha 10, 6 sweeps, seed 42. Takes one to two seconds on a quiet machine; written with common's
 * artifact writers so the server loads it like a pipeline-trained version (with a FAISS flat
 * index, as in {@link TestModel}: the service retrieves exactly but checks the index's header). Not a test of the
 * trainer: a realistic embedding space for serving features (diversity, fold-in) to be checked on.
 */
public final class MovieLensModel {

  /** The repository's ml-latest-small directory, seen from the module directory. */
  public static final Path DATA = Path.of("../data/raw/ml-latest-small").toAbsolutePath().normalize();

  static final int FACTORS = 32;

  private MovieLensModel() {}

  /** Trains the model and writes version {@code version} into {@code dir}. */
  public static ModelArtifacts write(Path dir, String version) throws IOException {
    ModelArtifacts a = train(version);
    a.write(dir);
    TestModel.writeIndex(dir, a.itemFactors());
    return a;
  }

  /** Trains the model (deterministic). */
  public static ModelArtifacts train(String version) throws IOException {
    Map<Long, TreeSet<Long>> byUser = new TreeMap<>();
    TreeSet<Long> itemIds = new TreeSet<>();
    for (CSVRecord r : csv("ratings.csv")) {
      if (Double.parseDouble(r.get("rating")) >= 4.0) {
        long u = Long.parseLong(r.get("userId"));
        long i = Long.parseLong(r.get("movieId"));
        byUser.computeIfAbsent(u, x -> new TreeSet<>()).add(i);
        itemIds.add(i);
      }
    }
    long[] users = byUser.keySet().stream().mapToLong(Long::longValue).toArray();
    long[] items = itemIds.stream().mapToLong(Long::longValue).toArray();
    IdMapping itemMap = IdMapping.of(items);
    int[] indptr = new int[users.length + 1];
    List<Integer> idx = new ArrayList<>();
    for (int u = 0; u < users.length; u++) {
      for (long m : byUser.get(users[u])) {
        idx.add(itemMap.rowOf(m)); // ascending: items are sorted and so are their rows
      }
      indptr[u + 1] = idx.size();
    }
    int[] indices = idx.stream().mapToInt(Integer::intValue).toArray();
    float[] ones = new float[indices.length];
    Arrays.fill(ones, 1f);
    UserItems ui = new UserItems(items.length, indptr, indices, ones);

    // Item-major copy of the same matrix for the item sweep.
    int[] count = new int[items.length + 1];
    for (int i : indices) {
      count[i + 1]++;
    }
    for (int i = 0; i < items.length; i++) {
      count[i + 1] += count[i];
    }
    int[] itemPtr = count.clone();
    int[] itemUsers = new int[indices.length];
    int[] fill = Arrays.copyOf(count, items.length);
    for (int u = 0; u < users.length; u++) {
      for (int p = indptr[u]; p < indptr[u + 1]; p++) {
        itemUsers[fill[indices[p]]++] = u;
      }
    }

    Random rnd = new Random(42);
    FactorMatrix x = new FactorMatrix(users.length, FACTORS, new float[users.length * FACTORS]);
    float[] yData = new float[items.length * FACTORS];
    for (int j = 0; j < yData.length; j++) {
      yData[j] = (float) (rnd.nextGaussian() * 0.1);
    }
    FactorMatrix y = new FactorMatrix(items.length, FACTORS, yData);
    IalsSolver solver = new IalsSolver(FACTORS, 0.1, 10.0);
    IalsSolver.Workspace ws = solver.newWorkspace();
    for (int sweep = 0; sweep < 6; sweep++) {
      double[] yty = IalsSolver.gramian(y);
      for (int u = 0; u < users.length; u++) {
        solver.solveRow(y, yty, indices, ones, indptr[u], indptr[u + 1], x.data(), u * FACTORS, ws);
      }
      double[] xtx = IalsSolver.gramian(x);
      for (int i = 0; i < items.length; i++) {
        solver.solveRow(x, xtx, itemUsers, ones, itemPtr[i], itemPtr[i + 1], y.data(), i * FACTORS, ws);
      }
    }

    List<Movie> movies = new ArrayList<>();
    for (CSVRecord r : csv("movies.csv")) { // as the features job does: the year moves out of the title
      movies.add(Movie.fromMovieLens(Long.parseLong(r.get("movieId")), r.get("title"), r.get("genres")));
    }
    long[] counts = new long[items.length];
    for (int i : indices) {
      counts[i]++;
    }
    List<Integer> byCount = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      byCount.add(i);
    }
    byCount.sort(Comparator.comparingLong((Integer i) -> -counts[i]).thenComparingInt(i -> i));
    long top = counts[byCount.get(0)];
    List<PopularItem> overall = byCount.stream().limit(100)
        .map(i -> new PopularItem(items[i], counts[i], counts[i] / (double) top)).toList();
    ModelMetadata meta = new ModelMetadata(version, "2026-11-22T12:00:00Z",
        new ModelMetadata.DatasetInfo("ml-latest-small", "0".repeat(64), Map.of(),
            Map.of("users", (long) users.length, "items", (long) items.length)),
        Map.of("factors", FACTORS, "regularization", 0.1, "alpha", 10.0), Map.of(), List.of(), null, null);
    return new ModelArtifacts(meta, x, y, IdMapping.of(users), itemMap, ItemCatalog.of(movies), ui,
        new PopularityRanking(overall, Map.of()));
  }

  private static List<CSVRecord> csv(String name) throws IOException {
    try (Reader in = Files.newBufferedReader(DATA.resolve(name))) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }
}
