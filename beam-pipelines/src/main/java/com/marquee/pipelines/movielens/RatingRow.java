package com.marquee.pipelines.movielens;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A valid explicit rating read from a raw MovieLens ratings file, before implicit conversion.
 *
 * @param userId MovieLens user id
 * @param movieId MovieLens movie id (present in the movies file)
 * @param rating stars, in [0.5, 5]
 * @param timestamp seconds since the Unix epoch (UTC), {@code >= 0}
 * @param line 1-based line of the ratings file (breaks timestamp ties when de-duplicating)
 */
@DefaultCoder(RatingRow.Coder.class)
public record RatingRow(long userId, long movieId, float rating, long timestamp, long line) {

  /** True when this rating is more recent than {@code other}: later timestamp, then later line. */
  public boolean isLaterThan(RatingRow other) {
    return timestamp != other.timestamp ? timestamp > other.timestamp : line > other.line;
  }

  /** Deterministic Beam coder of {@link RatingRow}. */
  public static final class Coder extends AtomicCoder<RatingRow> {
    private static final Coder INSTANCE = new Coder();
    private static final VarLongCoder LONG = VarLongCoder.of();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(RatingRow r, OutputStream out) throws IOException {
      LONG.encode(r.userId, out);
      LONG.encode(r.movieId, out);
      DataOutputStream data = new DataOutputStream(out);
      data.writeFloat(r.rating);
      data.flush();
      LONG.encode(r.timestamp, out);
      LONG.encode(r.line, out);
    }

    @Override
    public RatingRow decode(InputStream in) throws IOException {
      long user = LONG.decode(in);
      long movie = LONG.decode(in);
      float rating = new DataInputStream(in).readFloat();
      return new RatingRow(user, movie, rating, LONG.decode(in), LONG.decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
