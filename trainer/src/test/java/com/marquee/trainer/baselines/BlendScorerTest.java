package com.marquee.trainer.baselines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.trainer.data.CsrMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The blend's per-user standardization on fixed score vectors worked out by hand. */
class BlendScorerTest {

  private static final CsrMatrix HISTORY = CsrMatrix.fromTriples(1, 4, new int[0], new int[0], new float[0]);

  private static Scorer fixed(float... scores) {
    return new Scorer() {
      public String name() {
        return "fixed";
      }

      public void score(int user, CsrMatrix history, float[] out) {
        System.arraycopy(scores, 0, out, 0, scores.length);
      }
    };
  }

  @Test
  void weightsTheZScoresOfEachPart() {
    // A = (1, 2, 3, 6): mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5.
    // C = (0, 0, 0, 4): mean 1, variance (1 + 1 + 1 + 9) / 4 = 3.
    float[] out = new float[4];
    new BlendScorer(List.of(fixed(1, 2, 3, 6), fixed(0, 0, 0, 4)), new double[] {0.25, 0.75}, 4)
        .score(0, HISTORY, out);
    double a = Math.sqrt(3.5);
    double c = Math.sqrt(3);
    assertThat((double) out[0], closeTo(0.25 * -2 / a + 0.75 * -1 / c, 1e-6));
    assertThat((double) out[1], closeTo(0.25 * -1 / a + 0.75 * -1 / c, 1e-6));
    assertThat((double) out[2], closeTo(0.75 * -1 / c, 1e-6));
    assertThat((double) out[3], closeTo(0.25 * 3 / a + 0.75 * 3 / c, 1e-6));
  }

  @Test
  void aPartWithEqualScoresAddsNothingAndScaleDoesNotMatter() {
    float[] out = new float[4];
    new BlendScorer(List.of(fixed(100, 200, 300, 600), fixed(5, 5, 5, 5)), new double[] {0.5, 0.5}, 4)
        .score(0, HISTORY, out);
    double a = Math.sqrt(3.5); // z-scores of (100, 200, 300, 600) are those of (1, 2, 3, 6)
    assertThat((double) out[0], closeTo(0.5 * -2 / a, 1e-6));
    assertThat((double) out[3], closeTo(0.5 * 3 / a, 1e-6));
  }

  @Test
  void rejectsWeightsThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> new BlendScorer(List.of(fixed(1)), new double[] {0}, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlendScorer(List.of(fixed(1)), new double[] {-1}, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlendScorer(List.of(fixed(1)), new double[] {1, 1}, 1));
  }
}
