package com.marquee.common.artifact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The header that {@code faiss::write_index} puts at the start of every (float) index file, read in
 * Java without the native library and without the vectors: a 4-byte type code ({@code IxFI} flat
 * inner product, {@code IwFl} IVF-Flat, {@code IHNf} HNSW-Flat, {@code IxMp} id map, ...) followed
 * by the common {@code Index} fields, little-endian: {@code int32 d}, {@code int64 ntotal}, two
 * {@code int64} placeholders, {@code uint8 is_trained}, {@code int32 metric_type} (FAISS
 * {@code impl/index_write.cpp}, {@code write_index_header}; the layout has not changed since FAISS 1.0).
 *
 * @param fourcc the index type code, e.g. {@code IxFI}
 * @param dimension vector length d
 * @param size number of indexed vectors ({@code ntotal})
 * @param metricType 0 inner product, 1 L2, others per {@code faiss::MetricType}
 */
public record FaissIndexHeader(String fourcc, int dimension, long size, int metricType) {

  /** Bytes of the header read here: 4 + 4 + 8 + 8 + 8 + 1 + 4. */
  public static final int BYTES = 37;

  /**
   * Reads the header of {@code file}.
   *
   * @throws ArtifactException if the file is shorter than the header or its fields are impossible
   *     (negative dimension or size, a type code that is not printable ASCII)
   * @throws IOException if the file cannot be read
   */
  public static FaissIndexHeader read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (b.hasRemaining()) {
        if (ch.read(b) < 0) {
          throw new ArtifactException(file + ": not a FAISS index (" + ch.size() + " bytes, the header alone is "
              + BYTES + ")");
        }
      }
    }
    b.flip();
    byte[] code = new byte[4];
    b.get(code);
    for (byte c : code) {
      if (c < 0x20 || c > 0x7e) {
        throw new ArtifactException(file + ": not a FAISS index (bad type code)");
      }
    }
    int d = b.getInt();
    long ntotal = b.getLong();
    b.getLong();
    b.getLong();
    b.get();
    int metric = b.getInt();
    if (d <= 0 || ntotal < 0) {
      throw new ArtifactException(file + ": not a FAISS index (d " + d + ", ntotal " + ntotal + ")");
    }
    return new FaissIndexHeader(new String(code, StandardCharsets.US_ASCII), d, ntotal, metric);
  }
}
