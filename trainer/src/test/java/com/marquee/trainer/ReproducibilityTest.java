package com.marquee.trainer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.marquee.common.config.ConfigLoader;
import com.marquee.trainer.config.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version records what it needs to be reproduced (input hashes, the effective config with its
 * seed), and retraining from that record on the same data gives the same metrics.
 */
class ReproducibilityTest {

  @TempDir Path dir;

  @Test
  void theRecordedConfigOnTheSameDataReproducesTheMetrics() throws Exception {
    TrainerTest.writeInputs(dir);
    TrainingConfig cfg = TrainerTest.smallConfig(TrainingConfig.Mlflow.OFF);
    TrainingResult first = new Trainer(cfg, TrainerMain.paths(cfg, dir.resolve("a"), dir.resolve("raw"),
        dir.resolve("processed"), dir.resolve("features"))).run();

    Path recorded = first.versionDir().resolve(Trainer.TRAINING_CONFIG_FILE);
    TrainingConfig reloaded = ConfigLoader.load(recorded, TrainingConfig.class, Map.of(), Map.of());
    assertThat(reloaded, is(cfg));
    assertThat(Files.readString(recorded), containsString("seed: 1"));
    assertThat(first.metadata().dataset().files().keySet(), is(java.util.Set.of("ratings.csv")));

    TrainingResult again = new Trainer(reloaded, TrainerMain.paths(reloaded, dir.resolve("b"), dir.resolve("raw"),
        dir.resolve("processed"), dir.resolve("features"))).run();
    assertThat(again.metadata().dataset().sha256(), is(first.metadata().dataset().sha256()));
    assertThat(again.metadata().metrics(), is(first.metadata().metrics()));
    assertThat(again.metadata().hyperparameters().get("loss_per_iteration"),
        is(first.metadata().hyperparameters().get("loss_per_iteration")));
  }
}
