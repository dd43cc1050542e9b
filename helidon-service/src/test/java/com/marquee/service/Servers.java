package com.marquee.service;

import com.marquee.service.config.ServingConfig;
import com.marquee.service.http.RequestLimits;
import com.marquee.service.http.ServerAddress;
import com.marquee.service.log.RequestLogConfig;
import com.marquee.service.model.ModelsConfig;
import com.marquee.service.security.AdminConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts real servers on 127.0.0.1, port 0, for tests. */
public final class Servers {

  private Servers() {}

  /** A config serving {@code modelsDir}, logging to {@code db}, with {@code apiKeys}. */
  public static ServingConfig config(Path modelsDir, Path db, List<String> apiKeys, long maxBodyBytes) {
    return new ServingConfig(
        new ServerAddress("127.0.0.1", 0),
        new ModelsConfig(modelsDir),
        new RequestLogConfig(db, 10_000, 500, 20),
        new RequestLimits(1000, maxBodyBytes),
        new AdminConfig(apiKeys));
  }

  /** Starts a server on {@code modelsDir} with request log {@code tmp/requests.db}. */
  public static MarqueeServer start(Path modelsDir, Path tmp, List<String> apiKeys) throws IOException {
    return MarqueeServer.start(config(modelsDir, tmp.resolve("requests.db"), apiKeys, 65_536));
  }

  /** Rows of the {@code feedback} table of the SQLite file {@code db}, read with a connection of its own. */
  public static long feedbackRows(Path db) throws java.sql.SQLException {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM feedback")) {
      return rs.getLong(1);
    }
  }
}
