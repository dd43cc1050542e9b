package com.marquee.pipelines.split;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The cut timestamps of a global time split (seconds since the epoch): an interaction at {@code ts}
 * is train when {@code ts < trainEnd}, validation when {@code trainEnd <= ts < valEnd}, test when
 * {@code ts >= valEnd}. {@link Long#MAX_VALUE} means "no cut" (everything before it).
 *
 * @param trainEnd first timestamp not in train
 * @param valEnd first timestamp not in validation
 * @param total number of interactions the cuts were computed from
 */
// Serializable: Combine.globally embeds the default (empty-input) value in its DoFn.
@DefaultCoder(SplitCuts.Coder.class)
public record SplitCuts(long trainEnd, long valEnd, long total) implements Serializable {

  /** The split of an interaction at {@code timestamp}. */
  public Part partOf(long timestamp) {
    if (timestamp < trainEnd) {
      return Part.TRAIN;
    }
    return timestamp < valEnd ? Part.VAL : Part.TEST;
  }

  /** The three parts of the split. */
  public enum Part {
    TRAIN,
    VAL,
    TEST
  }

  /** Deterministic Beam coder of {@link SplitCuts}. */
  public static final class Coder extends AtomicCoder<SplitCuts> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(SplitCuts c, OutputStream out) throws IOException {
      VarLongCoder.of().encode(c.trainEnd, out);
      VarLongCoder.of().encode(c.valEnd, out);
      VarLongCoder.of().encode(c.total, out);
    }

    @Override
    public SplitCuts decode(InputStream in) throws IOException {
      return new SplitCuts(VarLongCoder.of().decode(in), VarLongCoder.of().decode(in), VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
