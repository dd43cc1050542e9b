package com.marquee.common.rank;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

  @Test
  void selectsLargestInOrderWithLowerIndexWinningTies() {
    float[] s = {0.5f, 2f, 2f, -1f, 3f, 0.5f};
    assertThat(TopK.select(s, 4, null), is(new int[] {4, 1, 2, 0}));
    assertThat(TopK.select(s, 10, i -> i != 4), is(new int[] {1, 2, 0, 5, 3}));
    assertThat(TopK.select(s, 0, null), is(new int[0]));
  }

  @Test
  void matchesFullSortOnRandomScores() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + rnd.nextInt(500);
      float[] s = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = rnd.nextInt(40) / 4f; // many ties
      }
      int k = 1 + rnd.nextInt(60);
      int[] expected =
          IntStream.range(0, n).boxed()
              .filter(i -> i % 3 != 0)
              .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
              .limit(k).mapToInt(Integer::intValue).toArray();
      assertThat(Arrays.toString(TopK.select(s, k, i -> i % 3 != 0)), is(Arrays.toString(expected)));
    }
  }
}
