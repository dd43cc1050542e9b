package com.marquee.service.model;

import com.marquee.common.artifact.ModelArtifacts;
import java.nio.file.Path;

/** Builds the {@link Retriever} of a model version while {@link ModelHolder} loads it. */
@FunctionalInterface
public interface RetrieverFactory {

  /** The default: exact scoring of every item ({@link ExactRetriever}). */
  RetrieverFactory EXACT = (artifacts, dir) -> new ExactRetriever(artifacts.itemFactors());

  /**
   * @param artifacts the validated model
   * @param modelDir the resolved (real) model directory, e.g. to open {@code item_index.faiss}
   * @throws Exception if the retriever cannot be built; the load then fails and the previous
   *     model keeps serving
   */
  Retriever create(ModelArtifacts artifacts, Path modelDir) throws Exception;
}
