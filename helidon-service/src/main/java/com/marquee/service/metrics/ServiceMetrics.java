package com.marquee.service.metrics;

import com.marquee.service.log.RequestLogWriter;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.UserTopCache;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's own meters, registered in Helidon's meter registry and exported by the metrics
 * observer at {@code GET /metrics} in Prometheus text format (Helidon adds the tag {@code
 * scope="application"}; JVM meters come from {@link JvmMeters}):
 *
 * <ul>
 *   <li>{@code marquee_http_requests_total{endpoint,status}}: requests by endpoint path (or {@code
 *       unmatched}) and status code;
 *   <li>{@code marquee_http_request_duration_seconds{endpoint,status}}: latency histogram ({@code
 *       _bucket{le=...}}, {@code _count}, {@code _sum}), buckets 1 ms .. 5 s;
 *   <li>{@code marquee_fallback_total{reason}}: non-personalized answers by reason;
 *   <li>{@code marquee_experiment_requests_total{experiment,variant}}: {@code /recommend} requests
 *       per A/B variant (only while an experiment runs);
 *   <li>{@code marquee_model_info{version}}: 1 for the version being served;
 *   <li>{@code marquee_model_loaded_timestamp_seconds}: when it was loaded (Unix seconds, 0 = none);
 *   <li>{@code marquee_model_reloads_total{result="success"|"failure"}};
 *   <li>{@code marquee_recommend_cache_lookups_total{result="hit"|"miss"}}: {@code /recommend}
 *       answers served from (or computed into) the per-user list cache, summed over model loads;
 *   <li>{@code marquee_request_log_dropped_total}, {@code marquee_request_log_written_total},
 *       {@code marquee_request_log_failed_total}, {@code marquee_request_log_queue_size}.
 * </ul>
 *
 * <p>{@link #close()} removes the meters that hold references to this server's objects (model
 * gauges, request-log counters), so a second server in the same JVM registers fresh ones.
 */
public final class ServiceMetrics implements ModelHolder.Listener, AutoCloseable {

  /** Fallback reasons pre-registered so their counters show 0 before the first fallback. */
  public static final List<String> FALLBACK_REASONS = List.of("unknown_user");

  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final List<Meter> owned = new ArrayList<>();
  /** HTTP status codes are 100..599; other values are not cached. */
  private static final int STATUS_SLOTS = 600;
  private final java.util.concurrent.ConcurrentHashMap<String, RequestMeters[]> requestMeters =
      new java.util.concurrent.ConcurrentHashMap<>();
  private Meter modelInfo;
  private volatile double loadedAtSeconds;
  private UserTopCache cache = UserTopCache.OFF;
  private long hitsOfEarlierModels;
  private long missesOfEarlierModels;

