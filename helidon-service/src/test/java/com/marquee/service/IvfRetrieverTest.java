package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.rank.Scoring;
import com.marquee.service.model.ExactRetriever;
import com.marquee.service.model.IvfRetriever;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.RetrievalConfig;
import com.marquee.service.model.Retriever;
import com.marquee.service.model.RetrieverFactory;
import com.marquee.service.model.ScoredItems;
import com.marquee.service.recommend.ItemFilter;
import com.marquee.service.recommend.Recommendations;
import com.marquee.service.recommend.Recommender;
import com.marquee.service.recommend.Similarity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IVF retriever against exact scoring on a real iALS model of ml-latest-small ({@link
 * MovieLensSmallModel}: 609 users x 4,150 items x 32 factors), through the same {@link Recommender}
 * calls the endpoints make, and the {@code retrieval} config modes.
 */
class IvfRetrieverTest {

  private static final Path DIR = Path.of("ml-latest-small-test");
  private static ModelArtifacts model;
  private static ModelSnapshot exact;

  @BeforeAll
  static void buildModel() throws Exception {
    model = MovieLensSmallModel.artifacts();
    exact = new ModelSnapshot(model, DIR, Instant.now(), new ExactRetriever(model.itemFactors()));
  }

  private static RetrievalConfig ivfDefaults() {
    return new RetrievalConfig("ivf", RetrievalConfig.Ivf.DEFAULT);
  }

  @Test
  void servedListsOfTheDefaultIndexHaveHighRecallWhileScanningAFractionOfTheCatalog() throws Exception {
    IvfRetriever ivf = (IvfRetriever) RetrieverFactory.of(ivfDefaults()).create(model, DIR);
    ModelSnapshot approx = new ModelSnapshot(model, DIR, Instant.now(), ivf);
    Recommender rec = new Recommender(Similarity.INNER_PRODUCT); // /similar through the retriever under test
    ItemFilter comedy = ItemFilter.of(List.of("Comedy"), null, null);
    double recall = 0;
    double recallFiltered = 0;
    long[] users = model.users().externalIds();
    for (long u : users) {
      recall += recall(rec.recommend(approx, u, 10, true, ItemFilter.NONE), rec.recommend(exact, u, 10, true, ItemFilter.NONE));
      recallFiltered += recall(rec.recommend(approx, u, 10, true, comedy), rec.recommend(exact, u, 10, true, comedy));
    }
    assertThat(recall / users.length, greaterThanOrEqualTo(0.95));
    assertThat(recallFiltered / users.length, greaterThanOrEqualTo(0.95));
    // ... and it is an approximate search: most items are never scored.
    int n = model.items().size();
    assertThat(ivf.lists(), is((int) Math.round(Math.sqrt(n))));
    long[] stats = ivf.searchStats();
    assertThat(stats[0], is(2L * users.length));
    assertThat((double) stats[1] / stats[0], lessThan(0.35 * n));
  }

  @Test
  void exactModeIsExact() throws Exception {
    Retriever r = RetrieverFactory.of(ivfDefaults().withMode("exact")).create(model, DIR);
    assertThat(r, instanceOf(ExactRetriever.class));
    for (int u = 0; u < model.users().size(); u += 7) {
      IntPredicate unseen = unseen(u);
      float[] q = model.userFactors().row(u);
      ScoredItems got = r.search(q, 10, unseen);
      ScoredItems want = bruteForce(model.itemFactors(), q, 10, unseen);
      assertArrayEquals(want.rows(), got.rows(), "user row " + u);
      assertArrayEquals(want.scores(), got.scores(), "user row " + u);
    }
  }

  @Test
  void scanningEveryCellGivesTheExactRowsAndScores() {
    FactorMatrix y = model.itemFactors();
    IvfRetriever all = IvfRetriever.build(y, new IvfRetriever.Params(40, 40, 3, 7));
    ExactRetriever ex = new ExactRetriever(y);
    for (int u = 0; u < model.users().size(); u += 5) {
      float[] q = model.userFactors().row(u);
      ScoredItems got = all.search(q, 20, unseen(u));
      ScoredItems want = ex.search(q, 20, unseen(u));
      assertArrayEquals(want.rows(), got.rows(), "user row " + u);
      assertArrayEquals(want.scores(), got.scores(), "user row " + u);
    }
    assertThat(all.searchStats()[2], is(all.searchStats()[0]));
  }

