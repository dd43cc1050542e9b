package com.marquee.service.http;

import static com.marquee.common.config.ConfigChecks.require;

/**
 * @param maxK largest accepted k, >= 1
 * @param maxRequestBodyBytes largest accepted request body, bytes, >= 1
 * @param maxRealtimeUsers most users in the real-time fold-in overlay, >= 0 (0 = off); {@code null}
 *     (key absent) = {@link #DEFAULT_MAX_REALTIME_USERS}
 * @param maxCatalogItems most movies added by {@code PUT /admin/items} that get a row (a vector) in a
 *     served model, and most cold items refined by feedback, >= 0; {@code null} (key absent) = {@link
 *     #DEFAULT_MAX_CATALOG_ITEMS}. Further new movies are in the catalog only (searchable, not
 *     recommendable) until a retrained model has them.
 */
public record RequestLimits(int maxK, long maxRequestBodyBytes, Integer maxRealtimeUsers, Integer maxCatalogItems) {

  /** {@code limits.max_catalog_items} when absent. */
  public static final int DEFAULT_MAX_CATALOG_ITEMS = 10_000;

  /** {@code limits.max_realtime_users} when absent. */
  public static final int DEFAULT_MAX_REALTIME_USERS = 10_000;

  public RequestLimits {
    require(maxK >= 1, "limits.max_k", "must be >= 1, got " + maxK);
    require(maxRequestBodyBytes >= 1, "limits.max_request_body_bytes", "must be >= 1, got " + maxRequestBodyBytes);
    maxRealtimeUsers = maxRealtimeUsers == null ? DEFAULT_MAX_REALTIME_USERS : maxRealtimeUsers;
    require(maxRealtimeUsers >= 0, "limits.max_realtime_users", "must be >= 0, got " + maxRealtimeUsers);
    maxCatalogItems = maxCatalogItems == null ? DEFAULT_MAX_CATALOG_ITEMS : maxCatalogItems;
    require(maxCatalogItems >= 0, "limits.max_catalog_items", "must be >= 0, got " + maxCatalogItems);
  }

  /** Limits with the default real-time overlay bounds. */
  public RequestLimits(int maxK, long maxRequestBodyBytes) {
    this(maxK, maxRequestBodyBytes, null, null);
  }
}
