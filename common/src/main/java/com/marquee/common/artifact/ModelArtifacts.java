package com.marquee.common.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a trained model version holds except the FAISS index (which {@code
 * com.marquee.trainer.index.FaissVectorIndex} reads and writes itself): the artifact set of SPEC §4.
 *
 * <p>{@link #read(Path)} validates that the parts agree (matrix shapes vs. mappings vs. the
 * user-items matrix), so a reader either gets a consistent model or an {@link ArtifactException}.
 *
 * @param metadata {@code model_metadata.json}
 * @param userFactors {@code user_embeddings.npy}, shape {@code (nUsers, f)}
 * @param itemFactors {@code item_embeddings.npy}, shape {@code (nItems, f)}
 * @param users {@code user_mapping.json}: external user id to row of {@code userFactors}
 * @param items {@code item_mapping.json}: external movie id to row of {@code itemFactors}
 * @param catalog {@code item_features.json}
 * @param userItems {@code user_items.bin}, shape {@code (nUsers, nItems)}
 * @param popularity {@code popularity.json}
 */
public record ModelArtifacts(
    ModelMetadata metadata,
    FactorMatrix userFactors,
    FactorMatrix itemFactors,
    IdMapping users,
    IdMapping items,
    ItemCatalog catalog,
    UserItems userItems,
    PopularityRanking popularity) {

  public ModelArtifacts {
    List<String> problems = consistencyProblems(userFactors, itemFactors, users, items, userItems);
    nonFinite("user_embeddings", userFactors, problems);
    nonFinite("item_embeddings", itemFactors, problems);
    missingFromCatalog(items, catalog, problems);
    if (!problems.isEmpty()) {
      throw new ArtifactException("inconsistent model artifacts: " + String.join("; ", problems));
    }
  }

  /**
   * Heap bytes that {@link #read} will allocate for the largest parts, from the file headers only:
   * {@code 4 * (rows * cols)} of each embedding matrix plus {@link UserItems#declaredBytes} (the
   * mappings, catalog and popularity are small next to them and not counted). Lets a caller refuse a
   * model that cannot fit before reading it.
   *
   * @throws ArtifactException if a header is malformed
   * @throws IOException if a file cannot be read
   */
  public static long declaredBytes(Path dir) throws IOException {
    long total = UserItems.declaredBytes(dir.resolve(ArtifactFiles.USER_ITEMS));
    for (String f : List.of(ArtifactFiles.USER_EMBEDDINGS, ArtifactFiles.ITEM_EMBEDDINGS)) {
      int[] shape = Npy.shape(dir.resolve(f));
      total += 4L * shape[0] * shape[1];
    }
    return total;
  }

  /** Number of latent factors f. */
  public int factors() {
    return itemFactors.cols();
  }

  /**
   * Writes every file except {@code item_index.faiss} into {@code dir} (created if missing).
   *
   * @throws IOException if a file cannot be written
   */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Npy.write(dir.resolve(ArtifactFiles.USER_EMBEDDINGS), userFactors);
    Npy.write(dir.resolve(ArtifactFiles.ITEM_EMBEDDINGS), itemFactors);
    users.write(dir.resolve(ArtifactFiles.USER_MAPPING));
    items.write(dir.resolve(ArtifactFiles.ITEM_MAPPING));
    catalog.write(dir.resolve(ArtifactFiles.ITEM_FEATURES));
    userItems.write(dir.resolve(ArtifactFiles.USER_ITEMS));
    popularity.write(dir.resolve(ArtifactFiles.POPULARITY));
    metadata.write(dir.resolve(ArtifactFiles.METADATA));
  }

  /**
   * Reads and validates a model version directory. Every file of {@link ArtifactFiles#ALL} must be
   * present (the index too, though it is not loaded here).
   *
   * @throws ArtifactException if a file is missing, malformed or the parts disagree
   */
  public static ModelArtifacts read(Path dir) {
    List<String> missing = new ArrayList<>();
    for (String f : ArtifactFiles.ALL) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw new ArtifactException(dir + ": incomplete model, missing " + missing);
    }
    try {
      return new ModelArtifacts(
          ModelMetadata.read(dir.resolve(ArtifactFiles.METADATA)),
          Npy.read(dir.resolve(ArtifactFiles.USER_EMBEDDINGS)),
          Npy.read(dir.resolve(ArtifactFiles.ITEM_EMBEDDINGS)),
          IdMapping.read(dir.resolve(ArtifactFiles.USER_MAPPING)),
          IdMapping.read(dir.resolve(ArtifactFiles.ITEM_MAPPING)),
          ItemCatalog.read(dir.resolve(ArtifactFiles.ITEM_FEATURES)),
          UserItems.read(dir.resolve(ArtifactFiles.USER_ITEMS)),
          PopularityRanking.read(dir.resolve(ArtifactFiles.POPULARITY)));
    } catch (IOException e) {
      throw new ArtifactException(dir + ": cannot read model: " + e.getMessage(), e);
    }
  }

  /** Adds the first NaN or infinite element of {@code m}, if any: one would make every score it touches NaN. */
  private static void nonFinite(String name, FactorMatrix m, List<String> problems) {
    float[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      if (!Float.isFinite(d[i])) {
        problems.add(name + " has a non-finite value " + d[i] + " at row " + i / m.cols() + ", column " + i % m.cols());
        return;
      }
    }
  }

  /** Adds the item ids that {@code item_features.json} lacks (the first few), if any. */
  private static void missingFromCatalog(IdMapping items, ItemCatalog catalog, List<String> problems) {
    List<Long> missing = new ArrayList<>();
    int count = 0;
    for (int row = 0; row < items.size(); row++) {
      long id = items.externalId(row);
      if (catalog.get(id) == null) {
        count++;
        if (missing.size() < 5) {
          missing.add(id);
        }
      }
    }
    if (count > 0) {
      problems.add(count + " item mapping ids are not in item_features, e.g. " + missing);
    }
  }

  private static List<String> consistencyProblems(
      FactorMatrix uf, FactorMatrix itf, IdMapping users, IdMapping items, UserItems ui) {
    List<String> p = new ArrayList<>();
    if (uf.cols() != itf.cols()) {
      p.add("user factors have " + uf.cols() + " columns, item factors " + itf.cols());
    }
    if (uf.rows() != users.size()) {
      p.add("user factors have " + uf.rows() + " rows, user mapping " + users.size() + " ids");
    }
    if (itf.rows() != items.size()) {
      p.add("item factors have " + itf.rows() + " rows, item mapping " + items.size() + " ids");
    }
    if (ui.nUsers() != users.size() || ui.nItems() != items.size()) {
      p.add("user_items is " + ui.nUsers() + " x " + ui.nItems() + ", mappings " + users.size() + " x " + items.size());
    }
    return p;
  }
}
