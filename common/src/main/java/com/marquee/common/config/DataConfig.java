package com.marquee.common.config;

import java.nio.file.Path;

/**
 * Typed form of {@code configs/data.yaml}: where the raw MovieLens data is, where the offline stages
 * write, and the parameters of preprocess, split and features. Every key is documented in the YAML
 * file itself.
 *
 * <p>Each nested record validates its values in its compact constructor and throws {@link
 * IllegalArgumentException} with a message naming the key; {@link ConfigLoader} turns that into a
 * {@link ConfigException} naming the file.
 *
 * @param input the raw MovieLens directory and its layout
 * @param output the directories the offline stages write to
 * @param implicit how explicit ratings become implicit feedback
 * @param filter the minimum-interactions filter
 * @param split the global time split fractions
 * @param popularity popularity/trending parameters
 */
public record DataConfig(
    Input input, Output output, Implicit implicit, Filter filter, Split split, Popularity popularity) {

  public DataConfig {
    requireSection(input, "input");
    requireSection(output, "output");
    requireSection(implicit, "implicit");
    requireSection(filter, "filter");
    requireSection(split, "split");
    requireSection(popularity, "popularity");
  }

  /**
   * Loads {@code file} with environment overrides ({@code MARQUEE_INPUT_DIR}, ...).
   *
   * @throws ConfigException if the file is unreadable, a key is unknown or missing, or a value is
   *     invalid; the message names the file and the key
   */
  public static DataConfig load(Path file) {
    return ConfigLoader.load(file, DataConfig.class);
  }

  /** This config with {@code input.dir} replaced (the {@code --data} flag). */
  public DataConfig withInputDir(String dir) {
    return new DataConfig(new Input(dir, input.format()), output, implicit, filter, split, popularity);
  }

  /** This config with {@code input.format} replaced (the {@code --format} flag). */
  public DataConfig withInputFormat(MovieLensFormat format) {
    return new DataConfig(new Input(input.dir(), format), output, implicit, filter, split, popularity);
  }

  /**
   * @param dir the raw MovieLens directory; a relative path resolves against the current directory
   * @param format the layout, or {@link MovieLensFormat#AUTO} to detect it from the files present
   */
  public record Input(String dir, MovieLensFormat format) {
    public Input {
      requireNonBlank(dir, "input.dir");
      if (format == null) {
        throw new IllegalArgumentException("input.format must be set (auto|ml-latest|ml-100k|ml-1m)");
      }
    }
  }

  /**
   * @param processedDir where interactions.csv, rejects.csv and the splits go; a relative path
   *     resolves against the work directory
   * @param featuresDir where item_features.csv and popularity.csv go; relative to the work directory
   */
  public record Output(String processedDir, String featuresDir) {
    public Output {
      requireNonBlank(processedDir, "output.processed_dir");
      requireNonBlank(featuresDir, "output.features_dir");
    }
  }

  /**
   * @param minRating a rating is positive implicit feedback when {@code rating >= minRating}
   *     (stars, 0..5; 0 or 0.5 keeps every rating)
   * @param weight how the kept rating becomes the weight r_ui
   */
  public record Implicit(double minRating, WeightScheme weight) {
    public Implicit {
      if (!(minRating >= 0.0 && minRating <= 5.0)) {
        throw new IllegalArgumentException("implicit.min_rating must be in [0, 5], got " + minRating);
      }
      if (weight == null) {
        throw new IllegalArgumentException("implicit.weight must be binary|rating");
      }
    }
  }

  /**
   * One pass, items first then users: movies with fewer than {@code minItemInteractions}
   * interactions are dropped, then users with fewer than {@code minUserInteractions} of the
   * remaining interactions. Not iterated to a fixed point, so a movie may end below its threshold
   * after the user pass. 0 or 1 disables a threshold.
   */
  public record Filter(int minUserInteractions, int minItemInteractions) {
    public Filter {
      if (minUserInteractions < 0) {
        throw new IllegalArgumentException(
            "filter.min_user_interactions must be >= 0, got " + minUserInteractions);
      }
      if (minItemInteractions < 0) {
        throw new IllegalArgumentException(
            "filter.min_item_interactions must be >= 0, got " + minItemInteractions);
      }
    }
  }

  /**
   * Fractions of the interactions (ordered by timestamp) that go to train, validation and test.
   * Each is in [0, 1], train is {@code > 0} and they sum to 1 (within 1e-9).
   */
  public record Split(double train, double val, double test) {
    public Split {
      requireFraction(train, "split.train");
      requireFraction(val, "split.val");
      requireFraction(test, "split.test");
      if (train <= 0.0) {
        throw new IllegalArgumentException("split.train must be > 0, got " + train);
      }
      if (Math.abs(train + val + test - 1.0) > 1e-9) {
        throw new IllegalArgumentException(
            "split.train + split.val + split.test must be 1.0, got " + (train + val + test));
      }
    }
  }

  /**
   * @param trendingHalfLifeDays half-life of the trending score's exponential decay, in days
   *     ({@code > 0})
   */
  public record Popularity(double trendingHalfLifeDays) {
    public Popularity {
      if (!(trendingHalfLifeDays > 0.0) || Double.isInfinite(trendingHalfLifeDays)) {
        throw new IllegalArgumentException(
            "popularity.trending_half_life_days must be a positive number, got " + trendingHalfLifeDays);
      }
    }

    /** The half-life in seconds. */
    public double halfLifeSeconds() {
      return trendingHalfLifeDays * 86_400.0;
    }
  }

  private static void requireSection(Object section, String key) {
    if (section == null) {
      throw new IllegalArgumentException(key + ": section is missing");
    }
  }

  private static void requireNonBlank(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must be a non-empty path");
    }
  }

  private static void requireFraction(double value, String key) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(key + " must be in [0, 1], got " + value);
    }
  }
}
