package com.marquee.pipelines.preprocess;

import com.marquee.common.movielens.RatingRow;
import com.marquee.common.preprocess.LatestRating;
import com.marquee.pipelines.io.GroupById;
import com.marquee.pipelines.io.RatingRowCoder;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * De-duplicates ratings per (user_id, movie_id) by the rule {@link LatestRating} (the latest rating
 * counts). Groups by user ({@link GroupById}), then applies the rule to each user's ratings in memory.
 */
final class LatestRatingPerPair extends PTransform<PCollection<RatingRow>, PCollection<RatingRow>> {

  @Override
  public PCollection<RatingRow> expand(PCollection<RatingRow> ratings) {
    return ratings
        .apply("GroupByUser", GroupById.of(RatingRow::userId, RatingRowCoder.of()))
        .apply("LatestPerMovie", ParDo.of(new LatestFn()))
        .setCoder(RatingRowCoder.of());
  }

  private static final class LatestFn extends DoFn<KV<Long, List<RatingRow>>, RatingRow> {
    @ProcessElement
    public void process(@Element KV<Long, List<RatingRow>> user, OutputReceiver<RatingRow> out) {
      LatestRating.latestPerPair(user.getValue()).forEach(out::output);
    }
  }
}
