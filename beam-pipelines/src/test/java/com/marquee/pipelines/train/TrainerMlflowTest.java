package com.marquee.pipelines.train;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.marquee.common.artifact.ModelMetadata;
import com.marquee.pipelines.config.TrainingConfig;
import com.marquee.pipelines.train.mlflow.MlflowRecord;
import com.marquee.pipelines.train.mlflow.MlflowStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's MLflow path against {@link MlflowStandIn}, a loopback stand-in that checks every
 * request against MLflow's REST API 2.0 request schema (an MLflow server cannot be installed here:
 * no PyPI; the stand-in is the only double).
 */
class TrainerMlflowTest {

  @TempDir Path dir;

  @Test
  void logsTheRunUploadsTheVersionRegistersItAndMovesTheProductionAlias() throws Exception {
    TrainerTest.writeInputs(dir);
    try (MlflowStandIn mlflow = new MlflowStandIn()) {
      TrainingConfig cfg = TrainerTest.smallConfig(new TrainingConfig.Mlflow(mlflow.uri(), "marquee-test", "marquee-ials"));
      TrainerPaths paths = TrainerMain.paths(cfg, dir, dir.resolve("raw"), Path.of("processed"), Path.of("features"));

      TrainingResult first = new Trainer(cfg, paths).run();
      ModelMetadata meta = first.metadata();
      String runId = meta.mlflowRunId();
      assertThat(mlflow.violations(), is(empty()));
      assertThat(mlflow.runs.keySet(), is(java.util.Set.of(runId)));
      MlflowStandIn.RunData run = mlflow.runs.get(runId);
      assertThat(run.status, is("FINISHED"));
      assertThat(run.runName, is(meta.version()));
      assertThat(run.params.get("factors"), is("4"));
      assertThat(run.params.get("seed"), is("1"));
      assertThat(run.params, not(hasKey("loss_per_iteration")));
      List<double[]> loss = run.metrics.get("ials.loss");
      assertThat(loss.size(), is(5));
      for (int i = 0; i < 5; i++) {
        assertThat(loss.get(i)[0], is(i + 1.0));
      }
      assertThat(run.metrics.get("ials.val.ndcg_at_10").get(0)[1], closeTo(meta.metric("ials", "val", "ndcg@10"), 1e-12));
      assertThat(run.metrics, hasKey("itemknn.test.recall_at_5"));
      assertThat(run.tags.get("dataset_sha256"), is(meta.dataset().sha256()));
      assertThat(run.tags.get("model_version"), is(meta.version()));
      assertThat(run.tags.get("promoted"), is("true"));

      // model_metadata.json (with the run id), every artifact file and the config were uploaded byte for byte.
      String root = "1/" + runId + "/artifacts/model/";
      try (var files = Files.list(first.versionDir())) {
        for (Path f : files.filter(p -> !p.getFileName().toString().equals(MlflowRecord.FILE)).toList()) {
          byte[] up = mlflow.artifacts.get(root + f.getFileName());
          assertThat(f.toString(), up == null ? null : java.util.Arrays.equals(up, Files.readAllBytes(f)), is(true));
        }
      }
      assertThat(mlflow.artifacts.keySet(), hasItem(root + "item_index.faiss"));
      assertThat(mlflow.artifacts.keySet(), hasItem(root + Trainer.TRAINING_CONFIG_FILE));
      assertThat(new String(mlflow.artifacts.get(root + "model_metadata.json")).contains(runId), is(true));

      MlflowRecord rec = MlflowRecord.read(first.versionDir()).orElseThrow();
      assertThat(rec.runId(), is(runId));
      assertThat(rec.modelVersion(), is("1"));
      assertThat(mlflow.modelVersions.get("marquee-ials"), is(List.of(runId)));
      assertThat(mlflow.aliases.get("marquee-ials").get("production"), is("1"));

      // Same data and seed again: version 2 is registered but not promoted, the alias stays on 1.
      TrainingResult second = new Trainer(cfg, paths).run();
      assertThat(second.decision().promoted(), is(false));
      assertThat(mlflow.violations(), is(empty()));
      assertThat(MlflowRecord.read(second.versionDir()).orElseThrow().modelVersion(), is("2"));
      assertThat(mlflow.aliases.get("marquee-ials").get("production"), is("1"));
      assertThat(mlflow.runs.get(second.metadata().mlflowRunId()).tags.get("promoted"), is("false"));
      assertThat(mlflow.experiments.size(), is(1)); // found by name the second time
    }
  }

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
