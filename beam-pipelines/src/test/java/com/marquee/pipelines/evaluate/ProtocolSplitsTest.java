package com.marquee.pipelines.evaluate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.config.DataConfig;
import com.marquee.common.config.MovieLensFormat;
import com.marquee.common.config.WeightScheme;
import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.preprocess.SplitCuts;
import com.marquee.pipelines.TestOptions;
import com.marquee.pipelines.io.InteractionCoder;
import com.marquee.pipelines.split.TimeSplitTransform;
import com.marquee.trainer.data.InMemoryPreprocess;
import com.marquee.trainer.data.StageData;
import com.marquee.trainer.evaluate.GlobalTimeSplit;
import com.marquee.trainer.evaluate.LeaveLastOutSplit;
import com.marquee.trainer.evaluate.ProtocolSplit;
import com.marquee.trainer.evaluate.RandomPerUserSplit;
import com.marquee.trainer.evaluate.Stage;
import com.marquee.trainer.evaluate.UserHoldoutSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each protocol's split has the properties docs/EVALUATION.md promises. */
class ProtocolSplitsTest {

  @RegisterExtension
  final TestPipelineExtension pipeline = TestPipelineExtension.fromOptions(TestOptions.fast());

  /**
   * 60 users; user u has 1 + u % 15 distinct movies out of 40 (so users 15, 30, 45, 60 have one),
   * timestamps drawn from 50 seconds so many interactions share a timestamp.
   */
  static List<Interaction> data() {
    SplittableRandom r = new SplittableRandom(7);
    List<Interaction> out = new ArrayList<>();
    for (long u = 1; u <= 60; u++) {
      int n = 1 + (int) (u % 15);
      TreeSet<Long> movies = new TreeSet<>();
      while (movies.size() < n) {
        movies.add(1 + r.nextLong(40));
      }
      for (long m : movies) {
        out.add(new Interaction(u, m, 4f, 1f, 1000 + r.nextLong(50)));
      }
    }
    return out;
  }

  private static Map<Long, List<Interaction>> byUser(List<Interaction> l) {
    return l.stream().collect(Collectors.groupingBy(Interaction::userId, TreeMap::new, Collectors.toList()));
  }

