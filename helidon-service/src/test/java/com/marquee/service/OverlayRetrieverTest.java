package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.service.model.ExactRetriever;
import com.marquee.service.model.OverlayRetriever;
import com.marquee.service.model.ScoredItems;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * {@link OverlayRetriever} over an exact trained index plus overlay rows returns exactly what an exact
 * search over the merged matrix returns (rows and scores, ties by row), with and without a filter.
 */
class OverlayRetrieverTest {

  @Test
  void sameAsExactSearchOverTheMergedMatrix() {
    SplittableRandom rnd = new SplittableRandom(7);
    int n0 = 500;
    int added = 40;
    int f = 8;
    float[] trained = new float[n0 * f];
    for (int i = 0; i < trained.length; i++) {
      trained[i] = (float) rnd.nextGaussian();
    }
    float[] merged = Arrays.copyOf(trained, (n0 + added) * f);
    int[] movedRows = {3, 77, 200};
    BitSet moved = new BitSet();
    int[] overlayRows = new int[movedRows.length + added];
    float[] overlay = new float[overlayRows.length * f];
    int o = 0;
    for (int row : movedRows) {
      moved.set(row);
      overlayRows[o++] = row;
    }
    for (int row = n0; row < n0 + added; row++) {
      overlayRows[o++] = row;
    }
    for (int i = 0; i < overlayRows.length; i++) {
      for (int j = 0; j < f; j++) {
        // some overlay vectors equal a trained one: exercises the tie rule across the two lists
        float v = i % 10 == 0 ? trained[(i + 1) * f + j] : (float) rnd.nextGaussian() * 2;
        overlay[i * f + j] = v;
        merged[overlayRows[i] * f + j] = v;
      }
    }
    OverlayRetriever r = new OverlayRetriever(new ExactRetriever(new FactorMatrix(n0, f, trained)), moved, overlayRows,
        new FactorMatrix(overlayRows.length, f, overlay));
    ExactRetriever exact = new ExactRetriever(new FactorMatrix(n0 + added, f, merged));
    IntPredicate even = row -> row % 2 == 0;
    for (int q = 0; q < 20; q++) {
      float[] query = new float[f];
      for (int j = 0; j < f; j++) {
        query[j] = (float) rnd.nextGaussian();
      }
      for (int k : new int[] {1, 10, 100, 600}) {
        for (IntPredicate allowed : new IntPredicate[] {null, even}) {
          ScoredItems want = exact.search(query, k, allowed);
          ScoredItems got = r.search(query, k, allowed);
          assertThat("k=" + k, Arrays.toString(got.rows()), is(Arrays.toString(want.rows())));
          assertThat("k=" + k, Arrays.toString(got.scores()), is(Arrays.toString(want.scores())));
        }
      }
    }
  }
}
