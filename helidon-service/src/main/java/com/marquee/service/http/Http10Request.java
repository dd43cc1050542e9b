package com.marquee.service.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of an HTTP/1.0 request into those of the HTTP/1.1 request Helidon 4.5.0 can parse (its
 * request-line parser answers 505 to {@code HTTP/1.0}, upstream helidon-io/helidon#9648), with the same meaning
 * for a 1.0 client:
 *
 * <ul>
 *   <li>the version token of the first request line, {@code HTTP/1.0}, becomes {@code HTTP/1.1};
 *   <li>{@code Connection: close} is added to its headers: HTTP/1.0 has no persistent connections by default,
 *       so Helidon answers with {@code Connection: close} and the connection is closed after the answer
 *       ({@link ConnectionCloseFilter}, or Helidon itself for an answer given before routing);
 *   <li>{@code Host: <local address>:<port>} is added when the request has no {@code Host} header (optional in
 *       HTTP/1.0, required by Helidon's HTTP/1.1 validation).
 * </ul>
 *
 * Nothing else changes: Helidon parses and validates the request line, every header and the body framing
 * ({@code Content-Length}, {@code Transfer-Encoding}) as for any request. This class only looks for line ends to
 * find the end of the header section (the first empty line, as Helidon does: CRLF only) and whether a line
 * starts with {@code host:}; a malformed request reaches Helidon unchanged but for the added lines, and gets
 * Helidon's 4xx. Fed the connection's bytes in order, one chunk at a time, from its very first byte.
 */
final class Http10Request {

  private static final byte[] HOST = "host:".getBytes(StandardCharsets.US_ASCII);

  private final int firstLineLength;
  private final byte[] hostLine;
  private long position;
  private boolean done;
  private int lineLength;
  private int hostMatched;
  private boolean hostSeen;

  /**
   * @param firstLineLength length in bytes of the request line (ending in {@code HTTP/1.0}), without CRLF
   * @param host the value of the {@code Host} header to add when the request has none
   */
  Http10Request(int firstLineLength, String host) {
    this.firstLineLength = firstLineLength;
    this.hostLine = ("Host: " + host + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The next chunk of the request as Helidon must see it. {@code bytes} may be changed in place. */
  byte[] apply(byte[] bytes) {
    if (done) {
      return bytes;
    }
    long start = position;
    position += bytes.length;
    long versionMinor = firstLineLength - 1; // the '0' of "HTTP/1.0"
    if (versionMinor >= start && versionMinor < position) {
      bytes[(int) (versionMinor - start)] = '1';
    }
    long headersStart = firstLineLength + 2L; // after the request line's CRLF
    for (int i = (int) Math.max(0, headersStart - start); i < bytes.length; i++) {
      byte b = bytes[i];
      if (lineLength == 0 && b == '\r') {
        // the empty line ending the headers (Helidon rejects a CR not followed by LF): add ours before it
        done = true;
        return insert(bytes, i);
      }
      if (b == '\n') {
        lineLength = 0;
        hostMatched = 0;
        continue;
      }
      if (hostMatched == lineLength && hostMatched < HOST.length
          && Character.toLowerCase((char) b) == HOST[hostMatched]) {
        hostMatched++;
        hostSeen |= hostMatched == HOST.length;
      }
      lineLength++;
    }
    return bytes;
  }

  private byte[] insert(byte[] bytes, int at) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
    out.write(bytes, 0, at);
    out.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.US_ASCII));
    if (!hostSeen) {
      out.writeBytes(hostLine);
    }
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }
}
