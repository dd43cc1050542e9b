package com.marquee.common.artifact;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Each user's training items with their implicit-feedback weights, as a CSR sparse matrix of shape
 * {@code (nUsers, nItems)} over row indices. Used for exclude-seen, fold-in and explanations.
 *
 * <p>File {@code user_items.bin}, little-endian: the ASCII magic {@code MQUI}, int32 format version
 * (1), int32 nUsers, int32 nItems, int32 nnz, then {@code int32[nUsers + 1]} indptr, {@code
 * int32[nnz]} item indices (ascending within a row) and {@code float32[nnz]} weights r_ui.
 *
 * @param nItems number of columns (items)
 * @param indptr {@code int[nUsers + 1]}; user u's entries are {@code [indptr[u], indptr[u+1])}
 * @param indices {@code int[nnz]} item row indices
 * @param weights {@code float[nnz]} implicit weights r_ui (Hu et al. 2008 §2)
 */
public record UserItems(int nItems, int[] indptr, int[] indices, float[] weights) {

  private static final byte[] MAGIC_BYTES = {'M', 'Q', 'U', 'I'};
  private static final int VERSION = 1;

  /**
   * Validates the CSR invariants the readers rely on (an index past them would be an {@code
   * ArrayIndexOutOfBoundsException} on a request): {@code indptr[0] == 0}, {@code indptr}
   * non-decreasing, {@code indptr[nUsers] == nnz == weights.length}, every item index in {@code
   * [0, nItems)} and strictly ascending within its row (binary search in {@link #contains}).
   *
   * @throws ArtifactException naming the first violation
   */
  public UserItems {
    if (nItems < 0) {
      throw new ArtifactException("inconsistent CSR arrays: nItems " + nItems + " < 0");
    }
    if (indptr.length < 1 || indptr[0] != 0 || indptr[indptr.length - 1] != indices.length
        || indices.length != weights.length) {
      throw new ArtifactException("inconsistent CSR arrays: indptr ends at "
          + (indptr.length == 0 ? "none" : indptr[indptr.length - 1]) + ", " + indices.length + " indices, "
          + weights.length + " weights" + (indptr.length > 0 && indptr[0] != 0 ? ", indptr[0] = " + indptr[0] : ""));
    }
    for (int u = 0; u + 1 < indptr.length; u++) {
      int s = indptr[u];
      int e = indptr[u + 1];
      if (e < s || e > indices.length) {
        throw new ArtifactException("inconsistent CSR arrays: indptr[" + (u + 1) + "] = " + e + " after indptr[" + u
            + "] = " + s + " (must be non-decreasing and <= nnz " + indices.length + ")");
      }
      for (int k = s; k < e; k++) {
        int i = indices[k];
        if (i < 0 || i >= nItems) {
          throw new ArtifactException("item index " + i + " of user row " + u + " out of range [0, " + nItems + ")");
        }
        if (k > s && i <= indices[k - 1]) {
          throw new ArtifactException("item indices of user row " + u + " are not strictly ascending");
        }
      }
    }
  }

