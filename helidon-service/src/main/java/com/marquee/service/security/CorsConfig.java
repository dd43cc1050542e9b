package com.marquee.service.security;

import static com.marquee.common.config.ConfigChecks.require;

import java.util.List;

/**
 * @param allowedOrigins origins allowed to call the API from a browser ({@code https://host[:port]},
 *     or {@code *} for any); empty = CORS off (no CORS headers, preflights get 405)
 * @param allowedMethods methods a cross-origin request may use
 * @param allowedHeaders request headers it may send
 * @param exposedHeaders response headers its script may read
 * @param maxAgeSeconds how long a browser may cache a preflight answer, >= 0
 */
public record CorsConfig(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
    List<String> exposedHeaders, long maxAgeSeconds) {

  /** CORS off. */
  public static final CorsConfig OFF = new CorsConfig(List.of(), List.of("GET", "POST"),
      List.of("Content-Type", "X-API-Key", "X-Request-ID"), List.of("X-Request-ID", "Retry-After"), 600);

  public CorsConfig {
    allowedOrigins = allowedOrigins == null ? List.of()
        : allowedOrigins.stream().filter(o -> o != null && !o.isBlank()).map(String::strip).toList();
    allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
    allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
    exposedHeaders = exposedHeaders == null ? List.of() : List.copyOf(exposedHeaders);
    for (int i = 0; i < allowedOrigins.size(); i++) {
      String o = allowedOrigins.get(i);
      require(o.equals("*") || o.matches("https?://[^/\\s]+"), "cors.allowed_origins[" + i + "]",
          "must be '*' or scheme://host[:port] without a path, got " + o);
    }
    require(maxAgeSeconds >= 0, "cors.max_age_seconds", "must be >= 0, got " + maxAgeSeconds);
  }

  /** True when cross-origin requests are allowed from some origin. */
  public boolean enabled() {
    return !allowedOrigins.isEmpty();
  }

  /** A copy allowing {@code origins}. */
  public CorsConfig withAllowedOrigins(List<String> origins) {
    return new CorsConfig(origins, allowedMethods, allowedHeaders, exposedHeaders, maxAgeSeconds);
  }
}
