package com.marquee.service.metrics;

import io.helidon.metrics.api.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The JVM and process meters of {@code GET /metrics}, from Micrometer's own binders (micrometer-core,
 * the library under Helidon's metrics provider) bound to the Micrometer registry behind Helidon's
 * {@link MeterRegistry}, so Helidon's Prometheus exporter writes them with Micrometer's Prometheus
 * naming convention (snake_case, unit suffix, {@code _total} only on counters).
 *
 * <p>They replace Helidon's {@code helidon-metrics-system-meters} (no longer a dependency), whose
 * MicroProfile names ({@code memory_usedHeap_bytes}, gauges named {@code thread_count}) fail
 * {@code promtool check metrics}. Exported families (all in Prometheus base units):
 * <ul>
 *   <li>{@code jvm_memory_used_bytes}, {@code jvm_memory_committed_bytes}, {@code jvm_memory_max_bytes}
 *       {@code {area="heap"|"nonheap", id=<pool>}}, {@code jvm_buffer_*} (direct and mapped buffers);
 *   <li>{@code jvm_gc_pause_seconds} (summary per {@code action, cause, gc}), {@code
 *       jvm_gc_memory_allocated_bytes_total}, {@code jvm_gc_memory_promoted_bytes_total}, {@code
 *       jvm_gc_live_data_size_bytes}, {@code jvm_gc_max_data_size_bytes};
 *   <li>{@code jvm_threads_live_threads}, {@code jvm_threads_daemon_threads}, {@code
 *       jvm_threads_peak_threads}, {@code jvm_threads_started_threads_total}, {@code
 *       jvm_threads_states_threads{state}};
 *   <li>{@code jvm_classes_loaded_classes}, {@code jvm_classes_unloaded_classes_total};
 *   <li>{@code jvm_info{runtime, vendor, version}};
 *   <li>{@code process_uptime_seconds}, {@code process_start_time_seconds}, {@code
 *       process_files_open_files}, {@code process_files_max_files}.
 * </ul>
 * Not bound: Micrometer's {@code ProcessorMetrics}, whose gauge {@code system_cpu_count} ends in
 * {@code _count}, which promtool reserves for histograms and summaries.
 *
 * <p>The meters describe the process, not one server: they are bound once per registry and live
 * as long as the JVM (a second {@code MarqueeServer} in the same JVM reuses them).
 */
public final class JvmMeters {

  private static final Set<io.micrometer.core.instrument.MeterRegistry> BOUND =
      Collections.newSetFromMap(new IdentityHashMap<>());

  private JvmMeters() {}

  /**
   * Binds the JVM and process meters to {@code registry} unless that was done already.
   *
   * @throws IllegalStateException if {@code registry} is not backed by Micrometer (another Helidon
   *     metrics provider), since the binders need a Micrometer registry
   */
  public static void bindOnce(MeterRegistry registry) {
    io.micrometer.core.instrument.MeterRegistry micrometer;
    try {
      micrometer = registry.unwrap(io.micrometer.core.instrument.MeterRegistry.class);
    } catch (ClassCastException e) {
      throw new IllegalStateException("Helidon's meter registry is not Micrometer-based; JVM meters need "
          + "helidon-metrics-providers-micrometer", e);
    }
    synchronized (BOUND) {
      if (!BOUND.add(micrometer)) {
        return;
      }
    }
    // JvmGcMetrics keeps GC notification listeners for the JVM's lifetime (never closed: see above).
    @SuppressWarnings("resource")
    JvmGcMetrics gc = new JvmGcMetrics();
    for (MeterBinder b : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
        new JvmInfoMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
      b.bindTo(micrometer);
    }
    awaitFirstGcMeters(micrometer);
  }

  /**
   * Lets the GC listener create its {@code jvm.gc.pause} meters now, at start-up, rather than on
   * the first collection under load: it registers them from the JVM's notification thread inside
   * Micrometer's registry lock, while Helidon's registry holds its own lock around Micrometer's when
   * the server registers a meter, so the two can deadlock (lock-order inversion; seen once at start
   * in CI). One explicit collection, then at most {@value #GC_METER_WAIT_MS} ms for its meter; a
   * later collection with a new cause still registers lazily (rare after start, documented).
   */
  private static void awaitFirstGcMeters(io.micrometer.core.instrument.MeterRegistry micrometer) {
    System.gc();
    long deadline = System.nanoTime() + GC_METER_WAIT_MS * 1_000_000L;
    while (micrometer.find("jvm.gc.pause").timers().isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Longest wait for the GC listener's first meter at start-up, ms. */
  private static final long GC_METER_WAIT_MS = 2000;
}
