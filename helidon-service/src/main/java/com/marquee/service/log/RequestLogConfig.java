package com.marquee.service.log;

import static com.marquee.common.config.ConfigChecks.require;

import java.nio.file.Path;

/**
 * @param dbPath SQLite file
 * @param queueCapacity rows that may wait in memory, >= 1
 * @param batchSize most rows per transaction, >= 1
 * @param flushIntervalMs longest wait of a queued row before it is written, ms, >= 1
 */
public record RequestLogConfig(Path dbPath, int queueCapacity, int batchSize, long flushIntervalMs) {
  public RequestLogConfig {
    require(dbPath != null && !dbPath.toString().isBlank(), "request_log.db_path", "must not be empty");
    require(queueCapacity >= 1, "request_log.queue_capacity", "must be >= 1, got " + queueCapacity);
    require(batchSize >= 1, "request_log.batch_size", "must be >= 1, got " + batchSize);
    require(flushIntervalMs >= 1, "request_log.flush_interval_ms", "must be >= 1, got " + flushIntervalMs);
  }
}
