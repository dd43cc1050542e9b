package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marquee.service.api.AnonymousRecommendService;
import com.marquee.service.api.ExplainService;
import com.marquee.service.api.FeedbackService;
import com.marquee.service.api.ListRequest;
import com.marquee.service.api.OpenApiService;
import com.marquee.service.api.PopularService;
import com.marquee.service.api.RecommendService;
import com.marquee.service.api.SimilarService;
import com.marquee.service.http.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /openapi} and the document's agreement with the server: the same paths and methods as
 * the server's endpoint registry, every documented operation routed (not 404/405), every other method
 * on a documented path 405 with the documented methods in {@code Allow}, every 4xx body an {@code
 * Error}, and the top-level fields of real 2xx answers exactly the documented properties.
 */
class OpenApiTest {

  static final String ADMIN_KEY = "admin-key";

  @TempDir static Path tmp;
  static MarqueeServer server;
  static Http http;
  static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    server = Servers.start(tmp.resolve("model"), tmp, List.of(ADMIN_KEY));
    http = new Http(server.port());
    doc = OpenApiService.document();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** {@code path -> methods} of the document. */
  static Map<String, Set<String>> documented() {
    Map<String, Set<String>> out = new TreeMap<>();
    doc.get("paths").properties().forEach(e -> {
      Set<String> methods = new TreeSet<>();
      e.getValue().fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
      out.put(e.getKey(), methods);
    });
    return out;
  }

  @Test
  void servedAsYamlByDefaultAndAsJsonOnRequest() throws Exception {
    Http.Response yaml = http.get("/openapi");
    assertThat(yaml.status(), is(200));
    assertThat(yaml.header("content-type"), startsWith("application/yaml"));
    JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(yaml.body());
    assertThat(fromYaml.get("openapi").asText(), startsWith("3."));
    Http.Response json = http.get("/openapi", "Accept", "application/json");
    assertThat(json.header("content-type"), startsWith("application/json"));
    assertThat(json.json(), is(fromYaml));
    assertThat(http.get("/openapi?format=json").json(), is(fromYaml));
    assertThat(http.get("/openapi?format=xml").status(), is(400));
  }

  @Test
  void documentAndServerHaveTheSameEndpoints() {
    Map<String, Set<String>> registered = new TreeMap<>();
    for (Endpoint e : MarqueeServer.endpoints().all()) {
      Set<String> methods = new TreeSet<>();
      e.methods().forEach(m -> methods.add(m.text()));
      registered.put(e.path(), methods);
    }
    assertThat(documented(), is(registered));
  }

  @Test
  void everyDocumentedOperationIsRoutedAndOtherMethodsAre405() {
    for (Map.Entry<String, Set<String>> e : documented().entrySet()) {
      String path = e.getKey();
      String concrete = concrete(path);
      for (String method : e.getValue()) {
        Http.Response r = switch (method) {
          case "GET" -> http.get(concrete);
          case "PUT" -> http.put(concrete, "{}");
          case "DELETE" -> http.method("DELETE", concrete);
          default -> http.post(concrete, "{}");
        };
        assertThat(method + " " + path + " " + r.body(), r.status(), not(is(405)));
        if (r.status() == 404) {
          // only a 404 of the resource (unknown movie, ...), never "no resource"
          assertThat(method + " " + path, r.json().get("message").asText(), not(startsWith("no resource")));
        }
      }
      for (String other : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
        if (!e.getValue().contains(other)) {
          Http.Response r = http.method(other, concrete);
          assertThat(other + " " + path, r.status(), is(405));
          // HEAD is answered wherever GET is (HeadRequests; the document says so once, in its description)
          Set<String> allow = new TreeSet<>(e.getValue());
          if (allow.contains("GET")) {
            allow.add("HEAD");
          }
          assertThat(other + " " + path, r.header("Allow"), is(String.join(", ", allow)));
        }
      }
    }
  }

