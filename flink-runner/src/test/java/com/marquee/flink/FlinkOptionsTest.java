package com.marquee.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.marquee.pipelines.cli.BeamOptions;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

/** The FlinkRunner defaults {@link BeamOptions} adds, and that explicit options win. */
class FlinkOptionsTest {

  @Test
  void embeddedMiniClusterByDefault() {
    PipelineOptions o = BeamOptions.create("FlinkRunner", List.of());
    assertThat(o.getRunner(), equalTo(FlinkRunner.class));
    FlinkPipelineOptions f = o.as(FlinkPipelineOptions.class);
    assertThat(f.getFlinkMaster(), equalTo("[local]"));
    assertThat(f.getParallelism(), equalTo(Runtime.getRuntime().availableProcessors()));
    assertThat(f.getFasterCopy(), equalTo(true));
  }

  @Test
  void explicitOptionsWin() {
    FlinkPipelineOptions f = BeamOptions.create("org.apache.beam.runners.flink.FlinkRunner",
            List.of("--parallelism=3", "--fasterCopy=false")).as(FlinkPipelineOptions.class);
    assertThat(f.getFlinkMaster(), equalTo("[local]"));
    assertThat(f.getParallelism(), equalTo(3));
    assertThat(f.getFasterCopy(), equalTo(false));
  }

  @Test
  void aClusterKeepsItsOwnParallelism() {
    FlinkPipelineOptions f =
        BeamOptions.create("FlinkRunner", List.of("--flinkMaster=jobmanager:8081")).as(FlinkPipelineOptions.class);
    assertThat(f.getFlinkMaster(), equalTo("jobmanager:8081"));
    assertThat(f.getParallelism(), equalTo(-1)); // -1: the cluster's parallelism.default
  }
}
