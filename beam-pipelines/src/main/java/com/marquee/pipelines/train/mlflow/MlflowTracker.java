package com.marquee.pipelines.train.mlflow;

import com.marquee.common.artifact.ModelMetadata;
import com.marquee.pipelines.config.TrainingConfig;
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
 * tags {@code git_commit} (also {@code mlflow.source.git.commit}), {@code dataset_sha256},
 * {@code dataset_name}, {@code model_version}; every file of the version directory as artifacts
 * under {@code model/}; a model version of the registered model with source {@code
 * <artifact_uri>/model}; after promotion the alias {@code production}.
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

  private final TrainingConfig.Mlflow cfg;
  private final MlflowClient client;

  /** A run in progress. */
  public record Started(String experimentId, MlflowClient.Run run) {}

  public MlflowTracker(TrainingConfig.Mlflow cfg, MlflowClient client) {
    this.cfg = cfg;
    this.client = client;
  }

  /** A tracker for {@code cfg}, or null when no tracking URI is configured. */
  public static MlflowTracker create(TrainingConfig.Mlflow cfg, Map<String, String> env) {
    return cfg.enabled() ? new MlflowTracker(cfg, new MlflowClient(cfg.trackingUri(), env)) : null;
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
        tags.put("mlflow.source.git.commit", meta.gitCommit());
      }
      MlflowClient.Run run = client.createRun(exp, meta.version(), now, tags);
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
   * Uploads every file of {@code versionDir} under {@code model/}, registers a model version and
   * finishes the run.
   *
   * @return where the version lives in MLflow, or null when this failed (warning logged, run marked FAILED)
   */
  public MlflowRecord finish(Started s, Path versionDir) {
    if (s == null) {
      return null;
    }
    String runId = s.run().runId();
    try {
      List<Path> files;
      try (Stream<Path> list = Files.list(versionDir)) {
        files = list.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        client.uploadArtifact(s.run().artifactUri(), "model/" + f.getFileName(), f);
      }
      client.createRegisteredModelIfMissing(cfg.registeredModel());
      String version = client.createModelVersion(cfg.registeredModel(), s.run().artifactUri() + "/model", runId,
          Map.of("marquee_version", versionDir.getFileName().toString()));
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
   * Records the promotion decision on the run (tag {@code promoted}) and, when promoted, points the
   * {@code production} alias at the version.
   *
   * @return false when this failed (warning logged)
   */
  public boolean recordDecision(MlflowRecord r, boolean promoted) {
    if (r == null) {
      return false;
    }
    try {
      client.setTag(r.runId(), "promoted", Boolean.toString(promoted));
      if (promoted) {
        client.setAlias(r.registeredModel(), PRODUCTION_ALIAS, r.modelVersion());
      }
      return true;
    } catch (MlflowException e) {
      warn(e);
      return false;
    }
  }

  /**
   * Points the {@code production} alias at {@code r}'s model version (registry CLI promote/rollback).
   *
   * @throws MlflowException if the server refuses or cannot be reached
   */
  public static void moveProductionAlias(MlflowRecord r, Map<String, String> env) throws MlflowException {
    new MlflowClient(r.trackingUri(), env).setAlias(r.registeredModel(), PRODUCTION_ALIAS, r.modelVersion());
  }

  private void warn(IOException e) {
    LOG.warn("MLflow tracking failed ({}); the model is kept in the local registry only", e.getMessage());
  }
}
