package com.marquee.service.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.SequencedSet;

/**
 * Reads and validates the query parameters of a {@code GET} endpoint. Like {@link JsonBody} for
 * bodies: each endpoint names the parameters it accepts, an unknown one is a 400 naming it, and every
 * problem is an {@link ApiException} 400 with a message naming the parameter.
 */
public final class QueryParams {

  private QueryParams() {}

  /**
   * Checks that the request has no query parameter outside {@code allowed}.
   *
   * @throws ApiException 400 {@code unknown query parameter 'genres' (allowed: k, offset, genre)}
   */
  public static void requireKnown(ServerRequest req, SequencedSet<String> allowed) {
    for (String name : req.query().names()) {
      if (!allowed.contains(name)) {
        throw ApiException.badRequest("unknown query parameter '" + name + "' (allowed: " + String.join(", ", allowed)
            + ")");
      }
    }
  }

  /** A required integer parameter. @throws ApiException 400 if missing, blank or not a 64-bit integer */
  public static long requiredLong(ServerRequest req, String name) {
    String v = req.query().first(name).orElse(null);
    if (v == null || v.isBlank()) {
      throw ApiException.badRequest("missing required query parameter '" + name + "'");
    }
    return parseLong(v, name);
  }

  /**
   * An optional integer parameter in {@code [min, max]}, {@code dflt} when absent.
   *
   * @throws ApiException 400 if not an integer or outside the range
   */
  public static int optionalInt(ServerRequest req, String name, int dflt, int min, int max) {
    String v = req.query().first(name).orElse(null);
    return v == null ? dflt : JsonBody.checkRange(parseLong(v, name), name, min, max);
  }

  private static long parseLong(String v, String name) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + name + "' must be an integer, got '" + v + "'");
    }
  }
}
