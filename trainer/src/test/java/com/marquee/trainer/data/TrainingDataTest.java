package com.marquee.trainer.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.marquee.common.domain.Interaction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation sets of the global time split: who is evaluated, on what history. */
class TrainingDataTest {

  private static Interaction i(long user, long movie) {
    return new Interaction(user, movie, 4f, 1f, 0);
  }

  @Test
  void validationUsesTrainingUsersAndTestAddsValidationHistory() {
    List<Interaction> train = List.of(i(1, 10), i(1, 20), i(2, 20));
    List<Interaction> val = List.of(i(1, 30), i(3, 10), i(2, 99)); // 99 unknown item, user 3 new in val
    List<Interaction> test = List.of(i(3, 20), i(1, 20), i(4, 10)); // user 4 has no history
    TrainingData d = TrainingData.of(train, val, test);

    assertThat(d.users().size(), is(2));
    assertThat(d.items().size(), is(2)); // 10, 20 (30 never trained on)
    // val: users 1, 2; item 30 and 99 are unknown to the model -> both dropped as cold start
    assertThat(d.val().heldOut().nnz(), is(0));
    assertThat(d.val().droppedColdStart(), is(3L));

    // test: users 1, 2, 3 (3 by its val history), user 4 has none
    assertThat(d.test().users().size(), is(3));
    int u3 = d.test().users().rowOf(3);
    assertThat(d.test().history().rowLength(u3), is(1)); // item 10 from val
    assertThat(d.test().heldOut().rowLength(u3), is(1)); // item 20
    assertThat(d.test().droppedColdStart(), is(1L)); // user 4
    // user 1's test item 20 is already history: kept in heldOut, ignored as relevant by the Evaluator
    assertThat(d.test().heldOut().contains(d.test().users().rowOf(1), d.items().rowOf(20)), is(true));
  }
}
