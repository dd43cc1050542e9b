package com.marquee.service.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Closes the connection after an answer that must end it. Installed first, so it runs after every
 * other filter, handler and error handler has sent the answer.
 *
 * <p>Helidon 4.5.0 writes {@code Connection: close} into such answers but keeps reading the
 * connection (upstream helidon-io/helidon#12324, not fixed in a release the Maven mirror serves):
 * when the request body was not read (a 413 answered from {@code Content-Length} alone), the next
 * "request" it parses is the body, so a body holding a second request was executed (request
 * smuggling); and a client's own {@code Connection: close} was not honoured either. This filter
 * throws Helidon's {@link CloseConnectionException} once the answer is sent, which ends the
 * connection loop and closes the socket, when
 *
 * <ul>
 *   <li>the answer carries {@code Connection: close}: {@link JsonErrorHandler} sets it on an error
 *       answer whose request body was not read to its end (413 answered from {@code
 *       Content-Length}, a broken body framing, a 404/405/415 before the body was looked at), so
 *       the client knows and Helidon does not read and discard a body of any length;
 *   <li>the request carries {@code Connection: close} (so does every HTTP/1.0 request, {@link
 *       Http10Request});
 *   <li>the request body was not read to its end by the answer (a handler that ignores a body, a refusal
 *       by {@link com.marquee.service.security.AccessFilter} or the CORS filter; such an answer gets
 *       {@code Connection: close} just before it is sent): Helidon would read and discard the rest
 *       after the answer, as long as the client cares to send it, which no timeout bounds ({@link
 *       ReadTimeouts} times body reads only until the answer starts).
 * </ul>
 */
public final class ConnectionCloseFilter implements Filter {

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    // An answer sent before its request body was read says so, or a client that pools connections
    // (the JDK's HttpClient) sends its next request into the socket this filter is about to close.
    res.beforeSend(() -> {
      if (!req.content().consumed()) {
        res.header(HeaderValues.CONNECTION_CLOSE);
      }
    });
    chain.proceed();
    if (res.headers().containsToken(HeaderValues.CONNECTION_CLOSE)
        || req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)
        || !req.content().consumed()) {
      throw new CloseConnectionException("answer sent; the connection must close");
    }
  }
}
