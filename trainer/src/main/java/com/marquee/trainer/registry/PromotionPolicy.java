package com.marquee.trainer.registry;

/**
 * The promotion rule: the first model always becomes production; a later candidate only when its
 * validation metric beats production's by at least {@code minImprovement}, relatively:
 * {@code candidate >= production * (1 + minImprovement)} (for a production value of 0, any positive
 * candidate wins).
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
}
