package com.marquee.trainer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marquee.common.artifact.ModelMetadata;
import com.marquee.common.config.ConfigLoader;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.mlflow.MlflowClient;
import com.marquee.trainer.mlflow.MlflowException;
import com.marquee.trainer.mlflow.MlflowKit;
import com.marquee.trainer.mlflow.MlflowRecord;
import com.marquee.trainer.mlflow.MlflowTracker;
import com.marquee.trainer.mlflow.MlmodelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer and registry.sh promote/rollback against a real MLflow 2.17.2 tracking server (the
 * vendored kit tools/mlflow-server: sqlite store and registry, artifact proxy), checked through
 * MLflow's REST API and MLflow's own Python client. Skipped, with the reason, when the kit cannot
 * start on this machine (no python3 and no apt-get, apt unreachable); never run against a fake.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MlflowServerTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String MODEL = "marquee-ials-it";

  @TempDir static Path tmp;
  static MlflowKit kit;

  @TempDir Path dir;

  static String whyNot;

  @BeforeAll
  static void startServer() throws Exception {
    MlflowKit.Started s = MlflowKit.start(tmp.resolve("mlflow"));
    kit = s.kit();
    whyNot = s.whyNot();
    if (kit == null) {
      System.err.println("MlflowServerTest SKIPPED: the MLflow kit cannot start here: " + whyNot);
    }
  }

  /** Skips each test (counted as skipped by surefire) when there is no server. */
  @BeforeEach
  void needsServer() {
    Assumptions.assumeTrue(kit != null, () -> "the MLflow kit cannot start here: " + whyNot);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void trainPromoteAndRollbackKeepTagsAliasAndArtifactsRightInMlflow() throws Exception {
    TrainerTest.writeInputs(dir);
    TrainingConfig cfg = TrainerTest.smallConfig(new TrainingConfig.Mlflow(kit.uri(), "marquee-it", MODEL));
    Path config = dir.resolve("training.yaml");
    Files.writeString(config, ConfigLoader.toYaml(cfg));
    TrainerPaths paths = TrainerMain.paths(cfg, dir, dir.resolve("raw"), Path.of("processed"), Path.of("features"));

    TrainingResult first = new Trainer(cfg, paths).run();
    ModelMetadata meta = first.metadata();
    String run1 = meta.mlflowRunId();
    MlflowRecord rec1 = MlflowRecord.read(first.versionDir()).orElseThrow();
    assertThat(rec1.modelVersion(), is("1"));

    JsonNode run = kit.get("runs/get", "run_id", run1).path("run");
    assertThat(run.path("info").path("status").asText(), is("FINISHED"));
    assertThat(run.path("info").path("run_name").asText(), is(meta.version()));
    assertThat(run.path("info").path("user_id").asText(), is(System.getProperty("user.name")));
    JsonNode tags = run.path("data").path("tags");
    assertThat(MlflowKit.tag(tags, "model_version"), is(meta.version()));
    assertThat(MlflowKit.tag(tags, "dataset_sha256"), is(meta.dataset().sha256()));
    assertThat(MlflowKit.tag(tags, "mlflow.user"), is(System.getProperty("user.name")));
    assertThat(MlflowKit.tag(tags, "mlflow.source.type"), is("LOCAL"));
    assertThat(MlflowKit.tag(tags, "mlflow.source.name"), is(MlflowTracker.sourceTags(null).get("mlflow.source.name")));
    if (meta.gitCommit() == null) { // a copy of the sources outside git
      assertThat(MlflowKit.tag(tags, "mlflow.source.git.commit"), is(nullValue()));
    } else {
      assertThat(MlflowKit.tag(tags, "git_commit"), is(meta.gitCommit()));
      assertThat(MlflowKit.tag(tags, "mlflow.source.git.commit"), matchesPattern("[0-9a-f]{40}"));
      assertThat(meta.gitCommit(), containsString(MlflowKit.tag(tags, "mlflow.source.git.commit")));
    }
    Map<String, String> params = new LinkedHashMap<>();
    run.path("data").path("params").forEach(p -> params.put(p.path("key").asText(), p.path("value").asText()));
    assertThat(params.get("factors"), is("4"));
    assertThat(params, not(hasKey("loss_per_iteration")));
    JsonNode loss = kit.get("metrics/get-history", "run_id", run1, "metric_key", "ials.loss").path("metrics");
    assertThat(loss.size(), is(5));
    for (JsonNode m : loss) {
      assertThat(m.path("step").asLong() >= 1 && m.path("step").asLong() <= 5, is(true));
    }
    JsonNode ndcg = kit.get("metrics/get-history", "run_id", run1, "metric_key", "ials.val.ndcg_at_10").path("metrics");
    assertThat(ndcg.get(0).path("value").asDouble(), closeTo(meta.metric("ials", "val", "ndcg@10"), 1e-12));

    // Every file of the version (MLmodel included, mlflow.json is written after the upload) byte for byte.
    String artifactUri = run.path("info").path("artifact_uri").asText();
    Set<String> listed = new TreeSet<>();
    kit.get("artifacts/list", "run_id", run1, "path", "model").path("files")
        .forEach(f -> listed.add(f.path("path").asText().substring("model/".length())));
    Set<String> local = new TreeSet<>();
    try (var files = Files.list(first.versionDir())) {
      files.map(f -> f.getFileName().toString()).filter(n -> !n.equals(MlflowRecord.FILE)).forEach(local::add);
    }
    assertThat(listed, is(local));
    assertThat(local.contains(MlmodelFile.FILE), is(true));
    for (String f : local) {
      assertThat(f, Arrays.equals(kit.artifact(artifactUri + "/model/" + f), Files.readAllBytes(first.versionDir().resolve(f))),
          is(true));
    }

    // The MLmodel as MLflow reads it.
    JsonNode mlmodel = YAML.readTree(kit.artifact(artifactUri + "/model/MLmodel"));
    assertThat(mlmodel.path("artifact_path").asText(), is("model"));
    assertThat(mlmodel.path("run_id").asText(), is(run1));
    assertThat(mlmodel.path("mlflow_version").asText(), is("2.17.2"));
    assertThat(mlmodel.path("model_uuid").asText(), matchesPattern("[0-9a-f]{32}"));
    assertThat(mlmodel.path("utc_time_created").asText(), matchesPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
    JsonNode flavor = mlmodel.path("flavors").path(MlmodelFile.FLAVOR);
    assertThat(flavor.path("marquee_version").asText(), is(meta.version()));
    int users = meta.dataset().counts().get("users").intValue();
    int items = meta.dataset().counts().get("items").intValue();
    assertThat(flavor.path("files").path("user_embeddings").path("shape").toString(), is("[" + users + ",4]"));
    assertThat(flavor.path("files").path("item_embeddings").path("shape").toString(), is("[" + items + ",4]"));
    assertThat(MlflowKit.tag(tags, "mlflow.log-model.history"), containsString(mlmodel.path("model_uuid").asText()));

    // The registered version carries the real version id, not the staging directory's name.
    JsonNode mv = kit.get("model-versions/get", "name", MODEL, "version", "1").path("model_version");
    assertThat(MlflowKit.tag(mv.path("tags"), "marquee_version"), is(meta.version()));
    assertThat(mv.path("source").asText(), is(artifactUri + "/model"));
    assertThat(mv.path("run_id").asText(), is(run1));

    // Same data and seed twice more: versions 2 and 3 are registered, not promoted.
    TrainingResult second = new Trainer(cfg, paths).run();
    TrainingResult third = new Trainer(cfg, paths).run();
    assertThat(second.decision().promoted() || third.decision().promoted(), is(false));
    Map<String, String> runOf = new LinkedHashMap<>();
    runOf.put("1", run1);
    runOf.put("2", second.metadata().mlflowRunId());
    runOf.put("3", third.metadata().mlflowRunId());
    assertProduction("1", runOf);
    assertThat(MlflowRecord.read(third.versionDir()).orElseThrow().modelVersion(), is("3"));

    String[] common = {"--config", config.toString(), "--workdir", dir.toString()};
    RegistryCli.Run list = RegistryCli.run(new String[] {"list"}, common);
    assertThat(list.out(), containsString(MODEL + "/3"));

    RegistryCli.Run promote = RegistryCli.run(new String[] {"promote", third.metadata().version()}, common);
    assertThat(promote.err(), promote.code(), is(0));
    assertThat(promote.out(), containsString("alias production -> version 3"));
    assertProduction("3", runOf);
    assertThat(RegistryCli.run(new String[] {"promote", second.metadata().version()}, common).code(), is(0));
    assertProduction("2", runOf);
    RegistryCli.Run back = RegistryCli.run(new String[] {"rollback"}, common);
    assertThat(back.err(), back.code(), is(0));
    assertProduction("3", runOf);
    assertThat(RegistryCli.run(new String[] {"rollback"}, common).code(), is(0));
    assertProduction("1", runOf);

    // MLflow's own model tools recognise the production version: the alias URI downloads the whole set
    // and Model.load reads its MLmodel; get_model_info (which in 2.17.2 cannot take an alias URI: it
    // appends "/MLmodel" and then parses "name@alias" as a model name) reads it by version number.
    String info = kit.python("""
        import json, os, tempfile, mlflow, mlflow.artifacts, mlflow.models
        name = "%s"
        local = mlflow.artifacts.download_artifacts("models:/" + name + "@production", dst_path=tempfile.mkdtemp())
        loaded = mlflow.models.Model.load(local)
        v = mlflow.MlflowClient().get_model_version_by_alias(name, "production").version
        i = mlflow.models.get_model_info("models:/%%s/%%s" %% (name, v))
        print(json.dumps({"files": sorted(os.listdir(local)), "loaded_uuid": loaded.model_uuid,
                          "flavors": sorted(i.flavors), "run_id": i.run_id, "uuid": i.model_uuid,
                          "inputs": i.signature.inputs.to_dict(), "outputs": i.signature.outputs.to_dict()}))
        """.formatted(MODEL));
    JsonNode got = new ObjectMapper().readTree(info);
    Set<String> downloaded = new TreeSet<>();
    got.path("files").forEach(f -> downloaded.add(f.asText()));
    downloaded.remove("registered_model_meta"); // written by MLflow's models:/ download (model name, version)
    assertThat(downloaded, is(local));
    assertThat(got.path("loaded_uuid").asText(), is(mlmodel.path("model_uuid").asText()));
    assertThat(got.path("flavors").toString(), is("[\"" + MlmodelFile.FLAVOR + "\"]"));
    assertThat(got.path("run_id").asText(), is(run1));
    assertThat(got.path("uuid").asText(), is(mlmodel.path("model_uuid").asText()));
    assertThat(got.path("inputs").get(0).path("tensor-spec").path("shape").toString(), is("[-1,4]"));
    assertThat(got.path("outputs").get(0).path("tensor-spec").path("shape").toString(), is("[-1," + items + "]"));
  }

  @Test
  void anExperimentWithAPlainArtifactLocationGetsTheFixInTheMessageAndKeepsTheModel() throws Exception {
    // What a server with a plain-path --default-artifact-root gives every new experiment.
    String exp = kit.post("experiments/create", Map.of("name", "plain-root",
        "artifact_location", tmp.resolve("plain-root").toString())).path("experiment_id").asText();
    MlflowClient client = new MlflowClient(kit.uri(), Map.of());
    MlflowClient.Run r = client.createRun(exp, "probe", System.currentTimeMillis(), null, Map.of());
    assertThat(r.artifactUri(), not(containsString("mlflow-artifacts:")));
    Path file = Files.writeString(dir.resolve("probe.txt"), "x");
    MlflowException e = org.junit.jupiter.api.Assertions.assertThrows(MlflowException.class,
        () -> client.uploadArtifact(r.artifactUri(), "probe.txt", file));
    assertThat(e.getMessage(), containsString("--artifacts-destination"));
    assertThat(e.getMessage(), containsString("new experiment"));
    assertThat(e.getMessage(), not(containsString("start it with `mlflow server --serve-artifacts`")));

    TrainerTest.writeInputs(dir);
    TrainingConfig cfg = TrainerTest.smallConfig(new TrainingConfig.Mlflow(kit.uri(), "plain-root", MODEL + "-plain"));
    TrainingResult t = new Trainer(cfg, TrainerMain.paths(cfg, dir, dir.resolve("raw"), Path.of("processed"),
        Path.of("features"))).run();
    assertThat(t.decision().promoted(), is(true));
    assertThat(MlflowRecord.read(t.versionDir()).isPresent(), is(false));
    JsonNode info = kit.get("runs/get", "run_id", t.metadata().mlflowRunId()).path("run").path("info");
    assertThat(info.path("status").asText(), is("FAILED"));
  }

  @Test
  void promotingAVersionThatIsNotInMlflowDemotesTheOldRunAndRemovesTheAlias() throws Exception {
    TrainerTest.writeInputs(dir);
    String model = MODEL + "-untracked";
    TrainingConfig tracked = TrainerTest.smallConfig(new TrainingConfig.Mlflow(kit.uri(), "marquee-it", model));
    TrainingConfig untracked = TrainerTest.smallConfig(TrainingConfig.Mlflow.OFF);
    TrainerPaths paths = TrainerMain.paths(tracked, dir, dir.resolve("raw"), Path.of("processed"), Path.of("features"));
    TrainingResult v1 = new Trainer(tracked, paths).run();
    TrainingResult v2 = new Trainer(untracked, paths).run();
    Path config = Files.writeString(dir.resolve("training.yaml"), ConfigLoader.toYaml(untracked));

    RegistryCli.Run promote = RegistryCli.run("promote", v2.metadata().version(), "--config", config.toString(),
        "--workdir", dir.toString());
    assertThat(promote.err(), promote.code(), is(0));
    assertThat(promote.out(), containsString("alias production removed from " + model));
    JsonNode tags = kit.get("runs/get", "run_id", v1.metadata().mlflowRunId()).path("run").path("data").path("tags");
    assertThat(MlflowKit.tag(tags, MlflowTracker.PROMOTED_TAG), is("false"));
    assertThat(kit.get("registered-models/get", "name", model).path("registered_model").path("aliases").size(), is(0));
  }

  /** Alias production on {@code version}; tag promoted "true" on its run and "false" on every other. */
  private static void assertProduction(String version, Map<String, String> runOf) throws Exception {
    JsonNode alias = kit.get("registered-models/alias", "name", MODEL, "alias", "production").path("model_version");
    assertThat(alias.path("version").asText(), is(version));
    for (Map.Entry<String, String> e : runOf.entrySet()) {
      JsonNode tags = kit.get("runs/get", "run_id", e.getValue()).path("run").path("data").path("tags");
      assertThat("run of version " + e.getKey(), MlflowKit.tag(tags, MlflowTracker.PROMOTED_TAG),
          is(Boolean.toString(e.getKey().equals(version))));
    }
  }
}
