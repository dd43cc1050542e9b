package com.marquee.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A set of API keys checked in constant time: each key is kept only as its SHA-256 digest, and a
 * presented key's digest is compared with every one of them with {@link MessageDigest#isEqual}
 * (equal lengths, so neither the key length nor which key matched shows in the timing).
 */
public final class ApiKeys {

  private final List<byte[]> digests;

  private ApiKeys(List<byte[]> digests) {
    this.digests = digests;
  }

  /** The keys {@code keys} (blank entries ignored). */
  public static ApiKeys of(List<String> keys) {
    return new ApiKeys(keys.stream().filter(k -> k != null && !k.isBlank()).map(ApiKeys::sha256).toList());
  }

  /** True when no key is configured. */
  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /**
   * The position of {@code presented} among the keys.
   *
   * @return the index of the matching key, or -1 when {@code presented} is null, empty or unknown
   */
  public int match(String presented) {
    if (presented == null || presented.isEmpty()) {
      return -1;
    }
    byte[] p = sha256(presented);
    int found = -1;
    for (int i = 0; i < digests.size(); i++) {
      // no early exit: the time does not depend on which key matched
      if (MessageDigest.isEqual(digests.get(i), p)) {
        found = i;
      }
    }
    return found;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
