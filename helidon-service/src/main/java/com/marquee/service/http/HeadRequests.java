package com.marquee.service.http;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Answers {@code HEAD} on every endpoint that answers {@code GET} (RFC 9110 9.3.2): the request is routed
 * as the {@code GET} it stands for, so the status and headers (including {@code Content-Type} and {@code
 * Content-Length}) are the {@code GET} answer's, and the connection's writer ({@link ConnectionView})
 * drops the body. Helidon 4.5.0 routes {@code HEAD} only to handlers registered for it, and none are.
 *
 * <p>{@code HEAD} on a path that is not an endpoint keeps its method (404, without body); on an endpoint
 * without {@code GET} it gets 405 with {@code Allow} ({@link JsonErrorHandler}).
 */
public final class HeadRequests implements Filter {

  private final EndpointRegistry endpoints;

  public HeadRequests(EndpointRegistry endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    HttpPrologue p = req.prologue();
    if (p.method() == Method.HEAD && endpoints.match(p.uriPath().path())
        .map(e -> e.methods().contains(Method.GET)).orElse(false)) {
      req.prologue(HttpPrologue.create(p.rawProtocol(), p.protocol(), p.protocolVersion(), Method.GET, p.uriPath(),
          p.query(), p.fragment()));
    }
    chain.proceed();
  }
}
