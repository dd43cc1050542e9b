package com.marquee.pipelines.preprocess;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.marquee.common.config.DataConfig;
import com.marquee.common.config.MovieLensFormat;
import com.marquee.common.config.WeightScheme;
import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.pipelines.TestOptions;
import com.marquee.pipelines.movielens.ReadMovieLens;
import com.marquee.trainer.data.InMemoryPreprocess;
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
    PAssert.that(p.apply(ReadMovieLens.from(data, MovieLensLayout.ML_LATEST)).get(ReadMovieLens.RATINGS)
        .apply(PreprocessTransform.of(implicit, filter))).containsInAnyOrder(r.interactions());
    p.run().waitUntilFinish();
  }

  /**
   * The bundled ml-latest-small without Beam gives the counts {@code OfflineStagesTest} asserts on the
   * Beam stages' output (interactions.csv; ProtocolSplitsTest checks train/val/test.csv's); with
   * min_rating 0 every rating is kept.
   * (Running the Beam preprocess here too costs minutes on a busy machine; the fixtures above compare
   * the two element by element.)
   */
  @Test
  void realMovieLensSmallHasTheBeamStagesCounts() throws Exception {
    Path data = Path.of("../data/raw/ml-latest-small");
    MovieLensLayout layout = MovieLensLayout.resolve(data, MovieLensFormat.AUTO);
    DataConfig.Filter filter = new DataConfig.Filter(5, 2);
    InMemoryPreprocess.Result r =
        InMemoryPreprocess.run(data, layout, new DataConfig.Implicit(4.0, WeightScheme.BINARY), filter);
    assertThat(r.validRatings(), is(100_836L));
    assertThat(r.rejects(), is(0L));
    assertThat(r.interactions().size(), is(45_982));
    assertThat(r.interactions().stream().mapToLong(Interaction::userId).distinct().count(), is(602L));
    assertThat(r.interactions().stream().mapToLong(Interaction::movieId).distinct().count(), is(3_722L));
    assertThat(r.interactions().stream().sorted(Comparator.comparingLong(Interaction::userId)
        .thenComparingLong(Interaction::movieId)).toList(), is(r.interactions()));
    // min_rating 0: all 100,836 ratings are positives; the filter leaves 97,390 (independent Python count)
    InMemoryPreprocess.Result all =
        InMemoryPreprocess.run(data, layout, new DataConfig.Implicit(0.0, WeightScheme.BINARY), filter);
    assertThat(all.interactions().size(), is(97_390));
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
      PAssert.that(name, p.apply(name, ReadMovieLens.from(data, layout)).get(ReadMovieLens.RATINGS)
          .apply(name + "Preprocess", PreprocessTransform.of(implicit, filter))).containsInAnyOrder(r.interactions());
    }
    p.run().waitUntilFinish();
  }
}
