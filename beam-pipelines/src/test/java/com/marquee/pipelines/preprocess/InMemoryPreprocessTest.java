package com.marquee.pipelines.preprocess;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.marquee.common.domain.Interaction;
import com.marquee.pipelines.TestOptions;
import com.marquee.pipelines.config.DataConfig;
import com.marquee.pipelines.config.MovieLensFormat;
import com.marquee.pipelines.config.WeightScheme;
import com.marquee.pipelines.movielens.MovieLensLayout;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory preprocess gives exactly the Beam preprocess stage's interactions. */
class InMemoryPreprocessTest {

  @RegisterExtension
  final TestPipelineExtension extension = TestPipelineExtension.fromOptions(TestOptions.fast());

  @TempDir Path dir;

  @Test
  void fixtureWithRejectsDuplicatesAndFilterMatchesBeam(TestPipeline p) throws Exception {
    Path data = PreprocessTransformTest.fixture(dir);
    DataConfig.Implicit implicit = new DataConfig.Implicit(4.0, WeightScheme.RATING);
    DataConfig.Filter filter = new DataConfig.Filter(2, 2);
    InMemoryPreprocess.Result r = InMemoryPreprocess.run(data, MovieLensLayout.ML_LATEST, implicit, filter);
    // the survivors listed in PreprocessTransformTest, sorted by user then movie
    assertThat(r.interactions(), is(List.of(
        new Interaction(1, 1, 4.0f, 4.0f, 100), new Interaction(1, 2, 5.0f, 5.0f, 110),
        new Interaction(1, 3, 4.5f, 4.5f, 120), new Interaction(2, 1, 4.0f, 4.0f, 200),
        new Interaction(2, 3, 4.0f, 4.0f, 220), new Interaction(3, 1, 5.0f, 5.0f, 300),
        new Interaction(3, 2, 4.0f, 4.0f, 320))));
    assertThat(r.rejects(), is(8L)); // 2 movie rows + 6 rating rows
    assertThat(r.validRatings(), is(12L));
    assertThat(r.latestRatings(), is(11L)); // (3, 2) rated twice
    PAssert.that(p.apply(PreprocessTransform.of(data, MovieLensLayout.ML_LATEST, implicit, filter))
        .get(PreprocessTransform.INTERACTIONS)).containsInAnyOrder(r.interactions());
    p.run().waitUntilFinish();
  }

  @Test
  void realMovieLensSmallMatchesBeamWithEveryRatingKept(TestPipeline p) throws Exception {
    Path data = Path.of("../data/raw/ml-latest-small");
    MovieLensLayout layout = MovieLensLayout.resolve(data, MovieLensFormat.AUTO);
    DataConfig.Implicit implicit = new DataConfig.Implicit(0.0, WeightScheme.BINARY);
    DataConfig.Filter filter = new DataConfig.Filter(5, 2);
    InMemoryPreprocess.Result r = InMemoryPreprocess.run(data, layout, implicit, filter);
    assertThat(r.validRatings(), is(100_836L));
    // min_rating 0 keeps every rating; the filter drops the movies rated once and then no user
    assertThat(r.interactions().size(), is(97_390));
    assertThat(r.interactions().stream().sorted(Comparator.comparingLong(Interaction::userId)
        .thenComparingLong(Interaction::movieId)).toList(), is(r.interactions()));
    PAssert.that(p.apply(PreprocessTransform.of(data, layout, implicit, filter)).get(PreprocessTransform.INTERACTIONS))
        .containsInAnyOrder(r.interactions());
    p.run().waitUntilFinish();
  }

  @Test
  void ml100kAndMl1mFixturesMatchBeam(TestPipeline p) throws Exception {
    DataConfig.Implicit implicit = new DataConfig.Implicit(3.0, WeightScheme.BINARY);
    DataConfig.Filter filter = new DataConfig.Filter(0, 0);
    for (String name : List.of("ml-100k", "ml-1m")) {
      Path data = Path.of("src/test/resources", name);
      MovieLensLayout layout = MovieLensLayout.resolve(data, MovieLensFormat.AUTO);
      InMemoryPreprocess.Result r = InMemoryPreprocess.run(data, layout, implicit, filter);
      assertThat(name + " has interactions", r.interactions().isEmpty(), is(false));
      PAssert.that(name, p.apply(name, PreprocessTransform.of(data, layout, implicit, filter))
          .get(PreprocessTransform.INTERACTIONS)).containsInAnyOrder(r.interactions());
    }
    p.run().waitUntilFinish();
  }
}
