package com.marquee.common.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The layout of a MovieLens directory (SPEC §3), as written in {@code input.format} of {@code
 * configs/data.yaml} and in {@code --format}.
 */
public enum MovieLensFormat {
  /** Detect the layout from the files present in the directory. */
  AUTO("auto"),
  /** {@code ratings.csv} + {@code movies.csv}: ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m. */
  ML_LATEST("ml-latest"),
  /** {@code u.data} + {@code u.item}: ml-100k. */
  ML_100K("ml-100k"),
  /** {@code ratings.dat} + {@code movies.dat}: ml-1m, ml-10m. */
  ML_1M("ml-1m");

  private final String configName;

  MovieLensFormat(String configName) {
    this.configName = configName;
  }

  /** The name used in YAML and on the command line, e.g. {@code ml-100k}. */
  @JsonValue
  public String configName() {
    return configName;
  }

  /**
   * Parses a config/CLI name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values if {@code name} is none of them
   */
  @JsonCreator
  public static MovieLensFormat fromConfigName(String name) {
    for (MovieLensFormat f : values()) {
      if (f.configName.equals(name == null ? null : name.strip().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "input.format must be one of " + names() + ", got '" + name + "'");
  }

  private static String names() {
    return Arrays.stream(values()).map(MovieLensFormat::configName).collect(Collectors.joining("|"));
  }
}
