package com.marquee.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Beam options and file helpers shared by the tests. */
public final class TestOptions {
  private TestOptions() {}

  /**
   * DirectRunner with the fast settings of TOOLCHAIN.md. Tests that exercise custom coders use the
   * defaults instead (enforceImmutability/enforceEncodability on).
   */
  public static PipelineOptions fast() {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner",
            "--experiments=use_deprecated_read",
            "--enforceImmutability=false",
            "--enforceEncodability=false")
        .create();
  }

  /** Writes {@code text} to {@code file} (creating parents) in {@code charset}, byte for byte. */
  public static Path write(Path file, String text, Charset charset) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, text.getBytes(charset));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes UTF-8 text. */
  public static Path write(Path file, String text) {
    return write(file, text, StandardCharsets.UTF_8);
  }

  /** The lines of a UTF-8 file. */
  public static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