  /**
   * Bytes of heap that {@link #read} of {@code file} will allocate for the arrays its header declares
   * ({@code 4 * (nUsers + 1 + 2 * nnz)}), reading only the 20-byte header.
   *
   * @throws ArtifactException on a bad magic, version, negative sizes or a file shorter than the header
   * @throws IOException if it cannot be read
   */
  public static long declaredBytes(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
      int[] h = header(in, file);
      return 4L * (h[0] + 1L + 2L * h[2]);
    } catch (java.io.EOFException e) {
      throw new ArtifactException(file + ": truncated", e);
    }
  }

  /** {nUsers, nItems, nnz} from the 20-byte header. */
  private static int[] header(DataInputStream in, Path file) throws IOException {
    byte[] head = new byte[20];
    in.readFully(head);
    ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    for (byte m : MAGIC_BYTES) {
      if (h.get() != m) {
        throw new ArtifactException(file + ": not a user_items.bin file (bad magic)");
      }
    }
    int version = h.getInt();
    if (version != VERSION) {
      throw new ArtifactException(file + ": unsupported user_items version " + version);
    }
    int nUsers = h.getInt();
    int nItems = h.getInt();
    int nnz = h.getInt();
    if (nUsers < 0 || nItems < 0 || nnz < 0 || nUsers == Integer.MAX_VALUE) {
      throw new ArtifactException(file + ": negative sizes in header");
    }
    return new int[] {nUsers, nItems, nnz};
  }

  /** Number of rows (users). */
  public int nUsers() {
    return indptr.length - 1;
  }

  /** Number of stored (user, item) pairs. */
  public int nnz() {
    return indices.length;
  }

  /** Start offset of user {@code u}'s entries in {@link #indices()} and {@link #weights()}. */
  public int start(int u) {
    return indptr[u];
  }

  /** End offset (exclusive) of user {@code u}'s entries. */
  public int end(int u) {
    return indptr[u + 1];
  }

  /** True when user {@code u} has item {@code i} in training (binary search; rows are sorted). */
  public boolean contains(int u, int i) {
    return java.util.Arrays.binarySearch(indices, indptr[u], indptr[u + 1], i) >= 0;
  }

  /** Writes the binary format described in the class comment. */
  public void write(Path file) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      ByteBuffer head = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
      head.put(MAGIC_BYTES).putInt(VERSION).putInt(nUsers()).putInt(nItems).putInt(nnz());
      out.write(head.array());
      ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      writeInts(out, b, indptr);
      writeInts(out, b, indices);
      for (int i = 0; i < weights.length; ) {
        int n = Math.min(b.capacity() / 4, weights.length - i);
        b.clear().asFloatBuffer().put(weights, i, n);
        out.write(b.array(), 0, n * 4);
        i += n;
      }
    }
  }

  private static void writeInts(OutputStream out, ByteBuffer b, int[] values) throws IOException {
    for (int i = 0; i < values.length; ) {
      int n = Math.min(b.capacity() / 4, values.length - i);
      b.clear().asIntBuffer().put(values, i, n);
      out.write(b.array(), 0, n * 4);
      i += n;
    }
  }

  /** Fills {@code dst} with little-endian int32 values from {@code in}, {@code chunk.length} bytes at a time. */
  private static void readInts(DataInputStream in, byte[] chunk, int[] dst) throws IOException {
    int done = 0;
    while (done < dst.length) {
      int n = Math.min(chunk.length / 4, dst.length - done);
      in.readFully(chunk, 0, 4 * n);
      ByteBuffer.wrap(chunk, 0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, done, n);
      done += n;
    }
  }

  /**
   * Reads {@code user_items.bin}.
   *
   * @throws ArtifactException on a bad magic, version, truncated file or inconsistent arrays (see
   *     the constructor)
   * @throws IOException if the file cannot be read
   */
  public static UserItems read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      int[] hd = header(in, file);
      int nUsers = hd[0];
      int nItems = hd[1];
      int nnz = hd[2];
      // Read in 64 KiB chunks: a whole-body byte[] would double the heap needed while a model loads
      // (78 MB for ML-20M), next to the model still being served.
      if (Files.size(file) < 20 + 4L * (nUsers + 1L + 2L * nnz)) {
        throw new ArtifactException(file + ": truncated");
      }
      byte[] chunk = new byte[1 << 16];
      int[] indptr = new int[nUsers + 1];
      readInts(in, chunk, indptr);
      int[] indices = new int[nnz];
      readInts(in, chunk, indices);
      float[] weights = new float[nnz];
      int done = 0;
      while (done < nnz) {
        int n = Math.min(chunk.length / 4, nnz - done);
        in.readFully(chunk, 0, 4 * n);
        ByteBuffer.wrap(chunk, 0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(weights, done, n);
        done += n;
      }
      try {
        return new UserItems(nItems, indptr, indices, weights);
      } catch (ArtifactException e) {
        throw new ArtifactException(file + ": " + e.getMessage(), e);
      }
    } catch (java.io.EOFException e) {
      throw new ArtifactException(file + ": truncated", e);
    }
  }
}
