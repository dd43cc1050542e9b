package com.marquee.service.security;

import com.marquee.service.http.ErrorBody;
import com.marquee.service.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cross-origin resource sharing (WHATWG Fetch standard, "CORS protocol") from {@code cors.*} of
 * {@code configs/serving.yaml}; installed only when {@code cors.allowed_origins} is not empty.
 *
 * <ul>
 *   <li>A request without {@code Origin}, or whose origin is the server's own ({@code
 *       scheme://Host}), is not a CORS request and passes untouched.
 *   <li>An origin not in {@code allowed_origins} (and no {@code "*"} there) gets 403 {@code
 *       {"error": "forbidden", "message"}}, preflight or not, so a foreign page cannot trigger side
 *       effects such as {@code POST /feedback}.
 *   <li>A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered here
 *       with 204: {@code Access-Control-Allow-Origin} (the origin, or {@code *}), {@code -Allow-Methods},
 *       {@code -Allow-Headers}, {@code -Max-Age}, {@code Vary: Origin}; a method or a request header
 *       that is not allowed gets 403 JSON. Preflights carry no API key by design and are not rate
 *       limited (they never reach {@link AccessFilter}).
 *   <li>An actual request from an allowed origin gets {@code Access-Control-Allow-Origin}, {@code
 *       Access-Control-Expose-Headers} and {@code Vary: Origin} before the endpoint (and the access
 *       checks) run, so a browser script can also read a 401 or 429 answer.
 * </ul>
 *
 * <p>Why not Helidon's {@code helidon-webserver-cors} 4.5.0: measured here, it refused a preflight
 * whose {@code Access-Control-Request-Headers} list has no space after the comma ({@code
 * content-type,x-api-key}, the form Chromium sends) with 403, and it answers refusals with an empty
 * body instead of this API's JSON error.
 */
public final class CorsFilter implements Filter {

  private static final String ANY = "*";

  private final boolean anyOrigin;
  private final Set<String> origins;
  private final Set<String> methods;
  private final Set<String> headers;
  private final String allowMethods;
  private final String allowHeaders;
  private final String exposeHeaders;
  private final String maxAge;

  /** @param config the {@code cors} section; must be {@link CorsConfig#enabled()} */
  public CorsFilter(CorsConfig config) {
    if (!config.enabled()) {
      throw new IllegalArgumentException("CORS is off: cors.allowed_origins is empty");
    }
    this.anyOrigin = config.allowedOrigins().contains(ANY);
    this.origins = Set.copyOf(config.allowedOrigins().stream().map(CorsFilter::normalizeOrigin).toList());
    this.methods = new TreeSet<>(config.allowedMethods().stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).toList());
    this.headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    config.allowedHeaders().forEach(h -> headers.add(h.strip()));
    this.allowMethods = String.join(", ", methods);
    this.allowHeaders = String.join(", ", config.allowedHeaders());
    this.exposeHeaders = String.join(", ", config.exposedHeaders());
    this.maxAge = Long.toString(config.maxAgeSeconds());
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
    if (origin.isEmpty() || isSameOrigin(origin.get(), req)) {
      chain.proceed();
      return;
    }
    String o = origin.get();
    boolean preflight = req.prologue().method().equals(Method.OPTIONS)
        && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    if (!anyOrigin && !origins.contains(normalizeOrigin(o))) {
      forbid(res, "origin " + o + " is not allowed (cors.allowed_origins)");
      return;
    }
    String allowOrigin = anyOrigin ? ANY : o;
    res.header(HeaderNames.VARY, "Origin");
    if (preflight) {
      String method = req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD).orElse("").strip();
      if (!methods.contains(method.toUpperCase(Locale.ROOT))) {
        forbid(res, "method " + method + " is not allowed for cross-origin requests (cors.allowed_methods)");
        return;
      }
      List<String> requested = requestedHeaders(req);
      List<String> refused = requested.stream().filter(h -> !headers.contains(h)).toList();
      if (!refused.isEmpty()) {
        forbid(res, "request headers " + refused + " are not allowed for cross-origin requests (cors.allowed_headers)");
        return;
      }
      res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
      res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, allowMethods);
      if (!allowHeaders.isEmpty()) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, allowHeaders);
      }
      res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, maxAge);
      res.status(Status.NO_CONTENT_204);
      res.send();
      return;
    }
    res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
    if (!exposeHeaders.isEmpty()) {
      res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
    }
    chain.proceed();
  }

  /** The names in every {@code Access-Control-Request-Headers} line, split on commas, trimmed. */
  static List<String> requestedHeaders(RoutingRequest req) {
    List<String> out = new ArrayList<>();
    req.headers().find(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS).ifPresent(h -> {
      for (String line : h.allValues()) {
        for (String name : line.split(",")) {
          if (!name.isBlank()) {
            out.add(name.strip());
          }
        }
      }
    });
    return out;
  }

  private static boolean isSameOrigin(String origin, RoutingRequest req) {
    Optional<String> host = req.headers().first(HeaderNames.HOST);
    if (host.isEmpty()) {
      return false;
    }
    String scheme = req.isSecure() ? "https" : "http";
    return normalizeOrigin(origin).equals(normalizeOrigin(scheme + "://" + host.get()));
  }

  /** Lower case, default port made explicit: {@code https://A.com} -> {@code https://a.com:443}. */
  static String normalizeOrigin(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    int scheme = o.indexOf("://");
    if (scheme < 0 || o.indexOf(':', scheme + 3) >= 0) {
      return o;
    }
    return o + (o.startsWith("https://") ? ":443" : ":80");
  }

  private static void forbid(RoutingResponse res, String message) {
    Responses.json(res, Status.FORBIDDEN_403, new ErrorBody("forbidden", message));
  }
}
