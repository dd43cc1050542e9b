package com.marquee.trainer.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class CsrMatrixTest {

  @Test
  void buildsSortedRowsMergesDuplicatesAndTransposes() {
    // (0,2)=1 (0,0)=2 (2,1)=3 (0,2)=5 duplicate keeps the max
    CsrMatrix m = CsrMatrix.fromTriples(3, 3, new int[] {0, 0, 2, 0}, new int[] {2, 0, 1, 2}, new float[] {1, 2, 3, 5});
    assertThat(m.indptr(), is(new int[] {0, 2, 2, 3}));
    assertThat(m.indices(), is(new int[] {0, 2, 1}));
    assertThat(m.values(), is(new float[] {2, 5, 3}));
    CsrMatrix t = m.transpose();
    assertThat(t.indptr(), is(new int[] {0, 1, 2, 3}));
    assertThat(t.indices(), is(new int[] {0, 2, 0}));
    assertThat(t.values(), is(new float[] {2, 3, 5}));
    assertThat(m.contains(0, 2), is(true));
    assertThat(m.contains(1, 2), is(false));
  }

  /** Row 0 has 6 entries, rows 1..5 one each. */
  private static final CsrMatrix SKEWED = CsrMatrix.fromTriples(6, 6,
      new int[] {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5}, new int[] {0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0},
      new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});

  @Test
  void balancedRowRangesSplitByEntriesPlusRowCost() {
    assertThat(SKEWED.balancedRowRanges(2, 0), is(new int[] {0, 1, 6})); // 6 | 5 entries
    assertThat(SKEWED.balancedRowRanges(2, 1), is(new int[] {0, 2, 6})); // costs 7,2 | 2,2,2,2
    assertThat(SKEWED.balancedRowRanges(1, 0), is(new int[] {0, 6}));
  }

  @Test
  void balancedRowRangesAreNeverEmpty() {
    assertThat(SKEWED.balancedRowRanges(10, 0), is(new int[] {0, 1, 2, 3, 4, 5, 6})); // more parts than rows
    CsrMatrix lastHeavy = CsrMatrix.fromTriples(4, 3, new int[] {3, 3, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
    assertThat(lastHeavy.balancedRowRanges(2, 0), is(new int[] {0, 4})); // all work in the last row: one range
  }
}
