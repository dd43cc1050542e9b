package com.marquee.trainer.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The iALS keys {@code scripts/evaluate.sh} sets or tunes (the names of configs/training.yaml's
 * {@code model} section); every other model key comes from the config.
 *
 * @param variant {@code hu} (Hu et al. 2008) or {@code rendle} (Rendle et al. 2022)
 * @param factors latent factors
 * @param regularization lambda (rendle: scaled by {@code (|I_u| + alpha0 |I|)^reg_exponent})
 * @param alpha hu: confidence scale
 * @param alpha0 rendle: unobserved weight
 * @param regExponent rendle: frequency exponent nu of the regularization
 * @param iterations sweeps
 */
record IalsParams(
    String variant, int factors, double regularization, double alpha, double alpha0, double regExponent,
    int iterations) {

  boolean rendle() {
    return variant.equals("rendle");
  }

  IalsParams withFactors(int v) {
    return new IalsParams(variant, v, regularization, alpha, alpha0, regExponent, iterations);
  }

  IalsParams withRegularization(double v) {
    return new IalsParams(variant, factors, v, alpha, alpha0, regExponent, iterations);
  }

  IalsParams withAlpha(double v) {
    return new IalsParams(variant, factors, regularization, v, alpha0, regExponent, iterations);
  }

  IalsParams withAlpha0(double v) {
    return new IalsParams(variant, factors, regularization, alpha, v, regExponent, iterations);
  }

  /** The config keys to override, e.g. {@code model.factors -> 64}. */
  Map<String, String> overrides() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("model.variant", variant);
    o.put("model.factors", Integer.toString(factors));
    o.put("model.regularization", Double.toString(regularization));
    o.put("model.alpha", Double.toString(alpha));
    o.put("model.alpha0", Double.toString(alpha0));
    o.put("model.reg_exponent", Double.toString(regExponent));
    o.put("model.iterations", Integer.toString(iterations));
    return o;
  }

  /** The keys that matter for this variant, as reported. */
  Map<String, Object> reported() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("variant", variant);
    h.put("factors", factors);
    h.put("regularization", regularization);
    if (rendle()) {
      h.put("alpha0", alpha0);
      h.put("reg_exponent", regExponent);
    } else {
      h.put("alpha", alpha);
    }
    h.put("iterations", iterations);
    return h;
  }
}