  @Test
  void aSelectiveFilterFallsBackToScanningEveryCell() {
    IvfRetriever ivf = IvfRetriever.build(model.itemFactors(), new IvfRetriever.Params(64, 2, 4, 42));
    ExactRetriever ex = new ExactRetriever(model.itemFactors());
    BitSet few = new BitSet();
    for (int row = 3; row < model.items().size(); row += model.items().size() / 15) {
      few.set(row);
    }
    for (int u = 0; u < 50; u++) {
      float[] q = model.userFactors().row(u);
      ScoredItems got = ivf.search(q, 10, few::get);
      assertArrayEquals(ex.search(q, 10, few::get).rows(), got.rows());
      assertThat(got.size(), is(10));
    }
    assertThat(ivf.searchStats()[2], is(50L));
    assertThat(ivf.minCandidates(10), is(Math.max(2 * model.items().size() / 64, 100)));
  }

  @Test
  void similarItemsKeepHighRecall() throws Exception {
    ModelSnapshot approx = new ModelSnapshot(model, DIR, Instant.now(), RetrieverFactory.of(ivfDefaults()).create(model, DIR));
    Recommender rec = new Recommender(Similarity.INNER_PRODUCT); // /similar through the retriever under test
    double recall = 0;
    int n = 0;
    for (int row = 0; row < model.items().size(); row += 10, n++) {
      recall += recall(rec.similar(approx, row, 10), rec.similar(exact, row, 10));
    }
    assertThat(recall / n, greaterThanOrEqualTo(0.95));
  }

  @Test
  void autoModeUsesTheIndexFromMinItemsOn() throws Exception {
    int n = model.items().size();
    RetrievalConfig below = new RetrievalConfig("auto", new RetrievalConfig.Ivf(n + 1, 0, 6, 2));
    RetrievalConfig at = new RetrievalConfig("auto", new RetrievalConfig.Ivf(n, 0, 6, 2));
    assertThat(RetrieverFactory.of(below).create(model, DIR), instanceOf(ExactRetriever.class));
    assertThat(RetrieverFactory.of(at).create(model, DIR), instanceOf(IvfRetriever.class));
  }

  @Test
  void edgeCasesAndBadArguments() {
    FactorMatrix tiny = TestModel.artifacts("v").itemFactors();
    IvfRetriever ivf = IvfRetriever.build(tiny, new IvfRetriever.Params(100, 1, 2, 1));
    assertThat(ivf.lists(), is(8)); // capped at the number of items
    assertThat(ivf.search(new float[] {1, 0, 0, 0}, 0, null).size(), is(0));
    // 8 items, k = 3: min candidates 30 > 8, so every cell is scanned and the result is exact.
    assertArrayEquals(new int[] {1, 5, 3}, ivf.search(new float[] {1, 0, 0, 0}, 3, null).rows());
    assertArrayEquals(new int[] {5, 3}, ivf.search(new float[] {1, 0, 0, 0}, 5, row -> row == 3 || row == 5).rows());
    assertThrows(IllegalArgumentException.class, () -> ivf.search(new float[3], 1, null));
    assertThrows(IllegalArgumentException.class, () -> ivf.search(new float[4], -1, null));
    assertThrows(IllegalArgumentException.class, () -> new IvfRetriever.Params(0, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new IvfRetriever.Params(1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> ivf.withProbes(0));
  }

  private static IntPredicate unseen(int userRow) {
    Set<Integer> seen = new HashSet<>();
    for (int p = model.userItems().start(userRow); p < model.userItems().end(userRow); p++) {
      seen.add(model.userItems().indices()[p]);
    }
    return row -> !seen.contains(row);
  }

  /** Sort of every allowed row by (Scoring.dot descending, row ascending): the definition of exact. */
  private static ScoredItems bruteForce(FactorMatrix y, float[] q, int k, IntPredicate allowed) {
    List<int[]> rows = new ArrayList<>();
    float[] s = new float[y.rows()];
    for (int row = 0; row < y.rows(); row++) {
      s[row] = Scoring.dot(y.data(), row * y.cols(), q, 0, y.cols());
      if (allowed.test(row)) {
        rows.add(new int[] {row});
      }
    }
    rows.sort(Comparator.<int[]>comparingDouble(r -> -s[r[0]]).thenComparingInt(r -> r[0]));
    int m = Math.min(k, rows.size());
    int[] out = new int[m];
    float[] sc = new float[m];
    for (int i = 0; i < m; i++) {
      out[i] = rows.get(i)[0];
      sc[i] = s[out[i]];
    }
    return new ScoredItems(out, sc);
  }

  private static double recall(Recommendations got, Recommendations want) {
    return recall(got.items(), want.items());
  }

  private static double recall(List<Recommendations.Scored> got, List<Recommendations.Scored> want) {
    if (want.isEmpty()) {
      return 1;
    }
    Set<Long> g = new HashSet<>();
    got.forEach(s -> g.add(s.movieId()));
    return want.stream().filter(s -> g.contains(s.movieId())).count() / (double) want.size();
  }
}
