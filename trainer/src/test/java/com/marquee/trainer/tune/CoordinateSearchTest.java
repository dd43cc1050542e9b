package com.marquee.trainer.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coordinate strategy on a known objective: which points it tries, in which order, and the winner. */
class CoordinateSearchTest {

  /** Score -(a - 2)^2 - (b - 3)^2: maximal at (2, 3). */
  private static TrialResult score(int trial, Map<String, Object> hp) {
    int a = (Integer) hp.get("a");
    int b = (Integer) hp.get("b");
    double s = -(a - 2) * (a - 2) - (b - 3) * (b - 3);
    return new TrialResult(trial, TrialResult.OK, hp, List.of(), Map.of("ndcg@10", s), 0.0, null, null);
  }

  private static Map<String, Object> point(int a, int b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    return m;
  }

  @Test
  void searchesOneKeyAtATimeFromTheStartAndSkipsPointsAlreadyTried() {
    List<String> log = new ArrayList<>();
    List<TrialResult> ended = new ArrayList<>();
    List<TrialResult> trials = CoordinateSearch.run(point(1, 1),
        List.of(new SearchSpace.Choice("a", List.of(1, 2, 3)), new SearchSpace.Choice("b", List.of(1, 3, 5))),
        CoordinateSearchTest::score, "ndcg@10", ended::add, log::add);
    assertEquals(List.of(point(1, 1), point(2, 1), point(3, 1), point(2, 3), point(2, 5)),
        trials.stream().map(TrialResult::hyperparameters).toList());
    assertEquals(List.of(1, 2, 3, 4, 5), trials.stream().map(TrialResult::trial).toList());
    assertEquals(trials, ended);
    assertEquals(4, HyperparameterSearch.best(trials, "ndcg@10").trial());
    assertEquals(List.of(), log);
  }

  @Test
  void withoutAStartTheFirstValuesSeedTheOtherKeysAndAnEdgeWinnerIsWarnedAbout() {
    List<String> log = new ArrayList<>();
    List<TrialResult> trials = CoordinateSearch.run(null,
        List.of(new SearchSpace.Choice("a", List.of(0, 1)), new SearchSpace.Choice("b", List.of(3, 4))),
        CoordinateSearchTest::score, "ndcg@10", r -> {}, log::add);
    assertEquals(List.of(point(0, 3), point(1, 3), point(1, 4)),
        trials.stream().map(TrialResult::hyperparameters).toList());
    assertEquals(List.of(
        "warning: best a 1 is at the edge of the grid [0, 1]; the optimum may lie outside it (try --a)",
        "warning: best b 3 is at the edge of the grid [3, 4]; the optimum may lie outside it (try --b)"), log);
  }

  @Test
  void aWinnerAtTheEdgeIsFollowedBeyondTheListWhileItKeepsWinning() {
    List<String> log = new ArrayList<>();
    List<TrialResult> trials = CoordinateSearch.run(null,
        List.of(new SearchSpace.Choice("a", List.of(0, 1)), new SearchSpace.Choice("b", List.of(3))),
        CoordinateSearchTest::score, "ndcg@10", r -> {}, log::add, 3);
    // a: 0, 1 (edge), then 1 + (1 - 0) = 2 (wins, edge again), then 2 * 2 / 1 = 4 (loses): stop at 2.
    assertEquals(List.of(point(0, 3), point(1, 3), point(2, 3), point(4, 3)),
        trials.stream().map(TrialResult::hyperparameters).toList());
    assertEquals(List.of("best a 1 is at the edge of [0, 1]: also trying 2",
        "best a 2 is at the edge of [0, 1, 2]: also trying 4"), log);
  }

  @Test
  void theStepBeyondAnEdgeContinuesTheListAndNeverCrossesZero() {
    assertEquals(200, CoordinateSearch.beyond(50, 100));
    assertEquals(16, CoordinateSearch.beyond(64, 32));
    assertEquals(1.25, (Double) CoordinateSearch.beyond(0.8, 1.0), 1e-12);
    assertEquals(0.01, (Double) CoordinateSearch.beyond(1.0, 0.1), 1e-12);
    assertEquals(0.4, (Double) CoordinateSearch.beyond(0.0, 0.2), 1e-12);
    assertEquals(null, CoordinateSearch.beyond(0.2, 0.0)); // would go below zero
    assertEquals(null, CoordinateSearch.beyond(2, 1)); // 0.5 rounds back to 1
    assertEquals(null, CoordinateSearch.beyond("hu", "rendle"));
  }
}
