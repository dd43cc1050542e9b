package com.marquee.service.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one error handler, installed for {@link Throwable}: every failure becomes a JSON {@link
 * ErrorBody}, never a stack trace.
 *
 * <ul>
 *   <li>{@link ApiException}: its status and code (413 and unreadable bodies also close the
 *       connection, so an unread or broken body is not drained);
 *   <li>any error answer whose request body was not read to its end carries {@code Connection:
 *       close}, and {@link ConnectionCloseFilter} closes the connection after it;
 *   <li>no route matched: 405 {@code method_not_allowed} with {@code Allow} (which lists {@code HEAD}
 *       wherever {@code GET} is allowed, {@link HeadRequests}) when the path is a
 *       known endpoint, else 404 {@code not_found};
 *   <li>other Helidon {@link HttpException}s (e.g. an undecodable query): their status;
 *   <li>anything else: 500 {@code internal_error} with a generic message; logged with the stack
 *       trace and request id.
 * </ul>
 */
public final class JsonErrorHandler implements ErrorHandler<Throwable> {

  private static final System.Logger LOG = System.getLogger(JsonErrorHandler.class.getName());

  private final EndpointRegistry endpoints;

  public JsonErrorHandler(EndpointRegistry endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res, Throwable t) {
    if (!req.content().consumed()) {
      // The unread rest of the body must not be parsed as the next request (ConnectionCloseFilter closes).
      res.header(HeaderValues.CONNECTION_CLOSE);
    }
    switch (t) {
      case ApiException e -> {
        if (e.closeConnection()) {
          res.header(HeaderValues.CONNECTION_CLOSE);
        }
        if (e.retryAfterSeconds() > 0) {
          res.header(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        send(res, e.status(), e.error(), e.getMessage());
      }
      case NotFoundException e -> notFound(req, res);
      case HttpException e when e.status().code() < 500 ->
          send(res, e.status(), codeOf(e.status()), e.getMessage());
      default -> {
        String id = req.context().get(RequestInfo.class).map(RequestInfo::requestId).orElse("-");
        LOG.log(System.Logger.Level.ERROR, "request " + id + " " + req.prologue().method().text() + " "
            + req.prologue().uriPath().path() + " failed", t);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error", "internal server error (request id " + id + ")");
      }
    }
  }

  private void notFound(ServerRequest req, ServerResponse res) {
    String path = req.prologue().uriPath().path();
    Method method = req.prologue().method();
    Optional<Endpoint> known = endpoints.match(path);
    if (known.isPresent() && !known.get().methods().contains(method)) {
      java.util.Set<Method> methods = new java.util.HashSet<>(known.get().methods());
      if (methods.contains(Method.GET)) {
        methods.add(Method.HEAD); // HeadRequests
      }
      String allow = methods.stream().map(Method::text).sorted().collect(Collectors.joining(", "));
      res.header(HeaderNames.ALLOW, allow);
      send(res, Status.METHOD_NOT_ALLOWED_405, "method_not_allowed",
          method.text() + " is not allowed on " + known.get().path() + "; use " + allow);
    } else {
      send(res, Status.NOT_FOUND_404, "not_found", "no resource " + method.text() + " " + path);
    }
  }

  private static void send(ServerResponse res, Status status, String error, String message) {
    Responses.json(res, status, new ErrorBody(error, ErrorMessages.plain(message)));
  }

  static String codeOf(Status s) {
    return switch (s.code()) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 429 -> "rate_limited";
      case 431 -> "request_header_fields_too_large";
      case 500 -> "internal_error";
      default -> "http_" + s.code();
    };
  }
}
