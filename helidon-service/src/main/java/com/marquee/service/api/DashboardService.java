package com.marquee.service.api;

import com.marquee.service.dashboard.DashboardData;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /** Static files under {@code PATH}, by file name, with their content types. */
  static final Map<String, String> ASSETS = Map.of(
      "dashboard.js", "text/javascript; charset=UTF-8",
      "dashboard.css", "text/css; charset=UTF-8");

  /** Metrics descriptors (not request-logged). */
  public static final List<Endpoint> ENDPOINTS;

  static {
    List<Endpoint> e = new ArrayList<>();
    e.add(Endpoint.of(PATH, Method.GET, false));
    e.add(Endpoint.of(PATH + "/data", Method.GET, false));
    ASSETS.keySet().stream().sorted().forEach(f -> e.add(Endpoint.of(PATH + "/" + f, Method.GET, false)));
    ENDPOINTS = List.copyOf(e);
  }

  /** Only same-origin scripts, styles and data; inline scripts are not allowed. */
  static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'";

  private final Path requestLogDb;
  private final Path reportsDir;
  private final int windowHours;
  private final byte[] index;
  private final Map<String, byte[]> assets;

  /**
   * @param requestLogDb the SQLite request log
   * @param reportsDir directory of {@code kpis.json} and {@code replay.json}
   * @param windowHours hours summarized by {@code /dashboard/data}
   */
  public DashboardService(Path requestLogDb, Path reportsDir, int windowHours) {
    this.requestLogDb = requestLogDb;
    this.reportsDir = reportsDir;
    this.windowHours = windowHours;
    this.index = resource("index.html");
    java.util.HashMap<String, byte[]> a = new java.util.HashMap<>();
    ASSETS.keySet().forEach(f -> a.put(f, resource(f)));
    this.assets = Map.copyOf(a);
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", (req, res) -> send(res, "text/html; charset=UTF-8", index))
        .get("/data", this::data)
        .get("/{file}", this::asset);
  }

  private void data(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    Responses.ok(res, DashboardData.compute(requestLogDb, reportsDir, windowHours, Instant.now()));
  }

  private void asset(ServerRequest req, ServerResponse res) {
    String file = req.path().pathParameters().get("file");
    byte[] body = assets.get(file);
    if (body == null) {
      throw new ApiException(Status.NOT_FOUND_404, "not_found", "no dashboard file " + file);
    }
    send(res, ASSETS.get(file), body);
  }

  private static void send(ServerResponse res, String contentType, byte[] body) {
    res.header(HeaderNames.CONTENT_TYPE, contentType);
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.header(HeaderNames.create("Content-Security-Policy"), CSP);
    res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    res.send(body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = DashboardService.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource dashboard/" + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
