package com.marquee.trainer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.marquee.common.cli.ExitCodes;
import com.marquee.common.config.ConfigLoader;
import com.marquee.trainer.config.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/registry.sh: list, show, promote, rollback (stack semantics), exit codes. What promote and
 * rollback do in MLflow (alias, run tags) is tested against a real server in {@link MlflowServerTest}.
 */
class RegistryMainTest {

  @TempDir Path dir;

  @Test
  void promoteAndRollbackMoveProductionAndTheDecisionLog() throws Exception {
    TrainerTest.writeInputs(dir);
    TrainingConfig cfg = TrainerTest.smallConfig(TrainingConfig.Mlflow.OFF);
    Path config = dir.resolve("training.yaml");
    Files.writeString(config, ConfigLoader.toYaml(cfg));
    TrainerPaths paths = TrainerMain.paths(cfg, dir, dir.resolve("raw"), Path.of("processed"), Path.of("features"));
    String v1 = new Trainer(cfg, paths).run().metadata().version();
    String v2 = new Trainer(cfg, paths).run().metadata().version(); // same metrics: not promoted
    String v3 = new Trainer(cfg, paths).run().metadata().version();
    String[] common = {"--config", config.toString(), "--workdir", dir.toString()};

    RegistryCli.Run list = RegistryCli.run(new String[] {"list"}, common);
    assertThat(list.code(), is(0));
    assertThat(list.out(), containsString("* " + v1));
    assertThat(list.out(), containsString("production: " + v1));
    assertThat(RegistryCli.run(new String[] {"show", v2}, common).out(), containsString("\"version\" : \"" + v2 + "\""));

    assertThat(RegistryCli.run(new String[] {"promote", v2}, common).code(), is(0));
    assertThat(RegistryCli.run(new String[] {"promote", v3}, common).code(), is(0));
    assertThat(production(), is(v3));

    RegistryCli.Run back = RegistryCli.run(new String[] {"rollback"}, common);
    assertThat(back.out(), back.code(), is(0));
    assertThat(production(), is(v2));
    assertThat(RegistryCli.run(new String[] {"rollback"}, common).code(), is(0));
    assertThat(production(), is(v1));
    RegistryCli.Run none = RegistryCli.run(new String[] {"rollback"}, common);
    assertThat(none.code(), is(ExitCodes.BAD_INPUT));
    assertThat(none.err(), containsString("nothing to roll back to"));

    List<String> log = Files.readAllLines(dir.resolve("models/decisions.jsonl"));
    assertThat(log.size(), is(3 + 4));
    assertThat(log.get(5), containsString("\"action\":\"rollback\""));
    assertThat(log.get(5), containsString("\"candidate\":\"" + v2 + "\""));

    assertThat(RegistryCli.run(new String[] {"promote", "nope"}, common).code(), is(ExitCodes.BAD_INPUT));
    assertThat(RegistryCli.run(new String[] {"frobnicate"}, common).code(), is(ExitCodes.BAD_INPUT));
    assertThat(RegistryCli.run("--help").code(), is(0));

    // A reload that cannot reach the server: production moved, exit 1 with a one-line reason.
    RegistryCli.Run noServer = RegistryCli.run(new String[] {"promote", v3, "--server", "http://127.0.0.1:9", "--api-key", "k"},
        common);
    assertThat(noServer.code(), is(ExitCodes.FAILURE));
    assertThat(noServer.err(), containsString("production is now " + v3 + " locally, but server not reloaded"));
    assertThat(production(), is(v3));
  }

  private String production() throws Exception {
    return dir.resolve("models/production").toRealPath().getFileName().toString();
  }
}
