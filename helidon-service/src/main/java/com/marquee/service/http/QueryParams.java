package com.marquee.service.http;

import io.helidon.webserver.http.ServerRequest;

/**
 * Reads and validates query-string and path parameters; every problem is a 400 {@link
 * ApiException} naming the parameter. Values are trimmed; an empty value counts as absent.
 */
public final class QueryParams {

  private QueryParams() {}

  /** Query parameter {@code name}, trimmed, or {@code null} when absent or empty. */
  public static String optionalString(ServerRequest req, String name) {
    return req.query().first(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  /**
   * Integer query parameter {@code name} in {@code [min, max]}, {@code dflt} when absent.
   *
   * @throws ApiException 400 when it is not an integer or out of range
   */
  public static int optionalInt(ServerRequest req, String name, int dflt, int min, int max) {
    Integer v = optionalInteger(req, name);
    return v == null ? dflt : JsonBody.checkRange(v, name, min, max);
  }

  /** Integer query parameter {@code name}, or {@code null} when absent. @throws ApiException 400 */
  public static Integer optionalInteger(ServerRequest req, String name) {
    String v = optionalString(req, name);
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
