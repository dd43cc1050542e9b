package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.config.ConfigException;
import com.marquee.service.config.ServingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configs/serving.yaml, its overrides, and the command line. */
class ConfigAndMainTest {

  /** The repository's config file (surefire runs in the module directory). */
  static final Path SERVING_YAML = Path.of("../configs/serving.yaml").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void repositoryConfigHasTheDocumentedDefaults() {
    ServingConfig c = ServingConfig.load(SERVING_YAML, Map.of(), Map.of(), Path.of("/base"));
    assertThat(c.server().host(), is("0.0.0.0"));
    assertThat(c.server().port(), is(8080));
    assertThat(c.models().dir(), is(Path.of("/base/models/production")));
    assertThat(c.requestLog().dbPath(), is(Path.of("/base/data/logs/requests.db")));
    assertThat(c.requestLog().queueCapacity(), is(10_000));
    assertThat(c.requestLog().batchSize(), is(500));
    assertThat(c.requestLog().flushIntervalMs(), is(200L));
    assertThat(c.limits().maxK(), is(1000));
    assertThat(c.limits().maxRequestBodyBytes(), is(65_536L));
    assertThat(c.admin().apiKeys(), empty());
  }

  @Test
  void environmentOverridesKeys() {
    ServingConfig c = ServingConfig.load(SERVING_YAML,
        Map.of("MARQUEE_SERVER_PORT", "9090", "MARQUEE_ADMIN_API_KEYS", "k1, k2", "MARQUEE_HOME", "/ignored"),
        Map.of(), Path.of("/base"));
    assertThat(c.server().port(), is(9090));
    assertThat(c.admin().apiKeys(), is(List.of("k1", "k2")));
  }

  @Test
  void unknownKeysAndInvalidValuesFailNamingTheKey() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, Files.readString(SERVING_YAML).replace("  port: 8080", "  port: 8080\n  colour: red"));
    ConfigException e = assertThrows(ConfigException.class, () -> ServingConfig.load(f, Map.of(), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("colour"));

    ConfigException port = assertThrows(ConfigException.class, () ->
        ServingConfig.load(SERVING_YAML, Map.of("MARQUEE_SERVER_PORT", "70000"), Map.of(), tmp));
    assertThat(port.getMessage(), containsString("server.port"));
    ConfigException batch = assertThrows(ConfigException.class, () ->
        ServingConfig.load(SERVING_YAML, Map.of("MARQUEE_REQUEST_LOG_BATCH_SIZE", "0"), Map.of(), tmp));
    assertThat(batch.getMessage(), containsString("request_log.batch_size"));
    ConfigException type = assertThrows(ConfigException.class, () ->
        ServingConfig.load(SERVING_YAML, Map.of("MARQUEE_LIMITS_MAX_K", "many"), Map.of(), tmp));
    assertThat(type.getMessage(), containsString("max_k"));
  }

  record Run(Main.Parsed parsed, String out, String err) {}

  Run main(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main.Parsed p = Main.parse(args, env, tmp, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(p, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    Run r = main(Map.of(), "--help");
    assertThat(r.parsed().exitCode(), is(0));
    assertThat(r.parsed().config() == null, is(true));
    assertThat(r.out(), containsString("--port"));
    assertThat(r.out(), containsString("--models"));
    assertThat(r.out(), containsString("--config"));
  }

  @Test
  void badArgumentsExitTwoWithOneLine() {
    for (String[] args : List.of(new String[] {"--bogus"}, new String[] {"--port", "abc"},
        new String[] {"--port", "70000"}, new String[] {"--config", "missing.yaml"}, new String[] {"extra"})) {
      Run r = main(Map.of(), args);
      assertThat(String.join(" ", args), r.parsed().exitCode(), is(2));
      assertThat(r.err(), containsString("error: "));
      assertThat(r.err().strip().lines().count(), is(1L));
    }
  }

  @Test
  void invalidConfigExitsTwoWithOneLineNamingTheKey() throws Exception {
    Path f = tmp.resolve("serving.yaml");
    Files.writeString(f, "server:\n  host: 0.0.0.0\n  port: 8080\n  colour: red\n");
    Run r = main(Map.of(), "--config", "serving.yaml");
    assertThat(r.parsed().exitCode(), is(2));
    assertThat(r.err(), containsString("colour"));
    assertThat(r.err().strip().lines().count(), is(1L));
  }

  @Test
  void flagsOverrideConfigAndPathsResolve() throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home.resolve("configs"));
    Files.copy(SERVING_YAML, home.resolve("configs/serving.yaml"));
    Run r = main(Map.of("MARQUEE_HOME", home.toString()), "--port", "0", "--models", "my/models");
    assertThat(r.err(), is(""));
    ServingConfig c = r.parsed().config();
    assertThat(c.server().port(), is(0));
    assertThat(c.models().dir(), is(tmp.resolve("my/models")));
    assertThat(c.requestLog().dbPath(), is(home.resolve("data/logs/requests.db")));
    assertThat(r.parsed().exitCode(), is(0));
    assertThat(r.out(), not(containsString("Usage")));
  }
}
