package com.marquee.service.http;

import io.helidon.http.Status;

/**
 * A request that ends with an error response {@code {"error": code, "message": message}} and the
 * given status; thrown by handlers and rendered by {@link JsonErrorHandler}.
 */
public final class ApiException extends RuntimeException {

  private final Status status;
  private final String error;
  private final boolean closeConnection;
  private final long retryAfterSeconds;

  /**
   * @param status HTTP status
   * @param error machine-readable code, e.g. {@code bad_request}
   * @param message human-readable explanation (sent to the client: no secrets, no stack traces)
   */
  public ApiException(Status status, String error, String message) {
    this(status, error, message, false);
  }

  /**
   * @param closeConnection whether the answer must close the connection (the request's body was not,
   *     or could not be, read to its end)
   */
  public ApiException(Status status, String error, String message, boolean closeConnection) {
    this(status, error, message, closeConnection, 0);
  }

  /**
   * @param retryAfterSeconds when > 0, the answer carries {@code Retry-After} with this many seconds
   */
  public ApiException(Status status, String error, String message, boolean closeConnection, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.closeConnection = closeConnection;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds for {@code Retry-After}, or 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** 400 {@code bad_request}: malformed JSON, wrong types, missing fields, values out of range. */
  public static ApiException badRequest(String message) {
    return new ApiException(Status.BAD_REQUEST_400, "bad_request", message);
  }

  /** 404 {@code not_found}. */
  public static ApiException notFound(String message) {
    return new ApiException(Status.NOT_FOUND_404, "not_found", message);
  }

  /** 413 {@code payload_too_large}; closes the connection (the rest of the body is not read). */
  public static ApiException payloadTooLarge(long max) {
    return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
        "request body exceeds " + max + " bytes", true);
  }

  /**
   * 400 {@code bad_request} for a body that cannot be read as HTTP/1.1 framing (e.g. a chunk size
   * that is not hexadecimal); closes the connection, whose byte stream is no longer in sync.
   */
  public static ApiException malformedBody(String detail) {
    String d = detail.length() > 200 ? detail.substring(0, 200) + "..." : detail;
    return new ApiException(Status.BAD_REQUEST_400, "bad_request", "malformed request body: " + d, true);
  }

  /** 503 {@code model_not_loaded}. */
  public static ApiException modelNotLoaded() {
    return new ApiException(Status.SERVICE_UNAVAILABLE_503, "model_not_loaded",
        "no model is loaded yet; load one with POST /admin/reload");
  }

  /** Whether the answer closes the connection. */
  public boolean closeConnection() {
    return closeConnection;
  }

  public Status status() {
    return status;
  }

  public String error() {
    return error;
  }
}
