package com.marquee.common.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an explicit rating that passed the {@code implicit.min_rating} threshold becomes the
 * implicit-feedback weight r_ui of an {@link com.marquee.common.domain.Interaction}.
 */
public enum WeightScheme {
  /** r_ui = 1 for every kept rating. */
  BINARY("binary"),
  /** r_ui = the rating itself (0.5..5). */
  RATING("rating");

  private final String configName;

  WeightScheme(String configName) {
    this.configName = configName;
  }

  /** The name used in YAML, e.g. {@code binary}. */
  @JsonValue
  public String configName() {
    return configName;
  }

  /** The weight r_ui of a kept rating (0.5..5 stars). */
  public float weightOf(float rating) {
    return this == BINARY ? 1.0f : rating;
  }

  /**
   * Parses a config name (case-insensitive).
   *
   * @throws IllegalArgumentException if {@code name} is neither {@code binary} nor {@code rating}
   */
  @JsonCreator
  public static WeightScheme fromConfigName(String name) {
    for (WeightScheme w : values()) {
      if (w.configName.equals(name == null ? null : name.strip().toLowerCase(Locale.ROOT))) {
        return w;
      }
    }
    throw new IllegalArgumentException("implicit.weight must be binary|rating, got '" + name + "'");
  }
}
