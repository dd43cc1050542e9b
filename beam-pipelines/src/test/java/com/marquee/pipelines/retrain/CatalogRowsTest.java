package com.marquee.pipelines.retrain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CatalogRows}: the server's catalog_changes folded into the retrain's movies.csv and tags.csv. */
class CatalogRowsTest {

  @TempDir Path tmp;

  @Test
  void latestPutWinsHiddenStayInTheDataAndFilesGetTheRows() throws Exception {
    Path dir = tmp;
    Path db = dir.resolve("requests.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      // the server's schema (helidon-service RequestLogSchema.CREATE_CATALOG_CHANGES)
      s.execute("CREATE TABLE catalog_changes (change_id INTEGER PRIMARY KEY AUTOINCREMENT, movie_id INTEGER NOT NULL, "
          + "action TEXT NOT NULL CHECK (action IN ('put', 'delete')), payload TEXT, timestamp TEXT NOT NULL)");
      s.execute("INSERT INTO catalog_changes (movie_id, action, payload, timestamp) VALUES "
          + "(900001, 'put', '{\"title\":\"Toy Robots\",\"year\":2026,\"genres\":[\"Animation\",\"Children\"],"
          + "\"tags\":[\"pixar\",\"robots, friendly\"]}', '2026-12-03T10:00:00.000Z'), "
          + "(1, 'put', '{\"title\":\"Toy Story, Redux\",\"year\":1995,\"genres\":[],\"tags\":[]}', "
          + "'2026-12-03T10:00:01.000Z'), "
          + "(2, 'delete', NULL, '2026-12-03T10:00:02.000Z'), "
          + "(900002, 'put', '{\"title\":\"Old\",\"year\":null,\"genres\":[\"Drama\"],\"tags\":[]}', "
          + "'2026-12-03T10:00:03.000Z'), "
          + "(900002, 'put', '{\"title\":\"New\",\"year\":null,\"genres\":[\"Drama\"],\"tags\":[]}', "
          + "'2026-12-03T10:00:04.000Z'), "
          + "(900002, 'delete', NULL, '2026-12-03T10:00:05.000Z')");
    }
    CatalogRows rows = CatalogRows.read(db);
    assertThat(rows.maxChangeId(), is(6L));
    assertThat(rows.changes(), is(6));
    assertThat(List.copyOf(rows.items().keySet()), is(List.of(900001L, 1L, 900002L)));
    assertThat(rows.items().get(900002L).title(), is("New"));
    assertThat(rows.hidden(), is(Set.of(2L, 900002L)));

    Path base = Files.createDirectories(dir.resolve("base"));
    Files.writeString(base.resolve("movies.csv"),
        "movieId,title,genres\r\n1,Toy Story (1995),Adventure|Animation\r\n2,Jumanji (1995),Adventure\r\n");
    Files.writeString(base.resolve("tags.csv"), "userId,movieId,tag,timestamp\n2,1,funny,100");
    Path out = Files.createDirectories(dir.resolve("out"));
    int[] counts = rows.writeMovies(base.resolve("movies.csv"), out.resolve("movies.csv"));
    assertThat(counts[0], is(1));
    assertThat(counts[1], is(2));
    assertThat(Files.readAllLines(out.resolve("movies.csv")), is(List.of("movieId,title,genres",
        "1,\"Toy Story, Redux (1995)\",(no genres listed)", "2,Jumanji (1995),Adventure",
        "900001,Toy Robots (2026),Animation|Children", "900002,New,Drama")));
    assertThat(rows.writeTags(base.resolve("tags.csv"), out.resolve("tags.csv"), 1_800_000_000L), is(2));
    assertThat(Files.readAllLines(out.resolve("tags.csv")), is(List.of("userId,movieId,tag,timestamp", "2,1,funny,100",
        "0,900001,pixar,1800000000", "0,900001,\"robots, friendly\",1800000000")));
  }

  @Test
  void aDatabaseWithoutTheTableHasNoChanges() throws Exception {
    Path db = tmp.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE feedback (seq INTEGER PRIMARY KEY AUTOINCREMENT)");
    }
    CatalogRows rows = CatalogRows.read(db);
    assertThat(rows.changes(), is(0));
    assertThat(rows.items().isEmpty(), is(true));
  }
}
