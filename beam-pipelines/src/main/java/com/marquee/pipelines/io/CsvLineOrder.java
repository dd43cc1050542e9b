package com.marquee.pipelines.io;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Orders CSV lines by their first {@code keyFields} comma-separated fields: numerically when both
 * fields are integers, else as strings; then by the whole line. Used to make output files
 * deterministic (interactions by user_id, movie_id; rejects by source, line; features by movie_id).
 */
public final class CsvLineOrder implements Comparator<CsvLineOrder.Keyed>, Serializable {
  private static final long serialVersionUID = 1L;

  private final int keyFields;

  private CsvLineOrder(int keyFields) {
    if (keyFields < 1) {
      throw new IllegalArgumentException("keyFields must be >= 1, got " + keyFields);
    }
    this.keyFields = keyFields;
  }

  /** Order by the first {@code keyFields} fields. */
  public static CsvLineOrder byFirstFields(int keyFields) {
    return new CsvLineOrder(keyFields);
  }

  /** The line with its sort key extracted once (sorting compares keys, not re-parsed lines). */
  public Keyed key(String line) {
    String[] text = new String[keyFields];
    long[] num = new long[keyFields];
    boolean[] isNum = new boolean[keyFields];
    int start = 0;
    for (int i = 0; i < keyFields; i++) {
      int end = start <= line.length() ? line.indexOf(',', start) : -1;
      String field = start > line.length() ? "" : line.substring(start, end < 0 ? line.length() : end);
      text[i] = field;
      try {
        num[i] = Long.parseLong(field);
        isNum[i] = true;
      } catch (NumberFormatException e) {
        isNum[i] = false;
      }
      start = end < 0 ? line.length() + 1 : end + 1;
    }
    return new Keyed(line, text, num, isNum);
  }

  @Override
  public int compare(Keyed a, Keyed b) {
    for (int i = 0; i < keyFields; i++) {
      int c =
          a.isNum[i] && b.isNum[i] ? Long.compare(a.num[i], b.num[i]) : a.text[i].compareTo(b.text[i]);
      if (c != 0) {
        return c;
      }
    }
    return a.line.compareTo(b.line);
  }

  /** A line and its parsed key fields. */
  public record Keyed(String line, String[] text, long[] num, boolean[] isNum) {}
}
