/**
 * The HTTP endpoints of SPEC §5, one Helidon {@code HttpService} each: recommendations for known users
 * ({@code POST /recommend}) and by fold-in for anonymous visitors ({@code /recommend/anonymous}), similar and
 * popular items, explanations, the movie catalog and genres, feedback, admin reload, health, the OpenAPI
 * document ({@link OpenApiService}), the dashboard and the web app. Each endpoint parses and validates its
 * request ({@link ListRequest} for the fields list endpoints share) and answers JSON; the ranking is
 * {@code com.marquee.service.recommend}, the model {@code com.marquee.service.model} and the HTTP plumbing
 * {@code com.marquee.service.http}.
 */
package com.marquee.service.api;
