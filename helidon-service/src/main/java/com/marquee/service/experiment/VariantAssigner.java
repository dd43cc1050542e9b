package com.marquee.service.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Deterministic assignment of users to experiment variants.
 *
 * <p>{@link #bucket(String, long)} hashes the UTF-8 bytes of {@code "<experiment>:<userId>"} with
 * SHA-256 (JDK {@link MessageDigest}), reads the first 8 bytes as a big-endian unsigned number,
 * keeps its top 53 bits and divides by 2^53: a value in [0, 1) that depends only on the experiment
 * name and the user. {@link #assign(String, long)} returns the first variant whose cumulative share
 * exceeds that value (the last variant takes any rounding remainder). So a user always gets the
 * same variant for the same experiment name and shares, different experiments are independent,
 * and the fraction of users per variant converges to its share.
 */
public final class VariantAssigner {

  private static final double TWO_POW_53 = 0x1p53;

  private final String experiment;
  private final double[] cumulative;

  /**
   * @param experiment experiment name (part of the hash)
   * @param shares share of each variant, in order; positive, summing to 1 (validated by the config)
   */
  public VariantAssigner(String experiment, List<Double> shares) {
    if (shares.isEmpty()) {
      throw new IllegalArgumentException("an experiment needs at least one variant");
    }
    this.experiment = experiment;
    this.cumulative = new double[shares.size()];
    double sum = 0;
    for (int i = 0; i < shares.size(); i++) {
      sum += shares.get(i);
      cumulative[i] = sum;
    }
  }

  /** Index of the variant of {@code userId}, in [0, number of variants). */
  public int assign(long userId) {
    double u = bucket(experiment, userId);
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  /** The user's position in [0, 1) for {@code experiment}: SHA-256 based, see the class comment. */
  public static double bucket(String experiment, long userId) {
    byte[] digest = sha256().digest((experiment + ":" + userId).getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (digest[i] & 0xFF);
    }
    return (v >>> 11) / TWO_POW_53;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
