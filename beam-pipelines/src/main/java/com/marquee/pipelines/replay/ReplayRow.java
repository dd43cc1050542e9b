package com.marquee.pipelines.replay;

import java.io.Serializable;
import java.util.SortedMap;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * Replay results of one model version (and variant); definitions in {@link ReplayTransform}.
 *
 * @param modelVersion model version that served the lists
 * @param variant A/B variant, or {@code all}
 * @param k the cutoff
 * @param lists served lists replayed
 * @param evaluatedLists lists whose user had at least one positive interaction in the window
 * @param positiveLists lists with at least one positive interaction on a served item in the window
 * @param ctr {@code positiveLists / lists} (offline CTR), 0 when there are no lists
 * @param metrics {@code precision@k, recall@k, ndcg@k, map@k, hitrate@k} means over the evaluated
 *     lists, as computed by common's {@code MetricsAccumulator}
 */
@DefaultCoder(SerializableCoder.class)
public record ReplayRow(
    String modelVersion,
    String variant,
    int k,
    long lists,
    long evaluatedLists,
    long positiveLists,
    double ctr,
    SortedMap<String, Double> metrics)
    implements Serializable {}
