package com.marquee.trainer.baselines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.trainer.data.CsrMatrix;
import org.junit.jupiter.api.Test;

/**
 * RP3beta on two users and three items, worked out by hand: user 0 likes {0, 1}, user 1 likes {1, 2}.
 * Steps user to item: 1/2 each; item to user: item 0 -> user 0 (1), item 1 -> users 0, 1 (1/2 each),
 * item 2 -> user 1 (1). Popularity: 1, 2, 1.
 */
class Rp3BetaScorerTest {

  private static final CsrMatrix R =
      CsrMatrix.fromTriples(2, 3, new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 2}, new float[] {1, 1, 1, 1});

  @Test
  void alphaOneBetaHalf() {
    // W before the penalty: row 0 = (1/2, 1/2, 0), row 1 = (1/4, 1/2, 1/4), row 2 = (0, 1/2, 1/2);
    // column 1 divided by sqrt(2), diagonal zeroed: W[0] = (0, 0.5/sqrt2, 0), W[1] = (1/4, 0, 1/4),
    // W[2] = (0, 0.5/sqrt2, 0). User 0 = W[0] + W[1] = (1/4, 0.5/sqrt2, 1/4).
    float[] s = scores(new Rp3BetaScorer(R, 1.0, 0.5, 10, 1), 0);
    assertThat((double) s[0], closeTo(0.25, 1e-6));
    assertThat((double) s[1], closeTo(0.5 / Math.sqrt(2), 1e-6));
    assertThat((double) s[2], closeTo(0.25, 1e-6));
  }

  @Test
  void alphaTwoBetaZeroSquaresEveryStep() {
    // Squared steps: user to item 1/4, item 1 to each user 1/4, items 0 and 2 to their user 1.
    // W[0] = (., 1/4, 0), W[1] = (1/16, ., 1/16): user 0's score of item 2 = 0 + 1/16, of item 1 = 1/4.
    float[] s = scores(new Rp3BetaScorer(R, 2.0, 0.0, 10, 1), 0);
    assertThat((double) s[2], closeTo(1 / 16.0, 1e-7));
    assertThat((double) s[1], closeTo(0.25, 1e-7));
    assertThat((double) s[0], closeTo(1 / 16.0, 1e-7));
  }

  @Test
  void keepsOnlyTheLargestNeighbours() {
    // One neighbour per item at alpha 1, beta 0: W[1] = (1/4, 0, 1/4) ties, the lower index is kept.
    float[] s = scores(new Rp3BetaScorer(R, 1.0, 0.0, 1, 1), 1); // user 1: W[1] + W[2]
    assertThat((double) s[0], closeTo(0.25, 1e-7));
    assertThat((double) s[2], closeTo(0.0, 1e-7));
    assertThat((double) s[1], closeTo(0.5, 1e-7)); // W[2][1] = 1/2
  }

  @Test
  void rejectsOutOfRangeParameters() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Rp3BetaScorer(R, 0, 0.5, 10, 1));
    assertThat(e.getMessage(), containsString("alpha > 0"));
    assertThrows(IllegalArgumentException.class, () -> new Rp3BetaScorer(R, 1, -0.1, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new Rp3BetaScorer(R, 1, 0.5, 0, 1));
  }

  private static float[] scores(Scorer scorer, int user) {
    float[] out = new float[3];
    scorer.score(user, R, out);
    return out;
  }
}
