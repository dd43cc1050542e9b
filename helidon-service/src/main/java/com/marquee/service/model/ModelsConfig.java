package com.marquee.service.model;

import static com.marquee.common.config.ConfigChecks.require;

import java.nio.file.Path;

/**
 * @param dir model version directory (often a symlink to {@code models/registry/<version>})
 * @param registryDir directory of all model versions; experiment variants name subdirectories
 * @param watchIntervalMs how often the model watcher checks {@code dir} for a new version, ms;
 *     0 = no watcher (reload only with {@code POST /admin/reload}), else >= 100
 */
public record ModelsConfig(Path dir, Path registryDir, long watchIntervalMs) {
  public ModelsConfig {
    require(dir != null && !dir.toString().isBlank(), "models.dir", "must not be empty");
    require(registryDir != null && !registryDir.toString().isBlank(), "models.registry_dir", "must not be empty");
    require(watchIntervalMs == 0 || watchIntervalMs >= 100, "models.watch_interval_ms",
        "must be 0 (off) or >= 100, got " + watchIntervalMs);
  }

  /** {@code dir} and {@code registryDir} without a watcher. */
  public ModelsConfig(Path dir, Path registryDir) {
    this(dir, registryDir, 0);
  }

  /** {@code dir} with the registry as its sibling {@code registry} directory, without a watcher. */
  public ModelsConfig(Path dir) {
    this(dir, dir == null || dir.toAbsolutePath().getParent() == null ? Path.of("models/registry")
        : dir.toAbsolutePath().getParent().resolve("registry"));
  }

  /** A copy whose watcher checks every {@code ms} milliseconds (0 = off). */
  public ModelsConfig withWatchIntervalMs(long ms) {
    return new ModelsConfig(dir, registryDir, ms);
  }
}
