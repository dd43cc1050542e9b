package com.marquee.pipelines.features;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.pipelines.TestOptions;
import com.marquee.pipelines.io.InteractionCoder;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FeaturesTransformTest {
  @RegisterExtension
  static final TestPipelineExtension PIPELINE = TestPipelineExtension.fromOptions(TestOptions.fast());

  static final long T = 1_000_000L;
  static final long H = 86_400L; // half-life of 1 day, in seconds

  @TempDir Path dir;

  @Test
  void itemFeaturesAndPopularity(TestPipeline p) {
    TestOptions.write(
        dir.resolve("movies.csv"),
        "movieId,title,genres\n"
            + "10,\"Good, the Bad (1966)\",Western|Action\n"
            + "20,Heat (1995),Action|Crime\n"
            + "30,Untitled Short,Drama\n"
            + "40,Series X (2010-2012),Action\n"
            + "50,Never Watched (2000),(no genres listed)\n");
    TestOptions.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
    List<Interaction> interactions =
        List.of(
            at(1, 10, T), at(2, 10, T - H), // 1 + 0.5
            at(1, 20, T - 2 * H), at(2, 20, T - 2 * H), at(3, 20, T), // 0.25 + 0.25 + 1
            at(1, 30, T - H), // 0.5
            at(1, 40, T - 3 * H), at(2, 40, T - 3 * H), // 0.125 + 0.125
            at(4, 60, T)); // movie 60 is not in movies.csv
    PCollectionTuple out =
        p.apply(Create.of(interactions).withCoder(InteractionCoder.of()))
            .apply(FeaturesTransform.of(dir, MovieLensLayout.ML_LATEST, new DataConfig.Popularity(1.0)));

    PAssert.that(out.get(FeaturesTransform.ITEM_FEATURES))
        .containsInAnyOrder(
            new Movie(10, "Good, the Bad", 1966, List.of("Western", "Action")),
            new Movie(20, "Heat", 1995, List.of("Action", "Crime")),
            new Movie(30, "Untitled Short", null, List.of("Drama")),
            new Movie(40, "Series X", 2010, List.of("Action")),
            new Movie(50, "Never Watched", 2000, List.of()));
    // Action: 20 (3) first, then 10 and 40 tie at 2 -> by movie id. max count = 3.
    PAssert.that(out.get(FeaturesTransform.POPULARITY))
        .containsInAnyOrder(
            new PopularityRow(10, 2, 2.0 / 3, 1.5, "Western:1|Action:2"),
            new PopularityRow(20, 3, 1.0, 1.5, "Action:1|Crime:1"),
            new PopularityRow(30, 1, 1.0 / 3, 0.5, "Drama:1"),
            new PopularityRow(40, 2, 2.0 / 3, 0.25, "Action:3"),
            new PopularityRow(60, 1, 1.0 / 3, 1.0, ""));
    p.run().waitUntilFinish();
  }

  @Test
  void csvLines() {
    assertThat(
        ItemFeatures.toCsv(new Movie(10, "Good, the \"Bad\"", 1966, List.of("Western", "Action"))),
        equalTo("10,\"Good, the \"\"Bad\"\"\",1966,Western|Action"));
    assertThat(ItemFeatures.toCsv(new Movie(30, "Untitled", null, List.of())), equalTo("30,Untitled,,"));
    assertThat(
        new PopularityRow(10, 2, 2.0 / 3, 1.5, "Western:1|Action:2").toCsv(),
        equalTo("10,2,0.6666666666666666,1.5,Western:1|Action:2"));
  }

  private static Interaction at(long user, long movie, long ts) {
    return new Interaction(user, movie, 4.0f, 1.0f, ts);
  }
}
