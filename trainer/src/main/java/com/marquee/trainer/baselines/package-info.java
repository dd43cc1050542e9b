/**
 * The models under evaluation behind one interface, {@link Scorer} (a score for every item for one user):
 * iALS with the trained user vectors ({@link IalsScorer}) or by fold-in ({@link IalsFoldInScorer}), and the
 * baselines popularity ({@link PopularityScorer}), item-item cosine kNN ({@link ItemKnnScorer}) and EASE
 * ({@link EaseScorer}, Steck 2019). They are ranked and measured by
 * {@code com.marquee.trainer.evaluate.Evaluator}: for {@code Trainer} ({@code scripts/train.sh}: iALS,
 * popularity, item-kNN), for {@code scripts/evaluate.sh} (all of them) and for the hyperparameter search of
 * {@code com.marquee.trainer.tune}.
 */
package com.marquee.trainer.baselines;
