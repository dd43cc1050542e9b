package com.marquee.service.config;

import com.marquee.common.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code configs/serving.yaml} as a typed record; every key is documented in that file. Load with
 * {@link #load(Path, Map, Map)}; values are validated here, so a bad value fails at start-up with
 * the key name in the message.
 *
 * @param server where to listen
 * @param models which model directory to serve
 * @param requestLog the SQLite request log (SPEC §6)
 * @param limits request limits
 * @param admin admin endpoint settings
 */
public record ServingConfig(Server server, Models models, RequestLog requestLog, Limits limits, Admin admin) {

  public ServingConfig {
    require(server != null, "server", "section is missing");
    require(models != null, "models", "section is missing");
    require(requestLog != null, "request_log", "section is missing");
    require(limits != null, "limits", "section is missing");
    require(admin != null, "admin", "section is missing");
  }

  /**
   * @param host interface to bind, e.g. {@code 0.0.0.0}
   * @param port TCP port in [0, 65535]; 0 picks a free port
   */
  public record Server(String host, int port) {
    public Server {
      require(host != null && !host.isBlank(), "server.host", "must not be empty");
      require(port >= 0 && port <= 65535, "server.port", "must be in [0, 65535], got " + port);
    }
  }

  /** @param dir model version directory (often a symlink to {@code models/registry/<version>}) */
  public record Models(Path dir) {
    public Models {
      require(dir != null && !dir.toString().isBlank(), "models.dir", "must not be empty");
    }
  }

  /**
   * @param dbPath SQLite file
   * @param queueCapacity rows that may wait in memory, >= 1
   * @param batchSize most rows per transaction, >= 1
   * @param flushIntervalMs longest wait of a queued row before it is written, ms, >= 1
   */
  public record RequestLog(Path dbPath, int queueCapacity, int batchSize, long flushIntervalMs) {
    public RequestLog {
      require(dbPath != null && !dbPath.toString().isBlank(), "request_log.db_path", "must not be empty");
      require(queueCapacity >= 1, "request_log.queue_capacity", "must be >= 1, got " + queueCapacity);
      require(batchSize >= 1, "request_log.batch_size", "must be >= 1, got " + batchSize);
      require(flushIntervalMs >= 1, "request_log.flush_interval_ms", "must be >= 1, got " + flushIntervalMs);
    }
  }

  /**
   * @param maxK largest accepted k, >= 1
   * @param maxRequestBodyBytes largest accepted request body, bytes, >= 1
   */
  public record Limits(int maxK, long maxRequestBodyBytes) {
    public Limits {
      require(maxK >= 1, "limits.max_k", "must be >= 1, got " + maxK);
      require(maxRequestBodyBytes >= 1, "limits.max_request_body_bytes", "must be >= 1, got " + maxRequestBodyBytes);
    }
  }

  /** @param apiKeys accepted {@code X-API-Key} values; empty disables the admin endpoint */
  public record Admin(List<String> apiKeys) {
    public Admin {
      apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
    }
  }

  /**
   * Loads {@code file} with environment and CLI overrides, then resolves relative paths against
   * {@code baseDir}.
   *
   * @param env environment variables ({@code MARQUEE_SERVER_PORT} overrides {@code server.port}, ...)
   * @param overrides dotted key to value, applied last (CLI flags)
   * @throws com.marquee.common.config.ConfigException if the file is unreadable or a key is
   *     unknown or invalid (the message names the key)
   */
  public static ServingConfig load(Path file, Map<String, String> env, Map<String, String> overrides, Path baseDir) {
    return ConfigLoader.load(file, ServingConfig.class, env, overrides).resolvedAgainst(baseDir);
  }

  /** A copy with relative {@code models.dir} and {@code request_log.db_path} resolved against {@code base}. */
  public ServingConfig resolvedAgainst(Path base) {
    return new ServingConfig(
        server,
        new Models(base.resolve(models.dir())),
        new RequestLog(base.resolve(requestLog.dbPath()), requestLog.queueCapacity(), requestLog.batchSize(),
            requestLog.flushIntervalMs()),
        limits,
        admin);
  }

  /** A copy listening on {@code host:port}. */
  public ServingConfig withServer(String host, int port) {
    return new ServingConfig(new Server(host, port), models, requestLog, limits, admin);
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("'" + key + "' " + problem);
    }
  }
}
