package com.marquee.service.http;

import java.util.UUID;

/** {@code X-Request-ID} handling: echo a sane client id, else generate one. */
public final class RequestIds {

  /** Longest client id that is echoed. */
  public static final int MAX_LENGTH = 128;

  private RequestIds() {}

  /**
   * {@code clientId} when it is 1..{@value #MAX_LENGTH} visible ASCII characters ({@code 0x21..0x7e},
   * so no spaces or control characters), else a new random UUID.
   */
  public static String echoOrCreate(String clientId) {
    return isSane(clientId) ? clientId : newId();
  }

  /**
   * A random (version 4, IETF variant) UUID string. Its bits come from {@link
   * java.util.concurrent.ThreadLocalRandom}, not {@link UUID#randomUUID()}'s SecureRandom: a request
   * id only has to be unique, not unguessable, and SecureRandom's shared /dev/urandom reads were a
   * measurable part of a request's CPU time (docs/BENCHMARKS.md).
   */
  public static String newId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  static boolean isSane(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
