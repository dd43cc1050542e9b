package com.marquee.pipelines.preprocess;

import static com.marquee.pipelines.TestOptions.write;

import com.marquee.common.config.DataConfig;
import com.marquee.common.config.WeightScheme;
import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.movielens.RatingRow;
import com.marquee.common.movielens.Reject;
import com.marquee.pipelines.TestOptions;
import com.marquee.pipelines.io.InteractionCoder;
import com.marquee.pipelines.movielens.ReadMovieLens;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PreprocessTransformTest {

  /**
   * ml-latest layout with a UTF-8 BOM, CRLF line ends, a quoted title with a comma, a malformed
   * movie row and a duplicate movie id. Line numbers are in the comments.
   */
  static final String MOVIES =
      "\uFEFFmovieId,title,genres\r\n" // 1
          + "1,Toy Story (1995),Adventure|Animation\r\n" // 2
          + "2,\"American President, The (1995)\",Comedy|Drama\r\n" // 3
          + "3,Heat (1995),Action\r\n" // 4
          + "4,Lonely Movie (2001),Drama\r\n" // 5
          + "x5,Bad Id (1999),Drama\r\n" // 6: reject
          + "3,Heat Again (1995),Action\r\n"; // 7: reject (duplicate id)

  static final String RATINGS =
      "userId,movieId,rating,timestamp\r\n" // 1
          + "1,1,4.0,100\r\n" // 2
          + "1,2,5.0,110\r\n" // 3
          + "1,3,4.5,120\r\n" // 4
          + "2,1,4.0,200\r\n" // 5
          + "2,2,3.5,210\r\n" // 6: below min_rating
          + "2,3,4.0,220\r\n" // 7
          + "3,1,5.0,300\r\n" // 8
          + "3,2,2.0,310\r\n" // 9: superseded by line 10
          + "3,2,4.0,320\r\n" // 10: latest rating of (3, 2)
          + "3,3,1.0,330\r\n" // 11: below min_rating
          + "4,4,5.0,400\r\n" // 12: movie 4 has one positive -> item filter
          + "4,1,4.0,410\r\n" // 13: user 4 then has one left -> user filter
          + "\r\n" // 14: blank, skipped but counted
          + "1,1,oops,500\r\n" // 15: reject
          + "5,1,4.0\r\n" // 16: reject
          + "abc,1,4.0,600\r\n" // 17: reject
          + "1,2,7.0,700\r\n" // 18: reject
          + "1,3,4.0,-5\r\n" // 19: reject
          + "1,99,4.0,800\r\n"; // 20: reject

  static Path fixture(Path dir) {
    write(dir.resolve("movies.csv"), MOVIES);
    write(dir.resolve("ratings.csv"), RATINGS);
    return dir;
  }

  /** Default DirectRunner options: immutability and encodability enforcement on (coder checks). */
  @Nested
  @ExtendWith(TestPipelineExtension.class)
  class WithDefaultOptions {
    @TempDir Path dir;

    @Test
    void implicitFeedbackFilterAndRejects(TestPipeline p) {
      PCollectionTuple raw = p.apply(ReadMovieLens.from(fixture(dir), MovieLensLayout.ML_LATEST));
      PCollection<Interaction> out = raw.get(ReadMovieLens.RATINGS)
          .apply(PreprocessTransform.of(new DataConfig.Implicit(4.0, WeightScheme.RATING), new DataConfig.Filter(2, 2)));

      // Survivors: movie 4 (1 positive) dropped by the item pass, then user 4 (1 left) by the user
      // pass. weight = rating.
      PAssert.that(out)
          .containsInAnyOrder(
              new Interaction(1, 1, 4.0f, 4.0f, 100),
              new Interaction(1, 2, 5.0f, 5.0f, 110),
              new Interaction(1, 3, 4.5f, 4.5f, 120),
              new Interaction(2, 1, 4.0f, 4.0f, 200),
              new Interaction(2, 3, 4.0f, 4.0f, 220),
              new Interaction(3, 1, 5.0f, 5.0f, 300),
              new Interaction(3, 2, 4.0f, 4.0f, 320));
      PAssert.that(raw.get(ReadMovieLens.REJECTS))
          .containsInAnyOrder(
              new Reject("movies.csv", 6, "movie_id 'x5' is not an integer", "x5,Bad Id (1999),Drama"),
              new Reject(
                  "movies.csv", 7, "duplicate movie_id 3 (first listed at line 4)", "3,Heat Again (1995),Action"),
              new Reject("ratings.csv", 15, "rating 'oops' is not a number", "1,1,oops,500"),
              new Reject("ratings.csv", 16, "expected 4 fields, got 3", "5,1,4.0"),
              new Reject("ratings.csv", 17, "user_id 'abc' is not an integer", "abc,1,4.0,600"),
              new Reject("ratings.csv", 18, "rating 7.0 outside [0.5, 5]", "1,2,7.0,700"),
              new Reject("ratings.csv", 19, "timestamp -5 is negative", "1,3,4.0,-5"),
              new Reject("ratings.csv", 20, "movie_id 99 not in movies.csv", "1,99,4.0,800"));
      p.run().waitUntilFinish();
    }
  }

  @Nested
  class WithFastOptions {
    @RegisterExtension
    final TestPipelineExtension extension = TestPipelineExtension.fromOptions(TestOptions.fast());

    @TempDir Path dir;

    @Test
    void binaryWeightAndNoFilter(TestPipeline p) {
      PCollection<Interaction> out = p.apply(ReadMovieLens.from(fixture(dir), MovieLensLayout.ML_LATEST))
          .get(ReadMovieLens.RATINGS)
          .apply(PreprocessTransform.of(new DataConfig.Implicit(4.5, WeightScheme.BINARY), new DataConfig.Filter(0, 1)));
      PAssert.that(out)
          .containsInAnyOrder(
              new Interaction(1, 2, 5.0f, 1.0f, 110),
              new Interaction(1, 3, 4.5f, 1.0f, 120),
              new Interaction(3, 1, 5.0f, 1.0f, 300),
              new Interaction(4, 4, 5.0f, 1.0f, 400));
      p.run().waitUntilFinish();
    }

    /**
     * The transform on rows made in memory (no files): a re-rating replaces the earlier one (the later
     * timestamp wins, and on equal timestamps the later line), ratings under min_rating are dropped.
     */
    @Test
    void ratingRowsFromCreate(TestPipeline p) {
      PCollection<Interaction> out = p.apply(Create.of(
              new RatingRow(1, 10, 5.0f, 100, 2), new RatingRow(1, 10, 2.0f, 90, 3), // latest: 5.0 at 100
              new RatingRow(1, 20, 3.0f, 100, 4), new RatingRow(1, 20, 4.5f, 100, 5), // tie: later line wins
              new RatingRow(2, 10, 3.5f, 110, 6))) // below 4.0: dropped
          .apply(PreprocessTransform.of(new DataConfig.Implicit(4.0, WeightScheme.RATING), new DataConfig.Filter(0, 0)));
      PAssert.that(out).containsInAnyOrder(new Interaction(1, 10, 5.0f, 5.0f, 100), new Interaction(1, 20, 4.5f, 4.5f, 100));
      p.run().waitUntilFinish();
    }

    /** One pass, items first: user 2 is dropped by the user pass, leaving movie 20 below 2. */
    @Test
    void minInteractionsFilterIsOnePassItemsThenUsers(TestPipeline p) {
      PCollection<Interaction> in =
          p.apply(
              Create.of(
                      i(1, 10), i(1, 20), i(1, 30), // user 1: 3
                      i(2, 20), // user 2: 1 (after the item pass)
                      i(3, 10), i(3, 30), // user 3: 2
                      i(4, 40)) // movie 40: 1 -> item pass
                  .withCoder(InteractionCoder.of()));
      PAssert.that(in.apply(MinInteractionsFilter.of(2, 2)))
          .containsInAnyOrder(i(1, 10), i(1, 20), i(1, 30), i(3, 10), i(3, 30));
      p.run().waitUntilFinish();
    }

    private static Interaction i(long user, long movie) {
      return new Interaction(user, movie, 5.0f, 1.0f, 1000 + user * 10 + movie);
    }
  }
}
