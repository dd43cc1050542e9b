package com.marquee.pipelines.preprocess;

import com.marquee.common.domain.Interaction;
import com.marquee.common.preprocess.MinInteractions;
import com.marquee.pipelines.io.InteractionCoder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The minimum-interactions filter as a Beam transform: the rule {@link MinInteractions} (one pass,
 * items then users, a threshold of 0 or 1 skips its pass).
 *
 * <p>Each pass counts interactions per id with a combiner (per-worker partial counts merged into one
 * id-to-count map; memory: one entry per distinct movie or user) and filters with the set of kept ids
 * as a side input. No interaction is shuffled: on the DirectRunner a grouping of all interactions
 * costs a copy of every key's grouped values per incoming bundle, on a cluster a network shuffle.
 */
public final class MinInteractionsFilter
    extends PTransform<PCollection<Interaction>, PCollection<Interaction>> {
  private final int minItemInteractions;
  private final int minUserInteractions;

  private MinInteractionsFilter(int minItemInteractions, int minUserInteractions) {
    this.minItemInteractions = minItemInteractions;
    this.minUserInteractions = minUserInteractions;
  }

  /** Items first with {@code minItemInteractions}, then users with {@code minUserInteractions}. */
  public static MinInteractionsFilter of(int minItemInteractions, int minUserInteractions) {
    return new MinInteractionsFilter(minItemInteractions, minUserInteractions);
  }

  @Override
  public PCollection<Interaction> expand(PCollection<Interaction> interactions) {
    PCollection<Interaction> items =
        minItemInteractions <= 1
            ? interactions
            : interactions.apply("Items", keepIds(Interaction::movieId, minItemInteractions));
    return minUserInteractions <= 1
        ? items
        : items.apply("Users", keepIds(Interaction::userId, minUserInteractions));
  }

  private static PTransform<PCollection<Interaction>, PCollection<Interaction>> keepIds(
      SerializableFunction<Interaction, Long> id, int min) {
    return new PTransform<>() {
      @Override
      public PCollection<Interaction> expand(PCollection<Interaction> in) {
        PCollectionView<Set<Long>> kept =
            in.apply("CountPerId", Combine.globally(new KeptIdsFn(id, min)))
                .setCoder(SetCoder.of(VarLongCoder.of()))
                .apply("KeptIds", View.asSingleton());
        return in.apply("KeepIfAtLeast" + min, ParDo.of(new KeepFn(id, kept)).withSideInputs(kept))
            .setCoder(InteractionCoder.of());
      }
    };
  }

  /** Interactions per id, then the ids with at least {@code min} of them. */
  static final class KeptIdsFn extends Combine.CombineFn<Interaction, Map<Long, Long>, Set<Long>> {
    private final SerializableFunction<Interaction, Long> id;
    private final int min;

    KeptIdsFn(SerializableFunction<Interaction, Long> id, int min) {
      this.id = id;
      this.min = min;
    }

    @Override
    public Map<Long, Long> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public Map<Long, Long> addInput(Map<Long, Long> counts, Interaction i) {
      counts.merge(id.apply(i), 1L, Long::sum);
      return counts;
    }

    @Override
    public Map<Long, Long> mergeAccumulators(Iterable<Map<Long, Long>> accumulators) {
      Map<Long, Long> merged = new HashMap<>();
      for (Map<Long, Long> counts : accumulators) {
        counts.forEach((k, n) -> merged.merge(k, n, Long::sum));
      }
      return merged;
    }

    @Override
    public Set<Long> extractOutput(Map<Long, Long> counts) {
      Set<Long> kept = new HashSet<>();
      counts.forEach((k, n) -> {
        if (MinInteractions.keeps(n, min)) {
          kept.add(k);
        }
      });
      return kept;
    }

    @Override
    public Coder<Map<Long, Long>> getAccumulatorCoder(CoderRegistry registry, Coder<Interaction> inputCoder) {
      return MapCoder.of(VarLongCoder.of(), VarLongCoder.of());
    }
  }

  private static final class KeepFn extends DoFn<Interaction, Interaction> {
    private final SerializableFunction<Interaction, Long> id;
    private final PCollectionView<Set<Long>> kept;

    KeepFn(SerializableFunction<Interaction, Long> id, PCollectionView<Set<Long>> kept) {
      this.id = id;
      this.kept = kept;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (c.sideInput(kept).contains(id.apply(c.element()))) {
        c.output(c.element());
      }
    }
  }
}
