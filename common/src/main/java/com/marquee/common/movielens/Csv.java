package com.marquee.common.movielens;

import org.apache.commons.csv.CSVFormat;

/** Formatting of output CSV lines with commons-csv: RFC 4180, fields quoted only where needed. */
public final class Csv {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

  private Csv() {}

  /** The fields as one CSV line without a line terminator; {@code null} becomes an empty field. */
  public static String line(Object... fields) {
    return FORMAT.format(fields);
  }
}
