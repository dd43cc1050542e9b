package com.marquee.service.http;

import io.helidon.http.Method;
import java.util.Set;

/**
 * One HTTP resource of the service, as used for metric labels, the request log and 405 answers.
 *
 * @param path full path, e.g. {@code /recommend}
 * @param methods the methods it answers; any other method gets 405 with an {@code Allow} header
 * @param requestLogged whether requests to it are written to {@code request_logs} (SPEC §6)
 */
public record Endpoint(String path, Set<Method> methods, boolean requestLogged) {

  public Endpoint {
    methods = Set.copyOf(methods);
  }

  /** An endpoint answering one method. */
  public static Endpoint of(String path, Method method, boolean requestLogged) {
    return new Endpoint(path, Set.of(method), requestLogged);
  }
}
