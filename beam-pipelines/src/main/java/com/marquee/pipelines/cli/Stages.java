package com.marquee.pipelines.cli;

import com.marquee.common.movielens.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/** Small helpers shared by the stage entry points. */
public final class Stages {
  private Stages() {}

  /**
   * Runs {@code pipeline} and waits for it.
   *
   * @throws IllegalStateException if it ends in a state other than DONE
   * @throws org.apache.beam.sdk.Pipeline.PipelineExecutionException if user code failed (the cause
   *     is the exception thrown, e.g. an {@link InvalidInputException})
   */
  public static void runAndWait(Pipeline pipeline, String stage) {
    PipelineResult.State state = pipeline.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException(stage + " pipeline ended in state " + state);
    }
  }

  /** @throws InvalidInputException if {@code file} is not a regular file; {@code hint} says why */
  public static void requireFile(Path file, String hint) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + " not found (" + hint + ")");
    }
  }

  /** Creates {@code dir} and its parents. */
  public static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Number of lines after the header line of a CSV file written by these stages. */
  public static long dataLines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return Math.max(0, lines.count() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
