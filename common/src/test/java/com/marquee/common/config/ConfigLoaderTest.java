package com.marquee.common.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  record Server(String host, int port) {
    Server {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("server.port must be in [0, 65535], got " + port);
      }
    }
  }

  record Cfg(Server server, List<String> apiKeys, double minRating) {}

  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void loadsSnakeCaseAndAppliesEnvThenOverrides() throws Exception {
    Path f = write("server:\n  host: 0.0.0.0\n  port: 8080\napi_keys: []\nmin_rating: 4.0\n");
    Cfg c = ConfigLoader.load(f, Cfg.class, Map.of(), Map.of());
    assertThat(c.server().port(), is(8080));
    assertThat(c.minRating(), is(4.0));
    c = ConfigLoader.load(f, Cfg.class, Map.of("MARQUEE_SERVER_PORT", "9090", "MARQUEE_API_KEYS", "a,b"), Map.of());
    assertThat(c.server().port(), is(9090));
    assertThat(c.apiKeys(), is(List.of("a", "b")));
    c = ConfigLoader.load(f, Cfg.class, Map.of("MARQUEE_SERVER_PORT", "9090"), Map.of("server.port", "7070"));
    assertThat(c.server().port(), is(7070));
  }

  @Test
  void envOverridesListsTheVariableOfEveryKeyInFileOrder() throws Exception {
    Path f = write("server:\n  host: 0.0.0.0\n  port: 8080\napi_keys: []\nmin_rating: 4.0\nempty: {}\n");
    assertThat(List.copyOf(ConfigLoader.envOverrides(f).entrySet()), is(List.of(
        Map.entry("MARQUEE_SERVER_HOST", "server.host"),
        Map.entry("MARQUEE_SERVER_PORT", "server.port"),
        Map.entry("MARQUEE_API_KEYS", "api_keys"),
        Map.entry("MARQUEE_MIN_RATING", "min_rating"),
        Map.entry("MARQUEE_EMPTY", "empty"))));
    // the names load() reads: a listed variable overrides its key, any other is ignored
    Cfg c = ConfigLoader.load(write("server:\n  host: h\n  port: 1\napi_keys: []\nmin_rating: 4.0\n"), Cfg.class,
        Map.of("MARQUEE_SERVER_PORT", "2", "MARQUEE_SERVER_PROT", "3"), Map.of());
    assertThat(c.server().port(), is(2));
    assertThrows(ConfigException.class, () -> ConfigLoader.envOverrides(dir.resolve("missing.yaml")));
  }

  @Test
  void unknownKeysAndBadValuesNameTheKey() throws Exception {
    Path f = write("server:\n  host: x\n  port: 8080\n  prot: 1\napi_keys: []\nmin_rating: 4.0\n");
    assertThat(assertThrows(ConfigException.class, () -> ConfigLoader.load(f, Cfg.class, Map.of(), Map.of()))
        .getMessage(), containsString("unknown key 'server.prot'"));
    Path g = write("server:\n  host: x\n  port: eighty\napi_keys: []\nmin_rating: 4.0\n");
    assertThat(assertThrows(ConfigException.class, () -> ConfigLoader.load(g, Cfg.class, Map.of(), Map.of()))
        .getMessage(), containsString("server.port"));
    Path h = write("server:\n  host: x\n  port: 70000\napi_keys: []\nmin_rating: 4.0\n");
    assertThat(assertThrows(ConfigException.class, () -> ConfigLoader.load(h, Cfg.class, Map.of(), Map.of()))
        .getMessage(), containsString("server.port must be in [0, 65535]"));
    assertThat(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(h, Cfg.class, Map.of(), Map.of("server.nope", "1"))).getMessage(),
        containsString("unknown key 'server.nope'"));
  }
}
