package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.config.ConfigException;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.http.RequestLimits;
import com.marquee.service.http.ServerAddress;
import com.marquee.service.log.RequestLogConfig;
import com.marquee.service.model.ModelsConfig;
import com.marquee.service.model.RetrievalConfig;
import com.marquee.service.security.AdminConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code retrieval} keys of configs/serving.yaml. */
class RetrievalConfigTest {

  @TempDir Path tmp;

  @Test
  void theFileHoldsTheDefaults() {
    ServingConfig c = ServingConfig.load(ConfigAndMainTest.SERVING_YAML, Map.of(), Map.of(), Path.of("/base"));
    assertThat(c.retrieval(), is(RetrievalConfig.DEFAULT));
    assertThat(c.retrieval().mode(), is("auto"));
    assertThat(c.retrieval().ivf().listsFor(26_744), is(164));
    assertThat(new RetrievalConfig.Ivf(1, 50, 1, 1).listsFor(26_744), is(50));
  }

  @Test
  void environmentSelectsExactMode() {
    ServingConfig c = ServingConfig.load(ConfigAndMainTest.SERVING_YAML, Map.of("MARQUEE_RETRIEVAL_MODE", "exact",
        "MARQUEE_RETRIEVAL_IVF_PROBES", "12"), Map.of(), Path.of("/base"));
    assertThat(c.retrieval().mode(), is("exact"));
    assertThat(c.retrieval().ivf().probes(), is(12));
  }

  @Test
  void badValuesNameTheKey() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> ServingConfig.load(ConfigAndMainTest.SERVING_YAML,
        Map.of("MARQUEE_RETRIEVAL_MODE", "faiss"), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("'retrieval.mode' must be one of [exact, ivf, auto], got faiss"));
    e = assertThrows(ConfigException.class, () -> ServingConfig.load(ConfigAndMainTest.SERVING_YAML,
        Map.of("MARQUEE_RETRIEVAL_IVF_PROBES", "0"), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("'retrieval.ivf.probes' must be >= 1, got 0"));
    Path f = tmp.resolve("serving.yaml");
    Files.writeString(f,
        Files.readString(ConfigAndMainTest.SERVING_YAML).replace("    probes: 12\n", "    probes: 12\n    nprobe: 3\n"));
    e = assertThrows(ConfigException.class, () -> ServingConfig.load(f, Map.of(), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("nprobe"));
  }

  @Test
  void aConfigWithoutTheSectionGetsTheDefaults() {
    ServingConfig c = new ServingConfig(new ServerAddress("127.0.0.1", 0),
        new ModelsConfig(Path.of("m")), new RequestLogConfig(Path.of("r.db"), 1, 1, 1),
        new RequestLimits(10, 10), new AdminConfig(null));
    assertThat(c.retrieval(), is(RetrievalConfig.DEFAULT));
    assertThat(c.with(c.retrieval().withMode("exact")).retrieval().mode(), is("exact"));
  }
}
