package com.marquee.trainer.index;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Loads the FAISS shim ({@code libfaiss_shim.so}, built from {@code trainer/src/main/native}) once
 * per JVM and binds its C functions with the FFM API ({@code java.lang.foreign}).
 *
 * <p>Where the library comes from, in order:
 *
 * <ol>
 *   <li>the file named by system property {@value #LIBRARY_PROPERTY}, if set;
 *   <li>otherwise the classpath resource {@value #RESOURCE} (inside the common jar, or {@code
 *       common/target/classes}), copied to a temporary file (deleted on exit) and loaded from there.
 * </ol>
 *
 * <p>The shim statically contains FAISS 1.7.3; at run time it needs the Debian packages {@code
 * libopenblas0-pthread libgomp1} (Linux x86_64 only). On other platforms {@link #isAvailable()} is
 * false, {@link #unavailableReason()} says why, and {@link ExactVectorIndex} is the fallback. The
 * JVM should run with {@code --enable-native-access=ALL-UNNAMED}.
 *
 * <p>The package-private wrappers turn a non-zero shim status into a {@link FaissException}
 * carrying the C++ exception message.
 */
@SuppressWarnings("restricted") // FFM downcalls are the point of this class; run with native access
public final class FaissNative {

  /** System property naming the shim file to load instead of the bundled one. */
  public static final String LIBRARY_PROPERTY = "marquee.faiss.lib";

  /** Classpath location of the bundled shim. */
  public static final String RESOURCE = "/native/linux-x86_64/libfaiss_shim.so";

  static final String RUNTIME_PACKAGES = "libopenblas0-pthread libgomp1";
  static final int METRIC_INNER_PRODUCT = 0;
  private static final int ERR_LEN = 2048;

  private FaissNative() {}

  /** True when the shim loaded and bound; loads it on first call. */
  public static boolean isAvailable() {
    return Holder.BINDINGS != null;
  }

  /** Why FAISS is unavailable (one line), or {@code null} when it is available. */
  public static String unavailableReason() {
    return Holder.ERROR;
  }

  /** FAISS version compiled into the shim, e.g. {@code "1.7.3"}. */
  public static String faissVersion() {
    MemorySegment s = call(() -> (MemorySegment) b().faissVersion.invokeExact());
    return s.reinterpret(64).getString(0);
  }

  /**
   * Sets the OpenMP thread count for FAISS calls made from the calling thread only (OpenMP
   * settings are per thread). For a process-wide default set {@code OMP_NUM_THREADS} before the
   * JVM starts; for serving, 1 (TOOLCHAIN.md).
   *
   * @param threads {@code >= 1}
   */
  public static void setThreadsForCurrentThread(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    call(() -> {
      b().setNumThreads.invokeExact(threads);
      return null;
    });
  }

  /** OpenMP's {@code omp_get_max_threads()} as seen by the calling thread. */
  public static int maxThreadsForCurrentThread() {
    return call(() -> (int) b().getMaxThreads.invokeExact());
  }

  // ---- package-private wrappers used by FaissVectorIndex ----

  /** A new index with metric inner product from a FAISS factory string. */
  static MemorySegment indexFactory(int d, String description) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      MemorySegment err = arena.allocate(ERR_LEN);
      MemorySegment desc = arena.allocateFrom(description);
      int rc = call(() -> (int) b().indexFactory.invokeExact(d, desc, out, err, ERR_LEN));
      check(rc, err, "index_factory(d=" + d + ", \"" + description + "\")");
      return out.get(ADDRESS, 0);
    }
  }

  static boolean isTrained(MemorySegment idx) {
    return call(() -> (int) b().isTrained.invokeExact(idx)) == 1;
  }

  /** Trains on the first {@code n * d} floats of {@code x}. */
  static void train(MemorySegment idx, float[] x, int n, int d) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment xs = floats(arena, x, (long) n * d);
      MemorySegment err = arena.allocate(ERR_LEN);
      int rc = call(() -> (int) b().train.invokeExact(idx, (long) n, xs, err, ERR_LEN));
      check(rc, err, "train(n=" + n + ")");
    }
  }

  /** Adds the first {@code n * d} floats of {@code x} as {@code n} rows. */
  static void add(MemorySegment idx, float[] x, int n, int d) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment xs = floats(arena, x, (long) n * d);
      MemorySegment err = arena.allocate(ERR_LEN);
      int rc = call(() -> (int) b().add.invokeExact(idx, (long) n, xs, err, ERR_LEN));
      check(rc, err, "add(n=" + n + ")");
    }
  }

  /**
   * Searches {@code n} queries (the first {@code n * d} floats of {@code x}) for {@code k}
   * neighbours each, filling {@code distances: float[n * k]} and {@code labels: long[n * k]}
   * (-1 where fewer than k were found).
   */
  static void search(
      MemorySegment idx, float[] x, int n, int d, int k, float[] distances, long[] labels) {
    long nk = (long) n * k;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment xs = floats(arena, x, (long) n * d);
      MemorySegment dist = arena.allocate(JAVA_FLOAT, nk);
      MemorySegment lab = arena.allocate(JAVA_LONG, nk);
      MemorySegment err = arena.allocate(ERR_LEN);
      int rc =
          call(() -> (int) b().search.invokeExact(idx, (long) n, xs, (long) k, dist, lab, err, ERR_LEN));
      check(rc, err, "search(n=" + n + ", k=" + k + ")");
      MemorySegment.copy(dist, JAVA_FLOAT, 0, distances, 0, (int) nk);
      MemorySegment.copy(lab, JAVA_LONG, 0, labels, 0, (int) nk);
    }
  }

  static void writeIndex(MemorySegment idx, Path path) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path.toString());
      MemorySegment err = arena.allocate(ERR_LEN);
      int rc = call(() -> (int) b().writeIndex.invokeExact(idx, p, err, ERR_LEN));
      check(rc, err, "write_index(" + path + ")");
    }
  }

  static MemorySegment readIndex(Path path) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path.toString());
      MemorySegment out = arena.allocate(ADDRESS);
      MemorySegment err = arena.allocate(ERR_LEN);
      int rc = call(() -> (int) b().readIndex.invokeExact(p, out, err, ERR_LEN));
      check(rc, err, "read_index(" + path + ")");
      return out.get(ADDRESS, 0);
    }
  }

  static void setParameter(MemorySegment idx, String name, double value) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment nm = arena.allocateFrom(name);
      MemorySegment err = arena.allocate(ERR_LEN);
      int rc = call(() -> (int) b().setParam.invokeExact(idx, nm, value, err, ERR_LEN));
      check(rc, err, "set_index_parameter(" + name + "=" + value + ")");
    }
  }

  static long ntotal(MemorySegment idx) {
    return call(() -> (long) b().ntotal.invokeExact(idx));
  }

  static int dimension(MemorySegment idx) {
    return call(() -> (int) b().dimension.invokeExact(idx));
  }

  /** faiss::MetricType: 0 inner product, 1 L2. */
  static int metricType(MemorySegment idx) {
    return call(() -> (int) b().metricType.invokeExact(idx));
  }

  static void free(MemorySegment idx) {
    call(() -> {
      b().free.invokeExact(idx);
      return null;
    });
  }

  // ---- plumbing ----

  private static MemorySegment floats(Arena arena, float[] x, long count) {
    MemorySegment seg = arena.allocate(JAVA_FLOAT, count);
    MemorySegment.copy(x, 0, seg, JAVA_FLOAT, 0, Math.toIntExact(count));
    return seg;
  }

  private static void check(int rc, MemorySegment err, String what) {
    if (rc != 0) {
      throw new FaissException("FAISS " + what + " failed: " + err.getString(0));
    }
  }

  /** The bindings, or a FaissException naming why the library could not be loaded. */
  private static Bindings b() {
    Bindings bindings = Holder.BINDINGS;
    if (bindings == null) {
      throw new FaissException("FAISS native library unavailable: " + Holder.ERROR);
    }
    return bindings;
  }

  @FunctionalInterface
  private interface NativeCall<T> {
    T run() throws Throwable;
  }

  private static <T> T call(NativeCall<T> c) {
    try {
      return c.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new FaissException("native call failed: " + t, t);
    }
  }

  /** Lazy, thread-safe one-time load (class initialization). */
  private static final class Holder {
    static final Bindings BINDINGS;
    static final String ERROR;

    static {
      Bindings bindings = null;
      String error = null;
      Path path = null;
      try {
        path = locate();
        bindings = new Bindings(SymbolLookup.libraryLookup(path, Arena.global()));
      } catch (FaissException e) {
        error = e.getMessage();
      } catch (RuntimeException | LinkageError e) {
        error =
            "cannot load the FAISS shim ("
                + dlopenDiagnostic(path, e)
                + "); on Debian/Ubuntu install its runtime packages: "
                + RUNTIME_PACKAGES;
      }
      BINDINGS = bindings;
      ERROR = error;
    }
  }

  /**
   * libraryLookup's message is only "Cannot open library: PATH"; System.load reports the dynamic
   * linker's reason (for example which dependency, such as libopenblas.so.0, is missing).
   */
  private static String dlopenDiagnostic(Path path, Throwable e) {
    if (path == null) {
      return e.getMessage();
    }
    try {
      System.load(path.toString());
      return e.getMessage();
    } catch (UnsatisfiedLinkError detail) {
      return detail.getMessage();
    }
  }

  private static Path locate() {
    String explicit = System.getProperty(LIBRARY_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit).toAbsolutePath();
      if (!Files.isRegularFile(p)) {
        throw new FaissException("-D" + LIBRARY_PROPERTY + "=" + explicit + ": no such file");
      }
      return p;
    }
    String os = System.getProperty("os.name", "?");
    String arch = System.getProperty("os.arch", "?");
    boolean linux = os.toLowerCase(Locale.ROOT).startsWith("linux");
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    if (!linux || !x64) {
      throw new FaissException(
          "the FAISS shim is built for Linux x86_64 only, this is "
              + os
              + "/"
              + arch
              + "; use ExactVectorIndex");
    }
    try (InputStream in = FaissNative.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new FaissException(
            "classpath resource "
                + RESOURCE
                + " not found (common is built on Linux with the Debian packages g++ libfaiss-dev"
                + " libopenblas-dev)");
      }
      Path tmp = Files.createTempFile("libfaiss_shim-", ".so");
      tmp.toFile().deleteOnExit();
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return tmp;
    } catch (IOException e) {
      throw new FaissException("cannot extract " + RESOURCE + " to a temporary file: " + e, e);
    }
  }

  /** Method handles for the shim's exported functions (see faiss_shim.cpp). */
  private static final class Bindings {
    final MethodHandle indexFactory;
    final MethodHandle isTrained;
    final MethodHandle train;
    final MethodHandle add;
    final MethodHandle search;
    final MethodHandle writeIndex;
    final MethodHandle readIndex;
    final MethodHandle setParam;
    final MethodHandle ntotal;
    final MethodHandle dimension;
    final MethodHandle metricType;
    final MethodHandle free;
    final MethodHandle setNumThreads;
    final MethodHandle getMaxThreads;
    final MethodHandle faissVersion;

    Bindings(SymbolLookup lib) {
      Linker linker = Linker.nativeLinker();
      BiFunction<String, FunctionDescriptor, MethodHandle> bind =
          (name, fd) ->
              linker.downcallHandle(
                  lib.find(name)
                      .orElseThrow(() -> new FaissException("symbol " + name + " missing in shim")),
                  fd);
      indexFactory =
          bind.apply(
              "mq_index_factory",
              FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
      isTrained = bind.apply("mq_is_trained", FunctionDescriptor.of(JAVA_INT, ADDRESS));
      FunctionDescriptor nx = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT);
      train = bind.apply("mq_train", nx);
      add = bind.apply("mq_add", nx);
      search =
          bind.apply(
              "mq_search",
              FunctionDescriptor.of(
                  JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
      writeIndex =
          bind.apply(
              "mq_write_index", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
      readIndex =
          bind.apply(
              "mq_read_index", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
      setParam =
          bind.apply(
              "mq_set_param",
              FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_DOUBLE, ADDRESS, JAVA_INT));
      ntotal = bind.apply("mq_ntotal", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
      dimension = bind.apply("mq_d", FunctionDescriptor.of(JAVA_INT, ADDRESS));
      metricType = bind.apply("mq_metric_type", FunctionDescriptor.of(JAVA_INT, ADDRESS));
      free = bind.apply("mq_free", FunctionDescriptor.ofVoid(ADDRESS));
      setNumThreads = bind.apply("mq_set_num_threads", FunctionDescriptor.ofVoid(JAVA_INT));
      getMaxThreads = bind.apply("mq_get_max_threads", FunctionDescriptor.of(JAVA_INT));
      faissVersion = bind.apply("mq_faiss_version", FunctionDescriptor.of(ADDRESS));
    }
  }
}
