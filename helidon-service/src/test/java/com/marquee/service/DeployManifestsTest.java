package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.marquee.service.config.ServingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code deploy/} against the code ({@link DeployManifests}): the static checks on the repository; the
 * probe paths GET from real servers started the way the Deployment starts them ({@code
 * configs/serving.yaml} + the container's environment; here on a random port of 127.0.0.1, with the
 * {@link TestModel} fixture or no model); and, on a copy of the repository files, a change made on one
 * side only, which the checks must catch.
 */
class DeployManifestsTest {

  /** The repository (surefire runs in the module directory). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir static Path shared;
  static DeployManifests manifests;
  static MarqueeServer withModel;
  static MarqueeServer withoutModel;

  @TempDir Path copy;

  @BeforeAll
  static void start() throws Exception {
    manifests = DeployManifests.read(ROOT);
    TestModel.write(shared.resolve("model"), "v1");
    withModel = startLikeTheDeployment(manifests, shared.resolve("model"), shared.resolve("a"));
    withoutModel = startLikeTheDeployment(manifests, shared.resolve("no-model-here"), shared.resolve("b"));
  }

  @AfterAll
  static void stop() {
    if (withModel != null) {
      withModel.close();
    }
    if (withoutModel != null) {
      withoutModel.close();
    }
  }

  /**
   * configs/serving.yaml of {@code m} with its Deployment container's env (Secrets as placeholders: so
   * client API keys are on); only the address, the model and the log are moved.
   */
  static MarqueeServer startLikeTheDeployment(DeployManifests m, Path modelDir, Path work) throws IOException {
    Files.createDirectories(work);
    List<String> problems = new ArrayList<>();
    ServingConfig config = m.servingConfig(m.servers().get(0), Map.of(
        "server.host", "127.0.0.1", "server.port", "0",
        "models.dir", modelDir.toString(), "request_log.db_path", work.resolve("requests.db").toString()),
        work, problems).orElseThrow(() -> new AssertionError(problems));
    return MarqueeServer.start(config);
  }

  @Test
  void repositoryManifestsAreConsistentWithTheCode() throws Exception {
    assertThat(manifests.checkAll(), empty());
  }

