package com.marquee.service;

import com.marquee.service.config.ServingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts real servers on 127.0.0.1, port 0, for tests. */
public final class Servers {

  private Servers() {}

  /** A config serving {@code modelsDir}, logging to {@code db}, with {@code apiKeys}. */
  public static ServingConfig config(Path modelsDir, Path db, List<String> apiKeys, long maxBodyBytes) {
    return new ServingConfig(
        new ServingConfig.Server("127.0.0.1", 0),
        new ServingConfig.Models(modelsDir),
        new ServingConfig.RequestLog(db, 10_000, 500, 20),
        new ServingConfig.Limits(1000, maxBodyBytes),
        new ServingConfig.Admin(apiKeys));
  }

  /** Starts a server on {@code modelsDir} with request log {@code tmp/requests.db}. */
  public static MarqueeServer start(Path modelsDir, Path tmp, List<String> apiKeys) throws IOException {
    return MarqueeServer.start(config(modelsDir, tmp.resolve("requests.db"), apiKeys, 65_536));
  }
}
