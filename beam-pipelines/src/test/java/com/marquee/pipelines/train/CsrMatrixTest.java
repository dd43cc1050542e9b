package com.marquee.pipelines.train;

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
}
