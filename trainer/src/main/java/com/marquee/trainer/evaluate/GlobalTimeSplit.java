package com.marquee.trainer.evaluate;

import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.common.preprocess.SplitCuts;
import java.util.ArrayList;
import java.util.List;

/**
 * The global time split of the offline pipeline (the split stage, {@code TimeSplitTransform}): one
 * pair of cut timestamps for all users, computed by the same {@link SplitCuts#exact} from the data
 * config's {@code split.train}/{@code split.val} fractions, so on the same interactions it yields the
 * same train.csv/val.csv/test.csv.
 *
 * <p>Validation: fit on train, evaluate train users on their val interactions (history = train).
 * Test: refit on train + val (the training part), evaluate on test with history = train + val. Users
 * or items first seen in a later period cannot be scored and are counted as cold-start drops. (The
 * trainer, {@code scripts/train.sh}, fits on train only and folds in test users' train + val
 * history, so its test numbers differ.)
 */
public final class GlobalTimeSplit {

  private GlobalTimeSplit() {}

  /**
   * The three periods.
   *
   * @param cuts the cut timestamps
   */
  public record Periods(SplitCuts cuts, List<Interaction> train, List<Interaction> val, List<Interaction> test) {}

  public static Periods periods(List<Interaction> interactions, DataConfig.Split split) {
    long[] ts = interactions.stream().mapToLong(Interaction::timestamp).toArray();
    SplitCuts cuts = SplitCuts.exact(ts, split.train(), split.val());
    List<Interaction> train = new ArrayList<>();
    List<Interaction> val = new ArrayList<>();
    List<Interaction> test = new ArrayList<>();
    for (Interaction i : interactions) {
      switch (cuts.partOf(i.timestamp())) {
        case TRAIN -> train.add(i);
        case VAL -> val.add(i);
        case TEST -> test.add(i);
        default -> throw new IllegalStateException("unknown period " + cuts.partOf(i.timestamp()));
      }
    }
    return new Periods(cuts, train, val, test);
  }

  /** @throws IllegalArgumentException if the train, validation or test period is empty */
  public static ProtocolSplit protocol(List<Interaction> interactions, DataConfig.Split split) {
    Periods p = periods(interactions, split);
    if (p.train().isEmpty() || p.val().isEmpty() || p.test().isEmpty()) {
      throw new IllegalArgumentException("global-time needs non-empty train, validation and test periods, got "
          + p.train().size() + "/" + p.val().size() + "/" + p.test().size() + " interactions (split " + split + ")");
    }
    List<Interaction> trainingPart = new ArrayList<>(p.train());
    trainingPart.addAll(p.val());
    return new ProtocolSplit(Stage.knownUsers(p.train(), p.val()), Stage.knownUsers(trainingPart, p.test()));
  }
}
