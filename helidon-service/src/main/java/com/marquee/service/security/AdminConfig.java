package com.marquee.service.security;

import java.util.List;

/** @param apiKeys accepted {@code X-API-Key} values; empty disables the admin endpoint */
public record AdminConfig(List<String> apiKeys) {
  public AdminConfig {
    apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
  }
}
