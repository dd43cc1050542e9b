package com.marquee.service.api;

import com.marquee.service.http.Endpoint;
import com.marquee.service.http.Responses;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.List;

/**
 * {@code GET /genres} → 200 {@code {"genres": [name, ...], "model_version"}}: every genre of the
 * served model's catalog and popularity file, canonical spelling, sorted case-insensitively (what
 * the {@code genre} filters of {@code /movies}, {@code /popular} and {@code /recommend} accept).
 * Errors: 503 {@code model_not_loaded}. Not request-logged.
 */
public final class GenresService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/genres";
  /** Metrics descriptor (not request-logged). */
  public static final Endpoint ENDPOINT = Endpoint.of(PATH, Method.GET, false);

  /** The response body. */
  public record Response(List<String> genres, String modelVersion) {}

  private final ModelHolder models;

  public GenresService(ModelHolder models) {
    this.models = models;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", (req, res) -> {
      ModelSnapshot model = Models.require(models);
      Responses.ok(res, new Response(model.genreNames(), model.version()));
    });
  }
}
