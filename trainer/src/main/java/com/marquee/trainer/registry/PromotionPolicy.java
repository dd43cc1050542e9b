package com.marquee.trainer.registry;

import com.marquee.common.artifact.ModelMetadata;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The promotion rule: the first model always becomes production; a later candidate only when its
 * validation metric beats production's by at least {@code minImprovement}, relatively:
 * {@code candidate >= production * (1 + minImprovement)} (for a production value of 0, any positive
 * candidate wins). {@link #decide} applies it to a registry: the rule, the decision, its reason and
 * its log line in one place.
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
    String prodSha = prod.map(p -> p.dataset() == null ? null : p.dataset().sha256()).orElse(null);
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

  /** The first 12 hex digits of a SHA-256 (or "unknown"). */
  static String shortSha(String sha) {
    return sha == null ? "unknown" : sha.substring(0, Math.min(12, sha.length()));
  }
}
