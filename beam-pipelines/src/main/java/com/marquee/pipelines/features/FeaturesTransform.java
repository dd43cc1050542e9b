package com.marquee.pipelines.features;

import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.pipelines.io.GroupById;
import com.marquee.pipelines.io.InteractionCoder;
import com.marquee.pipelines.movielens.ReadMovies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Item features and popularity.
 *
 * <p>{@link #ITEM_FEATURES}: every valid movie of the raw movies file (read with {@link ReadMovies},
 * year parsed out of the title, genres split).
 *
 * <p>{@link #POPULARITY}: for every movie with at least one interaction in the input: {@code count}
 * (positive interactions), {@code score = count / max count}, {@code trending_score = sum of
 * 0.5^((t_max - t) / half_life)} with t and t_max in seconds since the epoch and t_max the newest
 * timestamp of the input (summed per movie in ascending timestamp order, so the value does not
 * depend on bundling), and {@code genre_ranks} (see {@link PopularityRow}). A movie missing from the
 * movies file gets an empty genre_ranks. The ranking runs in one {@code DoFn} call over at most one
 * row per movie ({@link PopularityRanking}).
 */
public final class FeaturesTransform extends PTransform<PCollection<Interaction>, PCollectionTuple> {
  /** Every movie of the movies file. */
  public static final TupleTag<Movie> ITEM_FEATURES = new TupleTag<>() {};
  /** Popularity of every movie with {@code count >= 1}. */
  public static final TupleTag<PopularityRow> POPULARITY = new TupleTag<>() {};

  private final Path moviesDir;
  private final MovieLensLayout layout;
  private final double halfLifeSeconds;

  private FeaturesTransform(Path moviesDir, MovieLensLayout layout, double halfLifeSeconds) {
    this.moviesDir = moviesDir;
    this.layout = layout;
    this.halfLifeSeconds = halfLifeSeconds;
  }

  /**
   * @param moviesDir the raw MovieLens directory (its movies file is read)
   * @param layout its layout
   * @param popularity the trending half-life
   */
  public static FeaturesTransform of(Path moviesDir, MovieLensLayout layout, DataConfig.Popularity popularity) {
    return new FeaturesTransform(moviesDir, layout, popularity.halfLifeSeconds());
  }

  @Override
  public PCollectionTuple expand(PCollection<Interaction> interactions) {
    PCollection<Movie> movies =
        interactions.getPipeline().begin().apply("ReadMovies", ReadMovies.from(moviesDir, layout)).get(ReadMovies.MOVIES);
    PCollectionView<Iterable<Movie>> moviesView = movies.apply("MoviesView", View.asIterable());

    PCollectionView<Long> newest =
        interactions
            .apply("Timestamps", MapElements.into(TypeDescriptors.longs()).via(Interaction::timestamp))
            .apply("NewestTimestamp", Max.longsGlobally())
            .apply("NewestView", View.asSingleton());

    PCollection<PopularityRow> popularity =
        interactions
            .apply("GroupByMovie", GroupById.of(Interaction::movieId, InteractionCoder.of()))
            .apply("CountAndTrending", ParDo.of(new StatsFn(newest, halfLifeSeconds)).withSideInputs(newest))
            .setCoder(MovieStats.Coder.of())
            .apply("AllMovies", WithKeys.<Integer, MovieStats>of(0).withKeyType(TypeDescriptors.integers()))
            .setCoder(KvCoder.of(VarIntCoder.of(), MovieStats.Coder.of()))
            .apply("OneGroup", GroupByKey.create())
            .apply("Rank", ParDo.of(new RankFn(moviesView)).withSideInputs(moviesView))
            .setCoder(PopularityRow.Coder.of());

    return PCollectionTuple.of(ITEM_FEATURES, movies).and(POPULARITY, popularity);
  }

  /** Count and trending score of one movie from its interactions. */
  static final class StatsFn extends DoFn<KV<Long, List<Interaction>>, MovieStats> {
    private final PCollectionView<Long> newest;
    private final double halfLifeSeconds;

    StatsFn(PCollectionView<Long> newest, double halfLifeSeconds) {
      this.newest = newest;
      this.halfLifeSeconds = halfLifeSeconds;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      long tMax = c.sideInput(newest);
      List<Interaction> list = c.element().getValue();
      long[] ts = list.stream().mapToLong(Interaction::timestamp).toArray();
      Arrays.sort(ts);
      double trending = 0.0;
      for (long t : ts) {
        trending += Math.pow(0.5, (tMax - t) / halfLifeSeconds);
      }
      c.output(new MovieStats(c.element().getKey(), ts.length, trending));
    }
  }

  /** All movies' stats (one group) to ranked popularity rows. */
  static final class RankFn extends DoFn<KV<Integer, Iterable<MovieStats>>, PopularityRow> {
    private final PCollectionView<Iterable<Movie>> movies;

    RankFn(PCollectionView<Iterable<Movie>> movies) {
      this.movies = movies;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Map<Long, List<String>> genresOf = new HashMap<>();
      for (Movie m : c.sideInput(movies)) {
        genresOf.put(m.movieId(), m.genres());
      }
      List<MovieStats> stats = new ArrayList<>();
      c.element().getValue().forEach(stats::add);
      PopularityRanking.rank(stats, genresOf).forEach(c::output);
    }
  }
}
