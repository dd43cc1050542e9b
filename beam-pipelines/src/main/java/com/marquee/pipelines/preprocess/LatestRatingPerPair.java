package com.marquee.pipelines.preprocess;

import com.marquee.pipelines.io.GroupById;
import com.marquee.pipelines.movielens.RatingRow;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * De-duplicates ratings per (user_id, movie_id): keeps the latest one (largest timestamp; on equal
 * timestamps the one on the later line). A re-rating is a change of mind, not an error, so the
 * dropped duplicates are not rejects. Groups by user ({@link GroupById}), then by movie in memory.
 */
final class LatestRatingPerPair extends PTransform<PCollection<RatingRow>, PCollection<RatingRow>> {

  @Override
  public PCollection<RatingRow> expand(PCollection<RatingRow> ratings) {
    return ratings
        .apply("GroupByUser", GroupById.of(RatingRow::userId, RatingRow.Coder.of()))
        .apply("LatestPerMovie", ParDo.of(new LatestFn()))
        .setCoder(RatingRow.Coder.of());
  }

  private static final class LatestFn extends DoFn<KV<Long, List<RatingRow>>, RatingRow> {
    @ProcessElement
    public void process(@Element KV<Long, List<RatingRow>> user, OutputReceiver<RatingRow> out) {
      latestPerPair(user.getValue()).forEach(out::output);
    }
  }

  /**
   * The latest rating of every (user_id, movie_id) pair among {@code ratings} ({@link
   * RatingRow#isLaterThan}), in no particular order. Used per user group above and on a whole data set
   * by {@link InMemoryPreprocess}.
   */
  static Collection<RatingRow> latestPerPair(Iterable<RatingRow> ratings) {
    Map<List<Long>, RatingRow> latest = new HashMap<>();
    for (RatingRow r : ratings) {
      latest.merge(List.of(r.userId(), r.movieId()), r, (a, b) -> b.isLaterThan(a) ? b : a);
    }
    return latest.values();
  }
}
