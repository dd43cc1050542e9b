package com.marquee.service;

import com.marquee.common.artifact.ArtifactFiles;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A tiny hand-made model (5 users x 8 items x 4 factors) whose rankings are known exactly, written
 * with common's writers.
 *
 * <pre>
 * item row: movie id  factors                year  genres            first factor rank
 *   0        11       (0.5, 0.1, 0,   0  )   1995  Comedy|Animation  5th
 *   1        22       (0.9, 0,   0.2, 0  )   1999  Action            1st
 *   2        33       (0.1, 0.6, 0,   0.3)   2001  Drama             8th
 *   3        44       (0.7, 0.2, 0,   0  )   1994  Comedy            3rd
 *   4        55       (0.3, 0,   0.5, 0  )   -     Comedy|Drama      6th
 *   5        66       (0.8, 0,   0,   0.4)   2010  Action|Sci-Fi     2nd
 *   6        77       (0.2, 0,   0,   0.9)   1980  Horror            7th
 *   7        88       (0.6, 0.3, 0.1, 0  )   2005  Drama|Romance     4th
 * </pre>
 *
 * Users 1..5 (rows 0..4) have unit vectors e1, e2, e3, e4 and (0.5, 0.5, 0, 0). User 1 has seen
 * movies 22 and 44, so with {@code exclude_seen} it ranks 66, 88, 11, 55, 77, 33. Popularity:
 * 44 (1.0), 11 (0.8), 88 (0.6), 55 (0.4), 22 (0.2). The FAISS index file is a real flat index
 * of the item factors ({@link #writeIndex}): the service does not search it (exact retrieval) but
 * checks its header against the embeddings at load.
 */
public final class TestModel {

  public static final long[] MOVIE_IDS = {11, 22, 33, 44, 55, 66, 77, 88};
  public static final long[] USER_IDS = {1, 2, 3, 4, 5};

  private static final float[] ITEMS = {
      0.5f, 0.1f, 0f, 0f,
      0.9f, 0f, 0.2f, 0f,
      0.1f, 0.6f, 0f, 0.3f,
      0.7f, 0.2f, 0f, 0f,
      0.3f, 0f, 0.5f, 0f,
      0.8f, 0f, 0f, 0.4f,
      0.2f, 0f, 0f, 0.9f,
      0.6f, 0.3f, 0.1f, 0f};

  private static final float[] USERS = {
      1f, 0f, 0f, 0f,
      0f, 1f, 0f, 0f,
      0f, 0f, 1f, 0f,
      0f, 0f, 0f, 1f,
      0.5f, 0.5f, 0f, 0f};

  private TestModel() {}

  /** The artifacts of version {@code version}. */
  public static ModelArtifacts artifacts(String version) {
    List<Movie> movies = List.of(
        new Movie(11, "Alpha", 1995, List.of("Comedy", "Animation")),
        new Movie(22, "Bravo", 1999, List.of("Action")),
        new Movie(33, "Charlie", 2001, List.of("Drama")),
        new Movie(44, "Delta", 1994, List.of("Comedy")),
        new Movie(55, "Echo", null, List.of("Comedy", "Drama")),
        new Movie(66, "Foxtrot", 2010, List.of("Action", "Sci-Fi")),
        new Movie(77, "Golf", 1980, List.of("Horror")),
        new Movie(88, "Hotel", 2005, List.of("Drama", "Romance")));
    // Seen items by user row, as item rows (ascending): u1 {22, 44}, u2 {33}, u3 {}, u4 {77}, u5 {11, 88}.
    int[] indptr = {0, 2, 3, 3, 4, 6};
    int[] indices = {1, 3, 2, 6, 0, 7};
    float[] weights = {1f, 1f, 1f, 1f, 1f, 1f};
    PopularItem p44 = new PopularItem(44, 5, 1.0);
    PopularItem p11 = new PopularItem(11, 4, 0.8);
    PopularItem p88 = new PopularItem(88, 3, 0.6);
    PopularItem p55 = new PopularItem(55, 2, 0.4);
    PopularItem p22 = new PopularItem(22, 1, 0.2);
    PopularityRanking popularity = new PopularityRanking(
        List.of(p44, p11, p88, p55, p22),
        Map.of("Comedy", List.of(p44, p11, p55), "Drama", List.of(p88, p55), "Action", List.of(p22),
            "Animation", List.of(p11), "Romance", List.of(p88)));
    ModelMetadata meta = new ModelMetadata(version, "2026-11-22T12:00:00Z",
        new ModelMetadata.DatasetInfo("test", "0".repeat(64), Map.of(), Map.of("users", 5L, "items", 8L)),
        Map.of("factors", 4), Map.of(), List.of(), null, null);
    return new ModelArtifacts(meta,
        new FactorMatrix(5, 4, USERS.clone()),
        new FactorMatrix(8, 4, ITEMS.clone()),
        IdMapping.of(USER_IDS),
        IdMapping.of(MOVIE_IDS),
        ItemCatalog.of(movies),
        new UserItems(8, indptr, indices, weights),
        popularity);
  }

  /** Writes version {@code version} into {@code dir}, with its FAISS index ({@link #writeIndex}). */
  public static Path write(Path dir, String version) throws IOException {
    ModelArtifacts a = artifacts(version);
    a.write(dir);
    writeIndex(dir, a.itemFactors());
    return dir;
  }

  /**
   * Writes {@code item_index.faiss} into {@code dir}: a real FAISS flat inner-product index of
   * {@code items}, as the trainer writes it. The service does not search it, but checks at load that
   * it holds as many vectors of the same dimension as the embeddings.
   */
  public static void writeIndex(Path dir, com.marquee.common.artifact.FactorMatrix items) {
    try (com.marquee.trainer.index.FaissVectorIndex idx =
        com.marquee.trainer.index.FaissVectorIndex.build(items.data(), items.rows(), items.cols(), "Flat")) {
      idx.write(dir.resolve(ArtifactFiles.ITEM_INDEX));
    }
  }
}
