package com.marquee.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code GET /openapi}: the OpenAPI 3 document of the whole API, written by hand in {@code
 * src/main/resources/openapi/openapi.yaml} (Helidon's own {@code helidon-openapi} is not published
 * for 4.5.0). YAML ({@code application/yaml}) by default; JSON when the {@code Accept} header names
 * {@code application/json} (or {@code application/vnd.oai.openapi+json}) or with {@code ?format=json}.
 * The file is parsed once at start (so a broken document stops the server, not a client) and both
 * forms are kept in memory. {@code OpenApiTest} checks that its paths and methods are exactly the
 * server's endpoints.
 */
public final class OpenApiService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/openapi";
  /** Metrics descriptor (not request-logged). */
  public static final Endpoint ENDPOINT = Endpoint.of(PATH, Method.GET, false);
  /** Class-path location of the document. */
  public static final String RESOURCE = "openapi/openapi.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] yaml;
  private final byte[] json;

  /** @throws IllegalStateException if the document is missing or not valid YAML */
  public OpenApiService() {
    this.yaml = readResource();
    try {
      JsonNode doc = YAML.readTree(yaml);
      if (doc == null || !doc.isObject() || !doc.has("openapi") || !doc.has("paths")) {
        throw new IllegalStateException(RESOURCE + " is not an OpenAPI document");
      }
      this.json = JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(RESOURCE + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  /** The document as parsed from the YAML file. */
  public static JsonNode document() {
    try {
      return YAML.readTree(readResource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readResource() {
    try (InputStream in = OpenApiService.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", this::openapi);
  }

  private void openapi(ServerRequest req, ServerResponse res) {
    String format = req.query().first("format").orElse(null);
    boolean asJson;
    if (format != null) {
      asJson = switch (format.strip().toLowerCase(Locale.ROOT)) {
        case "json" -> true;
        case "yaml" -> false;
        default -> throw ApiException.badRequest("'format' must be yaml or json, got '" + format + "'");
      };
    } else {
      asJson = req.headers().acceptedTypes().stream()
          .map(HttpMediaType::text)
          .anyMatch(t -> t.startsWith("application/json") || t.startsWith("application/vnd.oai.openapi+json"));
    }
    res.status(Status.OK_200);
    res.header(HeaderNames.CONTENT_TYPE, asJson ? "application/json" : "application/yaml; charset=UTF-8");
    res.send(asJson ? json : yaml);
  }
}
