/**
 * Fitting common's content mapping ({@code com.marquee.common.content}) to a trained iALS model:
 * {@link ContentModels} builds the featurizer from the catalog and tags, regresses the item factors of
 * the items with interactions on their features, and embeds the items without interactions. Used by
 * the trainer (every movie of the catalog nobody rated positively) and by the item-holdout protocol of
 * {@code scripts/evaluate.sh} ({@code com.marquee.trainer.evaluate}).
 */
package com.marquee.trainer.content;
