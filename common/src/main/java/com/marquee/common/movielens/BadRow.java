package com.marquee.common.movielens;

/** A raw row is invalid; the message is the reject reason. Carries no stack trace. */
final class BadRow extends Exception {
  private static final long serialVersionUID = 1L;

  BadRow(String reason) {
    super(reason, null, false, false);
  }

  static long nonNegativeLong(String field, String value) throws BadRow {
    try {
      long v = Long.parseLong(value.strip());
      if (v < 0) {
        throw new BadRow(field + " " + v + " is negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadRow(field + " '" + value + "' is not an integer");
    }
  }

  static void expectFields(MovieLensCsv.Row row, int expected) throws BadRow {
    if (row.size() != expected) {
      throw new BadRow("expected " + expected + " fields, got " + row.size());
    }
  }
}
