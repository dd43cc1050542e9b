package com.marquee.trainer.baselines;

import com.marquee.trainer.data.CsrMatrix;
/** A model under evaluation: a score for every item for one user (higher ranks first). */
public interface Scorer {

  /** Short model name used as the key in {@code model_metadata.json} metrics. */
  String name();

  /**
   * Fills {@code out[0..nItems)} with the scores of every item for row {@code user} of {@code history}.
   *
   * @param user row of {@code history}
   * @param history {@code (nEvalUsers, nItems)} the items each evaluated user is known to have liked
   * @param out {@code float[nItems]}, overwritten
   */
  void score(int user, CsrMatrix history, float[] out);
}
