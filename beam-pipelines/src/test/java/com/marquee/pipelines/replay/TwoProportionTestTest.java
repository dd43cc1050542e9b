package com.marquee.pipelines.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TwoProportionTestTest {

  @Test
  void matchesHandComputedZTest() {
    // control 40/100, treatment 55/100: pooled 0.475, SE0 = sqrt(.475 * .525 * .02) = 0.0706222,
    // z = 0.15 / 0.0706222 = 2.12398, p = 2 (1 - Phi(2.12398)) = 0.03367;
    // Wald SE = sqrt(.4 * .6 / 100 + .55 * .45 / 100) = 0.0698212, CI = 0.15 -+ 1.959964 * SE
    TwoProportionTest t = TwoProportionTest.of("control", 40, 100, "treatment", 55, 100);
    assertThat(t.difference(), closeTo(0.15, 1e-12));
    assertThat(t.z(), closeTo(2.12398, 1e-5));
    assertThat(t.pValue(), closeTo(0.03367, 1e-4));
    assertThat(t.ciLow(), closeTo(0.15 - 1.959964 * 0.0698212, 1e-6));
    assertThat(t.ciHigh(), closeTo(0.15 + 1.959964 * 0.0698212, 1e-6));
    assertThat(Double.isNaN(TwoProportionTest.of("a", 0, 10, "b", 0, 10).z()), is(true));
  }

  @Test
  void reportSumsHitsPerVariantOverVersionsAndComparesWithControl() {
    List<ReplayRow> rows = List.of(
        row("v1", "control", 0.4, 50), row("v2", "control", 0.4, 50), row("v3", "treatment", 0.55, 100),
        row("v1", ReplayTransform.ALL, 0.4, 50), row("v0", "none", 1.0, 7));
    List<TwoProportionTest> tests = ReplayReport.variantTests(rows);
    assertThat(tests.size(), is(1));
    TwoProportionTest t = tests.get(0);
    assertThat(t.baseline(), is("control"));
    assertThat(t.variant(), is("treatment"));
    assertThat(t.hitsBaseline(), is(40L));
    assertThat(t.listsBaseline(), is(100L));
    assertThat(t.hitsVariant(), is(55L));
    assertThat(t.z(), closeTo(2.12398, 1e-5));
  }

  private static ReplayRow row(String version, String variant, double hitRate, long evaluated) {
    TreeMap<String, Double> m = new TreeMap<>();
    m.put("hitrate@10", hitRate);
    return new ReplayRow(version, variant, 10, evaluated, evaluated, 0, 0.0, m);
  }
}
