package com.marquee.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.artifact.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real HTTP/1.1 client against a server on 127.0.0.1 (java.net.http). */
public final class Http {

  /** A response with its body parsed as JSON when it is JSON. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The {@code movie_id}s of array {@code field}. */
    public List<Long> movieIds(String field) {
      List<Long> ids = new ArrayList<>();
      json().get(field).forEach(n -> ids.add(n.get("movie_id").asLong()));
      return ids;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Response get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  /** POST with {@code Content-Type: application/json} unless {@code headers} name another Content-Type. */
  public Response post(String path, String json, String... headers) {
    HttpRequest.Builder b = request(path, headers);
    boolean typed = false;
    for (int i = 0; i + 1 < headers.length; i += 2) {
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (!typed) {
      b.header("Content-Type", "application/json");
    }
    return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** PUT with {@code Content-Type: application/json} unless {@code headers} name another Content-Type. */
  public Response put(String path, String json, String... headers) {
    HttpRequest.Builder b = request(path, headers);
    boolean typed = false;
    for (int i = 0; i + 1 < headers.length; i += 2) {
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (!typed) {
      b.header("Content-Type", "application/json");
    }
    return send(b.PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public Response method(String method, String path, String... headers) {
    return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private Response send(HttpRequest r) {
    try {
      HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
      return new Response(res.statusCode(), res.headers(), res.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
