package com.marquee.service.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.service.MovieLensSmallModel;
import com.marquee.service.http.Responses;
import com.marquee.service.model.ExactRetriever;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.RetrievalConfig;
import com.marquee.service.model.Retriever;
import com.marquee.service.model.RetrieverFactory;
import com.marquee.service.recommend.GenreDiversity;
import com.marquee.service.recommend.ItemFilter;
import com.marquee.service.recommend.Recommendations;
import com.marquee.service.recommend.Recommender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serving hot path of {@code POST /recommend} against the general path it short-cuts, on a real
 * iALS model of ml-latest-small ({@link MovieLensSmallModel}): the per-user list cache gives the
 * same lists and scores as retrieval (exact and IVF), the pre-encoded response bytes equal Jackson's
 * serialization of the {@link RecommendService.Response} record, and the genre diversity from bit
 * masks equals the one from genre sets.
 */
class RecommendHotPathTest {

  private static final Path DIR = Path.of("ml-latest-small-test");
  private static ModelArtifacts model;

  @BeforeAll
  static void load() throws Exception {
    model = MovieLensSmallModel.artifacts();
  }

  private static Retriever ivf() throws Exception {
    return RetrieverFactory.of(new RetrievalConfig("ivf", RetrievalConfig.Ivf.DEFAULT)).create(model, DIR);
  }

  @Test
  void cachedListsEqualRetrievedListsForEveryUserWithExactAndIvfRetrieval() throws Exception {
    for (Retriever retriever : new Retriever[] {new ExactRetriever(model.itemFactors()), ivf()}) {
      ModelSnapshot plain = new ModelSnapshot(model, DIR, Instant.now(), retriever, 0);
      ModelSnapshot cached = new ModelSnapshot(model, DIR, Instant.now(), retriever, 20);
      Recommender rec = new Recommender();
      long[] users = model.users().externalIds();
      for (long u : users) {
        for (int k : new int[] {10, 20, 3}) { // the first k fills the entry, the others are hits
          Recommendations want = rec.recommend(plain, u, k, true, ItemFilter.NONE);
          Recommendations got = rec.recommend(cached, u, k, true, ItemFilter.NONE);
          assertEquals(want, got, "user " + u + " k " + k + " with " + retriever.getClass().getSimpleName());
        }
      }
      assertThat(cached.userTopCache().misses(), is((long) users.length));
      assertThat(cached.userTopCache().hits(), is(2L * users.length));
      assertThat(plain.userTopCache().hits() + plain.userTopCache().misses(), is(0L));
    }
  }

  @Test
  void requestsTheCacheCannotAnswerTakeTheRetrievalPath() throws Exception {
    ModelSnapshot cached = new ModelSnapshot(model, DIR, Instant.now(), ivf(), 20);
    ModelSnapshot plain = new ModelSnapshot(model, DIR, Instant.now(), cached.retriever(), 0);
    Recommender rec = new Recommender();
    long u = model.users().externalIds()[7];
    ItemFilter comedy = ItemFilter.of(List.of("Comedy"), null, null);
    assertEquals(rec.recommend(plain, u, 21, true, ItemFilter.NONE), rec.recommend(cached, u, 21, true, ItemFilter.NONE));
    assertEquals(rec.recommend(plain, u, 10, false, ItemFilter.NONE), rec.recommend(cached, u, 10, false, ItemFilter.NONE));
    assertEquals(rec.recommend(plain, u, 10, true, comedy), rec.recommend(cached, u, 10, true, comedy));
    assertThat(cached.userTopCache().hits() + cached.userTopCache().misses(), is(0L));
  }

  @Test
  void preEncodedResponseBytesEqualJacksonSerializationOfTheResponseRecord() throws Exception {
    ModelSnapshot snapshot = new ModelSnapshot(model, DIR, Instant.now(), ivf(), 20);
    Recommender rec = new Recommender();
    long[] users = model.users().externalIds();
    int checkedWithGenres = 0;
    for (int i = 0; i < users.length; i++) {
      // every user, k from 0 to 30, and an unknown user (popularity fallback, items serialized by Jackson)
      long u = i == 0 ? 99_999_999L : users[i];
      int k = i % 31;
      String variant = i % 3 == 0 ? null : "arm \"" + i + "\" é";
      Recommendations recs = rec.recommend(snapshot, u, k, true, ItemFilter.NONE);
      List<RecommendService.Item> items = recs.items().stream().map(s -> RecommendService.item(snapshot, s, null)).toList();
      Double diversity = RecommendService.genreDiversity(items);
      byte[] want = Responses.WRITER.writeValueAsBytes(new RecommendService.Response(u, items, snapshot.version(),
          recs.fallback(), recs.fallbackReason(), variant, diversity));
      byte[] got = RecommendResponseJson.write(snapshot, u, recs, variant, diversity);
      assertEquals(new String(want, StandardCharsets.UTF_8), new String(got, StandardCharsets.UTF_8), "user " + u);
      // Masks for personalized lists, genre lists for fallbacks: the same value either way.
      assertEquals(diversity, RecommendService.genreDiversity(snapshot, recs.items()), "genre diversity of user " + u);
      if (!recs.fallback() && k >= 2) {
        checkedWithGenres++;
      }
    }
    assertThat(checkedWithGenres, greaterThan(500));
  }

  @Test
  void genreDiversityOfMasksEqualsThatOfGenreSets() {
    List<List<String>> genres = List.of(List.of("Comedy", "Drama"), List.of("comedy"), List.of(), List.of(),
        List.of("Action", "Drama", "War"));
    long[] masks = {0b011, 0b001, 0, 0, 0b1110};
    assertEquals(GenreDiversity.of(genres), GenreDiversity.ofMasks(masks));
    // pairs: (CD,C)=0.5 (CD,-)=1 x2 (CD,ADW)=0.75 (C,-)=1 x2 (C,ADW)=1 (-,-)=0 (-,ADW)=1 x2 -> 8.25 / 10
    assertEquals(0.825, GenreDiversity.ofMasks(masks), 1e-12);
  }
}
