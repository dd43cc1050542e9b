package com.marquee.service.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bytes Helidon sees of an HTTP/1.0 request, whole or split into chunks anywhere. */
class Http10RequestTest {

  static String rewrite(String request, int chunk) {
    byte[] in = request.getBytes(StandardCharsets.ISO_8859_1);
    int firstLine = request.indexOf("\r\n");
    Http10Request r = new Http10Request(firstLine, "127.0.0.1:8080");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < in.length; i += chunk) {
      byte[] part = java.util.Arrays.copyOfRange(in, i, Math.min(in.length, i + chunk));
      out.writeBytes(r.apply(part));
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void versionBecomes11AndConnectionCloseAndHostAreAdded() {
    for (int chunk : new int[] {1, 2, 3, 7, 1000}) {
      assertThat(rewrite("GET /health HTTP/1.0\r\n\r\n", chunk),
          is("GET /health HTTP/1.1\r\nConnection: close\r\nHost: 127.0.0.1:8080\r\n\r\n"));
      assertThat(rewrite("POST /r HTTP/1.0\r\nhOsT: a:1\r\nContent-Length: 4\r\n\r\nbody", chunk),
          is("POST /r HTTP/1.1\r\nhOsT: a:1\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody"));
    }
  }

  @Test
  void onlyTheHeaderSectionIsTouched() {
    // "Host:" inside a value, or in the body, is not a Host header; the body passes unchanged.
    String body = "\r\nHost: x\r\n\r\n";
    assertThat(rewrite("POST / HTTP/1.0\r\nX-A: Host: y\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, 5),
        is("POST / HTTP/1.1\r\nX-A: Host: y\r\nContent-Length: " + body.length()
            + "\r\nConnection: close\r\nHost: 127.0.0.1:8080\r\n\r\n" + body));
  }
}
