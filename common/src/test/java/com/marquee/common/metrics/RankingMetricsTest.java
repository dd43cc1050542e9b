package com.marquee.common.metrics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every metric against values computed by hand (shown in the comments). */
class RankingMetricsTest {

  private static final double EPS = 1e-12;
  // ranked list: 7, 3, 9, 1, 5 ; relevant {3, 5, 8} (8 is never recommended)
  private final int[] ranked = {7, 3, 9, 1, 5};
  private final Set<Integer> rel = Set.of(3, 5, 8);
  private final RankingMetrics.Relevance r = rel::contains;

  @Test
  void precisionRecallHitRate() {
    // top 3 = 7, 3, 9 -> 1 hit
    assertThat(RankingMetrics.precision(ranked, r, 3), closeTo(1.0 / 3, EPS));
    assertThat(RankingMetrics.recall(ranked, r, 3, 3), closeTo(1.0 / 3, EPS));
    assertThat(RankingMetrics.hitRate(ranked, r, 1), is(0.0));
    assertThat(RankingMetrics.hitRate(ranked, r, 2), is(1.0));
    // top 5 -> 2 hits; k = 10 larger than the list: precision still divides by k
    assertThat(RankingMetrics.precision(ranked, r, 5), closeTo(2.0 / 5, EPS));
    assertThat(RankingMetrics.precision(ranked, r, 10), closeTo(2.0 / 10, EPS));
    assertThat(RankingMetrics.recall(ranked, r, 3, 10), closeTo(2.0 / 3, EPS));
  }

