package com.marquee.trainer.registry;

import com.marquee.common.artifact.ModelMetadata;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The promotion rule: the first model always becomes production; a later candidate only when its
 * validation metric beats production's by at least {@code minImprovement}, relatively:
 * {@code candidate >= production * (1 + minImprovement)} (for a production value of 0, any positive
 * candidate wins). {@link #decide} applies it to a registry and {@link #move} records an operator's
 * move: the rule, every production decision, its reason and its log line in one place.
 */
public record PromotionPolicy(double minImprovement) {

  /** True when {@code candidate} should replace a production model scoring {@code production} (null = none). */
  public boolean shouldPromote(double candidate, Double production) {
    if (production == null || production.isNaN()) {
      return true;
    }
    if (Double.isNaN(candidate)) {
      return false;
    }
    if (production <= 0) {
      return candidate > production;
    }
    return candidate >= production * (1 + minImprovement);
  }

  /**
   * Applies the rule to {@code candidate} against the registry's production version, promotes the
   * candidate when it wins, and appends the decision to {@code decisions.jsonl}.
   *
   * @param model the model whose validation metric decides, e.g. {@code ials}
   * @param metric e.g. {@code ndcg@10} (read as {@code <model>/val/<metric>} of each metadata)
   * @param action the decision's {@code action}, e.g. {@code train}
   * @return the decision, with a reason that gives both numbers and whether they share a dataset
   * @throws IOException if the registry cannot be read or written
   */
  public PromotionDecision decide(ModelRegistry registry, ModelMetadata candidate, String model, String metric,
      String action) throws IOException {
    double cand = candidate.metric(model, "val", metric);
    Optional<ModelMetadata> prod = registry.productionMetadata();
    Double prodValue = prod.map(p -> p.metric(model, "val", metric)).orElse(null);
    boolean promote = shouldPromote(cand, prodValue);
    String candSha = candidate.dataset().sha256();
    String prodSha = prod.map(PromotionPolicy::sha).orElse(null);
    String reason;
    if (prod.isEmpty()) {
      reason = String.format("promoted: first model (val %s = %.5f, dataset %s)", metric, cand, shortSha(candSha));
    } else {
      boolean sameData = candSha != null && candSha.equals(prodSha);
      reason = String.format("%s: candidate val %s = %.5f vs production %s = %.5f (needs >= %.5f, +%.1f%%); %s",
          promote ? "promoted" : "kept production", metric, cand, prod.get().version(), prodValue,
          prodValue * (1 + minImprovement), 100 * minImprovement,
          sameData ? "both evaluated on dataset " + shortSha(candSha)
              : "evaluated on different validation sets (candidate dataset " + shortSha(candSha) + ", production dataset "
                  + shortSha(prodSha) + "): the rule is applied across them");
    }
    if (promote) {
      registry.promote(candidate.version());
    }
    PromotionDecision d = new PromotionDecision(Instant.now().toString(), candidate.version(), cand,
        prod.map(ModelMetadata::version).orElse(null), prodValue, model + "/val/" + metric, minImprovement,
        promote, reason, candSha, prodSha, action);
    registry.logDecision(d);
    return d;
  }

  /**
   * A production move asked for by an operator ({@code scripts/registry.sh promote|rollback}): the
   * rule is not applied; the decision (promoted, with both validation values in its reason) is logged.
   *
   * @param version the version to serve; must exist in {@code registry}
   * @param action {@code promote} or {@code rollback}
   * @throws IOException if the registry cannot be read or written
   */
  public PromotionDecision move(ModelRegistry registry, String version, String model, String metric, String action)
      throws IOException {
    ModelMetadata target = registry.metadata(version);
    Optional<ModelMetadata> before = registry.productionMetadata();
    double value = target.metric(model, "val", metric);
    Double prodValue = before.map(p -> p.metric(model, "val", metric)).orElse(null);
    registry.promote(version);
    String reason = String.format("%s by registry CLI: production %s -> %s (val %s %.5f -> %.5f)",
        action.equals("rollback") ? "rolled back" : "promoted", before.map(ModelMetadata::version).orElse("(none)"),
        version, metric, prodValue == null ? Double.NaN : prodValue, value);
    PromotionDecision d = new PromotionDecision(Instant.now().toString(), version, value,
        before.map(ModelMetadata::version).orElse(null), prodValue, model + "/val/" + metric, minImprovement, true,
        reason, sha(target), before.map(PromotionPolicy::sha).orElse(null), action);
    registry.logDecision(d);
    return d;
  }

  private static String sha(ModelMetadata m) {
    return m.dataset() == null ? null : m.dataset().sha256();
  }

  /** The first 12 hex digits of a SHA-256 (or "unknown"). */
  static String shortSha(String sha) {
    return sha == null ? "unknown" : sha.substring(0, Math.min(12, sha.length()));
  }
}
