/**
 * Experiment tracking in MLflow over its REST API 2.0 ({@link MlflowClient}): {@link MlflowTracker} logs a
 * trainer run (hyperparameters, loss curve, metrics, the version's files with an {@link MlmodelFile}
 * descriptor) and registers the model version, and {@link MlflowRecord} ({@code mlflow.json}) records where a
 * version lives in MLflow. Called by {@code com.marquee.trainer.Trainer} when {@code mlflow.tracking_uri} is
 * set (a tracking failure is only a warning) and by {@code com.marquee.trainer.registry.RegistryMain}, which
 * moves the {@code production} alias on promote and rollback.
 */
package com.marquee.trainer.mlflow;
