package com.marquee.pipelines.split;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.common.preprocess.SplitCuts;
import com.marquee.pipelines.io.InteractionCoder;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class TimeSplitTransformTest {

  private static Interaction at(long user, long ts) {
    return new Interaction(user, 100 + ts, 5.0f, 1.0f, ts);
  }

  /** Default DirectRunner options (coder checks on). */
  @Test
  @ExtendWith(TestPipelineExtension.class)
  void exactMembershipWithTiesAtTheTrainBoundary(TestPipeline p) {
    // Sorted timestamps: 10 20 30 40 50 60 60 70 80 90; n = 10, 0.6/0.2/0.2 -> k1 = 6, k2 = 8.
    // t1 = s[6] = 60: the 60 at position 5 joins its twin in validation (train gets 5 rows, not 6).
    // t2 = s[8] = 80.
    List<Interaction> all =
        List.of(at(1, 60), at(2, 10), at(3, 90), at(4, 20), at(5, 60), at(6, 30), at(7, 80), at(8, 40), at(9, 70), at(10, 50));
    PCollectionTuple parts =
        p.apply(Create.of(all).withCoder(InteractionCoder.of()))
            .apply(TimeSplitTransform.of(new DataConfig.Split(0.6, 0.2, 0.2)));
    PAssert.that(parts.get(TimeSplitTransform.TRAIN))
        .containsInAnyOrder(at(2, 10), at(4, 20), at(6, 30), at(8, 40), at(10, 50));
    PAssert.that(parts.get(TimeSplitTransform.VAL)).containsInAnyOrder(at(1, 60), at(5, 60), at(9, 70));
    PAssert.that(parts.get(TimeSplitTransform.TEST)).containsInAnyOrder(at(7, 80), at(3, 90));
    PAssert.thatSingleton(parts.get(TimeSplitTransform.CUTS)).isEqualTo(new SplitCuts(60, 80, 10));
    p.run().waitUntilFinish();
  }

  @Test
  void cutsAreExactQuantilesRounded() {
    ExactTimeCutsFn fn = new ExactTimeCutsFn(0.8, 0.1);
    List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
    // k1 = 80, k2 = 90 (0-based positions) -> values 81 and 91.
    assertThat(fn.apply(hundred), equalTo(new SplitCuts(81, 91, 100)));
    // 0.29 * 100 = 28.999999999999996 in floating point: rounding keeps k1 = 29.
    assertThat(new ExactTimeCutsFn(0.29, 0.71).apply(hundred), equalTo(new SplitCuts(30, Long.MAX_VALUE, 100)));
  }

  @Test
  void degenerateInputs() {
    assertThat(new ExactTimeCutsFn(0.8, 0.1).apply(List.of()), equalTo(new SplitCuts(Long.MAX_VALUE, Long.MAX_VALUE, 0)));
    assertThat(new ExactTimeCutsFn(1.0, 0.0).apply(List.of(5L, 7L)), equalTo(new SplitCuts(Long.MAX_VALUE, Long.MAX_VALUE, 2)));
    // All timestamps equal: one tie group. k1 = round(3.2) = 3 -> t1 = 3, k2 = round(3.6) = 4 = n -> no
    // second cut: the whole group is validation, train and test are empty.
    SplitCuts cuts = new ExactTimeCutsFn(0.8, 0.1).apply(List.of(3L, 3L, 3L, 3L));
    assertThat(cuts, equalTo(new SplitCuts(3, Long.MAX_VALUE, 4)));
    assertThat(cuts.partOf(3), equalTo(SplitCuts.Part.VAL));
  }
}
