package com.marquee.service.model;

import java.util.function.IntPredicate;

/**
 * Top-k inner-product retrieval over the item embeddings of one model version: the seam where a
 * vector index plugs in. {@link ExactRetriever} scores every item; {@link IvfRetriever} (an
 * inverted-file index with exact re-ranking) scores a fraction of them. {@code configs/serving.yaml}
 * {@code retrieval.mode} picks one through {@link RetrieverFactory#of}; another implementation (say,
 * FAISS over {@code item_index.faiss}) plugs in through the {@link RetrieverFactory} given to {@link
 * ModelHolder}, without changes to the endpoints.
 *
 * <p>Contract: the result holds the {@code k} allowed rows with the largest inner product {@code
 * dot(query, item_row)}, by descending score, ties by ascending row (what FAISS {@code IndexFlatIP}
 * returns); fewer when fewer rows are allowed. An approximate implementation must over-fetch when
 * {@code allowed} rejects rows, and documents how close to exact it is. Implementations are
 * thread-safe: many request threads search concurrently.
 */
public interface Retriever {

  /**
   * @param query {@code float[f]} (a user vector for /recommend, an item vector for /similar)
   * @param k how many rows to return, >= 0
   * @param allowed which item rows may be returned; {@code null} allows all
   * @return at most {@code k} rows with their inner-product scores, best first
   */
  ScoredItems search(float[] query, int k, IntPredicate allowed);
}
