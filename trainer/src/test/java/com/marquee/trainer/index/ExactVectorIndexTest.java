package com.marquee.trainer.index;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactVectorIndexTest {

  @Test
  void ranksByInnerProductWithTiesByLowerId() {
    // rows: (1,0) (0,1) (2,0) (1,0) -> query (1,0) scores 1, 0, 2, 1
    float[] m = {1, 0, 0, 1, 2, 0, 1, 0};
    try (VectorIndex idx = new ExactVectorIndex(m, 4, 2)) {
      SearchResult r = idx.search(new float[] {1, 0}, 3, null);
      assertArrayEquals(new int[] {2, 0, 3}, r.ids());
      assertArrayEquals(new float[] {2f, 1f, 1f}, r.scores());
      assertEquals(4, idx.size());
      assertEquals(2, idx.dimension());
    }
  }

  @Test
  void filterAndShortResults() {
    float[] m = IndexTestData.gaussian(100, 8, 1);
    try (VectorIndex idx = new ExactVectorIndex(m, 100, 8)) {
      SearchResult r = idx.search(IndexTestData.row(m, 0, 8), 10, id -> id % 7 == 0);
      assertEquals(10, r.size());
      assertThat(IntStream.of(r.ids()).allMatch(id -> id % 7 == 0), equalTo(true));
      assertEquals(3, idx.search(IndexTestData.row(m, 0, 8), 10, id -> id < 3).size());
      assertEquals(0, idx.search(IndexTestData.row(m, 0, 8), 10, id -> false).size());
      assertEquals(100, idx.search(IndexTestData.row(m, 0, 8), 1000, null).size());
    }
  }

  @Test
  void batchEqualsSingleSearches() {
    int n = 300, d = 16, nq = 7;
    float[] m = IndexTestData.gaussian(n, d, 2);
    float[] q = IndexTestData.gaussian(nq, d, 3);
    try (VectorIndex idx = new ExactVectorIndex(m, n, d)) {
      SearchResult[] batch = idx.searchBatch(q, nq, 5);
      for (int i = 0; i < nq; i++) {
        SearchResult one = idx.search(IndexTestData.row(q, i, d), 5, null);
        assertArrayEquals(one.ids(), batch[i].ids());
        assertArrayEquals(one.scores(), batch[i].scores());
      }
    }
  }

  @Test
  void rejectsBadArgumentsAndUseAfterClose() {
    VectorIndex idx = new ExactVectorIndex(new float[6], 3, 2);
    assertThrows(IllegalArgumentException.class, () -> idx.search(new float[3], 1, null));
    assertThrows(IllegalArgumentException.class, () -> idx.search(new float[2], -1, null));
    assertThrows(IllegalArgumentException.class, () -> new ExactVectorIndex(new float[5], 3, 2));
    idx.close();
    idx.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> idx.search(new float[2], 1, null));
    assertThat(e.getMessage(), containsString("closed"));
  }
}
