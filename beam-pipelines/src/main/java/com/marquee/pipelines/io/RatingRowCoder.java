package com.marquee.pipelines.io;

import com.marquee.common.movielens.RatingRow;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic Beam coder of {@link RatingRow}. */
public final class RatingRowCoder extends AtomicCoder<RatingRow> {
  private static final RatingRowCoder INSTANCE = new RatingRowCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static RatingRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RatingRow r, OutputStream out) throws IOException {
    LONG.encode(r.userId(), out);
    LONG.encode(r.movieId(), out);
    DataOutputStream data = new DataOutputStream(out);
    data.writeFloat(r.rating());
    data.flush();
    LONG.encode(r.timestamp(), out);
    LONG.encode(r.line(), out);
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
