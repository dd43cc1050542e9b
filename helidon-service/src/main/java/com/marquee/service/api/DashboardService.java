package com.marquee.service.api;

import com.marquee.service.dashboard.DashboardData;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.Responses;
import com.marquee.service.http.StaticFiles;
import com.marquee.service.log.JdbcExecutor;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code GET /dashboard}: a monitoring page served from the classpath ({@code dashboard/} in the
 * resources: {@code index.html}, {@code dashboard.js}, {@code dashboard.css}; hand-written SVG
 * charts, nothing loaded from other origins), and {@code GET /dashboard/data}: the JSON it plots
 * ({@link DashboardData}: request-log KPIs per hour and per variant/version, plus the Beam reports).
 * None of these requests is written to the request log.
 *
 * <p>{@code /dashboard/data} scans every {@code request_logs} row of the window (1.8 s for 1M rows),
 * so its body is computed at most once per {@code store.dashboard_cache_ms}: within that time every
 * caller gets the same body (header {@code Age}: seconds since it was computed), and concurrent
 * callers of an expired body wait for one computation instead of starting their own. The scan runs
 * on the {@link JdbcExecutor}; when the database does not answer within {@code store.jdbc_timeout_ms}
 * the last body is served again if there is one, else 503 {@code dashboard_unavailable}.
 */
public final class DashboardService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/dashboard";

  /** Static files under {@code PATH}, by file name (served by {@link StaticFiles}). */
  static final List<String> ASSETS = List.of("dashboard.css", "dashboard.js");

  /** Metrics descriptors (not request-logged). */
  public static final List<Endpoint> ENDPOINTS;

  static {
    List<Endpoint> e = new ArrayList<>();
    e.add(Endpoint.of(PATH, Method.GET, false));
    e.add(Endpoint.of(PATH + "/data", Method.GET, false));
    ASSETS.forEach(f -> e.add(Endpoint.of(PATH + "/" + f, Method.GET, false)));
    ENDPOINTS = List.copyOf(e);
  }

  private final Path requestLogDb;
  private final Path reportsDir;
  private final int windowHours;
  private final StaticFiles files;
  private final JdbcExecutor jdbc;
  private final long cacheNanos;
  private final AtomicReference<Cached> cache = new AtomicReference<>();
  private final ReentrantLock computing = new ReentrantLock();

  private record Cached(long computedAtNanos, DashboardData.Data data) {}

  /**
   * @param requestLogDb the SQLite request log
   * @param reportsDir directory of {@code kpis.json} and {@code replay.json}
   * @param windowHours hours summarized by {@code /dashboard/data}
   * @param jdbc runs the request-log scan
   * @param cacheMs how long one computed body is served, ms, >= 0
   */
  public DashboardService(Path requestLogDb, Path reportsDir, int windowHours, JdbcExecutor jdbc, long cacheMs) {
    this.jdbc = jdbc;
    this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(cacheMs);
    this.requestLogDb = requestLogDb;
    this.reportsDir = reportsDir;
    this.windowHours = windowHours;
    List<String> names = new ArrayList<>(ASSETS);
    names.add("index.html");
    this.files = new StaticFiles("dashboard", names);
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", (req, res) -> files.send(res, "index.html"))
        .get("/data", this::data)
        .get("/{file}", this::asset);
  }

  private void data(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    Cached c = fresh();
    res.header(HeaderNames.AGE, Long.toString(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - c.computedAtNanos())));
    Responses.ok(res, c.data());
  }

  /** The cached body if still fresh, else one computed now (by this caller or a concurrent one). */
  private Cached fresh() {
    Cached c = cache.get();
    if (isFresh(c)) {
      return c;
    }
    boolean locked = false;
    try {
      locked = computing.tryLock(jdbc.timeoutMs(), TimeUnit.MILLISECONDS);
      if (locked) {
        c = cache.get();
        if (isFresh(c)) {
          return c;
        }
        Instant now = Instant.now();
        Cached next = new Cached(System.nanoTime(),
            jdbc.call(() -> DashboardData.compute(requestLogDb, reportsDir, windowHours, now)));
        cache.set(next);
        return next;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // JdbcExecutor.Unavailable: stalled or overloaded database; DashboardData reports SQL errors itself
    } finally {
      if (locked) {
        computing.unlock();
      }
    }
    Cached stale = cache.get();
    if (stale != null) {
      return stale;
    }
    throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "dashboard_unavailable",
        "the request log did not answer within " + jdbc.timeoutMs() + " ms; retry later");
  }

  private boolean isFresh(Cached c) {
    return c != null && cacheNanos > 0 && System.nanoTime() - c.computedAtNanos() < cacheNanos;
  }

  private void asset(ServerRequest req, ServerResponse res) {
    String file = req.path().pathParameters().get("file");
    if (!ASSETS.contains(file)) {
      throw new ApiException(Status.NOT_FOUND_404, "not_found", "no dashboard file " + file);
    }
    files.send(res, file);
  }
}
