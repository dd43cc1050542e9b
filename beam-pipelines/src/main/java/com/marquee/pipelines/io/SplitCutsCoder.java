package com.marquee.pipelines.io;

import com.marquee.common.preprocess.SplitCuts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic Beam coder of {@link SplitCuts}. */
public final class SplitCutsCoder extends AtomicCoder<SplitCuts> {
  private static final SplitCutsCoder INSTANCE = new SplitCutsCoder();

  public static SplitCutsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SplitCuts c, OutputStream out) throws IOException {
    VarLongCoder.of().encode(c.trainEnd(), out);
    VarLongCoder.of().encode(c.valEnd(), out);
    VarLongCoder.of().encode(c.total(), out);
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
