package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import java.util.List;

/**
 * A published fixed split ({@code scripts/evaluate.sh --train FILE --test FILE}): the test stage
 * fits on the whole training file and scores the test file once; the validation stage, used for
 * tuning and model choice only, is a seeded per-user random share of the training file ({@link
 * RandomPerUserSplit}, {@code --ratio}), so the test file never influences a choice.
 *
 * <p>Both stages rank every item of their fit part with the user's fitted items excluded, and count
 * held-out items absent from the fit part as relevant but never hit, the BARS/LightGCN definition
 * Recall@k = hits@k / |test items of the user| (NDCG@k's ideal DCG likewise uses all of them). Test
 * users without a training interaction cannot be ranked and are dropped ({@code cold_start_dropped}).
 */
public final class FixedSplit {

  private FixedSplit() {}

  /**
   * @param train the training file's interactions
   * @param test the test file's interactions
   * @param ratio validation share of each training user's interactions, in (0, 1)
   * @param seed seed of the validation carve
   * @throws IllegalArgumentException unless 0 < ratio < 1
   */
  public static ProtocolSplit protocol(List<Interaction> train, List<Interaction> test, double ratio, long seed) {
    Part inner = RandomPerUserSplit.split(train, ratio, seed);
    return new ProtocolSplit(new Stage(inner.kept(), inner.kept(), inner.heldOut(), false, true),
        new Stage(train, train, test, false, true));
  }
}
