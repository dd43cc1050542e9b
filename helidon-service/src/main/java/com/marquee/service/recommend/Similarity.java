package com.marquee.service.recommend;

import java.util.Arrays;
import java.util.List;

/**
 * How {@code POST /similar} (and the {@code similar} list of {@code GET /movies/{movie_id}}) ranks
 * the other items of the model for a query item: {@code similar.ranking} of configs/serving.yaml.
 */
public enum Similarity {

  /**
   * Cosine of the item embeddings, {@code dot(y_i, y_j) / (|y_i| |y_j|)} in [-1, 1]: the direction
   * of the vectors only, so a popular movie's large norm does not pull it into every list (the
   * default).
   */
  COSINE("cosine"),

  /**
   * Inner product {@code dot(y_i, y_j)} (what FAISS {@code IndexFlatIP} over {@code
   * item_embeddings.npy} returns): favours items with large norms, i.e. popular ones.
   */
  INNER_PRODUCT("inner_product");

  private final String configName;

  Similarity(String configName) {
    this.configName = configName;
  }

  /** The value of {@code similar.ranking}. */
  public String configName() {
    return configName;
  }

  /** Accepted values of {@code similar.ranking}. */
  public static List<String> configNames() {
    return Arrays.stream(values()).map(Similarity::configName).toList();
  }

  /** @throws IllegalArgumentException for a name not in {@link #configNames()} */
  public static Similarity of(String configName) {
    return Arrays.stream(values()).filter(s -> s.configName.equals(configName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown similar.ranking " + configName));
  }
}
