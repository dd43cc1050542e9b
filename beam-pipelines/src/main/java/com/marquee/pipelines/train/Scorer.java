package com.marquee.pipelines.train;

/** A model under evaluation: a score for every item for one user row (higher ranks first). */
public interface Scorer {

  /** Short model name used as the key in {@code model_metadata.json} metrics. */
  String name();

  /**
   * Fills {@code out[0..nItems)} with the scores of every item for user row {@code user}.
   *
   * @param out {@code float[nItems]}, overwritten
   */
  void score(int user, float[] out);
}
