/**
 * The features stage as Beam: {@link FeaturesPipeline} turns the raw movies file and {@code interactions.csv}
 * into {@code item_features.csv} and {@code popularity.csv}, through {@link FeaturesTransform}, a
 * {@code PTransform} from a {@code PCollection} of interactions to item features and popularity (counts,
 * scores, trending scores, per-genre ranks). It runs last in {@code com.marquee.pipelines.OfflineStages};
 * trainer {@code com.marquee.trainer.data.FeatureFiles} reads both files into the model's
 * {@code item_features.json} and {@code popularity.json} (common {@code com.marquee.common.artifact}), the
 * served catalog and cold-start fallback.
 */
package com.marquee.pipelines.features;
