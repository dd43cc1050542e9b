package com.marquee.trainer.baselines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.trainer.data.CsrMatrix;
import org.junit.jupiter.api.Test;

/** EASE's closed form on a 4 x 3 matrix against NumPy (values below), and its memory guard. */
class EaseScorerTest {

  // X (users x items) = [[1,1,0],[0,1,1],[1,1,1],[1,0,0]], lambda = 0.5.
  // X^T X + 0.5 I = [[3.5,2,1],[2,3.5,2],[1,2,2.5]]. NumPy:
  //   P = np.linalg.inv(X.T @ X + 0.5 * np.eye(3)); B = -P / np.diag(P); np.fill_diagonal(B, 0)
  //   B = [[0, 12/31, -2/33], [12/19, 0, 20/33], [-2/19, 20/31, 0]]
  //     = [[0, 0.38709677, -0.06060606], [0.63157895, 0, 0.60606061], [-0.10526316, 0.64516129, 0]]
  private static final double[][] B = {{0, 12.0 / 31, -2.0 / 33}, {12.0 / 19, 0, 20.0 / 33}, {-2.0 / 19, 20.0 / 31, 0}};
  private static final CsrMatrix X = CsrMatrix.fromTriples(4, 3,
      new int[] {0, 0, 1, 1, 2, 2, 2, 3}, new int[] {0, 1, 1, 2, 0, 1, 2, 0}, new float[] {1, 1, 1, 1, 1, 1, 1, 1});

  @Test
  void closedFormMatchesNumPy() {
    for (int threads : new int[] {1, 2}) {
      EaseScorer ease = EaseScorer.fit(X, 0.5, threads);
      assertThat(ease.items(), is(3));
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          assertThat("B[" + i + "][" + j + "] with " + threads + " threads", (double) ease.weight(i, j),
              closeTo(B[i][j], 1e-6));
        }
      }
    }
  }

  @Test
  void scoresAreTheHistoryRowsOfBSummed() {
    EaseScorer ease = EaseScorer.fit(X, 0.5, 1);
    // A user (not in X: scoring needs only the history) with items 0 and 2: s = B[0] + B[2]
    CsrMatrix history = CsrMatrix.fromTriples(1, 3, new int[] {0, 0}, new int[] {0, 2}, new float[] {1, 1});
    float[] s = new float[3];
    ease.score(0, history, s);
    assertThat((double) s[0], closeTo(-2.0 / 19, 1e-6)); // NumPy: -0.10526316
    assertThat((double) s[1], closeTo(12.0 / 31 + 20.0 / 31, 1e-6)); // 1.03225806
    assertThat((double) s[2], closeTo(-2.0 / 33, 1e-6)); // -0.06060606
  }

  @Test
  void gramMatrixIsXTransposeX() {
    double[] g = EaseScorer.gram(X).data;
    assertThat(g, is(new double[] {3, 2, 1, 2, 3, 2, 1, 2, 2}));
  }

  @Test
  void refusesCatalogsTooLargeForTheHeap() {
    // 10,000 items need 28 * 10^8 bytes = 2.6 GiB
    assertThat(EaseScorer.requiredBytes(10_000), is(2_800_000_000L));
    EaseScorer.checkMemory(10_000, 2_800_000_000L); // exactly enough: accepted
    var e = assertThrows(EaseScorer.CatalogTooLargeException.class, () -> EaseScorer.checkMemory(10_000, 1L << 30));
    assertThat(e.getMessage(), containsString("EASE needs about 2.6 GiB of heap for 10,000 items"));
    assertThat(e.getMessage(), containsString("only 1.0 GiB is available"));
    assertThat(e.getMessage(), containsString("JAVA_OPTS=-Xmx"));
    var big = assertThrows(EaseScorer.CatalogTooLargeException.class,
        () -> EaseScorer.checkMemory(EaseScorer.MAX_ITEMS + 1, Long.MAX_VALUE));
    assertThat(big.getMessage(), containsString("exceed a Java array"));
    assertThrows(IllegalArgumentException.class, () -> EaseScorer.fit(X, 0, 1));
  }
}
