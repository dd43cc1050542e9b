package com.marquee.trainer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.mlflow.MlflowRecord;
import com.marquee.trainer.mlflow.MlflowStandIn;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracking failures never lose the model: a server that answers 500 ({@link MlflowStandIn}, the
 * fault-injecting stand-in; a real server cannot be told to fail) and no server at all. The normal
 * path runs against a real MLflow server in {@link MlflowServerTest}.
 */
class TrainerMlflowTest {

  @TempDir Path dir;

  @Test
  void aTrackingFailureKeepsTheLocalVersion() throws Exception {
    TrainerTest.writeInputs(dir);
    try (MlflowStandIn mlflow = new MlflowStandIn()) {
      mlflow.failing.add("model-versions/create");
      TrainingConfig cfg = TrainerTest.smallConfig(new TrainingConfig.Mlflow(mlflow.uri(), "marquee", "marquee-ials"));
      TrainerPaths paths = TrainerMain.paths(cfg, dir, dir.resolve("raw"), Path.of("processed"), Path.of("features"));
      TrainingResult r = new Trainer(cfg, paths).run();
      assertThat(r.decision().promoted(), is(true));
      assertThat(dir.resolve("models/production").toRealPath(), is(r.versionDir().toRealPath()));
      assertThat(MlflowRecord.read(r.versionDir()).isPresent(), is(false));
      assertThat(mlflow.runs.get(r.metadata().mlflowRunId()).status, is("FAILED"));
      assertThat(mlflow.violations(), is(empty()));
    }
    // No server at all: no run id, the model is still written and promoted.
    TrainingConfig down = TrainerTest.smallConfig(new TrainingConfig.Mlflow("http://127.0.0.1:9", "marquee", "marquee-ials"));
    TrainerPaths paths = TrainerMain.paths(down, dir.resolve("w2"), dir.resolve("raw"), dir.resolve("processed"),
        dir.resolve("features"));
    TrainingResult r = new Trainer(down, paths).run();
    assertThat(r.metadata().mlflowRunId(), is(nullValue()));
    assertThat(r.decision().promoted(), is(true));
  }
}
