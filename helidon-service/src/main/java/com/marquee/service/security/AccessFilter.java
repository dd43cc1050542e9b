package com.marquee.service.security;

import com.marquee.service.http.ConnectionCloseFilter;
import com.marquee.service.http.ErrorBody;
import com.marquee.service.http.Responses;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Set;

/**
 * Client access control in front of every endpoint: rate limiting, then client API keys.
 *
 * <ol>
 *   <li>Requests to a public path ({@code security.public_paths}: health probes, metrics) pass
 *       untouched. (CORS preflights, which carry no key by design, are answered by {@link
 *       CorsFilter} before this filter.)
 *   <li>With a rate limit, the client is {@code key:<n>} when it presented a valid client key in
 *       {@code X-API-Key}, else {@code ip:<remote address>}; a request over its limit gets 429
 *       {@code {"error": "rate_limited", "message"}} with {@code Retry-After} (seconds). Allowed
 *       requests get {@code X-RateLimit-Remaining}. Limiting before authentication also slows down
 *       key guessing.
 *   <li>With client keys, a request without a valid {@code X-API-Key} gets 401 {@code {"error":
 *       "unauthorized", "message"}}; {@code /admin/*} is exempt here because it requires an admin key
 *       (in the same header) itself.
 * </ol>
 *
 * A refused request with a body that was not read gets {@code Connection: close}, and the connection is closed
 * after the answer.
 *
 * Installed after {@link com.marquee.service.http.RequestFilter} (and {@link CorsFilter}), so refused requests still get a
 * request id, metrics and (for logged endpoints) a {@code request_logs} row with their status.
 */
public final class AccessFilter implements Filter {

  /** The header carrying client (and admin) API keys. */
  public static final HeaderName X_API_KEY = HeaderNames.create("X-API-Key");
  /** Tokens left in the client's bucket after an allowed request. */
  public static final HeaderName X_RATE_LIMIT_REMAINING = HeaderNames.create("X-RateLimit-Remaining");
  /** Paths under this prefix authenticate with admin keys instead. */
  public static final String ADMIN_PREFIX = "/admin/";

  private final ApiKeys clientKeys;
  private final ClientRateLimiter limiter;
  private final Set<String> publicPaths;

  /**
   * @param clientKeys accepted client keys; empty = no authentication
   * @param limiter the rate limiter, or {@code null} for none
   * @param publicPaths exempt paths (exact match)
   */
  public AccessFilter(ApiKeys clientKeys, ClientRateLimiter limiter, List<String> publicPaths) {
    this.clientKeys = clientKeys;
    this.limiter = limiter;
    this.publicPaths = Set.copyOf(publicPaths);
  }

  /** True when the filter can refuse anything (keys or a rate limit are configured). */
  public boolean active() {
    return !clientKeys.isEmpty() || limiter != null;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String path = req.prologue().uriPath().path();
    if (publicPaths.contains(path)) {
      chain.proceed();
      return;
    }
    int key = clientKeys.isEmpty() ? -1 : clientKeys.match(req.headers().first(X_API_KEY).orElse(null));
    if (limiter != null) {
      String client = key >= 0 ? "key:" + key : "ip:" + clientAddress(req.remotePeer().address());
      ClientRateLimiter.Decision d = limiter.tryConsume(client);
      if (!d.allowed()) {
        res.header(HeaderNames.RETRY_AFTER, Long.toString(d.retryAfterSeconds()));
        closeIfBodyUnread(req, res);
        Responses.json(res, Status.TOO_MANY_REQUESTS_429, new ErrorBody("rate_limited",
            "too many requests; retry after " + d.retryAfterSeconds() + " s"));
        return;
      }
      res.header(X_RATE_LIMIT_REMAINING, Long.toString(d.remaining()));
    }
    if (!clientKeys.isEmpty() && key < 0 && !path.startsWith(ADMIN_PREFIX)) {
      boolean missing = req.headers().first(X_API_KEY).map(String::isEmpty).orElse(true);
      closeIfBodyUnread(req, res);
      Responses.json(res, Status.UNAUTHORIZED_401, new ErrorBody("unauthorized",
          missing ? "missing X-API-Key header (a client API key is required)" : "invalid X-API-Key"));
      return;
    }
    chain.proceed();
  }

  /**
   * A refused request's body is never read: the answer says {@code Connection: close} and {@link
   * ConnectionCloseFilter} closes the connection after it, instead of Helidon reading and discarding a body
   * of any length (or one that never comes) from a client that is not allowed in.
   */
  private static void closeIfBodyUnread(RoutingRequest req, RoutingResponse res) {
    if (!req.content().consumed()) {
      res.header(HeaderValues.CONNECTION_CLOSE);
    }
  }

  /** The IP address of a peer ({@code 127.0.0.1}), the key of per-address limits. */
  public static String clientAddress(SocketAddress a) {
    if (a instanceof InetSocketAddress i) {
      return i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
    }
    return String.valueOf(a);
  }
}
