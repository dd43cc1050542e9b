package com.marquee.common.movielens;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that remembers the characters read through it, so that the raw text of a record can be
 * recovered after a CSV parser consumed it. Offsets are counted from the first character read.
 * Callers drop what they no longer need with {@link #discardBefore(long)}.
 */
final class RecordingReader extends FilterReader {
  private static final int COMPACT_AT = 1 << 16;

  private final StringBuilder buffer = new StringBuilder();
  private long bufferStart;

  RecordingReader(Reader in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      buffer.append((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    int n = super.read(cbuf, off, len);
    if (n > 0) {
      buffer.append(cbuf, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skip is not supported by RecordingReader");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /**
   * Allows forgetting the characters before offset {@code position}. They are dropped in chunks of
   * at least 64K characters, so that the buffer is not shifted once per record.
   */
  void discardBefore(long position) {
    int drop = (int) Math.min(buffer.length(), Math.max(0, position - bufferStart));
    if (drop >= COMPACT_AT) {
      buffer.delete(0, drop);
      bufferStart += drop;
    }
  }

  /**
   * The text of the record starting at offset {@code start}: up to (excluding) the first CR or LF
   * that is not inside a quoted field, or to the end of what was read.
   *
   * @param quote the quote character of the format, or {@code null} when fields are never quoted
   */
  String recordText(long start, Character quote) {
    int from = (int) Math.max(0, start - bufferStart);
    boolean inQuotes = false;
    int i = from;
    for (; i < buffer.length(); i++) {
      char c = buffer.charAt(i);
      if (quote != null && c == quote) {
        inQuotes = !inQuotes;
      } else if (!inQuotes && (c == '\r' || c == '\n')) {
        break;
      }
    }
    return buffer.substring(Math.min(from, buffer.length()), i);
  }
}
