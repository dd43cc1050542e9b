package com.marquee.service.security;

import static com.marquee.common.config.ConfigChecks.require;

import java.util.List;

/**
 * @param clientApiKeys accepted {@code X-API-Key} values of clients; empty = no client
 *     authentication
 * @param publicPaths paths that need no client key and are not rate limited (health probes,
 *     metrics scrapes), exact match
 */
public record SecurityConfig(List<String> clientApiKeys, List<String> publicPaths) {

  /** No client keys; health and metrics public. */
  public static final SecurityConfig OFF = new SecurityConfig(List.of(),
      List.of("/health", "/health/live", "/health/ready", "/metrics"));

  public SecurityConfig {
    clientApiKeys = clientApiKeys == null ? List.of()
        : clientApiKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
    publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    for (int i = 0; i < publicPaths.size(); i++) {
      String p = publicPaths.get(i);
      require(p != null && p.startsWith("/"), "security.public_paths[" + i + "]", "must start with '/', got " + p);
    }
  }

  /** A copy accepting {@code keys}. */
  public SecurityConfig withClientApiKeys(List<String> keys) {
    return new SecurityConfig(keys, publicPaths);
  }
}
