package com.marquee.pipelines.io;

import com.marquee.common.domain.Interaction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Deterministic Beam coder of {@link Interaction}: user and movie ids and timestamp as variable-length
 * longs, rating and weight as IEEE-754 floats.
 */
public final class InteractionCoder extends AtomicCoder<Interaction> {
  private static final InteractionCoder INSTANCE = new InteractionCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private InteractionCoder() {}

  public static InteractionCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Interaction value, OutputStream out) throws IOException {
    LONG.encode(value.userId(), out);
    LONG.encode(value.movieId(), out);
    DataOutputStream data = new DataOutputStream(out);
    data.writeFloat(value.rating());
    data.writeFloat(value.weight());
    data.flush();
    LONG.encode(value.timestamp(), out);
  }

  @Override
  public Interaction decode(InputStream in) throws IOException {
    long user = LONG.decode(in);
    long movie = LONG.decode(in);
    DataInputStream data = new DataInputStream(in);
    float rating = data.readFloat();
    float weight = data.readFloat();
    long ts = LONG.decode(in);
    return new Interaction(user, movie, rating, weight, ts);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
