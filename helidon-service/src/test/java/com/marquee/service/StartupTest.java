package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.service.config.ServingConfig;
import com.marquee.service.http.ServerAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures are reported, not swallowed. */
class StartupTest {

  @TempDir Path tmp;

  @Test
  void portInUseFailsStart() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      ServingConfig c = Servers.config(tmp.resolve("none"), tmp.resolve("requests.db"), List.of(), 1024)
          .with(new ServerAddress("127.0.0.1", taken.getLocalPort()));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> MarqueeServer.start(c));
      assertThat(e.getMessage(), containsString("cannot listen on 127.0.0.1:" + taken.getLocalPort()));
    }
  }

  @Test
  void unwritableRequestLogFailsStart() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    ServingConfig c = Servers.config(tmp.resolve("none"), file.resolve("requests.db"), List.of(), 1024);
    IOException e = assertThrows(IOException.class, () -> MarqueeServer.start(c));
    assertThat(e.getMessage(), containsString("cannot open request log"));
  }
}
