package com.marquee.pipelines.retrain;

import com.marquee.common.artifact.Json;
import com.marquee.common.domain.CatalogItem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.sqlite.SQLiteConfig;

/**
 * The catalog changes of the server ({@code PUT}/{@code DELETE /admin/items/{movie_id}}, table {@code
 * catalog_changes} of the request log database) for the data set a retrain trains on.
 *
 * <p>Every movie with a stored PUT goes into the merged {@code movies.csv} with its latest content
 * ({@link #writeMovies}: a row of the base file is replaced, a new movie is appended; title written as
 * {@code "Title (year)"}, genres joined by {@code |}), and its PUT tags into {@code tags.csv} ({@link
 * #writeTags}, user id 0, so the content mapping of the next model sees them). Hidden movies (latest
 * change a DELETE) stay in the training data: their history is kept, and the server re-applies its hide
 * list over every model it loads, so they stay out of every answer after the reload. A database
 * created before the table existed has no changes.
 *
 * @param maxChangeId largest {@code change_id} read (0 for none)
 * @param changes rows read
 * @param items latest content of every movie with a PUT, in first-PUT order
 * @param hidden movies whose latest change is a DELETE
 */
public record CatalogRows(long maxChangeId, int changes, SequencedMap<Long, CatalogItem> items, Set<Long> hidden) {

  /** Reads {@code db}'s {@code catalog_changes} (read-only connection). @throws IOException if unreadable */
  public static CatalogRows read(Path db) throws IOException {
    SQLiteConfig c = new SQLiteConfig();
    c.setReadOnly(true);
    c.setBusyTimeout(10_000);
    LinkedHashMap<Long, CatalogItem> items = new LinkedHashMap<>();
    Set<Long> hidden = new LinkedHashSet<>();
    long max = 0;
    int n = 0;
    try (Connection conn = c.createConnection("jdbc:sqlite:" + db); Statement s = conn.createStatement()) {
      try (ResultSet t = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'catalog_changes'")) {
        if (!t.next()) {
          return new CatalogRows(0, 0, items, hidden);
        }
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT change_id, movie_id, action, payload FROM catalog_changes ORDER BY change_id")) {
        while (rs.next()) {
          n++;
          max = rs.getLong(1);
          long movieId = rs.getLong(2);
          if ("put".equals(rs.getString(3))) {
            items.put(movieId, Json.MAPPER.readValue(rs.getString(4), CatalogItem.class));
            hidden.remove(movieId);
          } else {
            hidden.add(movieId);
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot read catalog_changes from " + db + ": " + e.getMessage(), e);
    }
    return new CatalogRows(max, n, items, hidden);
  }

  /**
   * Writes {@code base} with the PUT movies applied to {@code out} (header and column order of the
   * base file, which must have {@code movieId,title,genres}; rows re-encoded by Commons CSV with
   * {@code \n} line ends; a byte-for-byte copy when there are no PUTs).
   *
   * @return how many rows were replaced and appended, {@code {replaced, appended}}
   */
  public int[] writeMovies(Path base, Path out) throws IOException {
    if (items.isEmpty()) {
      Files.copy(base, out); // byte for byte: no change, no re-encoding
      return new int[] {0, 0};
    }
    CSVFormat in = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    Map<Long, CatalogItem> left = new LinkedHashMap<>(items);
    int replaced = 0;
    try (Reader r = Files.newBufferedReader(base, StandardCharsets.UTF_8);
        var parser = in.parse(r);
        BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
      p.printRecord(parser.getHeaderNames());
      for (CSVRecord rec : parser) {
        long id = Long.parseLong(rec.get("movieId").strip());
        CatalogItem item = left.remove(id);
        if (item == null) {
          p.printRecord(rec.values());
        } else {
          p.printRecord(row(parser.getHeaderNames(), rec, id, item));
          replaced++;
        }
      }
      for (Map.Entry<Long, CatalogItem> e : left.entrySet()) {
        p.printRecord(row(parser.getHeaderNames(), null, e.getKey(), e.getValue()));
      }
    }
    return new int[] {replaced, left.size()};
  }

  private static Object[] row(java.util.List<String> header, CSVRecord rec, long id, CatalogItem item) {
    Object[] out = new Object[header.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (header.get(i)) {
        case "movieId" -> Long.toString(id);
        case "title" -> item.year() == null ? item.title() : item.title() + " (" + item.year() + ")";
        case "genres" -> item.genres().isEmpty() ? "(no genres listed)" : String.join("|", item.genres());
        default -> rec == null ? "" : rec.get(i);
      };
    }
    return out;
  }

  /**
   * Writes {@code base} ({@code tags.csv}, may be absent: then a new file with the ml-latest header)
   * followed by one row {@code 0,movieId,tag,timestamp} per PUT tag to {@code out}.
   *
   * @param timestamp epoch seconds written on the appended rows
   * @return rows appended
   */
  public int writeTags(Path base, Path out, long timestamp) throws IOException {
    int appended = 0;
    if (Files.isRegularFile(base)) {
      Files.copy(base, out);
    } else {
      Files.writeString(out, "userId,movieId,tag,timestamp\n");
    }
    boolean newline = endsWithNewline(out);
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
      if (!newline) {
        w.write('\n');
      }
      for (Map.Entry<Long, CatalogItem> e : items.entrySet()) {
        for (String tag : e.getValue().tags()) {
          p.printRecord("0", Long.toString(e.getKey()), tag, Long.toString(timestamp));
          appended++;
        }
      }
    }
    return appended;
  }

  /** True when {@code file} is empty or its last byte is a newline. */
  private static boolean endsWithNewline(Path file) throws IOException {
    try (var ch = Files.newByteChannel(file)) {
      if (ch.size() == 0) {
        return true;
      }
      ch.position(ch.size() - 1);
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      ch.read(last);
      return last.get(0) == '\n';
    }
  }
}
