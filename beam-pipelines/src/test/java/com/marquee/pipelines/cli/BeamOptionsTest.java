package com.marquee.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

/** Runner defaults of {@link BeamOptions}; this module's classpath has only the DirectRunner. */
class BeamOptionsTest {

  @Test
  void directRunnerDefaultsCanBeOverridden() {
    PipelineOptions o = BeamOptions.create("DirectRunner", List.of("--enforceEncodability=true"));
    assertThat(o.getRunner(), equalTo(DirectRunner.class));
    DirectOptions d = o.as(DirectOptions.class);
    assertThat(d.isEnforceImmutability(), equalTo(false));
    assertThat(d.isEnforceEncodability(), equalTo(true));
    assertThat(ExperimentalOptions.hasExperiment(o, "use_deprecated_read"), equalTo(true));
  }

  @Test
  void flinkIsNotOnTheDirectRunnerClasspath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.beam.runners.flink.FlinkRunner"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BeamOptions.create("FlinkRunner", List.of()));
    assertThat(e.getMessage(), containsString("FlinkRunner is not on this classpath"));
    assertThat(e.getMessage(), containsString("--runner FlinkRunner"));
  }

  @Test
  void argumentsMustBeBeamOptions() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BeamOptions.create("DirectRunner", List.of("x")));
    assertThat(e.getMessage(), containsString("unexpected argument 'x'"));
  }
}
