package com.marquee.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers for requests Helidon rejects before routing (a request line or headers that cannot be
 * parsed, headers over the size limit, an unsupported HTTP version, ...): the same JSON {@link
 * ErrorBody} as every other error instead of Helidon's plain-text default, so no client ever gets a
 * body it cannot parse. Such requests never reach {@link RequestFilter}: they have no request id
 * and are not counted per endpoint (Helidon logs them at debug level).
 *
 * <p>The status is Helidon's, with two exceptions, because this API answers bad input with 4xx only:
 *
 * <ul>
 *   <li>505 (HTTP version not supported) becomes 400: the version is part of a request the client
 *       got wrong;
 *   <li>an internal error before the request line could be read (no method and path known) becomes
 *       400. Helidon 4.5.0 reports a method token with an illegal character ({@code G@T}, a TLS
 *       handshake sent to the plain port, a request line without a method) as "Internal error",
 *       the parser's IllegalArgumentException being the cause: a request the client got wrong. Any
 *       other internal error stays 500.
 * </ul>
 *
 * The message is the one Helidon passes (it passes only messages it marks safe to show), cut to
 * {@value #MAX_MESSAGE} characters and escaped by Jackson, or the status' reason phrase.
 */
public final class JsonDirectHandler implements DirectHandler {

  /** Longest message sent back. */
  public static final int MAX_MESSAGE = 200;

  /** Direct handlers for every event type, all this handler. */
  public static DirectHandlers all() {
    JsonDirectHandler h = new JsonDirectHandler();
    DirectHandlers.Builder b = DirectHandlers.builder();
    for (EventType t : EventType.values()) {
      b.addHandler(t, h);
    }
    return b.build();
  }

  @Override
  public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
      ServerResponseHeaders headers, String message) {
    if (eventType == EventType.INTERNAL_ERROR && unparsedRequestLine(request)) {
      return respond(Status.BAD_REQUEST_400, "malformed request line", headers, false);
    }
    Status status = eventType == EventType.HTTP_VERSION_NOT_SUPPORTED ? Status.BAD_REQUEST_400 : defaultStatus;
    return respond(status, message, headers, eventType.keepAlive());
  }

  /** True when Helidon failed before it could read a method and path (the request line itself). */
  private static boolean unparsedRequestLine(TransportRequest request) {
    return request == null || request.method() == null || request.method().isBlank()
        || request.path() == null || request.path().isBlank();
  }

  private static TransportResponse respond(Status status, String message, ServerResponseHeaders headers,
      boolean keepAlive) {
    String plain = ErrorMessages.plain(message);
    String text = plain == null || plain.isBlank() ? status.reasonPhrase() : plain;
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE) + "...";
    }
    byte[] body;
    try {
      body = Responses.WRITER.writeValueAsBytes(new ErrorBody(JsonErrorHandler.codeOf(status), text));
    } catch (JsonProcessingException e) {
      body = ("{\"error\":\"" + JsonErrorHandler.codeOf(status) + "\",\"message\":\"\"}").getBytes(
          java.nio.charset.StandardCharsets.UTF_8);
    }
    headers.set(HeaderValues.CONTENT_TYPE_JSON);
    headers.set(RequestFilter.NOSNIFF);
    return TransportResponse.builder()
        .status(status)
        .headers(headers)
        .entity(body)
        .keepAlive(keepAlive)
        .build();
  }
}
