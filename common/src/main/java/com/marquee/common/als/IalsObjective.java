package com.marquee.common.als;

import java.util.Locale;
import java.util.Map;

/**
 * The weighted least-squares objective an iALS sweep minimises, in one general form that covers both
 * formulations the trainer offers. For a user u with observed items {@code I_u} (implicit weights
 * {@code w_ui > 0}) and scores {@code s_ui = x_u . y_i}:
 *
 * <pre>
 *   L_u = a0 * sum_{all i} s_ui^2 + sum_{i in I_u} (e(w_ui) s_ui^2 - 2 beta(w_ui) s_ui + beta(w_ui))
 *         + lambda_u |x_u|^2
 * </pre>
 *
 * so the row's normal equations are {@code (a0 Y^T Y + sum_{I_u} e_i y_i y_i^T + lambda_u I) x_u =
 * sum_{I_u} beta_i y_i} (items are solved the same way with users and items swapped).
 *
 * <ul>
 *   <li>{@link Variant#HU} (Hu, Koren, Volinsky, ICDM 2008, eq. 3): confidence {@code c = 1 + alpha w};
 *       {@code a0 = 1}, {@code e = alpha w}, {@code beta = 1 + alpha w} (so an observed pair costs
 *       {@code c (1 - s)^2}, an unobserved one {@code s^2}); {@code lambda_u = lambda}.
 *   <li>{@link Variant#RENDLE} (Rendle, Krichene, Zhang, Koren, "Revisiting the Performance of iALS on
 *       Item Recommendation Benchmarks", RecSys 2022, §2.2 eq. 1 and §3.1): every pair is pushed
 *       towards 0 with weight {@code alpha0} and an observed pair towards 1 with weight {@code w} (1 for
 *       binary data): {@code a0 = alpha0}, {@code e = w}, {@code beta = w}; the regularization is scaled
 *       by frequency, {@code lambda_u = lambda (|I_u| + alpha0 |I|)^nu}, with {@code nu} =
 *       {@code regExponent} (the paper uses {@code nu = 1}; {@code nu = 0} gives a constant lambda).
 * </ul>
 *
 * @param variant which formulation
 * @param regularization lambda ({@code >= 0})
 * @param alpha confidence scale of {@link Variant#HU} ({@code >= 0}; ignored by RENDLE)
 * @param alpha0 unobserved weight of {@link Variant#RENDLE} ({@code > 0}; ignored by HU)
 * @param regExponent nu of {@link Variant#RENDLE} ({@code >= 0}; ignored by HU)
 */
public record IalsObjective(Variant variant, double regularization, double alpha, double alpha0, double regExponent) {

  /** The formulation; see the class comment. */
  public enum Variant {
    HU,
    RENDLE;

    /** The lower-case name used in configs and model metadata ({@code hu}, {@code rendle}). */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException unless {@code name} is {@code hu} or {@code rendle} (any case)
     */
    public static Variant parse(String name) {
      for (Variant v : values()) {
        if (v.configName().equalsIgnoreCase(name)) {
          return v;
        }
      }
      throw new IllegalArgumentException("iALS variant must be hu or rendle, got " + name);
    }
  }

  /** @throws IllegalArgumentException on an out-of-range parameter */
  public IalsObjective {
    if (variant == null) {
      throw new IllegalArgumentException("iALS variant must be hu or rendle");
    }
    if (!(regularization >= 0) || !(alpha >= 0) || !(regExponent >= 0)) {
      throw new IllegalArgumentException("regularization, alpha and reg_exponent must be >= 0, got "
          + regularization + ", " + alpha + ", " + regExponent);
    }
    if (variant == Variant.RENDLE && !(alpha0 > 0)) {
      throw new IllegalArgumentException("alpha0 must be > 0 for the rendle variant, got " + alpha0);
    }
  }

  /** Hu et al. (2008): {@code c = 1 + alpha w}, constant {@code lambda}. */
  public static IalsObjective hu(double regularization, double alpha) {
    return new IalsObjective(Variant.HU, regularization, alpha, 1.0, 0.0);
  }

  /** Rendle et al. (2022): unobserved weight {@code alpha0}, {@code lambda (|I_u| + alpha0 |I|)^nu}. */
  public static IalsObjective rendle(double regularization, double alpha0, double regExponent) {
    return new IalsObjective(Variant.RENDLE, regularization, 0.0, alpha0, regExponent);
  }

  /** Values {@link #fromHyperparameters} assumes for absent keys: the configs/training.yaml defaults. */
  public static final double DEFAULT_REGULARIZATION = 10.0, DEFAULT_ALPHA = 1.0, DEFAULT_ALPHA0 = 1.0,
      DEFAULT_REG_EXPONENT = 1.0;

  /**
   * The objective recorded in a model's {@code model_metadata.json} {@code hyperparameters} (keys
   * {@code variant}, {@code regularization}, {@code alpha}, {@code alpha0}, {@code reg_exponent}, as
   * written by {@link #putHyperparameters}); absent keys take the {@code DEFAULT_*} values and an
   * absent variant is {@code hu} (models written before the variant existed).
   *
   * @throws IllegalArgumentException if a present value is not a number / not a known variant, or out of range
   */
  public static IalsObjective fromHyperparameters(Map<String, ?> hp) {
    Object v = hp == null ? null : hp.get("variant");
    Variant variant = v == null ? Variant.HU : Variant.parse(v.toString());
    return new IalsObjective(variant, number(hp, "regularization", DEFAULT_REGULARIZATION),
        number(hp, "alpha", DEFAULT_ALPHA), number(hp, "alpha0", DEFAULT_ALPHA0),
        number(hp, "reg_exponent", DEFAULT_REG_EXPONENT));
  }

  /** Writes this objective's keys into {@code hp} (the inverse of {@link #fromHyperparameters}). */
  public void putHyperparameters(Map<String, Object> hp) {
    hp.put("variant", variant.configName());
    hp.put("regularization", regularization);
    hp.put("alpha", alpha);
    hp.put("alpha0", alpha0);
    hp.put("reg_exponent", regExponent);
  }

  private static double number(Map<String, ?> hp, String key, double dflt) {
    Object v = hp == null ? null : hp.get(key);
    if (v instanceof Number x) {
      return x.doubleValue();
    }
    if (v instanceof String x) {
      try {
        return Double.parseDouble(x.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("hyperparameters." + key + " is not a number: " + x);
      }
    }
    return dflt;
  }

  /** {@code a0}: the weight of the Gramian term (every pair pushed towards 0). */
  public double unobservedWeight() {
    return variant == Variant.HU ? 1.0 : alpha0;
  }

  /** {@code beta(w) = betaConstant + betaSlope * w}: weight of an observed pair's target. */
  public float betaConstant() {
    return variant == Variant.HU ? 1f : 0f;
  }

  /** See {@link #betaConstant()}. */
  public float betaSlope() {
    return variant == Variant.HU ? (float) alpha : 1f;
  }

  /** {@code e(w) = eSlope * w}: weight an observed pair adds to the Gramian term. */
  public float extraSlope() {
    return variant == Variant.HU ? (float) alpha : 1f;
  }

  /**
   * {@code lambda_u} of a row with {@code observed} entries when the other side has {@code otherRows}
   * rows: {@code lambda} (HU) or {@code lambda (observed + alpha0 otherRows)^nu} (RENDLE).
   */
  public double rowRegularization(int observed, int otherRows) {
    if (variant == Variant.HU || regExponent == 0) {
      return regularization;
    }
    return regularization * Math.pow(observed + alpha0 * otherRows, regExponent);
  }
}
