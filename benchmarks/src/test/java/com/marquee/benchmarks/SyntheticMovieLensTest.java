package com.marquee.benchmarks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticMovieLensTest {

  @TempDir Path dir;

  @Test
  void writesTheRequestedShapeWithMovieLensStatistics() throws Exception {
    // The shape of the bundled ml-latest-small: 610 users, 9,742 movies, 100,836 ratings.
    SyntheticMovieLens.Params p = new SyntheticMovieLens.Params(610, 9_742, 100_836, 16, 1.0, 1.2, 20, 7);
    SyntheticMovieLens.Summary s = SyntheticMovieLens.generate(p, dir.resolve("a"));
    assertThat(s.ratings(), is(100_836L));
    List<String> lines = Files.readAllLines(dir.resolve("a/ratings.csv"));
    assertThat(lines.get(0), is("userId,movieId,rating,timestamp"));
    assertThat(lines.size(), is(100_837));

    Set<String> pairs = new HashSet<>();
    Map<Integer, Integer> perUser = new HashMap<>();
    Map<Integer, Integer> perItem = new HashMap<>();
    long lastTs = -1;
    int lastUser = -1;
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      int u = Integer.parseInt(f[0]), i = Integer.parseInt(f[1]);
      double r = Double.parseDouble(f[2]);
      long ts = Long.parseLong(f[3]);
      assertThat("duplicate pair " + l, pairs.add(u + "/" + i), is(true));
      assertThat(r * 2, is(Math.rint(r * 2))); // half stars
      assertThat(r, both(greaterThanOrEqualTo(0.5)).and(lessThan(5.01)));
      if (u == lastUser) {
        assertThat("timestamps increase per user", ts, greaterThanOrEqualTo(lastTs));
      }
      lastUser = u;
      lastTs = ts;
      perUser.merge(u, 1, Integer::sum);
      perItem.merge(i, 1, Integer::sum);
    }
    assertThat(perUser.size(), is(610));
    perUser.values().forEach(n -> assertThat(n, greaterThanOrEqualTo(20)));
    // long tail: in the real ml-latest-small the 10% most-rated items hold 60% of the ratings;
    // the generator gives about 57% at this shape (uniform popularity would give about 10%)
    List<Integer> counts = perItem.values().stream().sorted((a, b) -> b - a).toList();
    long top = counts.subList(0, counts.size() / 10).stream().mapToLong(Integer::longValue).sum();
    assertThat(top / 100_836.0, greaterThan(0.45));
    // about half the ratings are >= 4 stars (real ml-latest-small: 48%; ML-20M: about 50%)
    assertThat(s.positives() / 100_836.0, both(greaterThan(0.4)).and(lessThan(0.6)));
    assertThat(Files.readAllLines(dir.resolve("a/movies.csv")).size(), is(9_743));
  }

  @Test
  void deterministicForASeed() throws Exception {
    SyntheticMovieLens.Params p = new SyntheticMovieLens.Params(50, 100, 2_000, 4, 0.9, 1.2, 20, 3);
    SyntheticMovieLens.generate(p, dir.resolve("x"));
    SyntheticMovieLens.generate(p, dir.resolve("y"));
    assertThat(Files.mismatch(dir.resolve("x/ratings.csv"), dir.resolve("y/ratings.csv")), is(-1L));
    assertThat(Files.mismatch(dir.resolve("x/movies.csv"), dir.resolve("y/movies.csv")), is(-1L));
  }
}
