package com.marquee.pipelines.train;

import com.marquee.common.artifact.IdMapping;
import com.marquee.common.domain.Interaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The trainer's view of the splits: id mappings built from the training split, the training matrix,
 * and the validation and test interactions mapped onto the same rows.
 *
 * <p>Users and items are those of {@code train.csv} (sorted by external id). Validation and test
 * interactions of users or items absent from training cannot be scored by a factor model (cold
 * start) and are dropped from evaluation; their counts are kept in {@link #droppedVal} and {@link
 * #droppedTest}.
 *
 * @param users external user id to row
 * @param items external movie id to row
 * @param train {@code (nUsers, nItems)} implicit-feedback matrix of the training split
 * @param val validation interactions of known users on known items, same shape
 * @param test test interactions of known users on known items, same shape
 * @param droppedVal validation interactions dropped as cold start
 * @param droppedTest test interactions dropped as cold start
 */
public record TrainingData(
    IdMapping users, IdMapping items, CsrMatrix train, CsrMatrix val, CsrMatrix test, long droppedVal, long droppedTest) {

  /**
   * Reads {@code train.csv}, {@code val.csv} and {@code test.csv} (SPEC §3) from {@code processedDir}.
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a row is malformed (the file names it) or train is empty
   */
  public static TrainingData load(Path processedDir) throws IOException {
    List<Interaction> train = readSplit(processedDir.resolve("train.csv"));
    List<Interaction> val = readSplit(processedDir.resolve("val.csv"));
    List<Interaction> test = readSplit(processedDir.resolve("test.csv"));
    return of(train, val, test);
  }

  /** Builds the mappings and matrices from in-memory splits. @throws IllegalArgumentException if train is empty */
  public static TrainingData of(List<Interaction> train, List<Interaction> val, List<Interaction> test) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("the training split is empty");
    }
    TreeSet<Long> userIds = new TreeSet<>();
    TreeSet<Long> itemIds = new TreeSet<>();
    for (Interaction i : train) {
      userIds.add(i.userId());
      itemIds.add(i.movieId());
    }
    IdMapping users = IdMapping.of(userIds.stream().mapToLong(Long::longValue).toArray());
    IdMapping items = IdMapping.of(itemIds.stream().mapToLong(Long::longValue).toArray());
    CsrMatrix trainM = toMatrix(train, users, items);
    CsrMatrix valM = toMatrix(val, users, items);
    CsrMatrix testM = toMatrix(test, users, items);
    return new TrainingData(users, items, trainM, valM, testM, val.size() - valM.nnz(), test.size() - testM.nnz());
  }

  private static CsrMatrix toMatrix(List<Interaction> rows, IdMapping users, IdMapping items) {
    int[] r = new int[rows.size()];
    int[] c = new int[rows.size()];
    float[] v = new float[rows.size()];
    int n = 0;
    for (Interaction i : rows) {
      int u = users.rowOf(i.userId());
      int it = items.rowOf(i.movieId());
      if (u >= 0 && it >= 0) {
        r[n] = u;
        c[n] = it;
        v[n] = i.weight();
        n++;
      }
    }
    return CsrMatrix.fromTriples(users.size(), items.size(),
        java.util.Arrays.copyOf(r, n), java.util.Arrays.copyOf(c, n), java.util.Arrays.copyOf(v, n));
  }

  /**
   * Reads one split file with header {@link Interaction#CSV_HEADER}.
   *
   * @throws IllegalArgumentException naming file and line for a malformed row or header
   */
  public static List<Interaction> readSplit(Path file) throws IOException {
    List<Interaction> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.strip().equals(Interaction.CSV_HEADER)) {
        throw new IllegalArgumentException(file + ": expected header '" + Interaction.CSV_HEADER + "', got '" + header + "'");
      }
      String line;
      long lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(Interaction.parseCsv(line));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }
}
