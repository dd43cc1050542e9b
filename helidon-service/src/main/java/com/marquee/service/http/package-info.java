/**
 * The HTTP plumbing under the endpoints: validated JSON bodies and query parameters ({@link JsonBody},
 * {@link QueryParams}), a JSON error answer for every failure ({@link ApiException}, {@link ErrorBody},
 * {@link JsonErrorHandler}, {@link JsonDirectHandler}), the filter that sets {@code X-Request-ID}, records
 * metrics and queues request-log rows ({@link RequestFilter}, {@link RequestInfo}), the endpoint registry and
 * static files. The endpoints are {@code com.marquee.service.api}; access control is
 * {@code com.marquee.service.security}.
 */
package com.marquee.service.http;
