/**
 * Client access control: {@link AccessFilter} applies a per-client token-bucket rate limit
 * ({@link ClientRateLimiter}, Bucket4j) and then client API keys ({@link ApiKeys}, compared in constant time)
 * to every non-public path, and {@link CorsFilter} handles cross-origin requests. The admin key of
 * {@code POST /admin/reload} is checked by {@code com.marquee.service.api.AdminService} with the same
 * {@link ApiKeys}.
 */
package com.marquee.service.security;
