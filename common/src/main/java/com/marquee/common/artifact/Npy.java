package com.marquee.common.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes 2-D float32 matrices in the NumPy {@code .npy} format, version 1.0: the 6-byte
 * magic {@code \x93NUMPY}, version bytes {@code 1 0}, a little-endian uint16 header length, an ASCII
 * Python-dict header {@code {'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols), }}
 * padded with spaces and a newline so the data starts at a multiple of 64 bytes, then the data in C
 * order (format spec: numpy.lib.format, NEP 1). Files written here load with {@code numpy.load}.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");

  /** Longest accepted header; numpy writes well under 1 KiB for a 2-D array. */
  private static final long MAX_HEADER_BYTES = 1 << 16;

  private Npy() {}

  /**
   * Writes {@code m} to {@code file} as {@code <f4}, C order, shape {@code (rows, cols)}.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, FactorMatrix m) throws IOException {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + m.rows() + ", " + m.cols() + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(head.array());
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      float[] d = m.data();
      for (int i = 0; i < d.length; ) {
        buf.clear();
        int n = Math.min(buf.capacity() / 4, d.length - i);
        buf.asFloatBuffer().put(d, i, n);
        out.write(buf.array(), 0, n * 4);
        i += n;
      }
    }
  }

  /**
   * Reads a 2-D {@code <f4} C-order {@code .npy} file.
   *
   * @throws ArtifactException if the file is not a v1/v2 npy file of that dtype, order and rank, or
   *     is truncated
   * @throws IOException if it cannot be read
   */
  public static FactorMatrix read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h = header(ch, file);
      int rows = h.rows();
      int cols = h.cols();
      long bytes = (long) rows * cols * 4;
      if (ch.size() - h.dataStart() < bytes) {
        throw new ArtifactException(
            file + ": truncated: shape (" + rows + ", " + cols + ") needs " + bytes + " data bytes, file has "
                + (ch.size() - h.dataStart()));
      }
      float[] data = new float[Math.multiplyExact(rows, cols)];
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(h.dataStart());
      int i = 0;
      while (i < data.length) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), (long) (data.length - i) * 4));
        readFully(ch, buf, file);
        buf.flip();
        int n = buf.remaining() / 4;
        buf.asFloatBuffer().get(data, i, n);
        i += n;
      }
      return new FactorMatrix(rows, cols, data);
    }
  }

  /**
   * The shape {@code (rows, cols)} declared in the header of a 2-D {@code <f4} C-order {@code .npy}
   * file, read without the data (a few hundred bytes), e.g. to size a load before doing it.
   *
   * @return {@code int[] {rows, cols}}
   * @throws ArtifactException if the header is not that of a v1/v2 npy file of that dtype, order and rank
   * @throws IOException if it cannot be read
   */
  public static int[] shape(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h = header(ch, file);
      return new int[] {h.rows(), h.cols()};
    }
  }

  private record Header(int rows, int cols, long dataStart) {}

  private static Header header(FileChannel ch, Path file) throws IOException {
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, pre, file);
    for (int i = 0; i < MAGIC.length; i++) {
      if (pre.get(i) != MAGIC[i]) {
        throw new ArtifactException(file + ": not a .npy file (bad magic)");
      }
    }
    int major = pre.get(6);
    long headerLen;
    long dataStart;
    if (major == 1) {
      headerLen = Short.toUnsignedInt(pre.getShort(8));
      dataStart = 10 + headerLen;
    } else if (major == 2 || major == 3) {
      headerLen = Integer.toUnsignedLong(pre.getInt(8));
      dataStart = 12 + headerLen;
    } else {
      throw new ArtifactException(file + ": unsupported .npy version " + major);
    }
    if (headerLen > MAX_HEADER_BYTES) {
      throw new ArtifactException(file + ": .npy header of " + headerLen + " bytes, at most " + MAX_HEADER_BYTES);
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
    ch.position(dataStart - headerLen);
    readFully(ch, hb, file);
    String header = new String(hb.array(), StandardCharsets.US_ASCII);
    String descr = group(DESCR, header, file, "descr");
    if (!descr.equals("<f4")) {
      throw new ArtifactException(file + ": dtype must be '<f4', found '" + descr + "'");
    }
    if (group(FORTRAN, header, file, "fortran_order").equals("True")) {
      throw new ArtifactException(file + ": Fortran order is not supported, write C order");
    }
    Matcher s = SHAPE.matcher(header);
    if (!s.find()) {
      throw new ArtifactException(file + ": shape must be 2-D, header: " + header.strip());
    }
    int rows;
    int cols;
    try {
      rows = Integer.parseInt(s.group(1));
      cols = Integer.parseInt(s.group(2));
      Math.multiplyExact(rows, cols);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ArtifactException(file + ": shape (" + s.group(1) + ", " + s.group(2) + ") exceeds 2^31 - 1 elements");
    }
    return new Header(rows, cols, dataStart);
  }

  private static String group(Pattern p, String header, Path file, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new ArtifactException(file + ": .npy header lacks '" + key + "': " + header.strip());
    }
    return m.group(1);
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new ArtifactException(file + ": unexpected end of file");
      }
    }
  }
}
