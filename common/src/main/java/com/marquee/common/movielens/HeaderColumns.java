package com.marquee.common.movielens;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Column positions of a raw file: from its header line (ml-latest, found by name, any order) or
 * fixed (ml-100k, ml-1m).
 *
 * @param fieldCount number of fields every data row must have
 * @param index position of each required column, in the order they were asked for
 */
record HeaderColumns(int fieldCount, int[] index) {

  static HeaderColumns fixed(int fieldCount, int... index) {
    return new HeaderColumns(fieldCount, index);
  }

  /**
   * Finds {@code names} (case-insensitive) in the header row.
   *
   * @throws InvalidInputException if the file is empty or a column is missing
   */
  static HeaderColumns fromHeader(MovieLensCsv.Row header, String source, String... names) {
    if (header == null) {
      throw new InvalidInputException(source + " is empty: expected a header line " + String.join(",", names));
    }
    List<String> got = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      got.add(header.get(i).strip().toLowerCase(Locale.ROOT));
    }
    int[] index = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      index[i] = got.indexOf(names[i].toLowerCase(Locale.ROOT));
      if (index[i] < 0) {
        throw new InvalidInputException(
            source + " line " + header.line() + ": header must name " + String.join(",", names)
                + ", got '" + String.join(",", header.record().toList()) + "'");
      }
    }
    return new HeaderColumns(header.size(), index);
  }
}
