package com.marquee.pipelines.cli;

import com.marquee.common.artifact.ArtifactException;
import com.marquee.common.config.ConfigException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * SPEC §2 exit codes for every command-line entry point: 0 ok, 2 bad arguments or bad input, 1 any
 * other failure; errors print one clear line on stderr (no stack trace unless {@code MARQUEE_DEBUG=1}).
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}

  /** Parses {@code args} into {@code command}, runs it and returns the exit code (does not exit). */
  public static int execute(Callable<Integer> command, String[] args) {
    CommandLine cl = new CommandLine(command);
    cl.setParameterExceptionHandler((ex, a) -> {
      System.err.println("error: " + ex.getMessage());
      System.err.println("try --help");
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      int code = isBadInput(ex) ? BAD_INPUT : FAILURE;
      System.err.println("error: " + describe(ex));
      if ("1".equals(System.getenv("MARQUEE_DEBUG"))) {
        ex.printStackTrace();
      }
      return code;
    });
    return cl.execute(args);
  }

  static boolean isBadInput(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IllegalArgumentException || c instanceof ConfigException || c instanceof NoSuchFileException
          || c instanceof ArtifactException) {
        return true;
      }
    }
    return false;
  }

  static String describe(Throwable t) {
    Throwable c = t;
    while ((c instanceof UncheckedIOException || c.getClass() == RuntimeException.class) && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof NoSuchFileException nf) {
      return "no such file: " + nf.getFile();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
