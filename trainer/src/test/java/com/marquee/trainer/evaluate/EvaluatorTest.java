package com.marquee.trainer.evaluate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import com.marquee.common.artifact.IdMapping;
import com.marquee.trainer.baselines.Scorer;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.TrainingData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Full-ranking evaluation on a 2-user, 5-item case worked out by hand. */
class EvaluatorTest {

  /** Item i scores 10 - i for every user, so the global order is 0, 1, 2, ... */
  private static Scorer descending() {
    return new Scorer() {
      public String name() {
        return "fixed";
      }

      public void score(int user, CsrMatrix history, float[] out) {
        for (int i = 0; i < out.length; i++) {
          out[i] = 10 - i;
        }
      }
    };
  }

  @Test
  void excludesKnownItemsAndAveragesOverUsersWithHeldOutItems() {
    // Fixed scores: item i scores 10 - i, so the global order is 0,1,2,3,4.
    Scorer s = descending();
    // user 0 history {0}, held out {2}; user 1 history {1}, held out {0, 4};
    // user 2 held out {3} but no history (cold start: skipped); user 3 history {2}, nothing held out
    CsrMatrix history = CsrMatrix.fromTriples(4, 5, new int[] {0, 1, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
    CsrMatrix held = CsrMatrix.fromTriples(4, 5, new int[] {0, 1, 1, 2}, new int[] {2, 0, 4, 3}, new float[] {1, 1, 1, 1});
    TrainingData.EvalSet set = new TrainingData.EvalSet(IdMapping.of(new long[] {1, 2, 3, 4}), history, held, 0);
    Map<String, Double> m = Evaluator.evaluate(s, set, List.of(2), 1);
    // user 0 ranking without item 0: 1,2 -> hit at rank 2: P=.5 R=1 NDCG=(1/log2 3)/1
    // user 1 ranking without item 1: 0,2 -> hit at rank 1: P=.5 R=.5 NDCG=1/(1+1/log2 3)
    double l3 = Math.log(3) / Math.log(2);
    assertThat(m.get("users"), is(2.0));
    assertThat(m.get("precision@2"), closeTo(0.5, 1e-12));
    assertThat(m.get("recall@2"), closeTo(0.75, 1e-12));
    assertThat(m.get("ndcg@2"), closeTo(((1 / l3) + 1 / (1 + 1 / l3)) / 2, 1e-12));
    assertThat(m.get("coverage@2"), closeTo(3 / 5.0, 1e-12)); // items 0, 1, 2
  }

  @Test
  void countsHeldOutItemsOutsideTheCatalogAsMissedWhenTheSetSaysSo() {
    // The BARS/LightGCN Recall@k = hits / |test items of the user|, with test items the model cannot rank.
    Scorer s = descending();
    // user 0: history {0}, held out {2} in the catalog + 1 item outside it; user 1: history {1},
    // nothing rankable held out, 2 items outside the catalog (evaluated: recall 0, ndcg 0).
    CsrMatrix history = CsrMatrix.fromTriples(2, 5, new int[] {0, 1}, new int[] {0, 1}, new float[] {1, 1});
    CsrMatrix held = CsrMatrix.fromTriples(2, 5, new int[] {0}, new int[] {2}, new float[] {1});
    TrainingData.EvalSet set = new TrainingData.EvalSet(IdMapping.of(new long[] {1, 2}), history, held, 0,
        new int[] {1, 2});
    Map<String, Double> m = Evaluator.evaluate(s, set, List.of(2), 1);
    // user 0 ranking without item 0: 1,2 -> hit at rank 2 of 2 relevant: R = 1/2,
    // NDCG = (1/log2 3) / (1 + 1/log2 3); user 1: no hit, R = 0, NDCG = 0.
    double l3 = Math.log(3) / Math.log(2);
    assertThat(m.get("users"), is(2.0));
    assertThat(m.get("recall@2"), closeTo(0.25, 1e-12));
    assertThat(m.get("nrecall@2"), closeTo(0.25, 1e-12));
    assertThat(m.get("ndcg@2"), closeTo((1 / l3) / (1 + 1 / l3) / 2, 1e-12));
    assertThat(m.get("precision@2"), closeTo(0.25, 1e-12));
  }
}