  @Test
  void normalizedRecallDividesByMinOfKAndRelevant() {
    // 3 relevant items. k = 2: top 2 = 7, 3 -> 1 hit / min(2, 3) = 1/2 (plain recall: 1/3)
    assertThat(RankingMetrics.normalizedRecall(ranked, r, 3, 2), closeTo(1.0 / 2, EPS));
    assertThat(RankingMetrics.recall(ranked, r, 3, 2), closeTo(1.0 / 3, EPS));
    // k = 5: 2 hits / min(5, 3) = 2/3, equal to plain recall once k >= |relevant|
    assertThat(RankingMetrics.normalizedRecall(ranked, r, 3, 5), closeTo(2.0 / 3, EPS));
    // k = 1 with the best item relevant: 1/1 although the user has 3 relevant items
    assertThat(RankingMetrics.normalizedRecall(new int[] {5, 7}, r, 3, 1), is(1.0));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.normalizedRecall(ranked, r, 0, 5));
  }

  @Test
  void ndcg() {
    // hits at ranks 2 and 5: DCG = 1/log2(3) + 1/log2(6); IDCG@5 (3 relevant) = 1 + 1/log2(3) + 1/log2(4)
    double dcg = 1 / log2(3) + 1 / log2(6);
    double idcg = 1 + 1 / log2(3) + 0.5;
    assertThat(RankingMetrics.ndcg(ranked, r, 3, 5), closeTo(dcg / idcg, EPS));
    // k = 2: DCG = 1/log2(3), IDCG = 1 + 1/log2(3)
    assertThat(RankingMetrics.ndcg(ranked, r, 3, 2), closeTo((1 / log2(3)) / (1 + 1 / log2(3)), EPS));
    // a perfect list scores exactly 1
    assertThat(RankingMetrics.ndcg(new int[] {3, 5, 8}, r, 3, 3), closeTo(1.0, EPS));
  }

  @Test
  void averagePrecision() {
    // hits at ranks 2 (P=1/2) and 5 (P=2/5); normaliser min(5, 3) = 3
    assertThat(RankingMetrics.averagePrecision(ranked, r, 3, 5), closeTo((0.5 + 0.4) / 3, EPS));
    // k = 2: only the rank-2 hit; normaliser min(2, 3) = 2
    assertThat(RankingMetrics.averagePrecision(ranked, r, 3, 2), closeTo(0.5 / 2, EPS));
  }

  @Test
  void undefinedForUsersWithoutRelevantItems() {
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.recall(ranked, r, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.ndcg(ranked, r, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.precision(ranked, r, 0));
  }

  @Test
  void accumulatorAveragesAndCoverage() {
    MetricsAccumulator acc = new MetricsAccumulator(List.of(1, 2), 10);
    acc.add(new int[] {1, 2}, Set.of(1)::contains, 1); // p@1=1, p@2=.5, r@1=1, r@2=1
    acc.add(new int[] {3, 4}, Set.of(4, 5)::contains, 2); // p@1=0, p@2=.5, r@1=0, r@2=.5
    Map<String, Double> m = acc.result();
    assertThat(m.get("precision@1"), closeTo(0.5, EPS));
    assertThat(m.get("precision@2"), closeTo(0.5, EPS));
    assertThat(m.get("recall@2"), closeTo(0.75, EPS));
    assertThat(m.get("hitrate@1"), closeTo(0.5, EPS));
    // user 2 ndcg@2: hit at rank 2 -> (1/log2 3) / (1 + 1/log2 3)
    assertThat(m.get("ndcg@2"), closeTo((1.0 + (1 / log2(3)) / (1 + 1 / log2(3))) / 2, EPS));
    assertThat(m.get("coverage@1"), closeTo(2 / 10.0, EPS)); // items 1, 3
    assertThat(m.get("coverage@2"), closeTo(4 / 10.0, EPS)); // items 1, 2, 3, 4
    assertThat(m.get("users"), is(2.0));
    // nrecall@1: user 1 1/min(1,1) = 1, user 2 0 -> .5; nrecall@2: 1 and 1/min(2,2) -> .75
    assertThat(m.get("nrecall@1"), closeTo(0.5, EPS));
    assertThat(m.get("nrecall@2"), closeTo(0.75, EPS));
    assertThat(m.containsKey("novelty@1"), is(false)); // no popularity given
    // standard errors: precision@1 values 1, 0: mean .5, s^2 = (.25 + .25) / 1, se = sqrt(.5 / 2) = .5
    Map<String, Double> se = acc.standardErrors();
    assertThat(se.get("precision@1"), closeTo(0.5, EPS));
    // precision@2 values .5, .5: no spread
    assertThat(se.get("precision@2"), closeTo(0.0, EPS));
    // recall@2 values 1, .5: mean .75, s^2 = (.0625 + .0625) / 1 = .125, se = sqrt(.125 / 2) = .25
    assertThat(se.get("recall@2"), closeTo(0.25, EPS));
    assertThat(se.containsKey("coverage@1") || se.containsKey("users"), is(false));
    MetricsAccumulator one = new MetricsAccumulator(List.of(1), 10);
    one.add(new int[] {1}, Set.of(1)::contains, 1);
    assertThat(one.standardErrors().get("precision@1"), is(0.0)); // one user: undefined, reported as 0
  }

  @Test
  void accumulatorNoveltyIsMeanSelfInformationOfTheTopK() {
    // 8 training users; items 0..3 known by 8, 4, 2, 1 users -> shares 1, 1/2, 1/4, 1/8 -> 0, 1, 2, 3 bits
    ItemPopularity pop = new ItemPopularity(new int[] {8, 4, 2, 1}, 8);
    MetricsAccumulator acc = new MetricsAccumulator(List.of(1, 2), 4, pop);
    acc.add(new int[] {0, 3}, Set.of(3)::contains, 1); // novelty@1 = 0, @2 = (0 + 3) / 2
    acc.add(new int[] {2, 1}, Set.of(1)::contains, 1); // novelty@1 = 2, @2 = (2 + 1) / 2
    Map<String, Double> m = acc.result();
    assertThat(m.get("novelty@1"), closeTo((0 + 2) / 2.0, EPS));
    assertThat(m.get("novelty@2"), closeTo((1.5 + 1.5) / 2, EPS));
    assertThat(List.copyOf(m.keySet()), is(List.of("precision@1", "recall@1", "nrecall@1", "ndcg@1", "map@1",
        "hitrate@1", "novelty@1", "coverage@1", "precision@2", "recall@2", "nrecall@2", "ndcg@2", "map@2",
        "hitrate@2", "novelty@2", "coverage@2", "users")));
    assertThrows(IllegalArgumentException.class, () -> new MetricsAccumulator(List.of(1), 5, pop));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
