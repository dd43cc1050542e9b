package com.marquee.pipelines.split;

import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.common.preprocess.SplitCuts;
import com.marquee.pipelines.io.InteractionCoder;
import com.marquee.pipelines.io.SplitCutsCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Global time split of interactions by timestamp (seconds since the epoch): one pair of cut
 * timestamps for all users, the exact train and train+val quantiles of all timestamps (see {@link
 * ExactTimeCutsFn} for the method). {@code ts < t1} is train, {@code t1 <= ts < t2} validation, the
 * rest test; interactions with equal timestamps always land in the same split.
 *
 * <p>Outputs {@link #TRAIN}, {@link #VAL}, {@link #TEST} and {@link #CUTS} (one {@link SplitCuts}).
 */
public final class TimeSplitTransform extends PTransform<PCollection<Interaction>, PCollectionTuple> {
  /** Interactions before the first cut. */
  public static final TupleTag<Interaction> TRAIN = new TupleTag<>() {};
  /** Interactions between the cuts. */
  public static final TupleTag<Interaction> VAL = new TupleTag<>() {};
  /** Interactions at or after the second cut. */
  public static final TupleTag<Interaction> TEST = new TupleTag<>() {};
  /** The cut timestamps (a single element). */
  public static final TupleTag<SplitCuts> CUTS = new TupleTag<>() {};

  private final double train;
  private final double val;

  private TimeSplitTransform(double train, double val) {
    this.train = train;
    this.val = val;
  }

  /** Split with the fractions of {@code split} (validated by {@link DataConfig.Split}). */
  public static TimeSplitTransform of(DataConfig.Split split) {
    return new TimeSplitTransform(split.train(), split.val());
  }

  @Override
  public PCollectionTuple expand(PCollection<Interaction> interactions) {
    PCollection<SplitCuts> cuts =
        interactions
            .apply("Timestamps", MapElements.into(TypeDescriptors.longs()).via(Interaction::timestamp))
            .apply("ExactCuts", Combine.globally(new ExactTimeCutsFn(train, val)))
            .setCoder(SplitCutsCoder.of());
    PCollectionView<SplitCuts> cutsView = cuts.apply("CutsView", View.asSingleton());
    PCollectionTuple parts =
        interactions.apply(
            "Assign",
            ParDo.of(new AssignFn(cutsView))
                .withSideInputs(cutsView)
                .withOutputTags(TRAIN, TupleTagList.of(VAL).and(TEST)));
    for (TupleTag<Interaction> tag : java.util.List.of(TRAIN, VAL, TEST)) {
      parts.get(tag).setCoder(InteractionCoder.of());
    }
    return parts.and(CUTS, cuts);
  }

  private static final class AssignFn extends DoFn<Interaction, Interaction> {
    private final PCollectionView<SplitCuts> cuts;

    AssignFn(PCollectionView<SplitCuts> cuts) {
      this.cuts = cuts;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Interaction i = c.element();
      switch (c.sideInput(cuts).partOf(i.timestamp())) {
        case TRAIN -> c.output(i);
        case VAL -> c.output(VAL, i);
        case TEST -> c.output(TEST, i);
        default -> throw new IllegalStateException("unknown split part for timestamp " + i.timestamp());
      }
    }
  }
}