  /** @param registry normally {@code Services.get(MeterRegistry.class)} */
  public ServiceMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String reason : FALLBACK_REASONS) {
      fallbackCounter(reason);
    }
    reloadCounter("success");
    reloadCounter("failure");
    own(registry.getOrCreate(Gauge.builder("marquee_model_loaded_timestamp_seconds", () -> loadedAtSeconds)
        .description("When the model being served was loaded, Unix seconds; 0 when none is loaded")));
    for (boolean hit : new boolean[] {true, false}) {
      own(registry.getOrCreate(FunctionalCounter.builder("marquee_recommend_cache_lookups", this,
              m -> m.cacheLookups(hit))
          .tags(List.of(Tag.create("result", hit ? "hit" : "miss")))
          .description("POST /recommend answers looked up in the per-user list cache of the production "
              + "model (retrieval.cache_top_n), by result, summed over model loads")));
    }
  }

  /** Cache hits (or misses) of the production model's {@link UserTopCache}, summed over loads. */
  private synchronized long cacheLookups(boolean hit) {
    return hit ? hitsOfEarlierModels + cache.hits() : missesOfEarlierModels + cache.misses();
  }

  /** Records one finished request. */
  public void request(String endpoint, int status, long nanos) {
    RequestMeters m = requestMeters(endpoint, status);
    m.count().increment();
    m.latency().record(Duration.ofNanos(nanos));
  }

  /** The counter and timer of one (endpoint, status), looked up in the registry once and then cached. */
  private RequestMeters requestMeters(String endpoint, int status) {
    RequestMeters[] byStatus = requestMeters.computeIfAbsent(endpoint, e -> new RequestMeters[STATUS_SLOTS]);
    int slot = status >= 0 && status < STATUS_SLOTS ? status : 0;
    RequestMeters m = slot == 0 ? null : byStatus[slot];
    if (m == null) {
      List<Tag> tags = List.of(Tag.create("endpoint", endpoint), Tag.create("status", Integer.toString(status)));
      Counter count = registry.getOrCreate(Counter.builder("marquee_http_requests").tags(tags)
          .description("HTTP requests by endpoint and status"));
      // percentiles(none): Helidon defaults to client-side quantiles, which would put
      // quantile="..." samples into a histogram-typed family; Prometheus computes quantiles from buckets.
      Timer latency = registry.getOrCreate(Timer.builder("marquee_http_request_duration").tags(tags)
          .buckets(LATENCY_BUCKETS).percentiles(new double[0])
          .description("HTTP request latency by endpoint and status"));
      m = new RequestMeters(count, latency);
      if (slot != 0) {
        byStatus[slot] = m; // racy but idempotent: getOrCreate returns the same meters
      }
    }
    return m;
  }

  private record RequestMeters(Counter count, Timer latency) {}

  /** Counts one {@code /recommend} request assigned to {@code variant} of {@code experiment}. */
  public void variantRequest(String experiment, String variant) {
    variantRequests(experiment, variant).increment();
  }

  /** The counter of {@code /recommend} requests of {@code variant} (created at 0 on first use). */
  public Counter variantRequests(String experiment, String variant) {
    return registry.getOrCreate(Counter.builder("marquee_experiment_requests")
        .tags(List.of(Tag.create("experiment", experiment), Tag.create("variant", variant)))
        .description("/recommend requests per A/B experiment variant"));
  }

  /** Counts one fallback answer. */
  public void fallback(String reason) {
    fallbackCounter(reason).increment();
  }

  private Counter fallbackCounter(String reason) {
    return registry.getOrCreate(Counter.builder("marquee_fallback").tags(List.of(Tag.create("reason", reason)))
        .description("Non-personalized answers by reason"));
  }

  private Counter reloadCounter(String result) {
    return registry.getOrCreate(Counter.builder("marquee_model_reloads").tags(List.of(Tag.create("result", result)))
        .description("Model load attempts by result"));
  }

  @Override
  public synchronized void swapped(ModelSnapshot previous, ModelSnapshot current) {
    reloadCounter("success").increment();
    hitsOfEarlierModels += cache.hits();
    missesOfEarlierModels += cache.misses();
    cache = current.userTopCache();
    if (modelInfo != null) {
      registry.remove(modelInfo);
      owned.remove(modelInfo);
    }
    modelInfo = own(registry.getOrCreate(Gauge.builder("marquee_model_info", () -> 1)
        .tags(List.of(Tag.create("version", current.version())))
        .description("1 for the model version being served")));
    loadedAtSeconds = current.loadedAt().toEpochMilli() / 1000.0;
  }

  @Override
  public void failed(Path dir, String message) {
    reloadCounter("failure").increment();
  }

  /** Exports the request log's counters and queue size. */
  public synchronized void bind(RequestLogWriter log) {
    own(registry.getOrCreate(FunctionalCounter.builder("marquee_request_log_dropped", log, RequestLogWriter::dropped)
        .description("Request log rows dropped because the queue was full")));
    own(registry.getOrCreate(FunctionalCounter.builder("marquee_request_log_written", log, RequestLogWriter::written)
        .description("Request log rows written to SQLite")));
    own(registry.getOrCreate(FunctionalCounter.builder("marquee_request_log_failed", log, RequestLogWriter::failed)
        .description("Request log rows lost because their batch failed to write")));
    own(registry.getOrCreate(Gauge.builder("marquee_request_log_queue_size", log, w -> w.queued())
        .description("Request log rows waiting to be written")));
  }

  private <M extends Meter> M own(M meter) {
    owned.add(meter);
    return meter;
  }

  @Override
  public synchronized void close() {
    for (Meter m : owned) {
      registry.remove(m);
    }
    owned.clear();
    modelInfo = null;
  }
}
