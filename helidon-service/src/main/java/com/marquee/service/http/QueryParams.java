package com.marquee.service.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.SequencedSet;

/**
 * Reads and validates the query-string and path parameters of an endpoint. Like {@link JsonBody}
 * for bodies: an endpoint names the query parameters it accepts ({@link #requireKnown}), an unknown
 * one is a 400 naming it, and every problem is a 400 {@link ApiException} naming the parameter.
 * Values are trimmed. An empty text value counts as absent; an empty integer value ({@code ?k=}) is
 * a 400 like any other value that is not an integer.
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

  /** Query parameter {@code name}, trimmed, or {@code null} when absent or empty. */
  public static String optionalString(ServerRequest req, String name) {
    return req.query().first(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
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
   * Integer query parameter {@code name} in {@code [min, max]}, {@code dflt} when absent.
   *
   * @throws ApiException 400 when it is not an integer or out of range
   */
  public static int optionalInt(ServerRequest req, String name, int dflt, int min, int max) {
    String v = req.query().first(name).orElse(null);
    return v == null ? dflt : JsonBody.checkRange(parseLong(v, name), name, min, max);
  }

  /** Integer query parameter {@code name}, or {@code null} when absent. @throws ApiException 400 */
  public static Integer optionalInteger(ServerRequest req, String name) {
    String v = req.query().first(name).orElse(null);
    return v == null ? null : JsonBody.checkRange(parseLong(v, name), name, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** Path parameter {@code name} as a long. @throws ApiException 400 when it is not an integer */
  public static long pathLong(ServerRequest req, String name) {
    return parseLong(req.path().pathParameters().get(name), name);
  }

  private static long parseLong(String v, String name) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + name + "' must be an integer, got '" + v + "'");
    }
  }
}
