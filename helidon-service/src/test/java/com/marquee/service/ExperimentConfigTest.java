package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.config.ConfigException;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.experiment.ExperimentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment, registry and dashboard keys of configs/serving.yaml. */
class ExperimentConfigTest {

  @TempDir Path tmp;

  private Path withExperiment(String variants) throws Exception {
    Path f = tmp.resolve("serving.yaml");
    Files.writeString(f, Files.readString(ConfigAndMainTest.SERVING_YAML)
        .replace("  enabled: false\n", "  enabled: true\n")
        .replace("  name: \"\"\n", "  name: exp1\n")
        .replace("  variants: []\n", "  variants:\n" + variants));
    return f;
  }

  @Test
  void defaultsAreDisabledWithRegistryAndReportsDirs() {
    ServingConfig c = ServingConfig.load(ConfigAndMainTest.SERVING_YAML, Map.of(), Map.of(), Path.of("/base"));
    assertThat(c.experiment().enabled(), is(false));
    assertThat(c.experiment().variants(), is(List.of()));
    assertThat(c.models().registryDir(), is(Path.of("/base/models/registry")));
    assertThat(c.dashboard().reportsDir(), is(Path.of("/base/reports")));
    assertThat(c.dashboard().windowHours(), is(168));
  }

  @Test
  void anEnabledExperimentLoads() throws Exception {
    ServingConfig c = ServingConfig.load(withExperiment(
        "    - {name: control, model_version: v1, share: 0.5}\n    - {name: treatment, model_version: v2, share: 0.5}\n"),
        Map.of(), Map.of(), tmp);
    assertThat(c.experiment().enabled(), is(true));
    assertThat(c.experiment().name(), is("exp1"));
    assertThat(c.experiment().variants(), is(List.of(new ExperimentConfig.Variant("control", "v1", 0.5),
        new ExperimentConfig.Variant("treatment", "v2", 0.5))));
  }

  @Test
  void sharesMustSumToOne() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> ServingConfig.load(withExperiment(
        "    - {name: a, model_version: v1, share: 0.5}\n    - {name: b, model_version: v2, share: 0.4}\n"),
        Map.of(), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("'experiment.variants' shares must sum to 1"));
  }

  @Test
  void badVariantsFailNamingTheKey() throws Exception {
    ConfigException dup = assertThrows(ConfigException.class, () -> ServingConfig.load(withExperiment(
        "    - {name: a, model_version: v1, share: 0.5}\n    - {name: a, model_version: v2, share: 0.5}\n"),
        Map.of(), Map.of(), tmp));
    assertThat(dup.getMessage(), containsString("experiment.variants[1].name"));
    ConfigException path = assertThrows(ConfigException.class, () -> ServingConfig.load(withExperiment(
        "    - {name: a, model_version: ../etc, share: 1.0}\n"), Map.of(), Map.of(), tmp));
    assertThat(path.getMessage(), containsString("experiment.variants[0].model_version"));
    ConfigException share = assertThrows(ConfigException.class, () -> ServingConfig.load(withExperiment(
        "    - {name: a, model_version: v1, share: 0}\n    - {name: b, model_version: v2, share: 1}\n"),
        Map.of(), Map.of(), tmp));
    assertThat(share.getMessage(), containsString("experiment.variants[0].share"));
    ConfigException unknown = assertThrows(ConfigException.class, () -> ServingConfig.load(withExperiment(
        "    - {name: a, model_version: v1, share: 1, weight: 2}\n"), Map.of(), Map.of(), tmp));
    assertThat(unknown.getMessage(), containsString("weight"));
  }

  @Test
  void anEnabledExperimentNeedsANameAndVariants() throws Exception {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(f, Files.readString(ConfigAndMainTest.SERVING_YAML).replace("  enabled: false\n", "  enabled: true\n"));
    ConfigException e = assertThrows(ConfigException.class, () -> ServingConfig.load(f, Map.of(), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("experiment.name"));
  }

  @Test
  void dashboardWindowMustBePositive() {
    ConfigException e = assertThrows(ConfigException.class, () -> ServingConfig.load(ConfigAndMainTest.SERVING_YAML,
        Map.of("MARQUEE_DASHBOARD_WINDOW_HOURS", "0"), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("dashboard.window_hours"));
  }
}
