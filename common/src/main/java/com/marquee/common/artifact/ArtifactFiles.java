package com.marquee.common.artifact;

/** File names of a model version directory (SPEC §4). */
public final class ArtifactFiles {
  public static final String METADATA = "model_metadata.json";
  public static final String USER_EMBEDDINGS = "user_embeddings.npy";
  public static final String ITEM_EMBEDDINGS = "item_embeddings.npy";
  public static final String USER_MAPPING = "user_mapping.json";
  public static final String ITEM_MAPPING = "item_mapping.json";
  public static final String ITEM_FEATURES = "item_features.json";
  public static final String ITEM_INDEX = "item_index.faiss";
  public static final String USER_ITEMS = "user_items.bin";
  public static final String POPULARITY = "popularity.json";
  /** The effective trainer config, copied into every version (optional: not in {@link #ALL}). */
  public static final String TRAINING_CONFIG = "training_config.yaml";
  /** The effective data config of the stages that produced the splits (full pipeline only; optional). */
  public static final String DATA_CONFIG = "data_config.yaml";

  /** The content featurizer's vocabulary and parameters ({@code common.content.ContentFeatures}; optional). */
  public static final String CONTENT_FEATURES = "content_features.json";
  /** The content-to-factor mapping W, float32 {@code (nFeatures, factors)} ({@code ContentMapping}; optional). */
  public static final String CONTENT_MAPPING = "content_mapping.npy";
  /** {@code {"movie_ids": [...]}}: items whose embeddings came from the content mapping (optional). */
  public static final String COLD_START_ITEMS = "cold_start_items.json";

  /** Every file a complete model version holds; a directory missing one is rejected. */
  public static final java.util.List<String> ALL =
      java.util.List.of(
          METADATA, USER_EMBEDDINGS, ITEM_EMBEDDINGS, USER_MAPPING, ITEM_MAPPING, ITEM_FEATURES,
          ITEM_INDEX, USER_ITEMS, POPULARITY);

  private ArtifactFiles() {}
}
