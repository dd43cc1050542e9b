package com.marquee.service.api;

import com.marquee.service.dashboard.DashboardData;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.Responses;
import com.marquee.service.http.StaticFiles;
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

/**
 * {@code GET /dashboard}: a monitoring page served from the classpath ({@code dashboard/} in the
 * resources: {@code index.html}, {@code dashboard.js}, {@code dashboard.css}; hand-written SVG
 * charts, nothing loaded from other origins), and {@code GET /dashboard/data}: the JSON it plots
 * ({@link DashboardData}: request-log KPIs per hour and per variant/version, plus the Beam reports).
 * None of these requests is written to the request log.
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

  /**
   * @param requestLogDb the SQLite request log
   * @param reportsDir directory of {@code kpis.json} and {@code replay.json}
   * @param windowHours hours summarized by {@code /dashboard/data}
   */
  public DashboardService(Path requestLogDb, Path reportsDir, int windowHours) {
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
    Responses.ok(res, DashboardData.compute(requestLogDb, reportsDir, windowHours, Instant.now()));
  }

  private void asset(ServerRequest req, ServerResponse res) {
    String file = req.path().pathParameters().get("file");
    if (!ASSETS.contains(file)) {
      throw new ApiException(Status.NOT_FOUND_404, "not_found", "no dashboard file " + file);
    }
    files.send(res, file);
  }
}
