package com.marquee.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marquee.common.config.ConfigException;
import com.marquee.common.config.ConfigLoader;
import com.marquee.service.config.ServingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Kubernetes manifests of {@code deploy/} (plain YAML, read with Jackson) and the checks that tie
 * them to the code: ports against {@code configs/serving.yaml} and the Dockerfile, probes against the
 * server's routes, the HPA's target, the CronJob's script and the model watcher it relies on, env
 * variable names against the config files
 * (common {@link ConfigLoader#envOverrides}), memory limits against {@code -Xmx}, and state paths
 * against the mounted volumes.
 *
 * <p>Every check returns problems as sentences (empty = consistent), so a test can assert both that
 * the repository is consistent and that a change on one side only is caught. Containers of a
 * Deployment run the server (they read {@code configs/serving.yaml}); containers of a CronJob run the
 * retraining ({@code retrain.yaml}, {@code data.yaml}, {@code training.yaml}).
 */
final class DeployManifests {

  /**
   * {@code MARQUEE_*} variables that are not config keys, each with a file that reads it (checked, so
   * this list cannot outlive a rename).
   */
  static final Map<String, String> NON_CONFIG_VARIABLES = Map.of(
      "MARQUEE_HOME", "scripts/lib/env.sh",
      "MARQUEE_PREBUILT", "scripts/lib/env.sh",
      "MARQUEE_RETRAIN_LOCK", "scripts/retrain.sh");

  /** Config files read by the retraining job (retrain.sh runs the whole pipeline). */
  static final List<String> RETRAIN_CONFIGS =
      List.of("configs/retrain.yaml", "configs/data.yaml", "configs/training.yaml");

  /** Value given to variables that come from a Secret (only their names can be checked). */
  static final String SECRET_PLACEHOLDER = "value-from-secret";

  /** A heap this many times smaller than the memory limit leaves room for the JVM's native memory. */
  static final double MIN_LIMIT_OVER_HEAP = 1.5;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One YAML document of {@code file} (a path relative to the repository root). */
  record Doc(String file, JsonNode body) {
    String kind() {
      return body.path("kind").asText();
    }

    String name() {
      return body.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
      return kind() + " " + name() + " (" + file + ")";
    }
  }

  /** A container of a workload's pod template. */
  record Container(Doc owner, JsonNode pod, JsonNode spec, boolean init) {
    String name() {
      return spec.path("name").asText();
    }

    @Override
    public String toString() {
      return owner + (init ? " init container " : " container ") + name();
    }

    /** {@code command} then {@code args}. */
    List<String> commandLine() {
      List<String> out = new ArrayList<>();
      spec.path("command").forEach(n -> out.add(n.asText()));
      spec.path("args").forEach(n -> out.add(n.asText()));
      return out;
    }
  }

  /** The runtime stage of the Dockerfile: exposed ports, environment, default command. */
  record Dockerfile(List<Integer> exposed, Map<String, String> env, List<String> cmd) {}

  private final Path root;
  private final List<Doc> docs;
  private final JsonNode kustomization;
  private final Dockerfile dockerfile;

  private DeployManifests(Path root, List<Doc> docs, JsonNode kustomization, Dockerfile dockerfile) {
    this.root = root;
    this.docs = docs;
    this.kustomization = kustomization;
    this.dockerfile = dockerfile;
  }

  /** Reads {@code deploy/*.yaml} and the {@code Dockerfile} of repository {@code root}. */
  static DeployManifests read(Path root) throws IOException {
    List<Doc> docs = new ArrayList<>();
    JsonNode kustomization = null;
    try (Stream<Path> files = Files.list(root.resolve("deploy"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String rel = root.relativize(f).toString();
        List<JsonNode> parsed = YAML.readValues(YAML.createParser(f.toFile()), JsonNode.class).readAll();
        for (JsonNode body : parsed) {
          if (f.getFileName().toString().equals("kustomization.yaml")) {
            kustomization = body;
          } else if (body != null && !body.isNull()) {
            docs.add(new Doc(rel, body));
          }
        }
      }
    }
    return new DeployManifests(root, docs, kustomization, readDockerfile(root.resolve("Dockerfile")));
  }

  List<Doc> docs() {
    return docs;
  }

  Dockerfile dockerfile() {
    return dockerfile;
  }

  /** Where the image holds the repository: the Dockerfile's {@code MARQUEE_HOME}. */
  Path imageHome() {
    return Path.of(dockerfile.env().getOrDefault("MARQUEE_HOME", "/"));
  }

  List<Doc> ofKind(String kind) {
    return docs.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  Optional<Doc> find(String kind, String name) {
    return docs.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst();
  }

  /** Every container (init containers too) of the Deployments and CronJobs. */
  List<Container> containers() {
    List<Container> out = new ArrayList<>();
    for (Doc d : docs) {
      JsonNode pod = switch (d.kind()) {
        case "Deployment" -> d.body().path("spec").path("template").path("spec");
        case "CronJob" -> d.body().path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        default -> null;
      };
      if (pod != null) {
        pod.path("initContainers").forEach(c -> out.add(new Container(d, pod, c, true)));
        pod.path("containers").forEach(c -> out.add(new Container(d, pod, c, false)));
      }
    }
    return out;
  }

  /** The main containers of the Deployments: the servers. */
  List<Container> servers() {
    return containers().stream().filter(c -> !c.init() && c.owner().kind().equals("Deployment")).toList();
  }

  /** The main containers of the CronJobs: the retraining jobs. */
  List<Container> jobs() {
    return containers().stream().filter(c -> !c.init() && c.owner().kind().equals("CronJob")).toList();
  }

  /**
   * The container's environment: ConfigMaps of {@code envFrom}, then {@code env}; a Secret's value
   * is {@link #SECRET_PLACEHOLDER}.
   */
  Map<String, String> env(Container c, List<String> problems) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : c.spec().path("envFrom")) {
      String cm = from.path("configMapRef").path("name").asText(null);
      Optional<Doc> map = cm == null ? Optional.empty() : find("ConfigMap", cm);
      if (map.isEmpty()) {
        problems.add(c + ": envFrom " + from + " is not a ConfigMap of deploy/ (its names cannot be checked)");
        continue;
      }
      map.get().body().path("data").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    for (JsonNode e : c.spec().path("env")) {
      JsonNode valueFrom = e.path("valueFrom");
      String value = e.path("value").asText(null);
      if (valueFrom.has("secretKeyRef")) {
        value = SECRET_PLACEHOLDER;
      } else if (valueFrom.has("configMapKeyRef")) {
        JsonNode ref = valueFrom.get("configMapKeyRef");
        value = find("ConfigMap", ref.path("name").asText())
            .map(d -> d.body().path("data").path(ref.path("key").asText()).asText(null)).orElse(null);
        if (value == null) {
          problems.add(c + ": env " + e.path("name").asText() + " refers to " + ref + ", not in deploy/");
        }
      }
      env.put(e.path("name").asText(), value == null ? "" : value);
    }
    return env;
  }

  /**
   * The server's effective config: {@code configs/serving.yaml} with container {@code c}'s environment,
   * relative paths resolved against {@link #imageHome()}; empty (and a problem) if it does not load.
   */
  Optional<ServingConfig> servingConfig(Container c, Map<String, String> overrides, Path baseDir,
      List<String> problems) {
    try {
      return Optional.of(ServingConfig.load(root.resolve("configs/serving.yaml"), env(c, problems), overrides, baseDir));
    } catch (ConfigException | IllegalArgumentException e) {
      problems.add(c + ": configs/serving.yaml does not load with the container's env: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** kustomization.yaml lists exactly the other manifests of deploy/, and every document is named. */
  List<String> checkStructure() throws IOException {
    List<String> problems = new ArrayList<>();
    if (kustomization == null) {
      return List.of("deploy/kustomization.yaml is missing");
    }
    Set<String> listed = new TreeSet<>();
    kustomization.path("resources").forEach(r -> listed.add("deploy/" + r.asText()));
    Set<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(root.resolve("deploy"))) {
      s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
          .forEach(p -> files.add(root.relativize(p).toString()));
    }
    if (!listed.equals(files)) {
      problems.add("deploy/kustomization.yaml resources " + listed + " != manifests in deploy/ " + files);
    }
    for (Doc d : docs) {
      if (d.body().path("apiVersion").asText().isEmpty() || d.kind().isEmpty() || d.name().isEmpty()) {
        problems.add(d.file() + ": a document without apiVersion, kind or metadata.name");
      }
    }
    Set<String> images = new LinkedHashSet<>();
    kustomization.path("images").forEach(i -> images.add(i.path("name").asText()));
    for (Container c : containers()) {
      if (!images.contains(c.spec().path("image").asText())) {
        problems.add(c + ": image '" + c.spec().path("image").asText() + "' is not in kustomization images "
            + images + " (the Dockerfile's image)");
      }
    }
    return problems;
  }

  /**
   * Container port, probe ports, Service ports and target ports and the Dockerfile's EXPOSE all equal
   * the server's effective {@code server.port}; the probes exist.
   */
  List<String> checkPorts() {
    List<String> problems = new ArrayList<>();
    List<Container> servers = servers();
    if (servers.isEmpty()) {
      return List.of("no Deployment with a server container in deploy/");
    }
    for (Container c : servers) {
      Optional<ServingConfig> cfg = servingConfig(c, Map.of(), imageHome(), problems);
      if (cfg.isEmpty()) {
        continue;
      }
      int port = cfg.get().server().port();
      String why = " != server.port " + port + " (configs/serving.yaml with the container's env)";
      List<Integer> declared = new ArrayList<>();
      c.spec().path("ports").forEach(p -> declared.add(p.path("containerPort").asInt()));
      if (!declared.equals(List.of(port))) {
        problems.add(c + ": containerPort " + declared + why);
      }
      for (String probe : List.of("livenessProbe", "readinessProbe")) {
        if (!c.spec().has(probe)) {
          problems.add(c + ": no " + probe);
        }
      }
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        JsonNode get = c.spec().path(probe).path("httpGet");
        if (c.spec().has(probe) && resolvePort(c, get.path("port")) != port) {
          problems.add(c + ": " + probe + " port " + get.path("port").asText() + why);
        }
      }
      List<Doc> services = servicesOf(c.owner());
      if (services.isEmpty()) {
        problems.add(c.owner() + ": no Service selects its pods");
      }
      for (Doc s : services) {
        for (JsonNode p : s.body().path("spec").path("ports")) {
          if (p.path("port").asInt() != port) {
            problems.add(s + ": port " + p.path("port").asText() + why);
          }
          JsonNode target = p.has("targetPort") ? p.get("targetPort") : p.get("port");
          if (resolvePort(c, target) != port) {
            problems.add(s + ": targetPort " + target.asText() + why);
          }
        }
      }
      if (!dockerfile.exposed().equals(List.of(port))) {
        problems.add("Dockerfile: EXPOSE " + dockerfile.exposed() + why);
      }
      String cmdPort = argAfter(dockerfile.cmd(), "--port");
      if (cmdPort != null && !cmdPort.equals(String.valueOf(port))) {
        problems.add("Dockerfile: CMD --port " + cmdPort + why);
      }
    }
    return problems;
  }

  /**
   * The Dockerfile's default command (what a Deployment without {@code command} runs) is a script of
   * the repository.
   */
  List<String> checkImageCommand() {
    List<String> problems = new ArrayList<>();
    if (dockerfile.cmd().isEmpty()) {
      return List.of("Dockerfile: no CMD in exec form ([\"...\"]) in the runtime stage");
    }
    Optional<Path> script = repoScript(dockerfile.cmd().get(0));
    if (script.isEmpty() || !Files.isExecutable(script.get())) {
      problems.add("Dockerfile: CMD " + dockerfile.cmd().get(0) + " is not an executable script of the repository");
    }
    return problems;
  }

  /**
   * Each HorizontalPodAutoscaler is autoscaling/v2 and targets a Deployment of deploy/ by name; that
   * Deployment leaves {@code replicas} to it and requests CPU for a CPU utilization target.
   */
  List<String> checkAutoscaler() {
    List<String> problems = new ArrayList<>();
    List<Doc> hpas = ofKind("HorizontalPodAutoscaler");
    if (hpas.isEmpty()) {
      problems.add("no HorizontalPodAutoscaler in deploy/");
    }
    for (Doc h : hpas) {
      if (!h.body().path("apiVersion").asText().equals("autoscaling/v2")) {
        problems.add(h + ": apiVersion " + h.body().path("apiVersion").asText() + " != autoscaling/v2");
      }
      JsonNode ref = h.body().path("spec").path("scaleTargetRef");
      Optional<Doc> target = ref.path("kind").asText().equals("Deployment")
          && ref.path("apiVersion").asText().equals("apps/v1")
          ? find("Deployment", ref.path("name").asText()) : Optional.empty();
      if (target.isEmpty()) {
        problems.add(h + ": scaleTargetRef " + ref + " is not a Deployment (apps/v1) of deploy/");
        continue;
      }
      if (target.get().body().path("spec").has("replicas")) {
        problems.add(target.get() + ": sets spec.replicas, which fights " + h);
      }
      JsonNode spec = h.body().path("spec");
      if (spec.path("minReplicas").asInt(1) > spec.path("maxReplicas").asInt()) {
        problems.add(h + ": minReplicas > maxReplicas");
      }
      boolean cpuTarget = false;
      for (JsonNode m : spec.path("metrics")) {
        cpuTarget |= m.path("resource").path("name").asText().equals("cpu");
      }
      for (Container c : containers()) {
        if (cpuTarget && c.owner().equals(target.get()) && !c.init()
            && c.spec().path("resources").path("requests").path("cpu").isMissingNode()) {
          problems.add(c + ": no CPU request, which the CPU utilization target of " + h + " is relative to");
        }
      }
    }
    return problems;
  }

  /**
   * Each CronJob forbids concurrent runs and runs an executable script of the repository that is (or
   * calls) {@code scripts/retrain.sh}; exit code 75 (lock held) fails the Job without retries. The
   * servers watch {@code models.dir} ({@code models.watch_interval_ms > 0}): that is how a model the job
   * promotes reaches every replica.
   */
  List<String> checkCronJob() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Doc> crons = ofKind("CronJob");
    if (crons.isEmpty()) {
      problems.add("no CronJob in deploy/");
    }
    for (Doc cron : crons) {
      JsonNode spec = cron.body().path("spec");
      if (!spec.path("concurrencyPolicy").asText().equals("Forbid")) {
        problems.add(cron + ": concurrencyPolicy " + spec.path("concurrencyPolicy").asText() + " != Forbid");
      }
      boolean fails75 = false;
      for (JsonNode rule : spec.path("jobTemplate").path("spec").path("podFailurePolicy").path("rules")) {
        for (JsonNode v : rule.path("onExitCodes").path("values")) {
          fails75 |= v.asInt() == 75 && rule.path("action").asText().equals("FailJob");
        }
      }
      if (!fails75) {
        problems.add(cron + ": no podFailurePolicy rule FailJob for exit code 75 (retrain.sh: lock held)");
      }
    }
    for (Container job : jobs()) {
      List<String> cmd = job.commandLine();
      Optional<Path> script = cmd.isEmpty() ? Optional.empty() : repoScript(cmd.get(0));
      if (script.isEmpty() || !Files.isExecutable(script.get())) {
        problems.add(job + ": command " + cmd + " does not start with an executable script of the repository");
        continue;
      }
      if (!script.get().endsWith("scripts/retrain.sh") && !Files.readString(script.get()).contains("scripts/retrain.sh")) {
        problems.add(job + ": " + root.relativize(script.get()) + " does not run scripts/retrain.sh");
      }
    }
    for (Container server : crons.isEmpty() ? List.<Container>of() : servers()) {
      servingConfig(server, Map.of(), imageHome(), problems).ifPresent(cfg -> {
        if (cfg.models().watchIntervalMs() <= 0) {
          problems.add(server + ": models.watch_interval_ms is 0 (no model watcher), so a model promoted by the"
              + " CronJob is not served until a restart or POST /admin/reload on every replica");
        }
      });
    }
    return problems;
  }

  /**
   * Every {@code MARQUEE_*} variable of a container is the override variable of a key of the config
   * files that container reads ({@link ConfigLoader#envOverrides}), or a documented non-config
   * variable; any other name would be silently ignored.
   */
  List<String> checkEnvNames() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : NON_CONFIG_VARIABLES.entrySet()) {
      if (!Files.readString(root.resolve(e.getValue())).contains(e.getKey())) {
        problems.add(e.getKey() + " is listed as read by " + e.getValue() + ", which does not mention it");
      }
    }
    Map<String, String> servingKeys = ConfigLoader.envOverrides(root.resolve("configs/serving.yaml"));
    Map<String, String> retrainKeys = new LinkedHashMap<>();
    for (String f : RETRAIN_CONFIGS) {
      retrainKeys.putAll(ConfigLoader.envOverrides(root.resolve(f)));
    }
    for (Container c : containers()) {
      boolean server = c.owner().kind().equals("Deployment");
      Map<String, String> known = server ? servingKeys : retrainKeys;
      String files = server ? "configs/serving.yaml" : String.join(", ", RETRAIN_CONFIGS);
      for (String name : env(c, problems).keySet()) {
        if (name.startsWith(ConfigLoader.ENV_PREFIX) && !known.containsKey(name)
            && !NON_CONFIG_VARIABLES.containsKey(name)) {
          problems.add(c + ": " + name + " is not the variable of a key in " + files + " (it would be ignored)");
        }
      }
    }
    return problems;
  }

  /**
   * Each container has a memory limit; a JVM container sets {@code -Xmx} in {@code JAVA_OPTS}
   * (scripts/lib/env.sh passes it to java) with request >= heap and limit >= {@link
   * #MIN_LIMIT_OVER_HEAP} x heap.
   */
  List<String> checkMemory() {
    List<String> problems = new ArrayList<>();
    for (Container c : containers()) {
      JsonNode res = c.spec().path("resources");
      String limitText = res.path("limits").path("memory").asText(null);
      if (limitText == null) {
        problems.add(c + ": no memory limit");
        continue;
      }
      if (c.init()) {
        continue;
      }
      String opts = env(c, new ArrayList<>()).getOrDefault("JAVA_OPTS", "");
      Matcher m = Pattern.compile("-Xmx(\\d+)([kKmMgGtT]?)").matcher(opts);
      if (!m.find()) {
        problems.add(c + ": JAVA_OPTS sets no -Xmx, so the heap cannot be checked against the memory limit");
        continue;
      }
      long heap = Long.parseLong(m.group(1)) << (10 * "_kmgt".indexOf(m.group(2).isEmpty() ? "_"
          : m.group(2).toLowerCase(Locale.ROOT)));
      long limit = quantity(limitText);
      long request = quantity(res.path("requests").path("memory").asText(limitText));
      if (request < heap) {
        problems.add(c + ": memory request " + request + " B < heap -Xmx " + heap + " B");
      }
      if (limit < MIN_LIMIT_OVER_HEAP * heap) {
        problems.add(c + ": memory limit " + limitText + " < " + MIN_LIMIT_OVER_HEAP + " x heap (-Xmx " + heap
            + " B): no room for metaspace, threads and FAISS's native memory");
      }
    }
    return problems;
  }

  /**
   * The state each container writes lies on a mounted PersistentVolumeClaim of deploy/: the server's
   * models, request log and reports; the job's models (training.yaml registry), feedback database,
   * retrain directory and lock.
   */
  List<String> checkStateOnVolumes() {
    List<String> problems = new ArrayList<>();
    for (Container c : servers()) {
      servingConfig(c, Map.of(), imageHome(), problems).ifPresent(cfg -> {
        requireOnVolume(c, "models.dir", cfg.models().dir(), problems);
        requireOnVolume(c, "models.registry_dir", cfg.models().registryDir(), problems);
        requireOnVolume(c, "request_log.db_path", cfg.requestLog().dbPath(), problems);
        requireOnVolume(c, "dashboard.reports_dir", cfg.dashboard().reportsDir(), problems);
      });
    }
    for (Container c : jobs()) {
      Map<String, String> env = env(c, problems);
      try {
        JsonNode retrain = ConfigLoader.load(root.resolve("configs/retrain.yaml"), JsonNode.class, env, Map.of());
        JsonNode training = ConfigLoader.load(root.resolve("configs/training.yaml"), JsonNode.class, env, Map.of());
        Path home = imageHome();
        requireOnVolume(c, "feedback.db_path", home.resolve(retrain.path("feedback").path("db_path").asText()), problems);
        requireOnVolume(c, "pipeline.retrain_dir", home.resolve(retrain.path("pipeline").path("retrain_dir").asText()),
            problems);
        requireOnVolume(c, "registry.dir", home.resolve(training.path("registry").path("dir").asText()), problems);
        requireOnVolume(c, "registry.production", home.resolve(training.path("registry").path("production").asText()),
            problems);
        String lock = env.getOrDefault("MARQUEE_RETRAIN_LOCK", "retrain.lock");
        requireOnVolume(c, "MARQUEE_RETRAIN_LOCK", home.resolve(lock), problems);
      } catch (ConfigException e) {
        problems.add(c + ": a retrain config does not load with the container's env: " + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * GETs every probe of the server containers from a running server at {@code http}: startup and
   * liveness must answer 200, readiness 200 when {@code modelLoaded}, else 503.
   */
  List<String> checkProbesAnswer(Http http, boolean modelLoaded) {
    List<String> problems = new ArrayList<>();
    for (Container c : servers()) {
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        if (!c.spec().has(probe)) {
          continue;
        }
        String path = c.spec().path(probe).path("httpGet").path("path").asText();
        int expected = probe.equals("readinessProbe") && !modelLoaded ? 503 : 200;
        int status = http.get(path).status();
        if (status != expected) {
          problems.add(c + ": " + probe + " GET " + path + " answered " + status + ", expected " + expected
              + (modelLoaded ? " (model loaded)" : " (no model)"));
        }
      }
    }
    return problems;
  }

  /** All static checks (everything but {@link #checkProbesAnswer}). */
  List<String> checkAll() throws IOException {
    List<String> problems = new ArrayList<>();
    problems.addAll(checkStructure());
    problems.addAll(checkPorts());
    problems.addAll(checkImageCommand());
    problems.addAll(checkAutoscaler());
    problems.addAll(checkCronJob());
    problems.addAll(checkEnvNames());
    problems.addAll(checkMemory());
    problems.addAll(checkStateOnVolumes());
    return problems;
  }

  private void requireOnVolume(Container c, String key, Path path, List<String> problems) {
    Path p = path.normalize();
    for (JsonNode mount : c.spec().path("volumeMounts")) {
      if (p.startsWith(Path.of(mount.path("mountPath").asText()))) {
        String volume = mount.path("name").asText();
        for (JsonNode v : c.pod().path("volumes")) {
          String claim = v.path("persistentVolumeClaim").path("claimName").asText(null);
          if (v.path("name").asText().equals(volume) && claim != null
              && find("PersistentVolumeClaim", claim).isPresent()) {
            return;
          }
        }
      }
    }
    problems.add(c + ": " + key + " (" + p + ") is not on a mounted PersistentVolumeClaim of deploy/");
  }

  /** Services whose selector matches the pod labels of {@code workload}. */
  private List<Doc> servicesOf(Doc workload) {
    JsonNode labels = workload.body().path("spec").path("template").path("metadata").path("labels");
    List<Doc> out = new ArrayList<>();
    for (Doc s : ofKind("Service")) {
      JsonNode selector = s.body().path("spec").path("selector");
      boolean matches = !selector.isEmpty();
      for (Map.Entry<String, JsonNode> e : selector.properties()) {
        matches &= e.getValue().asText().equals(labels.path(e.getKey()).asText(null));
      }
      if (matches) {
        out.add(s);
      }
    }
    return out;
  }

  /** A port number, or a named port of container {@code c}; -1 if neither. */
  private static int resolvePort(Container c, JsonNode port) {
    if (port == null || port.isMissingNode()) {
      return -1;
    }
    if (port.isInt()) {
      return port.asInt();
    }
    for (JsonNode p : c.spec().path("ports")) {
      if (p.path("name").asText().equals(port.asText())) {
        return p.path("containerPort").asInt();
      }
    }
    return -1;
  }

  private static String argAfter(List<String> cmd, String flag) {
    int i = cmd.indexOf(flag);
    return i >= 0 && i + 1 < cmd.size() ? cmd.get(i + 1) : null;
  }

  /** An in-image path ({@code /app/scripts/x.sh}) or a relative one, as a file of the repository. */
  private Optional<Path> repoScript(String command) {
    Path p = Path.of(command);
    if (p.isAbsolute()) {
      if (!p.startsWith(imageHome())) {
        return Optional.empty();
      }
      p = imageHome().relativize(p);
    }
    Path file = root.resolve(p).normalize();
    return file.startsWith(root.resolve("scripts")) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Kubernetes memory quantity in bytes: plain, or with suffix Ki/Mi/Gi/Ti or k/M/G/T. */
  static long quantity(String q) {
    Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?").matcher(q.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("unsupported memory quantity '" + q + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2) == null ? "" : m.group(2)) {
      case "Ki" -> n << 10;
      case "Mi" -> n << 20;
      case "Gi" -> n << 30;
      case "Ti" -> n << 40;
      case "k" -> n * 1_000L;
      case "M" -> n * 1_000_000L;
      case "G" -> n * 1_000_000_000L;
      case "T" -> n * 1_000_000_000_000L;
      default -> n;
    };
  }

  /** The last stage of a Dockerfile: EXPOSE ports, ENV key=value pairs, CMD (exec form). */
  static Dockerfile readDockerfile(Path file) throws IOException {
    String joined = Files.readString(file).replaceAll("\\\\\\r?\\n", " ");
    List<Integer> exposed = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> cmd = new ArrayList<>();
    for (String line : joined.split("\\r?\\n")) {
      String l = line.strip();
      String word = l.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
      String rest = l.length() > word.length() ? l.substring(word.length()).strip() : "";
      switch (word) {
        case "FROM" -> {
          exposed.clear();
          env.clear();
          cmd.clear();
        }
        case "EXPOSE" -> {
          for (String p : rest.split("\\s+")) {
            exposed.add(Integer.parseInt(p.replace("/tcp", "")));
          }
        }
        case "ENV" -> {
          Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\\S*)").matcher(rest);
          while (m.find()) {
            env.put(m.group(1), m.group(2));
          }
        }
        case "CMD" -> {
          cmd.clear();
          YAML.readTree(rest).forEach(n -> cmd.add(n.asText()));
        }
        default -> {
          // other instructions do not matter here
        }
      }
    }
    return new Dockerfile(List.copyOf(exposed), Map.copyOf(env), List.copyOf(cmd));
  }
}
