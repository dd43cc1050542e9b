package com.marquee.pipelines.requestlog;

import com.marquee.common.movielens.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Timestamps of the request log: ISO-8601 UTC text, or (feedback only) epoch seconds. */
public final class LogTime {
  private LogTime() {}

  /**
   * Parses an ISO-8601 instant ({@code 2026-11-22T13:39:28.123Z}; an offset such as {@code +00:00}
   * is accepted too) or a number of seconds since the Unix epoch (fractions allowed).
   *
   * @return milliseconds since the Unix epoch
   * @throws InvalidInputException if {@code text} is null or neither form; {@code what} names the row
   */
  public static long parseMillis(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(what + ": missing timestamp");
    }
    String t = text.trim();
    try {
      if (t.matches("[0-9]+(\\.[0-9]+)?")) {
        return Math.round(Double.parseDouble(t) * 1000);
      }
      return java.time.OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new InvalidInputException(what + ": bad timestamp '" + text + "' (want ISO-8601 UTC)", e);
    }
  }

  /** The UTC hour containing {@code epochMillis}, as {@code 2026-11-22T13:00:00Z}. */
  public static String hour(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.HOURS).toString();
  }
}
