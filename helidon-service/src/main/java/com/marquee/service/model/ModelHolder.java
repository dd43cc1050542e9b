package com.marquee.service.model;

import com.marquee.common.artifact.ModelArtifacts;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the model being served and swaps it atomically on reload.
 *
 * <p>{@link #reload()} resolves the configured directory once with {@link Path#toRealPath} (so a
 * {@code models/production} symlink that a promotion swaps is followed at most once per load), reads
 * and validates everything from the resolved directory, builds a new {@link ModelSnapshot} and only
 * then replaces the current one. Requests that already took the old snapshot finish with it. A
 * failed load leaves the current snapshot in place. Loads are serialized; reads never block.
 */
public final class ModelHolder {

  /** Notified after each load attempt (called on the loading thread). */
  public interface Listener {
    /** {@code previous} is {@code null} for the first model. */
    default void swapped(ModelSnapshot previous, ModelSnapshot current) {}

    default void failed(Path dir, String message) {}
  }

  /**
   * The last load attempt, when it failed.
   *
   * @param at when it failed
   * @param dir the directory it tried to load (as configured)
   * @param message why
   */
  public record LoadFailure(Instant at, Path dir, String message) {}

  private static final System.Logger LOG = System.getLogger(ModelHolder.class.getName());

  private final Path modelsDir;
  private final RetrieverFactory retrievers;
  private final Listener listener;
  private final int cacheTopN;
  private final AtomicReference<ModelSnapshot> current = new AtomicReference<>();
  private final AtomicReference<LoadFailure> lastFailure = new AtomicReference<>();

  /**
   * @param modelsDir directory to load on {@link #reload()}, e.g. {@code models/production}
   * @param retrievers builds each snapshot's retriever ({@link RetrieverFactory#of} the {@code retrieval}
   *     config, or {@link RetrieverFactory#EXACT})
   * @param listener load notifications (metrics); may be {@code null}
   */
  public ModelHolder(Path modelsDir, RetrieverFactory retrievers, Listener listener) {
    this(modelsDir, retrievers, listener, 0);
  }

  /**
   * @param modelsDir directory to load on {@link #reload()}, e.g. {@code models/production}
   * @param retrievers builds each snapshot's retriever
   * @param listener load notifications (metrics); may be {@code null}
   * @param cacheTopN {@code retrieval.cache_top_n} of every loaded snapshot ({@link UserTopCache}), {@code >= 0}
   */
  public ModelHolder(Path modelsDir, RetrieverFactory retrievers, Listener listener, int cacheTopN) {
    this.cacheTopN = cacheTopN;
    this.modelsDir = modelsDir;
    this.retrievers = retrievers;
    this.listener = listener == null ? new Listener() {} : listener;
  }

  /** The configured model directory (unresolved). */
  public Path modelsDir() {
    return modelsDir;
  }

  /** The snapshot being served, if any model has been loaded. */
  public Optional<ModelSnapshot> current() {
    return Optional.ofNullable(current.get());
  }

  /** The last load attempt if it failed; empty when it succeeded or none was made. */
  public Optional<LoadFailure> lastFailure() {
    return Optional.ofNullable(lastFailure.get());
  }

  /**
   * Loads the configured directory and swaps it in.
   *
   * @return the new snapshot
   * @throws ModelLoadException if the directory is missing or the model is invalid; the previous
   *     snapshot keeps serving
   */
  public ModelSnapshot reload() throws ModelLoadException {
    return load(modelsDir);
  }

  /**
   * Loads {@code dir} (symlinks resolved once) and swaps it in.
   *
   * @return the new snapshot
   * @throws ModelLoadException if the directory is missing or the model is invalid; the previous
   *     snapshot keeps serving
   */
  public synchronized ModelSnapshot load(Path dir) throws ModelLoadException {
    try {
      Path real = resolve(dir);
      ModelArtifacts artifacts = ModelArtifacts.read(real);
      Retriever retriever = retrievers.create(artifacts, real);
      ModelSnapshot next = new ModelSnapshot(artifacts, real, Instant.now(), retriever, cacheTopN);
      ModelSnapshot previous = current.getAndSet(next);
      lastFailure.set(null);
      LOG.log(System.Logger.Level.INFO, "loaded model {0} from {1} ({2} users, {3} items, f={4})",
          next.version(), real, artifacts.users().size(), artifacts.items().size(), artifacts.factors());
      listener.swapped(previous, next);
      return next;
    } catch (ModelLoadException e) {
      return failed(dir, e);
    } catch (Exception e) {
      return failed(dir, new ModelLoadException(describe(e), e));
    }
  }

  private ModelSnapshot failed(Path dir, ModelLoadException e) throws ModelLoadException {
    ModelSnapshot kept = current.get();
    LOG.log(System.Logger.Level.WARNING, "model load from {0} failed, {1}: {2}", dir,
        kept == null ? "no model loaded" : "still serving " + kept.version(), e.getMessage());
    lastFailure.set(new LoadFailure(Instant.now(), dir, e.getMessage()));
    listener.failed(dir, e.getMessage());
    throw e;
  }

  private static Path resolve(Path dir) throws ModelLoadException {
    try {
      return dir.toRealPath();
    } catch (NoSuchFileException e) {
      throw new ModelLoadException("model directory " + dir + " does not exist", e);
    } catch (IOException e) {
      throw new ModelLoadException("cannot resolve model directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
