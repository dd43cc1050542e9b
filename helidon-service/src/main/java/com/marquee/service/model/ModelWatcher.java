package com.marquee.service.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hot reload without {@code POST /admin/reload}: polls the configured model directory (usually the
 * {@code models/production} symlink that the registry swaps on promotion) and loads a new version
 * through {@link ModelHolder#reload()} (immutable snapshot swap: in-flight requests finish on the
 * old snapshot).
 *
 * <p>Every {@code interval} the watcher takes a {@link Fingerprint} of the directory: its real path
 * (symlinks resolved), the {@code version} in its {@code model_metadata.json} ({@code null} when
 * unreadable) and the name, size and modification time of each file in it. It loads when
 *
 * <ol>
 *   <li>the real path or version differs from the snapshot being served (or none is served),
 *   <li>the fingerprint is the same as at the previous check (one interval of quiet, so a directory
 *       still being copied in place is not loaded half-written), and
 *   <li>the same fingerprint has not already failed to load.
 * </ol>
 *
 * A load that fails (missing or corrupt files, inconsistent shapes: whatever {@link ModelHolder}
 * rejects) leaves the old snapshot serving; {@link ModelHolder} logs it and its listener counts it
 * ({@code marquee_model_reloads_total{result="failure"}}), and the watcher does not retry until the
 * directory changes. A directory that does not exist is skipped quietly. Polling rather than a
 * {@code WatchService}: a symlink swap by rename is seen the same way on every file system, and a
 * check costs one {@code realpath}, one small JSON read and a directory listing.
 */
public final class ModelWatcher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ModelWatcher.class.getName());

  /**
   * What the watcher compares between checks.
   *
   * @param dir the real (resolved) directory
   * @param version {@code model_metadata.json} {@code version}, or {@code null} when unreadable
   * @param files {@code name:size:mtimeMillis} of each regular file, sorted by name
   */
  public record Fingerprint(Path dir, String version, List<String> files) {

    /**
     * Takes the fingerprint of {@code configured}.
     *
     * @throws NoSuchFileException when the directory (or the symlink's target) does not exist
     * @throws IOException when it cannot be resolved or listed
     */
    public static Fingerprint of(Path configured) throws IOException {
      Path real = configured.toRealPath();
      List<String> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(real)) {
        for (Path p : ds) {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          if (a.isRegularFile()) {
            files.add(p.getFileName() + ":" + a.size() + ":" + a.lastModifiedTime().toMillis());
          }
        }
      }
      files.sort(null);
      return new Fingerprint(real, version(real), List.copyOf(files));
    }

    private static String version(Path dir) {
      try {
        JsonNode v = Json.MAPPER.readTree(dir.resolve(ArtifactFiles.METADATA).toFile()).get("version");
        return v != null && v.isTextual() ? v.textValue() : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    /** Whether {@code snapshot} was loaded from this directory and version. */
    boolean isServedBy(ModelSnapshot snapshot) {
      return snapshot != null && snapshot.dir().equals(dir) && Objects.equals(snapshot.version(), version);
    }
  }

  private final ModelHolder models;
  private final Duration interval;
  private final ScheduledExecutorService executor;
  // Touched by the watcher thread only (and by start() before scheduling).
  private Fingerprint pending;
  private Fingerprint failed;

  /**
   * @param models the holder to reload; its {@link ModelHolder#modelsDir()} is watched
   * @param interval time between checks, > 0
   */
  public ModelWatcher(ModelHolder models, Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be > 0, got " + interval);
    }
    this.models = models;
    this.interval = interval;
    this.executor = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("marquee-model-watcher").daemon(true).factory());
  }

  /**
   * Starts checking every {@code interval}. When no model is being served (the start-up load
   * failed), the directory's current state counts as already failed, so it is retried only after it
   * changes.
   */
  public ModelWatcher start() {
    if (models.current().isEmpty()) {
      try {
        failed = Fingerprint.of(models.modelsDir());
      } catch (IOException e) {
        failed = null;
      }
    }
    long ms = interval.toMillis();
    executor.scheduleWithFixedDelay(this::checkSafely, ms, ms, TimeUnit.MILLISECONDS);
    LOG.log(System.Logger.Level.INFO, "watching {0} for new model versions every {1} ms", models.modelsDir(), ms);
    return this;
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException | Error e) {
      // Never let anything cancel the schedule: a throwable escaping a scheduled task cancels it
      // silently, and later versions would never be loaded. ModelHolder.load reports its own Errors
      // (an OutOfMemoryError of a load) in lastFailure; this is the last line for the rest.
      LOG.log(System.Logger.Level.ERROR, "model watcher check failed; still watching", e);
    }
  }

  /** One check (see the class comment). Runs on the watcher thread. */
  void check() {
    Fingerprint now;
    try {
      now = Fingerprint.of(models.modelsDir());
    } catch (NoSuchFileException e) {
      pending = null;
      return;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot inspect {0}: {1}", models.modelsDir(), e.getMessage());
      pending = null;
      return;
    }
    if (now.isServedBy(models.current().orElse(null)) || now.equals(failed)) {
      pending = null;
      return;
    }
    if (!now.equals(pending)) {
      pending = now; // wait one interval for the directory to settle
      return;
    }
    pending = null;
    LOG.log(System.Logger.Level.INFO, "model watcher: {0} now holds version {1}, loading it", now.dir(),
        now.version());
    try {
      models.reload();
      failed = null;
    } catch (ModelLoadException e) {
      // ModelHolder has logged the reason and notified the metrics listener.
      failed = now;
      LOG.log(System.Logger.Level.WARNING, "model watcher: rejected {0}; will retry when the directory changes",
          now.dir());
    }
  }

  /** Stops checking; waits up to 30 s for a load in progress to finish. Idempotent. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
