package com.marquee.trainer.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyperparameters pinned on the command line; null = not given. A pinned value is used as is; an
 * unpinned one comes from configs/training.yaml (iALS, item-kNN) or is tuned on validation (EASE's
 * lambda always, the others with {@code --tune}).
 *
 * @param variant iALS objective, {@code hu} or {@code rendle}
 * @param factors iALS latent factors
 * @param alpha iALS (hu) confidence scale
 * @param alpha0 iALS (rendle) unobserved weight
 * @param regExponent iALS (rendle) frequency exponent of the regularization
 * @param regularization iALS L2 weight
 * @param iterations iALS sweeps
 * @param neighbors item-kNN neighbours per item
 * @param lambda EASE L2 weight
 * @param rp3Alpha RP3beta exponent of the transition probabilities
 * @param rp3Beta RP3beta exponent of the popularity penalty
 */
public record Hyperparameters(
    String variant, Integer factors, Double alpha, Double alpha0, Double regExponent, Double regularization,
    Integer iterations, Integer neighbors, Double lambda, Double rp3Alpha, Double rp3Beta) {

  /** Nothing pinned. */
  public static final Hyperparameters NONE = new Hyperparameters(null, null, null, null, null, null, null, null, null, null,
      null);

  public Hyperparameters {
    if (variant != null && !variant.equals("hu") && !variant.equals("rendle")) {
      throw new IllegalArgumentException("--variant must be hu or rendle, got " + variant);
    }
  }

  /** The pinned values by their snake_case config key ({@code reg_exponent}, ...), nulls left out. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "variant", variant);
    put(m, "factors", factors);
    put(m, "alpha", alpha);
    put(m, "alpha0", alpha0);
    put(m, "reg_exponent", regExponent);
    put(m, "regularization", regularization);
    put(m, "iterations", iterations);
    put(m, "neighbors", neighbors);
    put(m, "lambda", lambda);
    put(m, "rp3_alpha", rp3Alpha);
    put(m, "rp3_beta", rp3Beta);
    return m;
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
