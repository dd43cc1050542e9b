package com.marquee.trainer.tune;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A {@code search.space} block written as YAML, e.g. {@code "factors: [32, 64]"}. */
  static Map<String, JsonNode> spec(String yaml) throws Exception {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    YAML.readTree(yaml).properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Test
  void gridIsExactlyTheCartesianProductWithTheLastKeyFastest() throws Exception {
    SearchSpace s = SearchSpace.of(spec("factors: [2, 4]\nalpha: [1.0, 5.0, 10.0]\nsolver: [cholesky, cg]\n"));
    List<Map<String, Object>> expected = new ArrayList<>();
    for (int f : new int[] {2, 4}) {
      for (double a : new double[] {1.0, 5.0, 10.0}) {
        for (String solver : new String[] {"cholesky", "cg"}) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("factors", f);
          m.put("alpha", a);
          m.put("solver", solver);
          expected.add(m);
        }
      }
    }
    assertThat(s.grid(), is(expected));
    assertThat(new HashSet<>(s.grid()).size(), is(12));
    assertThat(s.grid().get(0).get("factors"), instanceOf(Integer.class));
    assertThat(s.grid().get(0).get("alpha"), instanceOf(Double.class));
  }

  @Test
  void gridRefusesRanges() throws Exception {
    SearchSpace s = SearchSpace.of(spec("factors: [2, 4]\nalpha: {log_uniform: [0.1, 40]}\n"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::grid);
    assertThat(e.getMessage(), containsString("search.space.alpha: grid search needs a list of values"));
  }

  @Test
  void randomIsDeterministicGivenTheSeedAndPrefixStable() throws Exception {
    SearchSpace s = SearchSpace.of(spec(
        "factors: [32, 64, 128]\nalpha: {log_uniform: [0.1, 40]}\nregularization: {log_uniform: [0.01, 100]}\n"
            + "iterations: [10, 15, 20]\n"));
    List<Map<String, Object>> a = s.random(50, 7);
    assertThat(s.random(50, 7), is(a));
    assertThat(s.random(10, 7), is(a.subList(0, 10)));
    assertThat(s.random(50, 8), is(not(a)));
    assertThat(new HashSet<>(a).size(), is(50));
  }

  @Test
  void randomDrawsAreTheDocumentedTransformOfOneSplittableRandom() throws Exception {
    SearchSpace s = SearchSpace.of(spec("alpha: {log_uniform: [0.1, 40]}\nfactors: [8, 16, 32]\n"
        + "init_std: {uniform: [0.001, 0.1]}\n"));
    SplittableRandom rnd = new SplittableRandom(11);
    List<Map<String, Object>> trials = s.random(3, 11);
    for (Map<String, Object> t : trials) {
      double alpha = Math.exp(Math.log(0.1) + rnd.nextDouble() * (Math.log(40) - Math.log(0.1)));
      int factors = new int[] {8, 16, 32}[rnd.nextInt(3)];
      double initStd = 0.001 + rnd.nextDouble() * (0.1 - 0.001);
      assertThat(t.get("alpha"), is(new BigDecimal(alpha).round(new java.math.MathContext(4)).doubleValue()));
      assertThat(t.get("factors"), is(factors));
      assertThat(t.get("init_std"), is(new BigDecimal(initStd).round(new java.math.MathContext(4)).doubleValue()));
    }
  }

  @Test
  void randomRespectsRangesListsAndIntegerKeys() throws Exception {
    SearchSpace s = SearchSpace.of(spec("alpha: {log_uniform: [0.1, 40]}\nregularization: {uniform: [2, 4]}\n"
        + "factors: {log_uniform: [8, 256]}\niterations: [10, 15, 20]\n"));
    List<Map<String, Object>> trials = s.random(2000, 3);
    int alphaBelowGeometricMean = 0;
    int regBelowMidpoint = 0;
    Set<Object> iterations = new HashSet<>();
    for (Map<String, Object> t : trials) {
      double alpha = (Double) t.get("alpha");
      double reg = (Double) t.get("regularization");
      assertThat(alpha, allOf(greaterThanOrEqualTo(0.1), lessThanOrEqualTo(40.0)));
      assertThat(reg, allOf(greaterThanOrEqualTo(2.0), lessThanOrEqualTo(4.0)));
      assertThat(new BigDecimal(Double.toString(alpha)).stripTrailingZeros().precision(), lessThanOrEqualTo(4));
      assertThat(t.get("factors"), instanceOf(Integer.class));
      assertThat((Integer) t.get("factors"), allOf(greaterThanOrEqualTo(8), lessThanOrEqualTo(256)));
      assertThat(List.of(10, 15, 20).contains(t.get("iterations")), is(true));
      iterations.add(t.get("iterations"));
      alphaBelowGeometricMean += alpha < 2.0 ? 1 : 0; // sqrt(0.1 * 40) = 2
      regBelowMidpoint += reg < 3.0 ? 1 : 0;
    }
    assertThat(iterations, is(Set.of(10, 15, 20)));
    // Half of a log-uniform lies below the geometric mean, half of a uniform below the midpoint; with
    // 2000 draws of this seed the share is within 0.45..0.55 (a uniform alpha would give ~0.05).
    assertThat(alphaBelowGeometricMean, allOf(greaterThan(900), lessThan(1100)));
    assertThat(regBelowMidpoint, allOf(greaterThan(900), lessThan(1100)));
  }

  @Test
  void listedValuesTakeTheTypeOfTheModelKeyAlsoFromEnvironmentText() throws Exception {
    SearchSpace s = SearchSpace.of(spec("factors: ['32', '64']\nalpha: ['0.5']\nseed: [3]\n"));
    assertThat(s.grid().get(1), is(Map.of("factors", 64, "alpha", 0.5, "seed", 3L)));
    SearchSpace one = SearchSpace.of(spec("factors: 16\n"));
    assertThat(one.grid(), is(List.of(Map.of("factors", 16))));
  }

  @Test
  void keysComeFromTheRecordComponents() throws Exception {
    record Toy(int width, double learningRate, boolean shuffle, String mode) {}
    SearchSpace s = SearchSpace.of(spec("learning_rate: {log_uniform: [0.001, 0.1]}\nwidth: [1, 2]\n"
        + "shuffle: [true, false]\nmode: [a, b]\n"), Toy.class);
    assertThat(s.keys(), is(List.of("learning_rate", "width", "shuffle", "mode")));
    assertThat(s.random(1, 1).get(0).get("shuffle"), instanceOf(Boolean.class));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SearchSpace.of(spec("depth: [1]\n"), Toy.class));
    assertThat(e.getMessage(), is("search.space.depth: not a model key (searchable keys: [width, learning_rate, "
        + "shuffle, mode])"));
  }

  @Test
  void malformedSpecsNameTheKey() throws Exception {
    assertThat(fails("factorz: [1]\n"), containsString("search.space.factorz: not a model key (searchable keys: "
        + "[factors, iterations, regularization, alpha, init_std, seed, threads, solver, cg_steps"));
    assertThat(fails("factors: []\n"), is("search.space.factors: empty list of values"));
    assertThat(fails("factors: [64.5]\n"), is("search.space.factors: expected an integer, got 64.5"));
    assertThat(fails("alpha: [abc]\n"), is("search.space.alpha: expected a number, got \"abc\""));
    assertThat(fails("alpha: {log_uniform: [0, 40]}\n"), is("search.space.alpha: log_uniform needs lo > 0, got 0.0"));
    assertThat(fails("alpha: {uniform: [4, 2]}\n"), is("search.space.alpha: range needs lo < hi, got [4.0, 2.0]"));
    assertThat(fails("alpha: {normal: [4, 2]}\n"), containsString("search.space.alpha: a range is {uniform: [lo, hi]}"));
    assertThat(fails("alpha: {uniform: [1]}\n"), containsString("search.space.alpha: range bounds must be [lo, hi]"));
    assertThat(fails("solver: {uniform: [1, 2]}\n"), is("search.space.solver: a range needs a numeric key, this one is Solver"));
    assertThat(fails("factors: {uniform: [1.2, 1.8]}\n"), is("search.space.factors: no integer in [1.2, 1.8]"));
  }

  private static String fails(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> SearchSpace.of(spec(yaml))).getMessage();
  }
}
