package com.marquee.pipelines.io;

import com.marquee.common.domain.Movie;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic Beam coder of {@link Movie} (id, title, nullable year, genres). */
public final class MovieCoder extends AtomicCoder<Movie> {
  private static final MovieCoder INSTANCE = new MovieCoder();
  private static final NullableCoder<Integer> YEAR = NullableCoder.of(VarIntCoder.of());
  private static final ListCoder<String> GENRES = ListCoder.of(StringUtf8Coder.of());

  private MovieCoder() {}

  public static MovieCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Movie value, OutputStream out) throws IOException {
    VarLongCoder.of().encode(value.movieId(), out);
    StringUtf8Coder.of().encode(value.title(), out);
    YEAR.encode(value.year(), out);
    GENRES.encode(value.genres(), out);
  }

  @Override
  public Movie decode(InputStream in) throws IOException {
    long id = VarLongCoder.of().decode(in);
    String title = StringUtf8Coder.of().decode(in);
    Integer year = YEAR.decode(in);
    List<String> genres = GENRES.decode(in);
    return new Movie(id, title, year, genres);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
