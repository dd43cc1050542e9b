package com.marquee.trainer.data;

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
 * The trainer's view of the global time split: id mappings and matrix of the training split, and
 * one {@link EvalSet} per evaluated split.
 *
 * <p>Model users and items are those of {@code train.csv} (sorted by external id). Evaluation follows
 * time: everything before a split's period is known history.
 *
 * <ul>
 *   <li>{@link #val}: users of the training split, history = their training items, held out = their
 *       validation items.
 *   <li>{@link #test}: users with any training or validation interaction, history = training +
 *       validation items, held out = test items. Users who first appear in the validation period are
 *       represented by fold-in over that history, exactly as the service would serve them.
 * </ul>
 *
 * Held-out interactions of users without history, or on items the model has never seen, cannot be
 * scored by a factor model (cold start) and are dropped; their counts are reported.
 *
 * @param users external user id to model row
 * @param items external movie id to model row (= column of every matrix here)
 * @param train {@code (nUsers, nItems)} implicit-feedback matrix of the training split
 * @param val validation evaluation set (rows = model users)
 * @param test test evaluation set (rows = its own users, see {@link EvalSet#users})
 */
public record TrainingData(IdMapping users, IdMapping items, CsrMatrix train, EvalSet val, EvalSet test) {

  /**
   * One evaluated split.
   *
   * @param users external user id to row of {@code history} and {@code heldOut}
   * @param history {@code (nEvalUsers, nItems)} items known before the split's period
   * @param heldOut {@code (nEvalUsers, nItems)} the split's interactions on known items
   * @param droppedColdStart held-out interactions dropped: unknown user (no history) or unknown item
   */
  public record EvalSet(IdMapping users, CsrMatrix history, CsrMatrix heldOut, long droppedColdStart) {}

  /**
   * Reads {@code train.csv}, {@code val.csv} and {@code test.csv} (SPEC §3) from {@code processedDir}.
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a row is malformed (the file names it) or train is empty
   */
  public static TrainingData load(Path processedDir) throws IOException {
    return Splits.read(processedDir).trainingData();
  }

  /**
   * The three split files as read, before any mapping.
   *
   * @param train rows of {@code train.csv}
   * @param val rows of {@code val.csv}
   * @param test rows of {@code test.csv}
   */
  public record Splits(List<Interaction> train, List<Interaction> val, List<Interaction> test) {

    /**
     * Reads {@code train.csv}, {@code val.csv} and {@code test.csv} (SPEC §3) from {@code processedDir}.
     *
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if a row is malformed (the file and line are named)
     */
    public static Splits read(Path processedDir) throws IOException {
      return new Splits(readSplit(processedDir.resolve("train.csv")), readSplit(processedDir.resolve("val.csv")),
          readSplit(processedDir.resolve("test.csv")));
    }

    /** The mappings and matrices of the evaluation protocol. @throws IllegalArgumentException if train is empty */
    public TrainingData trainingData() {
      return of(train, val, test);
    }

    /** All interactions of the three splits as one matrix (the served refit). */
    public InteractionMatrix all() {
      return InteractionMatrix.of(train, val, test);
    }
  }

  /** Builds the mappings and matrices from in-memory splits. @throws IllegalArgumentException if train is empty */
  public static TrainingData of(List<Interaction> train, List<Interaction> val, List<Interaction> test) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("the training split is empty");
    }
    IdMapping users = distinctUsers(train, List.of());
    IdMapping items = IdMapping.of(train.stream().mapToLong(Interaction::movieId).distinct().sorted().toArray());
    CsrMatrix trainM = toMatrix(train, users, items);
    CsrMatrix valM = toMatrix(val, users, items);
    EvalSet valSet = new EvalSet(users, trainM, valM, val.size() - valM.nnz());

    IdMapping testUsers = distinctUsers(train, val);
    List<Interaction> history = new ArrayList<>(train);
    history.addAll(val);
    CsrMatrix testHistory = toMatrix(history, testUsers, items);
    CsrMatrix testM = toMatrix(test, testUsers, items);
    EvalSet testSet = new EvalSet(testUsers, testHistory, testM, test.size() - testM.nnz());
    return new TrainingData(users, items, trainM, valSet, testSet);
  }

  /** The distinct user ids of {@code a} and {@code b}, ascending. */
  public static IdMapping distinctUsers(List<Interaction> a, List<Interaction> b) {
    TreeSet<Long> ids = new TreeSet<>();
    a.forEach(i -> ids.add(i.userId()));
    b.forEach(i -> ids.add(i.userId()));
    return IdMapping.of(ids.stream().mapToLong(Long::longValue).toArray());
  }

  /** Interactions of mapped users on mapped items as a {@code (users, items)} matrix; the rest is skipped. */
  public static CsrMatrix toMatrix(List<Interaction> rows, IdMapping users, IdMapping items) {
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
