package com.marquee.service.metrics;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Gives the Prometheus text answer of the metrics endpoint the content type of the exposition
 * format it is, {@value #CONTENT_TYPE}: Helidon 4.5's metrics observer sends a bare {@code
 * text/plain}, which Prometheus only accepts by falling back. Other answers of the endpoint (the
 * JSON form for {@code Accept: application/json}, errors) keep their content type.
 */
public final class PrometheusContentType implements Filter {

  /** The Prometheus text exposition format 0.0.4, as the Prometheus client libraries send it. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final String path;

  /** @param path the metrics endpoint, e.g. {@code /metrics} */
  public PrometheusContentType(String path) {
    this.path = path;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    if (req.prologue().uriPath().path().equals(path)) {
      res.beforeSend(() -> {
        boolean plainText = res.headers().contentType()
            .map(ct -> ct.mediaType().equals(MediaTypes.TEXT_PLAIN)).orElse(false);
        if (plainText && res.status().code() == 200) {
          res.headers().set(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        }
      });
    }
    chain.proceed();
  }
}
