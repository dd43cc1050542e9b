package com.marquee.service.http;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The service's endpoints by path. Lets the request filter give metrics a bounded {@code endpoint}
 * label (the endpoint path, or {@link #UNMATCHED} for anything else) and lets the error handler
 * tell "unknown path" (404) from "known path, wrong method" (405).
 */
public final class EndpointRegistry {

  /** Metric label of a request to no known endpoint. */
  public static final String UNMATCHED = "unmatched";

  private final Map<String, Endpoint> byPath = new LinkedHashMap<>();

  /** @param endpoints every endpoint of the server */
  public EndpointRegistry(Collection<Endpoint> endpoints) {
    for (Endpoint e : endpoints) {
      if (byPath.put(e.path(), e) != null) {
        throw new IllegalArgumentException("endpoint " + e.path() + " registered twice");
      }
    }
  }

  /** Every endpoint, in registration order. */
  public java.util.List<Endpoint> all() {
    return java.util.List.copyOf(byPath.values());
  }

  /** The endpoint at {@code path} (one trailing slash ignored). */
  public Optional<Endpoint> match(String path) {
    Endpoint e = byPath.get(path);
    if (e == null && path.length() > 1 && path.endsWith("/")) {
      e = byPath.get(path.substring(0, path.length() - 1));
    }
    return Optional.ofNullable(e);
  }
}
