package com.marquee.pipelines.requestlog;

import com.marquee.common.movielens.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * Where the request log lives and which optional columns it has. The pipelines read it through
 * {@link JdbcIO} with this JDBC URL, so another database with the same tables works the same way
 * (given its driver on the classpath).
 *
 * @param jdbcUrl e.g. {@code jdbc:sqlite:/path/requests.db}
 * @param driverClass JDBC driver class name
 */
public record RequestLogDb(String jdbcUrl, String driverClass) {

  /** The SQLite database file {@code file}, which must exist (SQLite would otherwise create it). */
  public static RequestLogDb sqlite(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("request log " + file + " not found (start the server, or pass --db)");
    }
    return new RequestLogDb("jdbc:sqlite:" + file.toAbsolutePath(), "org.sqlite.JDBC");
  }

  /** The JdbcIO data source configuration. */
  public JdbcIO.DataSourceConfiguration dataSource() {
    return JdbcIO.DataSourceConfiguration.create(driverClass, jdbcUrl);
  }

  /**
   * The lower-case column names of {@code table}.
   *
   * @throws InvalidInputException if the table does not exist or the database cannot be read
   */
  public Set<String> columns(String table) {
    try {
      Class.forName(driverClass);
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
        ResultSetMetaData md = rs.getMetaData();
        Set<String> out = new HashSet<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          out.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
        }
        return out;
      }
    } catch (SQLException | ClassNotFoundException e) {
      throw new InvalidInputException("cannot read table " + table + " of " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code request_logs} has the optional A/B {@code variant} column. */
  public boolean hasVariantColumn() {
    return columns("request_logs").contains("variant");
  }
}
