package com.marquee.service.api;

import com.marquee.service.http.Endpoint;
import com.marquee.service.http.StaticFiles;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.List;

/**
 * The movie-discovery web app: {@code GET /} is its page ({@code webapp/index.html} in the
 * resources), {@code GET /app/{file}} its ES modules and style sheet. Plain files, no build step;
 * every asset comes from this server (no CDN, no web fonts), under {@link StaticFiles#CSP}. The
 * page calls the JSON API of the same server ({@code /movies}, {@code /genres}, {@code
 * /recommend/anonymous}, {@code /recommend}, {@code /feedback}). Not request-logged.
 */
public final class WebAppService implements HttpService {

  /** Path of the page. */
  public static final String PATH = "/";
  /** Path prefix of the assets. */
  public static final String ASSET_PATH = "/app";

  /** The assets under {@link #ASSET_PATH}. */
  public static final List<String> ASSETS = List.of("app.css", "app.js", "api.js", "view.js", "search.js",
      "taste.js", "account.js", "detail.js");

  /** Metrics descriptors (not request-logged). */
  public static final List<Endpoint> ENDPOINTS = List.of(
      Endpoint.of(PATH, Method.GET, false),
      Endpoint.of(ASSET_PATH + "/{file}", Method.GET, false));

  private final StaticFiles files;

  /** Reads the page and its assets from the classpath. @throws IllegalStateException if one is missing */
  public WebAppService() {
    List<String> names = new ArrayList<>(ASSETS);
    names.add("index.html");
    this.files = new StaticFiles("webapp", names);
  }

  /** Total bytes of the page's JavaScript modules. */
  public int scriptBytes() {
    return ASSETS.stream().filter(f -> f.endsWith(".js")).mapToInt(files::size).sum();
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", (req, res) -> files.send(res, "index.html"))
        .get(ASSET_PATH + "/{file}", (req, res) -> files.send(res, req.path().pathParameters().get("file")));
  }
}
