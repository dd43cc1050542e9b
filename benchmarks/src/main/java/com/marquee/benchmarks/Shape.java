package com.marquee.benchmarks;

import java.util.Locale;

/**
 * The size of a MovieLens release, used as a preset by the synthetic generator: users, movies and
 * ratings as published by GroupLens for that release.
 *
 * @param name preset name as given on the command line
 * @param users number of users
 * @param items number of movies
 * @param ratings number of ratings
 */
public record Shape(String name, int users, int items, long ratings) {

  public static final Shape ML_1M = new Shape("ml-1m", 6_040, 3_706, 1_000_209);
  public static final Shape ML_20M = new Shape("ml-20m", 138_493, 26_744, 20_000_263);
  public static final Shape ML_25M = new Shape("ml-25m", 162_541, 59_047, 25_000_095);

  /**
   * The preset of that name.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Shape named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "ml-1m" -> ML_1M;
      case "ml-20m" -> ML_20M;
      case "ml-25m" -> ML_25M;
      default -> throw new IllegalArgumentException("unknown shape '" + name + "' (ml-1m, ml-20m, ml-25m)");
    };
  }
}
