package com.marquee.service.experiment;

import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelLoadException;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.RetrieverFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running A/B experiment: one {@link ModelHolder} per variant, loading {@code
 * models.registry_dir/<model_version>}, and the {@link VariantAssigner} that picks a user's variant.
 * Snapshots are swapped atomically per variant, as for the production model.
 */
public final class Experiment {

  /**
   * One arm with its model.
   *
   * @param name variant name as reported in responses and the request log
   * @param modelVersion the configured registry directory name
   * @param models holds the variant's loaded snapshot
   */
  public record Arm(String name, String modelVersion, double share, ModelHolder models) {}

  private final String name;
  private final List<Arm> arms;
  private final VariantAssigner assigner;

  private Experiment(String name, List<Arm> arms) {
    this.name = name;
    this.arms = List.copyOf(arms);
    this.assigner = new VariantAssigner(name, arms.stream().map(Arm::share).toList());
  }

  /**
   * Builds the experiment of {@code config} without loading anything; empty when it is disabled.
   *
   * @param registryDir {@code models.registry_dir}
   */
  public static Optional<Experiment> of(ExperimentConfig config, Path registryDir, RetrieverFactory retrievers) {
    return of(config, registryDir, retrievers, 0);
  }

  /**
   * As {@link #of(ExperimentConfig, Path, RetrieverFactory)} with the arms' models keeping a
   * per-user list cache of {@code cacheTopN} ({@code retrieval.cache_top_n}; 0 = none).
   */
  public static Optional<Experiment> of(ExperimentConfig config, Path registryDir, RetrieverFactory retrievers,
      int cacheTopN) {
    return of(config, registryDir, retrievers, cacheTopN, java.util.function.UnaryOperator.identity());
  }

  /**
   * As {@link #of(ExperimentConfig, Path, RetrieverFactory, int)} with the arms' models served through
   * {@code view} (the catalog changes applied, as for production; see {@link ModelHolder}).
   */
  public static Optional<Experiment> of(ExperimentConfig config, Path registryDir, RetrieverFactory retrievers,
      int cacheTopN, java.util.function.UnaryOperator<com.marquee.service.model.ModelSnapshot> view) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    List<Arm> arms = new ArrayList<>();
    for (ExperimentConfig.Variant v : config.variants()) {
      arms.add(new Arm(v.name(), v.modelVersion(), v.share(),
          new ModelHolder(registryDir.resolve(v.modelVersion()), retrievers, null, cacheTopN, view)));
    }
    return Optional.of(new Experiment(config.name(), arms));
  }

  /** The experiment name. */
  public String name() {
    return name;
  }

  /** The variants in configuration order. */
  public List<Arm> arms() {
    return arms;
  }

  /** The variant of {@code userId}: always the same for the same experiment configuration. */
  public Arm assign(long userId) {
    return arms.get(assigner.assign(userId));
  }

  /**
   * Loads every variant's model; all are attempted even when one fails.
   *
   * @return variant name to loaded version
   * @throws ModelLoadException naming the first variant that failed (the others were still
   *     reloaded; a failed variant keeps its previous snapshot)
   */
  public Map<String, String> reloadAll() throws ModelLoadException {
    Map<String, String> versions = new LinkedHashMap<>();
    ModelLoadException first = null;
    for (int i = 0; i < arms.size(); i++) {
      Arm a = arms.get(i);
      try {
        versions.put(a.name(), a.models().reload().version());
      } catch (ModelLoadException e) {
        if (first == null) {
          first = new ModelLoadException("experiment variant '" + a.name() + "' (experiment.variants[" + i
              + "].model_version=" + a.modelVersion() + "): " + e.getMessage(), e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return versions;
  }

  /** Variant name to the version it serves now ({@code null} when not loaded). */
  public Map<String, String> versions() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Arm a : arms) {
      out.put(a.name(), a.models().current().map(ModelSnapshot::version).orElse(null));
    }
    return out;
  }
}
