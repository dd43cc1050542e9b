package com.marquee.common.domain;

/**
 * One implicit-feedback event: user {@code userId} interacted with movie {@code movieId}.
 *
 * <p>This is the row of {@code data/processed/interactions.csv} and of the train/val/test splits
 * (SPEC §3): {@code user_id,movie_id,rating,weight,timestamp}.
 *
 * @param userId external MovieLens user id
 * @param movieId external MovieLens movie id
 * @param rating the explicit rating the implicit event was derived from (0.5..5 stars; 0 when the
 *     source had none, e.g. a click logged by the service)
 * @param weight implicit-feedback weight r_ui in Hu, Koren, Volinsky (2008) §2; the trainer turns it
 *     into the confidence weight c_ui = 1 + alpha * r_ui. Always {@code > 0}.
 * @param timestamp seconds since the Unix epoch (UTC)
 */
public record Interaction(long userId, long movieId, float rating, float weight, long timestamp) {

  /** CSV header of the interactions files, in column order. */
  public static final String CSV_HEADER = "user_id,movie_id,rating,weight,timestamp";

  /** Formats this interaction as one CSV line (no line terminator) matching {@link #CSV_HEADER}. */
  public String toCsv() {
    return userId + "," + movieId + "," + rating + "," + weight + "," + timestamp;
  }

  /**
   * Parses one line written by {@link #toCsv()}.
   *
   * @throws IllegalArgumentException if the line does not have five numeric fields
   */
  public static Interaction parseCsv(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 5) {
      throw new IllegalArgumentException("expected 5 fields, got " + f.length + ": " + line);
    }
    try {
      return new Interaction(
          Long.parseLong(f[0].trim()),
          Long.parseLong(f[1].trim()),
          Float.parseFloat(f[2].trim()),
          Float.parseFloat(f[3].trim()),
          Long.parseLong(f[4].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("non-numeric field in: " + line, e);
    }
  }
}