  private static Set<Long> users(List<Interaction> l) {
    return l.stream().map(Interaction::userId).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Both sides together are exactly the input, nothing in both. */
  private static void assertPartition(List<Interaction> all, List<Interaction> a, List<Interaction> b) {
    Set<Interaction> sa = new HashSet<>(a);
    Set<Interaction> sb = new HashSet<>(b);
    assertThat(sa.size() + sb.size(), is(all.size()));
    sa.addAll(sb);
    assertThat(sa, is(new HashSet<>(all)));
  }

  // ---------------------------------------------------------------- global-time

  @Test
  void globalTimeIsThePipelinesTimeSplitAndKeepsTimeOrder(TestPipeline p) {
    List<Interaction> all = data();
    DataConfig.Split split = new DataConfig.Split(0.8, 0.1, 0.1);
    GlobalTimeSplit.Periods periods = GlobalTimeSplit.periods(all, split);
    // time order: every train timestamp < every val timestamp < every test timestamp
    long maxTrain = periods.train().stream().mapToLong(Interaction::timestamp).max().orElseThrow();
    long minVal = periods.val().stream().mapToLong(Interaction::timestamp).min().orElseThrow();
    long maxVal = periods.val().stream().mapToLong(Interaction::timestamp).max().orElseThrow();
    long minTest = periods.test().stream().mapToLong(Interaction::timestamp).min().orElseThrow();
    assertThat(maxTrain, lessThan(minVal));
    assertThat(maxVal, lessThan(minTest));
    assertThat(periods.cuts(), is(SplitCuts.exact(all.stream().mapToLong(Interaction::timestamp).toArray(), 0.8, 0.1)));

    ProtocolSplit ps = GlobalTimeSplit.protocol(all, split);
    assertThat(ps.validation().fit(), is(periods.train()));
    assertThat(ps.validation().heldOut(), is(periods.val()));
    List<Interaction> trainVal = new ArrayList<>(periods.train());
    trainVal.addAll(periods.val());
    assertThat(ps.test().fit(), is(trainVal));
    assertThat(ps.test().heldOut(), is(periods.test()));
    assertThat(ps.test().newUsers(), is(false));

    // the same three parts as the Beam split stage on the same interactions
    PCollectionTuple beam = p.apply(Create.of(all).withCoder(InteractionCoder.of())).apply(TimeSplitTransform.of(split));
    PAssert.that(beam.get(TimeSplitTransform.TRAIN)).containsInAnyOrder(periods.train());
    PAssert.that(beam.get(TimeSplitTransform.VAL)).containsInAnyOrder(periods.val());
    PAssert.that(beam.get(TimeSplitTransform.TEST)).containsInAnyOrder(periods.test());
    p.run().waitUntilFinish();
  }

  /** On the bundled data the periods have the sizes OfflineStagesTest asserts on the Beam split stage's files. */
  @Test
  void globalTimeOnMovieLensSmallHasTheSplitStagesCounts() throws Exception {
    Path data = Path.of("../data/raw/ml-latest-small");
    List<Interaction> all = InMemoryPreprocess.run(data, MovieLensLayout.resolve(data, MovieLensFormat.AUTO),
        new DataConfig.Implicit(4.0, WeightScheme.BINARY), new DataConfig.Filter(5, 2)).interactions();
    GlobalTimeSplit.Periods p = GlobalTimeSplit.periods(all, new DataConfig.Split(0.8, 0.1, 0.1));
    assertThat(List.of(p.train().size(), p.val().size(), p.test().size()), is(List.of(36_786, 4_598, 4_598)));
  }

  // ---------------------------------------------------------------- leave-last-out

  @Test
  void leaveLastOutHoldsOutExactlyTheLatestInteractionOfEveryEligibleUser() {
    List<Interaction> all = data();
    ProtocolSplit ps = LeaveLastOutSplit.protocol(all);
    Stage test = ps.test();
    assertPartition(all, test.fit(), test.heldOut());
    Map<Long, List<Interaction>> held = byUser(test.heldOut());
    for (Map.Entry<Long, List<Interaction>> u : byUser(all).entrySet()) {
      List<Interaction> mine = u.getValue();
      if (mine.size() < 2) {
        assertThat("user " + u.getKey() + " has one interaction: nothing held out", held.containsKey(u.getKey()), is(false));
        continue;
      }
      assertThat(held.get(u.getKey()).size(), is(1));
      Interaction h = held.get(u.getKey()).get(0);
      for (Interaction i : mine) {
        boolean later = i.timestamp() > h.timestamp() || (i.timestamp() == h.timestamp() && i.movieId() > h.movieId());
        assertThat("held out " + h + " but " + i + " is later", later, is(false));
      }
    }
    assertThat(held.size(), is(56)); // 60 users minus the 4 with one interaction
    // validation: the same rule on the training part (users with >= 3 interactions in all)
    Stage val = ps.validation();
    assertPartition(test.fit(), val.fit(), val.heldOut());
    assertThat(byUser(val.heldOut()).values().stream().allMatch(l -> l.size() == 1), is(true));
    assertThat(byUser(val.heldOut()).size(), is(52)); // minus the 4 users with one and the 4 with two (u % 15 = 0, 1)
  }

  @Test
  void leaveLastOutBreaksTimestampTiesByTheLargerMovieId() {
    List<Interaction> u = List.of(new Interaction(1, 7, 4f, 1f, 100), new Interaction(1, 3, 4f, 1f, 200),
        new Interaction(1, 9, 4f, 1f, 200), new Interaction(1, 5, 4f, 1f, 200));
    assertThat(LeaveLastOutSplit.split(u).heldOut(), is(List.of(new Interaction(1, 9, 4f, 1f, 200))));
    // input order does not matter
    assertThat(LeaveLastOutSplit.split(List.of(u.get(3), u.get(2), u.get(1), u.get(0))).heldOut(),
        is(List.of(new Interaction(1, 9, 4f, 1f, 200))));
  }

  // ---------------------------------------------------------------- random-per-user

  @Test
  void heldOutCountRoundsAndKeepsOneOnEachSide() {
    assertThat(RandomPerUserSplit.heldOutCount(1, 0.2), is(0));
    assertThat(RandomPerUserSplit.heldOutCount(2, 0.2), is(1)); // round(0.4) = 0 -> at least 1
    assertThat(RandomPerUserSplit.heldOutCount(10, 0.2), is(2));
    assertThat(RandomPerUserSplit.heldOutCount(10, 0.25), is(3)); // round(2.5) = 3
    assertThat(RandomPerUserSplit.heldOutCount(3, 0.9), is(2)); // round(2.7) = 3 -> at most n - 1
  }

  @Test
  void randomPerUserHoldsOutTheRatioOfEveryUser() {
    List<Interaction> all = data();
    for (double ratio : new double[] {0.2, 0.5}) {
      ProtocolSplit ps = RandomPerUserSplit.protocol(all, ratio, 42);
      assertPartition(all, ps.test().fit(), ps.test().heldOut());
      Map<Long, List<Interaction>> held = byUser(ps.test().heldOut());
      Map<Long, List<Interaction>> kept = byUser(ps.test().fit());
      for (Map.Entry<Long, List<Interaction>> u : byUser(all).entrySet()) {
        int n = u.getValue().size();
        int h = held.getOrDefault(u.getKey(), List.of()).size();
        assertThat("user " + u.getKey() + " (" + n + " interactions, ratio " + ratio + ")", h,
            is(RandomPerUserSplit.heldOutCount(n, ratio)));
        assertThat(kept.get(u.getKey()).size(), is(n - h)); // every user keeps training interactions
      }
      // validation is carved from the training part only, with the same per-user rule
      assertPartition(ps.test().fit(), ps.validation().fit(), ps.validation().heldOut());
      Map<Long, List<Interaction>> valHeld = byUser(ps.validation().heldOut());
      kept.forEach((u, l) -> assertThat(valHeld.getOrDefault(u, List.of()).size(),
          is(RandomPerUserSplit.heldOutCount(l.size(), ratio))));
    }
  }

  @Test
  void randomPerUserIsDeterminedBySeedAndIndependentOfOtherUsers() {
    List<Interaction> all = data();
    ProtocolSplit a = RandomPerUserSplit.protocol(all, 0.3, 42);
    ProtocolSplit b = RandomPerUserSplit.protocol(new ArrayList<>(all.reversed()), 0.3, 42);
    assertThat(new HashSet<>(b.test().heldOut()), is(new HashSet<>(a.test().heldOut())));
    assertThat(new HashSet<>(b.validation().heldOut()), is(new HashSet<>(a.validation().heldOut())));
    ProtocolSplit c = RandomPerUserSplit.protocol(all, 0.3, 43);
    assertThat(new HashSet<>(c.test().heldOut()), not(is(new HashSet<>(a.test().heldOut()))));
    // dropping users 1..30 leaves the split of users 31..60 unchanged
    List<Interaction> half = all.stream().filter(i -> i.userId() > 30).toList();
    Set<Interaction> halfHeld = new HashSet<>(RandomPerUserSplit.protocol(half, 0.3, 42).test().heldOut());
    Set<Interaction> expected = a.test().heldOut().stream().filter(i -> i.userId() > 30).collect(Collectors.toSet());
    assertThat(halfHeld, is(expected));
    assertThrows(IllegalArgumentException.class, () -> RandomPerUserSplit.protocol(all, 1.0, 42));
  }

  // ---------------------------------------------------------------- user-holdout

  @Test
  void userHoldoutNeverTrainsOnHeldOutUsers() {
    List<Interaction> all = data();
    ProtocolSplit ps = UserHoldoutSplit.protocol(all, 0.2, 0, 42);
    Stage test = ps.test();
    Stage val = ps.validation();
    Set<Long> testUsers = users(test.history());
    testUsers.addAll(users(test.heldOut()));
    Set<Long> valUsers = users(val.history());
    valUsers.addAll(users(val.heldOut()));
    assertThat(testUsers.size(), is(12)); // round(0.2 * 60)
    assertThat(valUsers.size(), is(12));
    assertThat(test.newUsers() && val.newUsers(), is(true));
    // no leakage: held-out users are absent from the matrices the models are fitted on
    assertThat(intersection(testUsers, users(test.fit())), is(empty()));
    assertThat(intersection(testUsers, users(val.fit())), is(empty()));
    assertThat(intersection(valUsers, users(val.fit())), is(empty()));
    assertThat(intersection(testUsers, valUsers), is(empty()));
    // validation users are part of the test stage's training part; together everything is used once
    assertThat(users(test.fit()).containsAll(valUsers), is(true));
    List<Interaction> testSide = new ArrayList<>(test.history());
    testSide.addAll(test.heldOut());
    assertPartition(all, test.fit(), testSide);
    // each held-out user: 20% to predict (per-user rule), 80% folded in
    Map<Long, List<Interaction>> held = byUser(test.heldOut());
    Map<Long, List<Interaction>> fold = byUser(test.history());
    Map<Long, List<Interaction>> allByUser = byUser(all);
    for (long u : testUsers) {
      int n = allByUser.get(u).size();
      assertThat(held.getOrDefault(u, List.of()).size(),
          is(RandomPerUserSplit.heldOutCount(n, UserHoldoutSplit.EVAL_FRACTION)));
      assertThat(fold.get(u).size(), is(n - held.getOrDefault(u, List.of()).size()));
    }
  }

  @Test
  void userHoldoutIsDeterminedBySeedAndAcceptsAUserCount() {
    List<Interaction> all = data();
    ProtocolSplit a = UserHoldoutSplit.protocol(all, 0.2, 0, 42);
    ProtocolSplit b = UserHoldoutSplit.protocol(all, 0.2, 0, 42);
    assertThat(b, is(a));
    ProtocolSplit c = UserHoldoutSplit.protocol(all, 0.2, 0, 7);
    assertThat(users(c.test().history()), not(is(users(a.test().history()))));
    ProtocolSplit n = UserHoldoutSplit.protocol(all, 0.2, 5, 42);
    assertThat(users(n.test().history()).size(), is(5));
    assertThat(users(n.test().fit()).size(), is(55));
    assertThat(users(n.validation().fit()).size(), greaterThan(0));
    var e = assertThrows(IllegalArgumentException.class, () -> UserHoldoutSplit.protocol(all, 0.2, 30, 42));
    assertThat(e.getMessage().contains("needs more than 60 users"), is(true));
  }

  private static Set<Long> intersection(Set<Long> a, Set<Long> b) {
    Set<Long> s = new TreeSet<>(a);
    s.retainAll(b);
    return s;
  }

  @Test
  void stageDataDropsColdStartAndMapsHeldOutUsersSeparately() {
    List<Interaction> all = data();
    StageData d = UserHoldoutSplit.protocol(all, 0.2, 0, 42).test().data();
    assertThat(d.eval().users().size(), is(12));
    assertThat(d.fit().rows(), is(48));
    List<Integer> everyUserHasAFitRow = new ArrayList<>();
    for (int u = 0; u < d.fit().rows(); u++) {
      everyUserHasAFitRow.add(d.fit().rowLength(u));
    }
    assertThat(everyUserHasAFitRow, everyItem(greaterThan(0)));
  }
}
