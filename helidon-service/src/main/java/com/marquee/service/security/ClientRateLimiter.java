package com.marquee.service.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-client token buckets (Bucket4j, in memory): each client has a bucket of {@code burst} tokens
 * refilled greedily (continuously) at {@code requestsPerSecond}; a request takes one token or is
 * refused with the time until one is available.
 *
 * <p>Memory is bounded by {@code maxClients}: when a new client would exceed it, buckets that are
 * full again (idle clients) are dropped first, which changes nothing for them (a new bucket is full
 * too); at most once per second. If every kept bucket is still in use, further new clients share one
 * overflow bucket, so a flood of new addresses is limited as one client rather than let through.
 * Thread-safe.
 */
public final class ClientRateLimiter {

  /**
   * The outcome of one request.
   *
   * @param allowed whether the request may proceed
   * @param remaining tokens left after it (0 when refused)
   * @param retryAfterSeconds when refused: whole seconds until a token is available, >= 1; else 0
   */
  public record Decision(boolean allowed, long remaining, long retryAfterSeconds) {}

  private static final long CLEANUP_EVERY_NANOS = 1_000_000_000L;

  private final double requestsPerSecond;
  private final int burst;
  private final int maxClients;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Bucket overflow;
  private final AtomicLong lastCleanup = new AtomicLong(System.nanoTime() - CLEANUP_EVERY_NANOS);

  /**
   * @param requestsPerSecond sustained rate per client, > 0
   * @param burst bucket capacity, >= 1
   * @param maxClients most buckets kept, >= 1
   */
  public ClientRateLimiter(double requestsPerSecond, int burst, int maxClients) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burst < 1 || maxClients < 1) {
      throw new IllegalArgumentException("need requestsPerSecond > 0, burst >= 1, maxClients >= 1, got "
          + requestsPerSecond + ", " + burst + ", " + maxClients);
    }
    this.requestsPerSecond = requestsPerSecond;
    this.burst = burst;
    this.maxClients = maxClients;
    this.overflow = newBucket();
  }

  private Bucket newBucket() {
    // burst tokens per (burst / rate) seconds = rate tokens per second, added continuously.
    Duration period = Duration.ofNanos(Math.max(1L, Math.round(burst / requestsPerSecond * 1e9)));
    return Bucket.builder().addLimit(l -> l.capacity(burst).refillGreedy(burst, period)).build();
  }

  /** Takes one token from {@code client}'s bucket (e.g. {@code "key:0"} or {@code "ip:127.0.0.1"}). */
  public Decision tryConsume(String client) {
    Bucket bucket = buckets.get(client);
    if (bucket == null) {
      bucket = bucketForNewClient(client);
    }
    ConsumptionProbe p = bucket.tryConsumeAndReturnRemaining(1);
    if (p.isConsumed()) {
      return new Decision(true, p.getRemainingTokens(), 0);
    }
    long seconds = Math.max(1L, (p.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    return new Decision(false, 0, seconds);
  }

  /**
   * Whether {@code client} could take a token now, without taking it (a client without a bucket
   * can). Refused decisions carry the wait like {@link #tryConsume}.
   */
  public Decision peek(String client) {
    Bucket bucket = buckets.get(client);
    if (bucket == null) {
      return new Decision(true, burst, 0);
    }
    io.github.bucket4j.EstimationProbe p = bucket.estimateAbilityToConsume(1);
    if (p.canBeConsumed()) {
      return new Decision(true, p.getRemainingTokens(), 0);
    }
    long seconds = Math.max(1L, (p.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    return new Decision(false, 0, seconds);
  }

  private Bucket bucketForNewClient(String client) {
    if (buckets.size() >= maxClients) {
      dropIdleBuckets();
      if (buckets.size() >= maxClients) {
        return overflow;
      }
    }
    return buckets.computeIfAbsent(client, c -> newBucket());
  }

  private void dropIdleBuckets() {
    long now = System.nanoTime();
    long last = lastCleanup.get();
    if (now - last < CLEANUP_EVERY_NANOS || !lastCleanup.compareAndSet(last, now)) {
      return;
    }
    buckets.values().removeIf(b -> b.getAvailableTokens() >= burst);
  }

  /** Number of clients with their own bucket. */
  public int clients() {
    return buckets.size();
  }
}
