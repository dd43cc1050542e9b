package com.marquee.pipelines.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Popularity of one movie before ranking.
 *
 * @param movieId MovieLens movie id
 * @param count number of positive (implicit-feedback) interactions
 * @param trendingScore sum of 0.5^((t_max - t) / half_life) over its interactions
 */
@DefaultCoder(MovieStats.Coder.class)
record MovieStats(long movieId, long count, double trendingScore) {

  static final class Coder extends AtomicCoder<MovieStats> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(MovieStats s, OutputStream out) throws IOException {
      VarLongCoder.of().encode(s.movieId, out);
      VarLongCoder.of().encode(s.count, out);
      DataOutputStream data = new DataOutputStream(out);
      data.writeDouble(s.trendingScore);
      data.flush();
    }

    @Override
    public MovieStats decode(InputStream in) throws IOException {
      long id = VarLongCoder.of().decode(in);
      long count = VarLongCoder.of().decode(in);
      return new MovieStats(id, count, new DataInputStream(in).readDouble());
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
