package com.marquee.pipelines.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One row of a raw input file that preprocess could not use: a row of {@code rejects.csv} (SPEC §3),
 * {@code source,line,reason,raw}.
 *
 * @param source the file name, e.g. {@code ratings.csv}
 * @param line 1-based physical line number where the row starts
 * @param reason why it was rejected, e.g. {@code rating 7.0 outside [0.5, 5]}
 * @param raw the row's text as in the file, without its line terminator
 */
@DefaultCoder(Reject.Coder.class)
public record Reject(String source, long line, String reason, String raw) {

  /** CSV header of {@code rejects.csv}. */
  public static final String CSV_HEADER = "source,line,reason,raw";

  /** One CSV line (RFC 4180 quoting where needed, no terminator) matching {@link #CSV_HEADER}. */
  public String toCsv() {
    return Csv.line(source, line, reason, raw);
  }

  /** Deterministic Beam coder of {@link Reject}. */
  public static final class Coder extends AtomicCoder<Reject> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Reject r, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(r.source, out);
      VarLongCoder.of().encode(r.line, out);
      StringUtf8Coder.of().encode(r.reason, out);
      StringUtf8Coder.of().encode(r.raw, out);
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
}
