package com.marquee.pipelines.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Groups elements by a {@code long} id, like {@code WithKeys + GroupByKey}, but with at most {@link
 * #BUCKETS} runner keys: a {@link GroupByKey} on {@code floorMod(id, BUCKETS)}, then a regrouping by
 * id inside each bucket. Emits one {@code KV<id, List<T>>} per id; the order of the list is
 * unspecified.
 *
 * <p>Why: the DirectRunner evaluates every key of a GroupByKey as its own bundle, and every bundle
 * of the following ParDos costs a pipeline-proto translation (~1-2 ms here). A GroupByKey per (user,
 * movie) pair over ml-latest-small's 100k ratings took minutes that way; with buckets the overhead is
 * constant. The price on a distributed runner is that the step runs on at most {@link #BUCKETS}
 * workers, and one bucket's elements are held in memory at once (1/64 of the input).
 */
public final class GroupById<T> extends PTransform<PCollection<T>, PCollection<KV<Long, List<T>>>> {
  /** Number of runner keys. */
  public static final int BUCKETS = 64;

  private final SerializableFunction<T, Long> id;
  private final Coder<T> coder;

  private GroupById(SerializableFunction<T, Long> id, Coder<T> coder) {
    this.id = id;
    this.coder = coder;
  }

  /**
   * @param id the grouping id of an element
   * @param coder coder of the elements
   */
  public static <T> GroupById<T> of(SerializableFunction<T, Long> id, Coder<T> coder) {
    return new GroupById<>(id, coder);
  }

  @Override
  public PCollection<KV<Long, List<T>>> expand(PCollection<T> input) {
    return input
        .apply("ToBucket", ParDo.of(new ToBucketFn<>(id)))
        .setCoder(KvCoder.of(VarIntCoder.of(), coder))
        .apply("GroupBuckets", GroupByKey.create())
        .apply("GroupById", ParDo.of(new SplitBucketFn<>(id)))
        .setCoder(KvCoder.of(VarLongCoder.of(), ListCoder.of(coder)));
  }

  private static final class ToBucketFn<T> extends DoFn<T, KV<Integer, T>> {
    private final SerializableFunction<T, Long> id;

    ToBucketFn(SerializableFunction<T, Long> id) {
      this.id = id;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<Integer, T>> out) {
      out.output(KV.of((int) Math.floorMod(id.apply(element), (long) BUCKETS), element));
    }
  }

  private static final class SplitBucketFn<T> extends DoFn<KV<Integer, Iterable<T>>, KV<Long, List<T>>> {
    private final SerializableFunction<T, Long> id;

    SplitBucketFn(SerializableFunction<T, Long> id) {
      this.id = id;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> bucket, OutputReceiver<KV<Long, List<T>>> out) {
      Map<Long, List<T>> byId = new HashMap<>();
      for (T element : bucket.getValue()) {
        byId.computeIfAbsent(id.apply(element), k -> new ArrayList<>()).add(element);
      }
      byId.forEach((k, v) -> out.output(KV.of(k, v)));
    }
  }
}
