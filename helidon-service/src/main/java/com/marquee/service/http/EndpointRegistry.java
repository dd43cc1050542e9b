package com.marquee.service.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's endpoints by path. Lets the request filter give metrics a bounded {@code endpoint}
 * label (the endpoint path, or {@link #UNMATCHED} for anything else) and lets the error handler
 * tell "unknown path" (404) from "known path, wrong method" (405).
 *
 * <p>A path may contain OpenAPI-style template segments, {@code /movies/{movie_id}}: such a segment
 * matches any one non-empty segment, and the template is the label of every path it matches.
 * Paths without templates are looked up first (a hash lookup).
 */
public final class EndpointRegistry {

  /** Metric label of a request to no known endpoint. */
  public static final String UNMATCHED = "unmatched";

  private final Map<String, Endpoint> byPath = new LinkedHashMap<>();
  private final List<Endpoint> templates = new ArrayList<>();

  /** @param endpoints every endpoint of the server */
  public EndpointRegistry(Collection<Endpoint> endpoints) {
    for (Endpoint e : endpoints) {
      if (byPath.put(e.path(), e) != null) {
        throw new IllegalArgumentException("endpoint " + e.path() + " registered twice");
      }
      if (e.path().contains("{")) {
        templates.add(e);
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
      path = path.substring(0, path.length() - 1);
      e = byPath.get(path);
    }
    if (e == null && !templates.isEmpty()) {
      for (Endpoint t : templates) {
        if (matchesTemplate(t.path(), path)) {
          return Optional.of(t);
        }
      }
    }
    return Optional.ofNullable(e);
  }

  private static boolean matchesTemplate(String template, String path) {
    String[] want = template.split("/", -1);
    String[] got = path.split("/", -1);
    if (want.length != got.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      boolean variable = want[i].startsWith("{") && want[i].endsWith("}");
      if (variable ? got[i].isEmpty() : !want[i].equals(got[i])) {
        return false;
      }
    }
    return true;
  }
}
