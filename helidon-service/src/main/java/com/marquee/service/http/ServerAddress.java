package com.marquee.service.http;

import static com.marquee.common.config.ConfigChecks.require;

/**
 * @param host interface to bind, e.g. {@code 0.0.0.0}
 * @param port TCP port in [0, 65535]; 0 picks a free port
 */
public record ServerAddress(String host, int port) {
  public ServerAddress {
    require(host != null && !host.isBlank(), "server.host", "must not be empty");
    require(port >= 0 && port <= 65535, "server.port", "must be in [0, 65535], got " + port);
  }
}
