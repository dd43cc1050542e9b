package com.marquee.common.metrics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Self-information and novelty against values computed by hand. */
class ItemPopularityTest {

  private static final double EPS = 1e-12;

  @Test
  void selfInformationIsMinusLog2OfTheUserShare() {
    // 10 users: shares 10/10, 5/10, 1/10, 0 (counted as 1/10)
    ItemPopularity p = new ItemPopularity(new int[] {10, 5, 1, 0}, 10);
    assertThat(p.selfInformation(0), is(0.0));
    assertThat(p.selfInformation(1), closeTo(1.0, EPS));
    assertThat(p.selfInformation(2), closeTo(Math.log(10) / Math.log(2), EPS)); // 3.3219...
    assertThat(p.selfInformation(3), closeTo(Math.log(10) / Math.log(2), EPS));
    assertThat(p.size(), is(4));
  }

  @Test
  void noveltyAveragesTheFirstMinKItems() {
    ItemPopularity p = new ItemPopularity(new int[] {4, 2, 1}, 4); // 0, 1, 2 bits
    assertThat(p.novelty(new int[] {2, 1, 0}, 2), closeTo(1.5, EPS));
    assertThat(p.novelty(new int[] {2, 1, 0}, 3), closeTo(1.0, EPS));
    assertThat(p.novelty(new int[] {2}, 10), closeTo(2.0, EPS)); // shorter list: its own length
    assertThat(p.novelty(new int[0], 10), is(0.0));
    assertThrows(IllegalArgumentException.class, () -> p.novelty(new int[] {0}, 0));
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> new ItemPopularity(new int[] {3}, 2));
    assertThrows(IllegalArgumentException.class, () -> new ItemPopularity(new int[] {-1}, 2));
    assertThrows(IllegalArgumentException.class, () -> new ItemPopularity(new int[] {0}, 0));
  }
}
