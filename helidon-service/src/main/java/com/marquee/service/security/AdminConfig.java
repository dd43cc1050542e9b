package com.marquee.service.security;

import java.util.List;

/**
 * The {@code admin} section.
 *
 * @param apiKeys accepted {@code X-API-Key} values; empty disables the admin endpoint
 * @param failedKeys how many wrong keys a client address may present; {@code null} (absent) =
 *     {@link AdminKeyLimit#DEFAULT}
 */
public record AdminConfig(List<String> apiKeys, AdminKeyLimit failedKeys) {
  public AdminConfig {
    apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
    failedKeys = failedKeys == null ? AdminKeyLimit.DEFAULT : failedKeys;
  }

  /** {@code apiKeys} with the default limit of failed keys. */
  public AdminConfig(List<String> apiKeys) {
    this(apiKeys, null);
  }
}
