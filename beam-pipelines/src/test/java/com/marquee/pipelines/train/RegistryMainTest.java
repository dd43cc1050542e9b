package com.marquee.pipelines.train;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.marquee.common.config.ConfigLoader;
import com.marquee.pipelines.cli.ExitCodes;
import com.marquee.pipelines.config.TrainingConfig;
import com.marquee.pipelines.train.mlflow.MlflowStandIn;
import com.marquee.pipelines.train.registry.RegistryMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/registry.sh: list, show, promote, rollback (stack semantics), MLflow alias, exit codes. */
class RegistryMainTest {

  @TempDir Path dir;

  @Test
  void promoteAndRollbackMoveProductionTheDecisionLogAndTheMlflowAlias() throws Exception {
    TrainerTest.writeInputs(dir);
    try (MlflowStandIn mlflow = new MlflowStandIn()) {
      TrainingConfig cfg = TrainerTest.smallConfig(new TrainingConfig.Mlflow(mlflow.uri(), "marquee", "marquee-ials"));
      Path config = dir.resolve("training.yaml");
      Files.writeString(config, ConfigLoader.toYaml(cfg));
      TrainerPaths paths = TrainerMain.paths(cfg, dir, dir.resolve("raw"), Path.of("processed"), Path.of("features"));
      String v1 = new Trainer(cfg, paths).run().metadata().version();
      String v2 = new Trainer(cfg, paths).run().metadata().version(); // same metrics: not promoted
      String v3 = new Trainer(cfg, paths).run().metadata().version();
      String[] common = {"--config", config.toString(), "--workdir", dir.toString()};

      Run list = run(concat(new String[] {"list"}, common));
      assertThat(list.code, is(0));
      assertThat(list.out, containsString("* " + v1));
      assertThat(list.out, containsString("marquee-ials/3"));
      assertThat(list.out, containsString("production: " + v1));
      assertThat(run(concat(new String[] {"show", v2}, common)).out, containsString("\"version\" : \"" + v2 + "\""));

      assertThat(run(concat(new String[] {"promote", v2}, common)).code, is(0));
      assertThat(run(concat(new String[] {"promote", v3}, common)).code, is(0));
      assertThat(production(), is(v3));
      assertThat(mlflow.aliases.get("marquee-ials").get("production"), is("3"));

      Run back = run(concat(new String[] {"rollback"}, common));
      assertThat(back.out, back.code, is(0));
      assertThat(production(), is(v2));
      assertThat(mlflow.aliases.get("marquee-ials").get("production"), is("2"));
      assertThat(run(concat(new String[] {"rollback"}, common)).code, is(0));
      assertThat(production(), is(v1));
      assertThat(mlflow.aliases.get("marquee-ials").get("production"), is("1"));
      Run none = run(concat(new String[] {"rollback"}, common));
      assertThat(none.code, is(ExitCodes.BAD_INPUT));
      assertThat(none.err, containsString("nothing to roll back to"));
      assertThat(mlflow.violations(), is(empty()));

      List<String> log = Files.readAllLines(dir.resolve("models/decisions.jsonl"));
      assertThat(log.size(), is(3 + 4));
      assertThat(log.get(5), containsString("\"action\":\"rollback\""));
      assertThat(log.get(5), containsString("\"candidate\":\"" + v2 + "\""));

      assertThat(run(concat(new String[] {"promote", "nope"}, common)).code, is(ExitCodes.BAD_INPUT));
      assertThat(run(concat(new String[] {"frobnicate"}, common)).code, is(ExitCodes.BAD_INPUT));
      assertThat(run("--help").code, is(0));

      // A reload that cannot reach the server: production moved, exit 1 with a one-line reason.
      Run noServer = run(concat(new String[] {"promote", v3, "--server", "http://127.0.0.1:9", "--api-key", "k"}, common));
      assertThat(noServer.code, is(ExitCodes.FAILURE));
      assertThat(noServer.err, containsString("production is now " + v3 + " locally, but server not reloaded"));
      assertThat(production(), is(v3));
    }
  }

  private String production() throws Exception {
    return dir.resolve("models/production").toRealPath().getFileName().toString();
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ExitCodes.execute(new RegistryMain(), args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
