package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.content.ContentMapping;
import com.marquee.common.domain.CatalogItem;
import com.marquee.service.catalog.CatalogChange;
import com.marquee.service.catalog.CatalogState;
import com.marquee.service.model.ExactRetriever;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.ScoredItems;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelSnapshot#withCatalog} in process on {@link CatalogFixture}'s model: the derived snapshot
 * equals one built from scratch over the merged item matrix where it must (vectors, Gramian, retrieval),
 * with a new movie appended, a trained cold movie's vector replaced by a refined one, and a hidden movie.
 */
class CatalogSnapshotTest {

  @Test
  void derivedSnapshotMatchesTheMergedMatrix() throws Exception {
    ModelArtifacts a = CatalogFixture.artifacts();
    int n = a.items().size();
    int f = a.factors();
    long coldId = a.items().externalId(5);
    long hiddenId = a.items().externalId(3);
    ContentMapping mapping = CatalogFixture.mapping().withColdStartItems(List.of(coldId));
    ModelSnapshot trained = new ModelSnapshot(a, Path.of("x"), Instant.now(), new ExactRetriever(a.itemFactors()), 0,
        mapping);
    assertThat(trained.isColdRow(5), is(true));
    assertThat(trained.isColdRow(4), is(false));
    CatalogItem item = new CatalogItem("Toy Robots", 2026, List.of("Animation", "Children"), List.of("pixar"));
    CatalogState state = CatalogState.of(List.of(
        new CatalogChange(1, 900_001, CatalogChange.Action.PUT, item, Instant.EPOCH),
        new CatalogChange(2, 900_002, CatalogChange.Action.PUT, item, Instant.EPOCH),
        new CatalogChange(3, hiddenId, CatalogChange.Action.DELETE, null, Instant.EPOCH)));
    float[] refined = new float[f];
    Arrays.fill(refined, 0.05f);
    ModelSnapshot s = trained.withCatalog(state, Map.of(coldId, refined), 1); // room for one new movie

    ModelArtifacts m = s.artifacts();
    assertThat(m.items().size(), is(n + 1));
    assertThat(m.items().rowOf(900_001), is(n));
    assertThat(m.items().rowOf(900_002), is(-1)); // beyond max_catalog_items: catalog only
    assertThat(m.catalog().get(900_002).title(), is("Toy Robots"));
    assertThat(Arrays.toString(m.itemFactors().row(n)),
        is(Arrays.toString(mapping.itemVector("Toy Robots", 2026, List.of("Animation", "Children"), List.of("pixar")))));
    assertThat(Arrays.toString(m.itemFactors().row(5)), is(Arrays.toString(refined)));
    assertThat(Arrays.toString(m.itemFactors().row(4)), is(Arrays.toString(a.itemFactors().row(4))));
    assertThat(s.isColdRow(n), is(true));
    assertThat(s.isHidden(hiddenId), is(true));
    assertThat(s.hiddenRows().get(3), is(true));
    assertThat(s.trained() == trained, is(true));
    assertThat(m.popularity().overall().stream().anyMatch(p -> p.movieId() == hiddenId), is(false));

    double[] want = IalsSolver.gramian(m.itemFactors());
    double[] got = s.itemGramian();
    for (int i = 0; i < want.length; i++) {
      assertThat("gramian[" + i + "]", got[i], closeTo(want[i], 1e-4 * (1 + Math.abs(want[i]))));
    }
    ExactRetriever exact = new ExactRetriever(m.itemFactors());
    for (int u = 0; u < 20; u++) {
      float[] q = a.userFactors().row(u);
      ScoredItems w = exact.search(q, 50, null);
      ScoredItems g = s.retriever().search(q, 50, null);
      assertThat(Arrays.toString(g.rows()), is(Arrays.toString(w.rows())));
      assertThat(Arrays.toString(g.scores()), is(Arrays.toString(w.scores())));
    }
    // nothing to apply: the trained snapshot itself
    assertThat(trained.withCatalog(CatalogState.EMPTY, Map.of(), 10) == trained, is(true));
  }
}
