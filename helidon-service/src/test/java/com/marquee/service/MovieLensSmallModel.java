package com.marquee.service;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.IdMapping;
import com.marquee.common.artifact.ItemCatalog;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.ModelMetadata;
import com.marquee.common.artifact.PopularityRanking;
import com.marquee.common.artifact.UserItems;
import com.marquee.common.domain.Movie;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A real iALS model of the bundled MovieLens data ({@code data/raw/ml-latest-small}): ratings >= 4
 * are the positives (weight 1), {@value #FACTORS} factors, {@value #SWEEPS} alternating sweeps of
 * common's {@link IalsSolver#solveRow} (Hu, Koren, Volinsky 2008, eq. 4; regularization 10, alpha
 * 1, Gaussian init with std 0.1, seed 42). Not the trainer (beam-pipelines is not a dependency of
 * the service); the same row solver, so the embeddings have the structure retrieval sees in
 * production. Built once per JVM (under a second).
 */
public final class MovieLensSmallModel {

  public static final int FACTORS = 32;
  public static final int SWEEPS = 6;
  static final Path RAW = Path.of("../data/raw/ml-latest-small").toAbsolutePath().normalize();

  private static ModelArtifacts cached;

  private MovieLensSmallModel() {}

  /** The model (users and items that have at least one positive). */
  public static synchronized ModelArtifacts artifacts() throws IOException {
    if (cached == null) {
      cached = build();
    }
    return cached;
  }

  private static ModelArtifacts build() throws IOException {
    CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    TreeMap<Long, TreeSet<Long>> byUser = new TreeMap<>();
    TreeSet<Long> movieIds = new TreeSet<>();
    try (Reader in = Files.newBufferedReader(RAW.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord r : csv.parse(in)) {
        if (Double.parseDouble(r.get("rating")) >= 4) {
          long m = Long.parseLong(r.get("movieId"));
          byUser.computeIfAbsent(Long.parseLong(r.get("userId")), u -> new TreeSet<>()).add(m);
          movieIds.add(m);
        }
      }
    }
    List<Movie> movies = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(RAW.resolve("movies.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord r : csv.parse(in)) {
        long id = Long.parseLong(r.get("movieId"));
        if (movieIds.contains(id)) {
          movies.add(Movie.fromMovieLens(id, r.get("title"), r.get("genres")));
        }
      }
    }
    IdMapping users = IdMapping.of(byUser.keySet().stream().mapToLong(Long::longValue).toArray());
    IdMapping items = IdMapping.of(movieIds.stream().mapToLong(Long::longValue).toArray());
    int nu = users.size();
    int ni = items.size();
    int[] indptr = new int[nu + 1];
    List<Integer> idx = new ArrayList<>();
    int u = 0;
    for (TreeSet<Long> seen : byUser.values()) {
      for (long m : seen) {
        idx.add(items.rowOf(m));
      }
      indptr[++u] = idx.size();
    }
    int[] indices = idx.stream().mapToInt(Integer::intValue).toArray();
    float[] ones = new float[indices.length];
    java.util.Arrays.fill(ones, 1f);
    UserItems ui = new UserItems(ni, indptr, indices, ones);
    // Transpose: users of each item.
    int[] colPtr = new int[ni + 1];
    for (int i : indices) {
      colPtr[i + 1]++;
    }
    for (int i = 0; i < ni; i++) {
      colPtr[i + 1] += colPtr[i];
    }
    int[] colIdx = new int[indices.length];
    int[] next = colPtr.clone();
    for (int row = 0; row < nu; row++) {
      for (int p = indptr[row]; p < indptr[row + 1]; p++) {
        colIdx[next[indices[p]]++] = row;
      }
    }

    SplittableRandom rnd = new SplittableRandom(42);
    FactorMatrix x = gaussian(nu, rnd);
    FactorMatrix y = gaussian(ni, rnd);
    IalsSolver solver = new IalsSolver(FACTORS, 10.0, 1.0);
    IalsSolver.Workspace ws = solver.newWorkspace();
    for (int s = 0; s < SWEEPS; s++) {
      double[] yty = IalsSolver.gramian(y);
      for (int row = 0; row < nu; row++) {
        solver.solveRow(y, yty, indices, ones, indptr[row], indptr[row + 1], x.data(), row * FACTORS, ws);
      }
      double[] xtx = IalsSolver.gramian(x);
      for (int i = 0; i < ni; i++) {
        solver.solveRow(x, xtx, colIdx, ones, colPtr[i], colPtr[i + 1], y.data(), i * FACTORS, ws);
      }
    }
    ModelMetadata meta = new ModelMetadata("ml-latest-small-test", "2026-11-22T12:00:00Z",
        new ModelMetadata.DatasetInfo("ml-latest-small", "0".repeat(64), Map.of(),
            Map.of("users", (long) nu, "items", (long) ni)),
        Map.of("factors", FACTORS, "regularization", 10.0, "alpha", 1.0), Map.of(), List.of(), null, null);
    return new ModelArtifacts(meta, x, y, users, items, ItemCatalog.of(movies), ui,
        new PopularityRanking(List.of(), Map.of()));
  }

  private static FactorMatrix gaussian(int rows, SplittableRandom rnd) {
    float[] d = new float[rows * FACTORS];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextGaussian() * 0.1);
    }
    return new FactorMatrix(rows, FACTORS, d);
  }
}
