package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.marquee.service.experiment.VariantAssigner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hash assignment of users to A/B variants. */
class VariantAssignerTest {

  @Test
  void fiftyFiftySplitOfTenThousandUsersIsWithinTwoPoints() {
    VariantAssigner a = new VariantAssigner("exp-2026-11", List.of(0.5, 0.5));
    int[] counts = new int[2];
    for (long user = 1; user <= 10_000; user++) {
      counts[a.assign(user)]++;
    }
    double share = counts[0] / 10_000.0;
    assertThat("variant 0 share " + share, share, closeTo(0.5, 0.02));
    assertThat(counts[0] + counts[1], is(10_000));
  }

  @Test
  void unevenSharesAreRespected() {
    VariantAssigner a = new VariantAssigner("three-way", List.of(0.2, 0.3, 0.5));
    int[] counts = new int[3];
    for (long user = 1; user <= 10_000; user++) {
      counts[a.assign(user)]++;
    }
    assertThat(counts[0] / 10_000.0, closeTo(0.2, 0.02));
    assertThat(counts[1] / 10_000.0, closeTo(0.3, 0.02));
    assertThat(counts[2] / 10_000.0, closeTo(0.5, 0.02));
  }

  @Test
  void aUserAlwaysGetsTheSameVariant() {
    VariantAssigner a = new VariantAssigner("sticky", List.of(0.5, 0.5));
    VariantAssigner again = new VariantAssigner("sticky", List.of(0.5, 0.5));
    for (long user = 1; user <= 2_000; user++) {
      int first = a.assign(user);
      for (int i = 0; i < 3; i++) {
        assertThat(a.assign(user), is(first));
      }
      assertThat(again.assign(user), is(first));
    }
  }

  @Test
  void theBucketIsAStableValueInTheUnitInterval() {
    // A fixed value guards against accidental changes of the hash (which would reshuffle users);
    // the same number as Python: int.from_bytes(sha256(b"sticky:42").digest()[:8], "big") >> 11 / 2**53.
    assertThat(VariantAssigner.bucket("sticky", 42), is(0.7216788270353216));
    for (long user = -5; user <= 5_000; user++) {
      double b = VariantAssigner.bucket("e", user);
      assertThat(b, both(greaterThanOrEqualTo(0.0)).and(lessThan(1.0)));
    }
  }

  @Test
  void differentExperimentsAssignIndependently() {
    VariantAssigner x = new VariantAssigner("x", List.of(0.5, 0.5));
    VariantAssigner y = new VariantAssigner("y", List.of(0.5, 0.5));
    int same = 0;
    for (long user = 1; user <= 10_000; user++) {
      if (x.assign(user) == y.assign(user)) {
        same++;
      }
    }
    // Independent 50/50 assignments agree for about half the users, not all or none.
    assertThat(same / 10_000.0, closeTo(0.5, 0.03));
    assertThat(same, greaterThan(0));
  }
}
