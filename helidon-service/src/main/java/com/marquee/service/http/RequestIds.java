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
    return isSane(clientId) ? clientId : UUID.randomUUID().toString();
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
