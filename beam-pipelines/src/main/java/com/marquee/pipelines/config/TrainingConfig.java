package com.marquee.pipelines.config;

import java.util.List;

/**
 * Typed form of {@code configs/training.yaml}; see that file for what every key means. Each record
 * validates its keys and throws {@link IllegalArgumentException} naming the key.
 */
public record TrainingConfig(Model model, Baselines baselines, Evaluation evaluation, Index index, Registry registry) {

  /** iALS hyperparameters (Hu, Koren, Volinsky 2008). */
  public record Model(
      int factors, int iterations, double regularization, double alpha, double initStd, long seed, int threads,
      Solver solver, int cgSteps) {
    public Model {
      require(solver != null, "model.solver must be cholesky or cg");
      require(cgSteps >= 1, "model.cg_steps must be >= 1, got " + cgSteps);
      require(factors >= 1, "model.factors must be >= 1, got " + factors);
      require(iterations >= 1, "model.iterations must be >= 1, got " + iterations);
      require(regularization >= 0, "model.regularization must be >= 0, got " + regularization);
      require(alpha >= 0, "model.alpha must be >= 0, got " + alpha);
      require(initStd > 0, "model.init_std must be > 0, got " + initStd);
      require(threads >= 0, "model.threads must be >= 0 (0 = all cores), got " + threads);
    }

    /** Worker threads to use: {@code threads}, or the number of available cores when 0. */
    public int effectiveThreads() {
      return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
  }

  /** Per-row least-squares solver of the iALS sweeps. */
  public enum Solver {
    /** Exact: EJML Cholesky of the f x f system (Hu et al. 2008). */
    @com.fasterxml.jackson.annotation.JsonProperty("cholesky") CHOLESKY,
    /** Approximate: {@code cg_steps} warm-started conjugate-gradient steps (Takacs et al. 2011). */
    @com.fasterxml.jackson.annotation.JsonProperty("cg") CG
  }

  public record Baselines(int itemknnNeighbors) {
    public Baselines {
      require(itemknnNeighbors >= 1, "baselines.itemknn_neighbors must be >= 1, got " + itemknnNeighbors);
    }
  }

  public record Evaluation(List<Integer> ks) {
    public Evaluation {
      require(ks != null && !ks.isEmpty(), "evaluation.ks must list at least one cutoff");
      for (Integer k : ks) {
        require(k != null && k >= 1, "evaluation.ks entries must be >= 1, got " + k);
      }
      ks = List.copyOf(ks);
    }
  }

  public record Index(String factory) {
    public Index {
      require(factory != null && !factory.isBlank(), "index.factory must not be empty");
    }
  }

  public record Registry(String dir, String production, String promotionMetric, double minImprovement) {
    public Registry {
      require(dir != null && !dir.isBlank(), "registry.dir must not be empty");
      require(production != null && !production.isBlank(), "registry.production must not be empty");
      require(promotionMetric != null && promotionMetric.matches("[a-z]+@\\d+"),
          "registry.promotion_metric must look like ndcg@10, got " + promotionMetric);
      require(minImprovement >= 0, "registry.min_improvement must be >= 0, got " + minImprovement);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
