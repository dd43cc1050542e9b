/**
 * The ranking logic behind the list endpoints, independent of HTTP ({@link Recommender}): personalized
 * {@code dot(user, item)} lists with the popularity fallback for cold start, anonymous fold-in, similar items
 * ({@link Similarity}), filters and paging ({@link ItemFilter}, {@link ListOptions}), business rules
 * ({@link ScoreRules}), MMR diversity re-ranking ({@link Mmr}) and genre intra-list diversity
 * ({@link GenreDiversity}). It works on a {@code com.marquee.service.model.ModelSnapshot}; the endpoints are
 * {@code com.marquee.service.api}.
 */
package com.marquee.service.recommend;
