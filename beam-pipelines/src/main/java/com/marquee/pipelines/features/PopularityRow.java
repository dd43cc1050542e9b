package com.marquee.pipelines.features;

import com.marquee.common.movielens.Csv;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A row of {@code popularity.csv} (SPEC §3): {@code movie_id,count,score,trending_score,genre_ranks}.
 *
 * @param movieId MovieLens movie id
 * @param count number of positive interactions ({@code >= 1})
 * @param score {@code count / max count over all movies}, in (0, 1]
 * @param trendingScore sum over the movie's interactions of 0.5^((t_max - t) / half_life), t in
 *     seconds since the epoch, t_max the newest timestamp in the data
 * @param genreRanks {@code Genre:rank|Genre:rank} in the movie's genre order; rank is 1-based by count
 *     (descending) among the movies of that genre, ties by movie id; empty when it has no genres
 */
@DefaultCoder(PopularityRow.Coder.class)
public record PopularityRow(long movieId, long count, double score, double trendingScore, String genreRanks) {

  /** CSV header of {@code popularity.csv}. */
  public static final String CSV_HEADER = "movie_id,count,score,trending_score,genre_ranks";

  /** One CSV line; doubles in Java's shortest round-trip form (e.g. {@code 0.25}, {@code 1.5E-4}). */
  public String toCsv() {
    return Csv.line(movieId, count, Double.toString(score), Double.toString(trendingScore), genreRanks);
  }

  /** Deterministic Beam coder of {@link PopularityRow}. */
  public static final class Coder extends AtomicCoder<PopularityRow> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(PopularityRow r, OutputStream out) throws IOException {
      VarLongCoder.of().encode(r.movieId, out);
      VarLongCoder.of().encode(r.count, out);
      DataOutputStream data = new DataOutputStream(out);
      data.writeDouble(r.score);
      data.writeDouble(r.trendingScore);
      data.flush();
      StringUtf8Coder.of().encode(r.genreRanks, out);
    }

    @Override
    public PopularityRow decode(InputStream in) throws IOException {
      long id = VarLongCoder.of().decode(in);
      long count = VarLongCoder.of().decode(in);
      DataInputStream data = new DataInputStream(in);
      double score = data.readDouble();
      double trending = data.readDouble();
      return new PopularityRow(id, count, score, trending, StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
