package com.marquee.pipelines.preprocess;

import com.marquee.common.domain.Interaction;
import com.marquee.pipelines.io.GroupById;
import com.marquee.pipelines.io.InteractionCoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The minimum-interactions filter, one pass: first drops the interactions of movies with fewer than
 * {@code minItemInteractions} interactions, then those of users with fewer than {@code
 * minUserInteractions} of the remaining ones. Not iterated to a fixed point: after the user pass a
 * movie can have fewer than {@code minItemInteractions} interactions left. A threshold of 0 or 1
 * skips its pass.
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
            : interactions.apply("Items", keepGroups(Interaction::movieId, minItemInteractions));
    return minUserInteractions <= 1
        ? items
        : items.apply("Users", keepGroups(Interaction::userId, minUserInteractions));
  }

  /**
   * The same filter on an in-memory list (used by {@link InMemoryPreprocess}): same passes, same
   * thresholds, input order kept.
   */
  public static List<Interaction> apply(List<Interaction> interactions, int minItemInteractions, int minUserInteractions) {
    List<Interaction> items = minItemInteractions <= 1 ? interactions
        : keepGroups(interactions, Interaction::movieId, minItemInteractions);
    return minUserInteractions <= 1 ? items : keepGroups(items, Interaction::userId, minUserInteractions);
  }

  private static List<Interaction> keepGroups(List<Interaction> in, SerializableFunction<Interaction, Long> key, int min) {
    Map<Long, Integer> sizes = new HashMap<>();
    in.forEach(i -> sizes.merge(key.apply(i), 1, Integer::sum));
    return in.stream().filter(i -> keeps(sizes.get(key.apply(i)), min)).toList();
  }

  /** Whether a group of {@code size} interactions (one movie's or one user's) survives threshold {@code min}. */
  static boolean keeps(int size, int min) {
    return size >= min;
  }

  private static PTransform<PCollection<Interaction>, PCollection<Interaction>> keepGroups(
      SerializableFunction<Interaction, Long> key, int min) {
    return new PTransform<>() {
      @Override
      public PCollection<Interaction> expand(PCollection<Interaction> in) {
        return in.apply("Group", GroupById.of(key, InteractionCoder.of()))
            .apply("KeepIfAtLeast" + min, ParDo.of(new KeepIfAtLeast(min)))
            .setCoder(InteractionCoder.of());
      }
    };
  }

  private static final class KeepIfAtLeast extends DoFn<KV<Long, List<Interaction>>, Interaction> {
    private final int min;

    KeepIfAtLeast(int min) {
      this.min = min;
    }

    @ProcessElement
    public void process(@Element KV<Long, List<Interaction>> group, OutputReceiver<Interaction> out) {
      if (keeps(group.getValue().size(), min)) {
        group.getValue().forEach(out::output);
      }
    }
  }
}
