package com.marquee.service.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fixed set of static files read once from a classpath directory and served with the same
 * security headers: {@link #CSP} (only same-origin scripts, styles and data, no inline scripts),
 * {@code X-Content-Type-Options: nosniff}, and {@code Cache-Control: no-cache} (the browser
 * revalidates, so a new server version is picked up at once). Used by {@code /dashboard} and the
 * web app at {@code /}.
 */
public final class StaticFiles {

  /** Only same-origin scripts, styles and data; inline scripts are not allowed. */
  public static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'";

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=UTF-8",
      "js", "text/javascript; charset=UTF-8",
      "css", "text/css; charset=UTF-8",
      "svg", "image/svg+xml");

  private final String dir;
  private final Map<String, byte[]> bodies;

  /**
   * Reads {@code names} from classpath directory {@code dir}.
   *
   * @param dir e.g. {@code "dashboard"} (no leading or trailing slash)
   * @param names file names; each must end in {@code .html}, {@code .js}, {@code .css} or {@code .svg}
   * @throws IllegalStateException if a file is missing from the classpath or has another extension
   */
  public StaticFiles(String dir, List<String> names) {
    this.dir = dir;
    Map<String, byte[]> b = new HashMap<>();
    for (String name : names) {
      contentType(name);
      b.put(name, read(dir + "/" + name));
    }
    this.bodies = Map.copyOf(b);
  }

  /** The size of file {@code name} in bytes, or -1 when it is not one of the files. */
  public int size(String name) {
    byte[] body = bodies.get(name);
    return body == null ? -1 : body.length;
  }

  /**
   * Sends file {@code name} with its content type and the security headers.
   *
   * @throws ApiException 404 {@code not_found} when it is not one of the files
   */
  public void send(ServerResponse res, String name) {
    byte[] body = bodies.get(name);
    if (body == null) {
      throw new ApiException(Status.NOT_FOUND_404, "not_found", "no " + dir + " file " + name);
    }
    res.header(HeaderNames.CONTENT_TYPE, contentType(name));
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.header(HeaderNames.create("Content-Security-Policy"), CSP);
    res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    res.send(body);
  }

  private static String contentType(String name) {
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    if (type == null) {
      throw new IllegalStateException("no content type for static file " + name);
    }
    return type;
  }

  private static byte[] read(String resource) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
