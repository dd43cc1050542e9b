package com.marquee.trainer.index;

/** Small factory choosing a {@link VectorIndex} implementation. */
public final class VectorIndexes {

  private static final System.Logger LOG = System.getLogger(VectorIndexes.class.getName());

  private VectorIndexes() {}

  /** Pure-Java exact index; see {@link ExactVectorIndex#ExactVectorIndex(float[], int, int)}. */
  public static VectorIndex exact(float[] vectors, int n, int d) {
    return new ExactVectorIndex(vectors, n, d);
  }

  /** FAISS index; see {@link FaissVectorIndex#build(float[], int, int, String)}. */
  public static VectorIndex faiss(float[] vectors, int n, int d, String factoryDescription) {
    return FaissVectorIndex.build(vectors, n, d, factoryDescription);
  }

  /**
   * FAISS when {@link FaissNative#isAvailable()}, else the exact Java index (logged once per call
   * at WARNING with the reason). The fallback is exact, so it never returns worse neighbours.
   */
  public static VectorIndex faissOrExact(
      float[] vectors, int n, int d, String factoryDescription) {
    if (FaissNative.isAvailable()) {
      return faiss(vectors, n, d, factoryDescription);
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "FAISS unavailable ({0}); using the exact Java index",
        FaissNative.unavailableReason());
    return exact(vectors, n, d);
  }
}
