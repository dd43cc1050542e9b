package com.marquee.trainer.registry;

/**
 * One promotion decision, appended as a JSON line to {@code <models>/decisions.jsonl}.
 *
 * <p>Each side's metric was measured on the validation split of the data set it was trained on,
 * identified by {@code candidateDatasetSha256} and {@code productionDatasetSha256}. When they
 * differ (e.g. a retrain on data with new feedback) the comparison is across validation sets: the
 * rule is applied all the same and the reason says so.
 *
 * @param timestamp ISO-8601 UTC
 * @param candidate version considered
 * @param candidateValue its validation metric
 * @param production version serving before the decision, or null when there was none
 * @param productionValue production's validation metric, or null
 * @param metric e.g. {@code ials/val/ndcg@10}
 * @param minImprovement required relative improvement, e.g. 0.01
 * @param promoted whether production now points at the candidate
 * @param reason human-readable explanation with both numbers
 * @param candidateDatasetSha256 SHA-256 of the candidate's raw inputs
 * @param productionDatasetSha256 SHA-256 of production's raw inputs, or null
 * @param action {@code train} (the trainer's promote-if-better), {@code promote} or {@code rollback}
 *     (the registry CLI); null in lines written before this field existed means {@code train}
 */
public record PromotionDecision(
    String timestamp, String candidate, double candidateValue, String production, Double productionValue,
    String metric, double minImprovement, boolean promoted, String reason, String candidateDatasetSha256,
    String productionDatasetSha256, String action) {}
