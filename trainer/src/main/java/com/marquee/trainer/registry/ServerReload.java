package com.marquee.trainer.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Tells a running Marquee server to load {@code models/production} again: {@code POST
 * <server>/admin/reload} with header {@code X-API-Key} (SPEC §5). Used by the registry CLI after
 * promote/rollback and by retraining after a promotion.
 */
public final class ServerReload {

  /** Environment variable with the server's base URL, used when no {@code --server} is given. */
  public static final String SERVER_ENV = "MARQUEE_SERVER_URL";
  /** Environment variable with the admin API key, used when no {@code --api-key} is given. */
  public static final String API_KEY_ENV = "MARQUEE_ADMIN_API_KEY";

  private ServerReload() {}

  /**
   * Sends the reload request and returns the server's JSON answer (one line).
   *
   * @param server base URL, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey admin API key
   * @throws IOException if the server cannot be reached (connect timeout 10 s, request 120 s) or
   *     answers anything but 200 (the message has the status and body)
   */
  public static String reload(String server, String apiKey) throws IOException {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("reloading " + server + " needs an admin API key: --api-key or " + API_KEY_ENV);
    }
    URI uri = URI.create(server.replaceFirst("/+$", "") + "/admin/reload");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("X-API-Key", apiKey)
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> res;
    try {
      res = client.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("reload of " + uri + " interrupted", e);
    } catch (IOException e) {
      throw new IOException("cannot reach " + uri + ": " + e, e);
    }
    if (res.statusCode() != 200) {
      throw new IOException("POST " + uri + " answered " + res.statusCode() + ": " + res.body().strip());
    }
    return res.body().strip();
  }

  /** {@code flag} if set, else the environment variable {@code env}, else null. */
  public static String orEnv(String flag, String env) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String v = System.getenv(env);
    return v == null || v.isBlank() ? null : v;
  }
}
