package com.marquee.service.experiment;

import static com.marquee.common.config.ConfigChecks.require;

import java.nio.file.Path;
import java.util.List;

/**
 * An A/B experiment on {@code POST /recommend}: each user is assigned to one variant by a hash of
 * (experiment name, user id), and served by that variant's model version.
 *
 * @param enabled whether the experiment runs; when false the other keys are not checked
 * @param name experiment name, part of the assignment hash (renaming it reshuffles users)
 * @param variants the arms; names unique, shares in (0, 1] summing to 1
 */
public record ExperimentConfig(boolean enabled, String name, List<Variant> variants) {

  /** No experiment. */
  public static final ExperimentConfig DISABLED = new ExperimentConfig(false, "", List.of());

  /** Share sums within this distance of 1 are accepted (decimal fractions in YAML). */
  public static final double SHARE_TOLERANCE = 1e-6;

  public ExperimentConfig {
    name = name == null ? "" : name.strip();
    variants = variants == null ? List.of() : List.copyOf(variants);
    if (enabled) {
      require(!name.isEmpty(), "experiment.name", "must not be empty when experiment.enabled is true");
      require(!variants.isEmpty(), "experiment.variants", "must list at least one variant when experiment.enabled is true");
      java.util.Set<String> seen = new java.util.HashSet<>();
      double sum = 0;
      for (int i = 0; i < variants.size(); i++) {
        Variant v = variants.get(i);
        String key = "experiment.variants[" + i + "]";
        require(v != null, key, "must not be empty");
        require(v.name() != null && !v.name().isBlank(), key + ".name", "must not be empty");
        require(seen.add(v.name()), key + ".name", "duplicates variant name '" + v.name() + "'");
        require(v.modelVersion() != null && v.modelVersion().matches("[A-Za-z0-9._-]+")
                && !v.modelVersion().equals(".") && !v.modelVersion().equals(".."),
            key + ".model_version", "must name a directory under models.registry_dir (letters, digits, '.', '_', '-'), got "
                + v.modelVersion());
        require(v.share() > 0 && v.share() <= 1, key + ".share", "must be in (0, 1], got " + v.share());
        sum += v.share();
      }
      require(Math.abs(sum - 1) <= SHARE_TOLERANCE, "experiment.variants", "shares must sum to 1, got " + sum);
    }
  }

  /**
   * One arm of the experiment.
   *
   * @param name reported as {@code variant} in responses, the request log and metrics
   * @param modelVersion a directory under {@code models.registry_dir}
   * @param share fraction of users, in (0, 1]
   */
  public record Variant(String name, String modelVersion, double share) {}

  /**
   * @param reportsDir where the Beam KPI and replay jobs write {@code kpis.json} and {@code replay.json}
   * @param windowHours how many hours of the request log {@code GET /dashboard/data} summarizes, >= 1
   */
  public record Dashboard(Path reportsDir, int windowHours) {
    public Dashboard {
      require(reportsDir != null && !reportsDir.toString().isBlank(), "dashboard.reports_dir", "must not be empty");
      require(windowHours >= 1, "dashboard.window_hours", "must be >= 1, got " + windowHours);
    }
  }
}
