package com.marquee.service.recommend;

import static com.marquee.common.config.ConfigChecks.require;

import java.util.List;

/**
 * The {@code similar} section.
 *
 * @param ranking how {@code POST /similar} and the {@code similar} list of {@code GET
 *     /movies/{movie_id}} rank items: {@code cosine} (cosine of the item embeddings, the default)
 *     or {@code inner_product} (dot product of the embeddings, which favours popular items)
 */
public record SimilarConfig(String ranking) {

  /** Accepted values of {@code ranking} (see {@code recommend.Similarity}). */
  public static final List<String> RANKINGS = List.of("cosine", "inner_product");

  /** The defaults of configs/serving.yaml. */
  public static final SimilarConfig DEFAULT = new SimilarConfig("cosine");

  public SimilarConfig {
    ranking = ranking == null ? "cosine" : ranking;
    require(RANKINGS.contains(ranking), "similar.ranking", "must be one of " + RANKINGS + ", got " + ranking);
  }
}
