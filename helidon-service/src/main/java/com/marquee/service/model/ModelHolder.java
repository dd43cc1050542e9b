package com.marquee.service.model;

import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.FaissIndexHeader;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.content.ContentMapping;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Holds the model being served and swaps it atomically on reload.
 *
 * <p>{@link #reload()} resolves the configured directory once with {@link Path#toRealPath} (so a
 * {@code models/production} symlink that a promotion swaps is followed at most once per load), reads
 * and validates everything from the resolved directory, builds a new {@link ModelSnapshot} and only
 * then replaces the current one. Requests that already took the old snapshot finish with it. A
 * failed load leaves the current snapshot in place. Loads are serialized; reads never block.
 *
 * <p>Before reading, a load refuses a model whose declared size ({@link ModelArtifacts#declaredBytes}:
 * the {@code .npy} shapes and the {@code user_items.bin} header) times {@link #HEAP_FACTOR} does not
 * fit in the free heap ({@code Runtime.maxMemory() - (totalMemory() - freeMemory())}, measured again
 * after one {@code System.gc()} when the first estimate is short, since it counts garbage). After
 * reading, the server-side checks of {@link #checkIndex} run ({@code item_index.faiss} must describe
 * the same number of vectors and dimension as {@code item_embeddings.npy}). An {@link Error} thrown
 * while loading (an {@link OutOfMemoryError} building the snapshot) fails the load like an
 * exception: it is reported in {@link #lastFailure()} and the previous snapshot keeps serving.
 *
 * <p>Served view: each loaded (trained) snapshot is passed through the holder's view before it is
 * swapped in ({@link ModelSnapshot#withCatalog}: the catalog changes of {@code PUT} and {@code DELETE
 * /admin/items} applied over every model, so they survive a restart and a reload); {@link #refresh()}
 * applies the view again to the current trained snapshot after a catalog change, without reading the
 * model or notifying the listener (the model version did not change). The model directory may also
 * hold the content mapping ({@link ContentMapping#read}: {@code content_features.json}, {@code
 * content_mapping.npy}, {@code cold_start_items.json}); it is read with the model.
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

  /**
   * Heap needed by a load per declared artifact byte: the arrays themselves plus the snapshot's
   * derived copies (unit-length item vectors, retriever, caches), which are about half as large again.
   */
  public static final double HEAP_FACTOR = 1.5;

  private final Path modelsDir;
  private final RetrieverFactory retrievers;
  private final Listener listener;
  private final int cacheTopN;
  private final UnaryOperator<ModelSnapshot> view;
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
    this(modelsDir, retrievers, listener, cacheTopN, UnaryOperator.identity());
  }

  /**
   * @param modelsDir directory to load on {@link #reload()}, e.g. {@code models/production}
   * @param retrievers builds each snapshot's retriever
   * @param listener load notifications (metrics); may be {@code null}
   * @param cacheTopN {@code retrieval.cache_top_n} of every loaded snapshot ({@link UserTopCache}), {@code >= 0}
   * @param view the snapshot served for a trained one (the catalog changes applied), called on the
   *     loading thread and by {@link #refresh()}; may throw to fail the load
   */
  public ModelHolder(Path modelsDir, RetrieverFactory retrievers, Listener listener, int cacheTopN,
      UnaryOperator<ModelSnapshot> view) {
    this.view = view;
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
      requireHeap(real);
      ModelArtifacts artifacts = ModelArtifacts.read(real);
      checkIndex(real, artifacts);
      Retriever retriever = retrievers.create(artifacts, real);
      ModelSnapshot trained = new ModelSnapshot(artifacts, real, Instant.now(), retriever, cacheTopN,
          ContentMapping.read(real).orElse(null));
      ModelSnapshot next = view.apply(trained);
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
    } catch (Error e) {
      // An OutOfMemoryError (or another Error) of this load: what it allocated is garbage now, the
      // served snapshot is untouched. Reported like any failure instead of killing the caller (the
      // model watcher's scheduled task, an admin request).
      return failed(dir, new ModelLoadException(e.getClass().getSimpleName() + " while loading the model: "
          + (e.getMessage() == null ? "" : e.getMessage()), e));
    }
  }

  /**
   * Refuses {@code dir} when {@link ModelArtifacts#declaredBytes} times {@link #HEAP_FACTOR} exceeds
   * the free heap, before anything large is allocated.
   *
   * @throws ModelLoadException naming both sizes in MiB
   * @throws java.io.IOException if a header cannot be read (the load fails with that reason)
   */
  static void requireHeap(Path dir) throws ModelLoadException, IOException {
    if (!java.nio.file.Files.isRegularFile(dir.resolve(ArtifactFiles.USER_ITEMS))
        || !java.nio.file.Files.isRegularFile(dir.resolve(ArtifactFiles.USER_EMBEDDINGS))
        || !java.nio.file.Files.isRegularFile(dir.resolve(ArtifactFiles.ITEM_EMBEDDINGS))) {
      return; // ModelArtifacts.read names the missing files
    }
    long needed = (long) (ModelArtifacts.declaredBytes(dir) * HEAP_FACTOR);
    if (needed <= freeHeap()) {
      return;
    }
    System.gc(); // the estimate counts garbage; a reload is rare enough for one full collection
    long free = freeHeap();
    if (needed > free) {
      throw new ModelLoadException(String.format(
          "model too large for the heap: its files declare %d MiB (x%.1f for the snapshot = %d MiB), %d MiB of heap "
              + "free (-Xmx %d MiB); not read",
          (long) (needed / HEAP_FACTOR) >> 20, HEAP_FACTOR, needed >> 20, free >> 20,
          Runtime.getRuntime().maxMemory() >> 20), null);
    }
  }

  private static long freeHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * The server-side check of {@code item_index.faiss}: its header ({@link FaissIndexHeader}) must
   * describe as many vectors, of the same dimension, as {@code item_embeddings.npy}. The service
   * does not search it (retrieval is exact or its own IVF), but an index from another version means
   * the directory was assembled from two models.
   *
   * @throws ModelLoadException on a mismatch or a file that is not a FAISS index
   */
  static void checkIndex(Path dir, ModelArtifacts artifacts) throws ModelLoadException, IOException {
    Path file = dir.resolve(ArtifactFiles.ITEM_INDEX);
    FaissIndexHeader h;
    try {
      h = FaissIndexHeader.read(file);
    } catch (com.marquee.common.artifact.ArtifactException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
    if (h.size() != artifacts.itemFactors().rows() || h.dimension() != artifacts.itemFactors().cols()) {
      throw new ModelLoadException(file + ": FAISS index holds " + h.size() + " vectors of dimension "
          + h.dimension() + ", item_embeddings.npy " + artifacts.itemFactors().rows() + " of dimension "
          + artifacts.itemFactors().cols(), null);
    }
  }

  /**
   * Serves the view of the current trained snapshot again (after a catalog change), serialized with
   * loads; nothing happens when no model is loaded.
   *
   * @return the snapshot now served, if any
   * @throws RuntimeException what the view threw; the previous snapshot keeps serving
   */
  public synchronized Optional<ModelSnapshot> refresh() {
    ModelSnapshot now = current.get();
    if (now == null) {
      return Optional.empty();
    }
    ModelSnapshot next = view.apply(now.trained());
    current.set(next);
    return Optional.of(next);
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
