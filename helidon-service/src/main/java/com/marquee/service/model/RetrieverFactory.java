package com.marquee.service.model;

import com.marquee.common.artifact.ModelArtifacts;
import java.nio.file.Path;

/** Builds the {@link Retriever} of a model version while {@link ModelHolder} loads it. */
@FunctionalInterface
public interface RetrieverFactory {

  /** Seed of the k-means of every IVF index: the same model always gets the same cells. */
  long IVF_SEED = 42;

  /** Exact scoring of every item ({@link ExactRetriever}): {@code retrieval.mode: exact}. */
  RetrieverFactory EXACT = (artifacts, dir) -> new ExactRetriever(artifacts.itemFactors());

  /**
   * The factory of the {@code retrieval} section of configs/serving.yaml: {@link #EXACT} for {@code
   * exact}; an {@link IvfRetriever} built at every load for {@code ivf}; for {@code auto}, the IVF
   * index when the model has at least {@code ivf.min_items} items, else exact scoring.
   */
  static RetrieverFactory of(RetrievalConfig config) {
    RetrievalConfig.Ivf ivf = config.ivf();
    return switch (config.mode()) {
      case "exact" -> EXACT;
      case "ivf" -> (artifacts, dir) -> ivf(artifacts, ivf);
      case "auto" -> (artifacts, dir) -> artifacts.items().size() >= ivf.minItems()
          ? ivf(artifacts, ivf) : new ExactRetriever(artifacts.itemFactors());
      default -> throw new IllegalArgumentException("unknown retrieval.mode " + config.mode());
    };
  }

  private static Retriever ivf(ModelArtifacts artifacts, RetrievalConfig.Ivf ivf) {
    int n = artifacts.items().size();
    return IvfRetriever.build(artifacts.itemFactors(),
        new IvfRetriever.Params(ivf.listsFor(n), ivf.probes(), ivf.kmeansIterations(), IVF_SEED));
  }

  /**
   * @param artifacts the validated model
   * @param modelDir the resolved (real) model directory, e.g. to open {@code item_index.faiss}
   * @throws Exception if the retriever cannot be built; the load then fails and the previous
   *     model keeps serving
   */
  Retriever create(ModelArtifacts artifacts, Path modelDir) throws Exception;
}
