package com.marquee.service.http;

/**
 * Body of every error response (SPEC §5).
 *
 * @param error machine-readable code: {@code bad_request}, {@code not_found}, {@code
 *     method_not_allowed}, {@code payload_too_large}, {@code unsupported_media_type}, {@code
 *     unauthorized}, {@code forbidden},
 *     {@code rate_limited}, {@code request_header_fields_too_large}, {@code uri_too_long}, {@code
 *     model_not_loaded}, {@code feedback_unavailable}, {@code reload_failed}, {@code internal_error}
 * @param message human-readable explanation
 */
public record ErrorBody(String error, String message) {}