  @Test
  void everyKindTheDeploymentNeedsIsThere() {
    for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap",
        "PersistentVolumeClaim", "CronJob")) {
      assertThat(kind, manifests.ofKind(kind).isEmpty(), is(false));
    }
    assertThat(manifests.servers(), hasSize(1));
    assertThat(manifests.jobs(), hasSize(1));
  }

  @Test
  void probePathsAnswerOnTheRealServer() {
    // the Deployment's env turns client keys on (Secret placeholder): the probes must not need one
    assertThat(new Http(withModel.port()).get("/popular?k=1").status(), is(401));
    assertThat(manifests.checkProbesAnswer(new Http(withModel.port()), true), empty());
    // without a model the readiness probe keeps the replica out of the Service, liveness still passes
    assertThat(manifests.checkProbesAnswer(new Http(withoutModel.port()), false), empty());
  }

  @Test
  void aProbePathChangedInTheManifestOnlyIsCaught() throws Exception {
    DeployManifests changed = changedCopy("deploy/deployment.yaml", "path: /health/ready", "path: /health/readiness");
    // 401 here: not a route, and not a public path either (client keys are on)
    assertThat(changed.checkProbesAnswer(new Http(withModel.port()), true),
        hasItem(containsString("readinessProbe GET /health/readiness answered 401, expected 200")));
  }

  /** A change on one side; the problem the checks must report. */
  static Stream<Arguments> oneSidedChanges() {
    return Stream.of(
        Arguments.of("configs/serving.yaml", "  port: 8080", "  port: 9090",
            "containerPort [8080] != server.port 9090"),
        Arguments.of("deploy/deployment.yaml", "containerPort: 8080", "containerPort: 8081",
            "containerPort [8081] != server.port 8080"),
        Arguments.of("deploy/configmap.yaml", "MARQUEE_SERVER_HOST: \"0.0.0.0\"", "MARQUEE_SERVER_PORT: \"9000\"",
            "containerPort [8080] != server.port 9000"),
        Arguments.of("deploy/service.yaml", "port: 8080", "port: 80",
            "port 80 != server.port 8080"),
        Arguments.of("deploy/service.yaml", "targetPort: http", "targetPort: web",
            "targetPort web != server.port 8080"),
        Arguments.of("Dockerfile", "EXPOSE 8080", "EXPOSE 8081",
            "EXPOSE [8081] != server.port 8080"),
        Arguments.of("deploy/hpa.yaml", "Deployment\n    name: marquee", "Deployment\n    name: marquee-x",
            "is not a Deployment (apps/v1) of deploy/"),
        Arguments.of("deploy/cronjob.yaml", "[\"/app/scripts/retrain.sh\"]", "[\"/app/scripts/retrain-all.sh\"]",
            "does not start with an executable script"),
        Arguments.of("deploy/cronjob.yaml", "[\"/app/scripts/retrain.sh\"]", "[\"/app/scripts/serve.sh\"]",
            "scripts/serve.sh does not run scripts/retrain.sh"),
        Arguments.of("deploy/configmap.yaml", "MARQUEE_MODELS_WATCH_INTERVAL_MS: \"5000\"",
            "MARQUEE_MODELS_WATCH_INTERVAL_MS: \"0\"", "models.watch_interval_ms is 0 (no model watcher)"),
        Arguments.of("deploy/cronjob.yaml", "concurrencyPolicy: Forbid", "concurrencyPolicy: Allow",
            "concurrencyPolicy Allow != Forbid"),
        Arguments.of("deploy/cronjob.yaml", "values: [2, 75]", "values: [2]",
            "no podFailurePolicy rule FailJob for exit code 75"),
        Arguments.of("deploy/configmap.yaml", "MARQUEE_LIMITS_MAX_REALTIME_USERS", "MARQUEE_LIMITS_MAX_REALTIME_USER",
            "MARQUEE_LIMITS_MAX_REALTIME_USER is not the variable of a key in configs/serving.yaml"),
        Arguments.of("deploy/cronjob.yaml", "MARQUEE_FEEDBACK_MIN_NEW_EVENTS", "MARQUEE_FEEDBACK_MIN_EVENTS",
            "MARQUEE_FEEDBACK_MIN_EVENTS is not the variable of a key in configs/retrain.yaml"),
        Arguments.of("deploy/deployment.yaml", "-Xmx1g", "-Xmx2g",
            "memory limit 1536Mi < 1.5 x heap"),
        Arguments.of("deploy/cronjob.yaml", "-Xmx2560m", "",
            "JAVA_OPTS sets no -Xmx"),
        Arguments.of("deploy/deployment.yaml", "mountPath: /app/data/logs", "mountPath: /app/data/log",
            "request_log.db_path (/app/data/logs/requests.db) is not on a mounted PersistentVolumeClaim"),
        Arguments.of("deploy/cronjob.yaml", "value: /app/data/retrain/retrain.lock", "value: /tmp/retrain.lock",
            "MARQUEE_RETRAIN_LOCK (/tmp/retrain.lock) is not on a mounted PersistentVolumeClaim"),
        Arguments.of("deploy/kustomization.yaml", "  - hpa.yaml", "",
            "kustomization.yaml resources"),
        Arguments.of("deploy/deployment.yaml", "image: marquee", "image: nginx",
            "image 'nginx' is not in kustomization images"),
        Arguments.of("Dockerfile", "CMD [\"/app/scripts/serve.sh\"]", "CMD [\"/app/scripts/server.sh\"]",
            "CMD /app/scripts/server.sh is not an executable script"));
  }

  @Test
  void aProbePathThatNeedsAClientKeyIsCaught() throws Exception {
    DeployManifests changed = changedCopy("configs/serving.yaml",
        "public_paths: [/health, /health/live, /health/ready, /metrics]", "public_paths: [/health, /metrics]");
    try (MarqueeServer server = startLikeTheDeployment(changed, shared.resolve("model"), copy.resolve("run"))) {
      assertThat(changed.checkProbesAnswer(new Http(server.port()), true),
          hasItem(containsString("livenessProbe GET /health/live answered 401, expected 200")));
    }
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("oneSidedChanges")
  void aChangeOnOneSideOnlyIsCaught(String file, String from, String to, String expected) throws Exception {
    assertThat(changedCopy(file, from, to).checkAll(), hasItem(containsString(expected)));
  }

  @Test
  void memoryQuantitiesAndTheDockerfileAreReadAsKubernetesAndDockerDo() throws Exception {
    assertThat(DeployManifests.quantity("1536Mi"), is(1536L << 20));
    assertThat(DeployManifests.quantity("4Gi"), is(4L << 30));
    assertThat(DeployManifests.quantity("2G"), is(2_000_000_000L));
    assertThat(DeployManifests.quantity("1000"), is(1000L));
    DeployManifests.Dockerfile d = manifests.dockerfile();
    assertThat(d.exposed(), is(List.of(8080)));
    assertThat(d.env().get("MARQUEE_HOME"), is("/app"));
    assertThat(d.cmd(), is(List.of("/app/scripts/serve.sh")));
  }

  /**
   * deploy/, configs/, scripts/ and the Dockerfile copied, with the first {@code from} in {@code file}
   * replaced by {@code to}.
   */
  private DeployManifests changedCopy(String file, String from, String to) throws IOException {
    for (String dir : List.of("deploy", "configs", "scripts")) {
      copyTree(ROOT.resolve(dir), copy.resolve(dir));
    }
    Files.copy(ROOT.resolve("Dockerfile"), copy.resolve("Dockerfile"));
    Path f = copy.resolve(file);
    String text = Files.readString(f);
    assertThat("the fixture text is in " + file, text, containsString(from));
    Files.writeString(f, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    return DeployManifests.read(copy);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
