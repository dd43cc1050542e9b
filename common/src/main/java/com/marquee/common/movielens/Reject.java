package com.marquee.common.movielens;

/**
 * One row of a raw input file that preprocess could not use: a row of {@code rejects.csv} (SPEC §3),
 * {@code source,line,reason,raw}.
 *
 * @param source the file name, e.g. {@code ratings.csv}
 * @param line 1-based physical line number where the row starts
 * @param reason why it was rejected, e.g. {@code rating 7.0 outside [0.5, 5]}
 * @param raw the row's text as in the file, without its line terminator
 */
public record Reject(String source, long line, String reason, String raw) {

  /** CSV header of {@code rejects.csv}. */
  public static final String CSV_HEADER = "source,line,reason,raw";

  /** One CSV line (RFC 4180 quoting where needed, no terminator) matching {@link #CSV_HEADER}. */
  public String toCsv() {
    return Csv.line(source, line, reason, raw);
  }
}
