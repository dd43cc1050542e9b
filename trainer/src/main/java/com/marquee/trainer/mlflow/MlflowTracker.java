package com.marquee.trainer.mlflow;

import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.ModelMetadata;
import com.marquee.trainer.config.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one trainer run to MLflow and registers its model version (REST API 2.0, {@link MlflowClient}).
 *
 * <p>What is logged: params = the hyperparameters (without the loss curve); metric {@code ials.loss}
 * per iteration with {@code step} = iteration (1-based); final metrics {@code <model>.<split>.<metric>}
 * with '@' written as {@code _at_} (MLflow keys may not contain '@'), e.g. {@code ials.val.ndcg_at_10};
 * tags {@code model_version}, {@code dataset_sha256}, {@code dataset_name}, {@code git_commit} (with
 * "-dirty" for uncommitted changes) and MLflow's system tags {@link #sourceTags}; every file of the
 * version directory, an {@link MlmodelFile MLmodel} included, as artifacts under {@code model/}
 * (and the run tag {@code mlflow.log-model.history}); a model version of the registered model with
 * source {@code <artifact_uri>/model} and tag {@code marquee_version} = the Marquee version id; the
 * run tag {@code promoted} ({@code true} while the version is production here, updated on both runs
 * whenever production moves) and the alias {@code production} ({@link #moveProduction}).
 *
 * <p>Failures never lose the model: every method catches {@link MlflowException}, logs one warning
 * ("MLflow tracking failed ... the model is kept in the local registry only") and returns null, and
 * the trainer writes the local version regardless. A run whose upload or registration failed is
 * marked FAILED when the server still answers.
 */
public final class MlflowTracker {

  private static final Logger LOG = LoggerFactory.getLogger(MlflowTracker.class);
  /** The alias that marks the production version in the MLflow model registry. */
  public static final String PRODUCTION_ALIAS = "production";
  /** Run tag: "true" while the run's version is production in the local registry, else "false". */
  public static final String PROMOTED_TAG = "promoted";
  /** MLflow's run tag for the user who started the run. */
  public static final String USER_TAG = "mlflow.user";

  private final TrainingConfig.Mlflow cfg;
  private final MlflowClient client;
  private final Map<String, String> env;

  /** A run in progress. */
  public record Started(String experimentId, MlflowClient.Run run) {}

  /** @param env holds the credentials ({@link MlflowClient}), normally {@link System#getenv()} */
  public MlflowTracker(TrainingConfig.Mlflow cfg, Map<String, String> env) {
    this.cfg = cfg;
    this.env = env;
    this.client = new MlflowClient(cfg.trackingUri(), env);
  }

  /** A tracker for {@code cfg}, or null when no tracking URI is configured. */
  public static MlflowTracker create(TrainingConfig.Mlflow cfg, Map<String, String> env) {
    return cfg.enabled() ? new MlflowTracker(cfg, env) : null;
  }

  /** The MLflow metric key of a Marquee metric: {@code ials.val.ndcg_at_10}. */
  public static String metricKey(String model, String split, String metric) {
    return model + "." + split + "." + metric.replace("@", "_at_");
  }

  /**
   * Creates (or finds) the experiment, creates the run and logs params, the loss curve, final
   * metrics and tags of {@code meta} (whose {@code mlflowRunId} is still null).
   *
   * @param lossCurve training loss after each iteration
   * @return the run, or null when tracking failed (warning logged)
   */
  public Started start(ModelMetadata meta, List<Double> lossCurve) {
    try {
      String exp = client.getOrCreateExperiment(cfg.experiment());
      long now = System.currentTimeMillis();
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("model_version", meta.version());
      tags.put("dataset_sha256", meta.dataset().sha256());
      tags.put("dataset_name", meta.dataset().name());
      if (meta.gitCommit() != null) {
        tags.put("git_commit", meta.gitCommit());
      }
      Map<String, String> source = sourceTags(meta.gitCommit());
      tags.putAll(source);
      MlflowClient.Run run = client.createRun(exp, meta.version(), now, source.get(USER_TAG), tags);
      Map<String, String> params = new LinkedHashMap<>();
      meta.hyperparameters().forEach((k, v) -> {
        if (!k.equals("loss_per_iteration")) {
          params.put(k, String.valueOf(v));
        }
      });
      List<MlflowClient.Metric> metrics = new ArrayList<>();
      for (int i = 0; i < lossCurve.size(); i++) {
        metrics.add(new MlflowClient.Metric("ials.loss", lossCurve.get(i), now, i + 1));
      }
      meta.metrics().forEach((model, splits) -> splits.forEach((split, values) -> values.forEach((name, v) -> {
        if (Double.isFinite(v)) {
          metrics.add(new MlflowClient.Metric(metricKey(model, split, name), v, now, 0));
        }
      })));
      meta.dataset().counts().forEach((k, v) -> metrics.add(new MlflowClient.Metric("dataset." + k, v, now, 0)));
      client.logBatch(run.runId(), metrics, params, Map.of());
      LOG.info("MLflow: run {} in experiment '{}' ({}) at {}", run.runId(), cfg.experiment(), exp, cfg.trackingUri());
      return new Started(exp, run);
    } catch (MlflowException e) {
      warn(e);
      return null;
    }
  }

  /**
   * MLflow's system tags of a run started here, as MLflow's own clients set them: {@code
   * mlflow.user} (the OS user, {@code user.name}), {@code mlflow.source.type} {@code LOCAL}, {@code
   * mlflow.source.name} (the Java main class that ran the trainer, from the launcher's {@code
   * sun.java.command}, e.g. {@code com.marquee.pipelines.MarqueePipeline} for scripts/pipeline.sh;
   * {@code marquee-trainer} when the JVM does not say) and {@code mlflow.source.git.commit} (the
   * commit of the working tree without the "-dirty" mark). Outside a git checkout (no
   * {@code git}, or not a work tree) there is no commit and that tag is left out.
   *
   * @param gitCommit {@code git rev-parse HEAD} of the working directory, maybe with "-dirty"; null outside git
   */
  public static Map<String, String> sourceTags(String gitCommit) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(USER_TAG, System.getProperty("user.name", "unknown"));
    tags.put("mlflow.source.type", "LOCAL");
    String command = System.getProperty("sun.java.command", "").strip();
    tags.put("mlflow.source.name", command.isEmpty() ? "marquee-trainer" : command.split("\\s+", 2)[0]);
    if (gitCommit != null) {
      tags.put("mlflow.source.git.commit", gitCommit.replaceFirst("-dirty$", ""));
    }
    return tags;
  }

  /**
   * Writes the {@link MlmodelFile MLmodel} into {@code versionDir}, uploads every file of it under
   * {@code model/}, registers a model version (tag {@code marquee_version} = the version id of
   * {@code artifacts}, not the directory's name, which is still a staging name here) and finishes the run.
   *
   * @param artifacts what {@code versionDir} holds
   * @return where the version lives in MLflow, or null when this failed (warning logged, run marked FAILED)
   */
  public MlflowRecord finish(Started s, Path versionDir, ModelArtifacts artifacts) {
    if (s == null) {
      return null;
    }
    String runId = s.run().runId();
    try {
      Map<String, Object> mlmodel = MlmodelFile.write(versionDir, artifacts, runId, java.time.Instant.now());
      List<Path> files;
      try (Stream<Path> list = Files.list(versionDir)) {
        files = list.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        client.uploadArtifact(s.run().artifactUri(), MlmodelFile.ARTIFACT_PATH + "/" + f.getFileName(), f);
      }
      client.createRegisteredModelIfMissing(cfg.registeredModel());
      client.setTag(runId, "mlflow.log-model.history", MlmodelFile.logModelHistory(mlmodel));
      String version = client.createModelVersion(cfg.registeredModel(),
          s.run().artifactUri() + "/" + MlmodelFile.ARTIFACT_PATH, runId,
          Map.of("marquee_version", artifacts.metadata().version()));
      client.updateRun(runId, "FINISHED", System.currentTimeMillis());
      LOG.info("MLflow: uploaded {} files, registered {} version {}", files.size(), cfg.registeredModel(), version);
      return new MlflowRecord(cfg.trackingUri(), s.experimentId(), runId, s.run().artifactUri(),
          cfg.registeredModel(), version);
    } catch (IOException e) {
      warn(e);
      try {
        client.updateRun(runId, "FAILED", System.currentTimeMillis());
      } catch (MlflowException ignored) {
        // already warned
      }
      return null;
    }
  }

  /**
   * Records the trainer's promotion decision: tag {@code promoted} on the run and, when promoted,
   * {@link #moveProduction} from {@code previous}.
   *
   * @param r the new version's record, or null when its tracking failed
   * @param previous the record of the version that was production before, or null (none, or not in MLflow)
   * @return false when {@code r} is null or this failed (warning logged)
   */
  public boolean recordDecision(MlflowRecord r, boolean promoted, MlflowRecord previous) {
    try {
      if (promoted) {
        moveProduction(r, previous, env);
      } else if (r != null) {
        client.setTag(r.runId(), PROMOTED_TAG, "false");
      }
      return r != null;
    } catch (MlflowException e) {
      warn(e);
      return false;
    }
  }

  /**
   * Moves production in MLflow from {@code previous} to {@code next}: the alias {@code production}
   * of {@code next}'s registered model to its version, run tag {@code promoted=true} on {@code next}'s
   * run and {@code promoted=false} on {@code previous}'s. When {@code next} is not in MLflow (or in
   * another registered model or server), {@code previous}'s alias is deleted, so no MLflow version
   * claims to be production while another one is. Used by the trainer and by registry.sh
   * promote/rollback.
   *
   * @param next the new production's record, or null when it was not registered in MLflow
   * @param previous the old production's record, or null
   * @param env holds the credentials ({@link MlflowClient})
   * @throws MlflowException if a server refuses or cannot be reached (the steps before it are done)
   */
  public static void moveProduction(MlflowRecord next, MlflowRecord previous, Map<String, String> env)
      throws MlflowException {
    if (next != null) {
      MlflowClient c = new MlflowClient(next.trackingUri(), env);
      c.setAlias(next.registeredModel(), PRODUCTION_ALIAS, next.modelVersion());
      c.setTag(next.runId(), PROMOTED_TAG, "true");
    }
    if (previous == null || next != null && previous.runId().equals(next.runId())) {
      return;
    }
    MlflowClient c = new MlflowClient(previous.trackingUri(), env);
    c.setTag(previous.runId(), PROMOTED_TAG, "false");
    boolean aliasMoved = next != null && next.trackingUri().equals(previous.trackingUri())
        && next.registeredModel().equals(previous.registeredModel());
    if (!aliasMoved) {
      c.deleteAlias(previous.registeredModel(), PRODUCTION_ALIAS);
    }
  }

  private void warn(IOException e) {
    LOG.warn("MLflow tracking failed ({}); the model is kept in the local registry only", e.getMessage());
  }
}
