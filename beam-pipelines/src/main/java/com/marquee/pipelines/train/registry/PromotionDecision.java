package com.marquee.pipelines.train.registry;

/**
 * One promotion decision, appended as a JSON line to {@code <models>/decisions.jsonl}.
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
 */
public record PromotionDecision(
    String timestamp, String candidate, double candidateValue, String production, Double productionValue,
    String metric, double minImprovement, boolean promoted, String reason) {}
