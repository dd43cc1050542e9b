package com.marquee.pipelines.requestlog;

import java.util.List;

/**
 * The text of a {@code SELECT} statement for {@code JdbcIO.read().withQuery}, one column per line.
 *
 * <p>Why the layout matters: Beam 2.70.0's {@code JdbcUtil.extractTableFromReadQuery} (called by
 * {@code JdbcIO.ReadFn} for lineage on every connection) prints the schema name of a query it can
 * parse to {@code System.out}, a stray debugging {@code println} that shows up as a bare {@code null}
 * on the standard output of {@code scripts/kpis.sh} and {@code scripts/replay.sh}. Its pattern is
 * {@code SELECT\s+.+?\s+FROM\s+...} without {@code DOTALL}, so a column list that spans lines does
 * not match: nothing is printed (lineage is not reported for SQLite URLs anyway, the same class
 * cannot parse them). The SQL is the same statement for the database.
 */
public final class SelectStatement {

  private SelectStatement() {}

  /**
   * {@code SELECT\n  c1,\n  c2 ...\nFROM rest}.
   *
   * @param columns the select list, at least two entries (a single column would fit on one line)
   * @param rest what follows {@code FROM}: the table and any {@code WHERE} clause
   * @throws IllegalArgumentException with fewer than two columns
   */
  public static String of(List<String> columns, String rest) {
    if (columns.size() < 2) {
      throw new IllegalArgumentException("a select list of at least two columns is needed, got " + columns);
    }
    return "SELECT\n  " + String.join(",\n  ", columns) + "\nFROM " + rest;
  }
}