  /** 4xx and 5xx bodies carry {@code error} and {@code message}; the readiness probe's 503 is a probe body. */
  @Test
  void everyErrorIsDocumentedAsAnErrorBody() {
    List<String> problems = new ArrayList<>();
    doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      op.getValue().get("responses").properties().forEach(r -> {
        int code = Integer.parseInt(r.getKey());
        if (code >= 400 && !(p.getKey().equals("/health/ready") && code == 503)) {
          JsonNode schema = resolve(resolve(r.getValue()).get("content").get("application/json").get("schema"));
          JsonNode required = schema.get("required");
          boolean ok = required != null && required.toString().contains("\"error\"")
              && required.toString().contains("\"message\"");
          if (!ok) {
            problems.add(op.getKey() + " " + p.getKey() + " " + code);
          }
        }
      });
    }));
    assertThat(problems, is(List.of()));
  }

  @Test
  void realAnswersHaveExactlyTheDocumentedFields() {
    Map<String, Http.Response> answers = new TreeMap<>();
    answers.put("post /recommend", http.post("/recommend", "{\"user_id\": 1, \"k\": 2}"));
    answers.put("post /recommend/anonymous", http.post("/recommend/anonymous", "{\"items\": [22], \"k\": 2}"));
    answers.put("get /explain", http.get("/explain?user_id=1&movie_id=66"));
    answers.put("post /similar", http.post("/similar", "{\"movie_id\": 22, \"k\": 2}"));
    answers.put("get /popular", http.get("/popular?k=2"));
    answers.put("post /feedback", http.post("/feedback", "{\"user_id\": 1, \"movie_id\": 66, \"event\": \"watch\"}"));
    answers.put("get /health", http.get("/health"));
    answers.put("get /health/live", http.get("/health/live"));
    answers.put("get /health/ready", http.get("/health/ready"));
    answers.put("post /admin/reload", http.post("/admin/reload", "", "X-API-Key", ADMIN_KEY));
    answers.put("get /dashboard/data", http.get("/dashboard/data"));
    answers.put("get /movies", http.get("/movies?q=bravo"));
    answers.put("get /movies/{movie_id}", http.get("/movies/22"));
    answers.put("get /genres", http.get("/genres"));
    for (Map.Entry<String, Http.Response> a : answers.entrySet()) {
      String[] op = a.getKey().split(" ");
      Http.Response r = a.getValue();
      assertThat(a.getKey() + " " + r.body(), r.status() / 100, is(2));
      JsonNode schema = resolve(doc.get("paths").get(op[1]).get(op[0]).get("responses")
          .get(Integer.toString(r.status())).get("content").get("application/json").get("schema"));
      assertThat(a.getKey(), fields(r.json()), is(fields(schema.get("properties"))));
      assertThat(a.getKey(), fields(r.json()).containsAll(values(schema.get("required"))), is(true));
    }
    // nested: a recommended item (because only with explain) and dashboard stats
    JsonNode item = resolve(doc.at("/components/schemas/RecommendedItem"));
    Set<String> itemFields = fields(http.post("/recommend", "{\"user_id\": 1, \"k\": 1, \"explain\": true}")
        .json().get("recommendations").get(0));
    assertThat(itemFields, is(fields(item.get("properties"))));
    assertThat(fields(http.post("/recommend/anonymous", "{\"items\": [22], \"k\": 1, \"explain\": true}")
        .json().get("recommendations").get(0)), is(fields(item.get("properties"))));
    JsonNode movie = http.get("/movies/22").json();
    assertThat(fields(movie.get("similar").get(0)), is(fields(doc.at("/components/schemas/SimilarMovie/properties"))));
    assertThat(fields(http.get("/movies").json().get("movies").get(0)),
        is(fields(doc.at("/components/schemas/MovieSummary/properties"))));
    assertThat(http.get("/openapi").body(), containsString("genre_diversity"));
  }

  /** {@code path} with its template segments filled in with values the test model knows. */
  static String concrete(String path) {
    return path.replace("{movie_id}", "22").replace("{file}", "app.js");
  }

  static Set<String> fields(JsonNode object) {
    Set<String> out = new TreeSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static Set<String> values(JsonNode array) {
    Set<String> out = new TreeSet<>();
    if (array != null) {
      for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
        out.add(it.next().asText());
      }
    }
    return out;
  }

  /** Follows a local {@code $ref}. */
  static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : resolve(doc.at(ref.asText().substring(1)));
  }

  /** Property names of component schema {@code name}, in document order. */
  static List<String> properties(String name) {
    List<String> out = new java.util.ArrayList<>();
    doc.at("/components/schemas/" + name + "/properties").fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Query parameter names of {@code GET path}, in document order. */
  static List<String> queryParameters(String path) {
    List<String> out = new java.util.ArrayList<>();
    doc.get("paths").get(path).get("get").get("parameters").forEach(p -> out.add(resolve(p).get("name").asText()));
    return out;
  }

  @Test
  void requestSchemasListExactlyTheFieldsTheServerAccepts() {
    // the server rejects every other field (400 naming it), so the document must list these and only these
    assertThat(Set.copyOf(properties("RecommendRequest")), is(Set.copyOf(RecommendService.FIELDS)));
    assertThat(Set.copyOf(properties("AnonymousRequest")),
        is(Set.copyOf(AnonymousRecommendService.FIELDS)));
    assertThat(Set.copyOf(properties("SimilarRequest")), is(Set.copyOf(SimilarService.FIELDS)));
    assertThat(Set.copyOf(properties("FeedbackRequest")), is(Set.copyOf(FeedbackService.FIELDS)));
    assertThat(properties("Filters"), is(List.copyOf(ListRequest.FILTER_FIELDS)));
    assertThat(properties("Rules"), is(List.copyOf(ListRequest.RULE_FIELDS)));
    assertThat(properties("Adjustment"), is(List.copyOf(ListRequest.ADJUSTMENT_FIELDS)));
    for (String schema : List.of("RecommendRequest", "AnonymousRequest", "SimilarRequest", "FeedbackRequest", "Filters",
        "Rules", "Adjustment")) {
      assertThat(schema, doc.at("/components/schemas/" + schema + "/additionalProperties").asBoolean(true), is(false));
    }
    assertThat(Set.copyOf(queryParameters("/popular")), is(Set.copyOf(PopularService.PARAMS)));
    assertThat(Set.copyOf(queryParameters("/explain")), is(Set.copyOf(ExplainService.PARAMS)));
  }
}
