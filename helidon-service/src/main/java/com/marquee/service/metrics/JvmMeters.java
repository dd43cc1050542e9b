package com.marquee.service.metrics;

import io.helidon.metrics.api.MeterRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
 *   <li>{@code jvm_gc_collections_total{gc}} and {@code jvm_gc_collection_time_seconds_total{gc}}
 *       (accumulated collection time) per collector, read from the {@link GarbageCollectorMXBean}s;
 *   <li>{@code jvm_threads_live_threads}, {@code jvm_threads_daemon_threads}, {@code
 *       jvm_threads_peak_threads}, {@code jvm_threads_started_threads_total}, {@code
 *       jvm_threads_states_threads{state}};
 *   <li>{@code jvm_classes_loaded_classes}, {@code jvm_classes_unloaded_classes_total};
 *   <li>{@code jvm_info{runtime, vendor, version}};
 *   <li>{@code process_uptime_seconds}, {@code process_start_time_seconds}, {@code
 *       process_files_open_files}, {@code process_files_max_files}.
 * </ul>
 * Not bound: Micrometer's {@code JvmGcMetrics}. Its GC listener registers a timer per new (gc,
 * action, cause) from the JVM's notification thread while holding Micrometer's registry lock, and
 * Helidon's registry, notified of every added meter, then takes its own lock; the server's thread
 * registering a meter takes the two in the other order. That deadlocked server start-ups (about 1
 * in 9 here; jstack: "Notification Thread" in {@code MMeterRegistry.onMeterAdded}, {@code main} in
 * {@code MeterRegistry.getOrCreateMeter}). The counters above are all registered at bind time, from
 * the binding thread, and read lazily at scrape time: no meter is ever created from another thread.
 * Also not bound: Micrometer's {@code ProcessorMetrics}, whose gauge {@code system_cpu_count} ends in
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
    for (MeterBinder b : List.of(new JvmMemoryMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
        new JvmInfoMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
      b.bindTo(micrometer);
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      FunctionCounter.builder("jvm.gc.collections", gc, b -> Math.max(0, b.getCollectionCount()))
          .tag("gc", gc.getName())
          .description("Collections of this collector since the JVM started")
          .register(micrometer);
      FunctionCounter.builder("jvm.gc.collection.time", gc, b -> Math.max(0, b.getCollectionTime()) / 1000.0)
          .tag("gc", gc.getName())
          .baseUnit("seconds")
          .description("Accumulated time of this collector's collections (JMX approximate elapsed time)")
          .register(micrometer);
    }
  }
}
