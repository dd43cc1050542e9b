package com.marquee.pipelines.io;

import com.marquee.common.movielens.Reject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic Beam coder of {@link Reject}. */
public final class RejectCoder extends AtomicCoder<Reject> {
  private static final RejectCoder INSTANCE = new RejectCoder();

  public static RejectCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Reject r, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(r.source(), out);
    VarLongCoder.of().encode(r.line(), out);
    StringUtf8Coder.of().encode(r.reason(), out);
    StringUtf8Coder.of().encode(r.raw(), out);
  }

  @Override
  public Reject decode(InputStream in) throws IOException {
    return new Reject(
        StringUtf8Coder.of().decode(in),
        VarLongCoder.of().decode(in),
        StringUtf8Coder.of().decode(in),
        StringUtf8Coder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
