package com.marquee.service.http;

import com.marquee.service.log.RequestLogRow;
import com.marquee.service.log.RequestLogWriter;
import com.marquee.service.metrics.ServiceMetrics;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * Wraps every request, including 404s and errors (Helidon runs routing and error handlers inside
 * the filter chain):
 *
 * <ol>
 *   <li>sets {@code X-Content-Type-Options: nosniff} ({@link #NOSNIFF}; {@link JsonDirectHandler} sets
 *       it on the answers Helidon gives before routing);
 *   <li>sets {@code X-Request-ID} on the response: the client's value if sane ({@link RequestIds}),
 *       else a new UUID;
 *   <li>puts a {@link RequestInfo} in the request context for the handlers;
 *   <li>afterwards records the request in {@link ServiceMetrics} and, for request-logged
 *       endpoints, queues a {@code request_logs} row (never blocking).
 * </ol>
 */
public final class RequestFilter implements Filter {

  /** On every answer: browsers must not sniff a JSON (or error) body into HTML or script. */
  public static final io.helidon.http.Header NOSNIFF =
      io.helidon.http.HeaderValues.createCached("X-Content-Type-Options", "nosniff");

  /** The request/response header carrying the request id. */
  public static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-ID");

  private final EndpointRegistry endpoints;
  private final ServiceMetrics metrics;
  private final RequestLogWriter log;

  public RequestFilter(EndpointRegistry endpoints, ServiceMetrics metrics, RequestLogWriter log) {
    this.endpoints = endpoints;
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String id = RequestIds.echoOrCreate(req.headers().first(X_REQUEST_ID).orElse(null));
    RequestInfo info = new RequestInfo(id, Instant.now(), System.nanoTime());
    req.context().register(info);
    res.header(X_REQUEST_ID, id);
    res.header(NOSNIFF);
    Optional<Endpoint> endpoint = endpoints.match(req.prologue().uriPath().path());
    try {
      chain.proceed();
    } finally {
      long nanos = System.nanoTime() - info.startNanos();
      int status = res.status().code();
      metrics.request(endpoint.map(Endpoint::path).orElse(EndpointRegistry.UNMATCHED), status, nanos);
      if (endpoint.isPresent() && endpoint.get().requestLogged()) {
        log.offer(new RequestLogRow(id, info.startedAt(), info.userId(), endpoint.get().path(), info.modelVersion(),
            info.movieIds(), info.scores(), nanos / 1e6, info.isFallback(), info.fallbackReason(), status,
            info.variant()));
      }
    }
  }
}
