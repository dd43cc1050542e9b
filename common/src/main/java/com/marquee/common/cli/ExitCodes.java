package com.marquee.common.cli;

import com.marquee.common.artifact.ArtifactException;
import com.marquee.common.config.ConfigException;
import com.marquee.common.movielens.InvalidInputException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * SPEC §2 exit codes for every command-line entry point of this module: 0 ok, 2 bad arguments or bad
 * input, 1 any other failure. Errors print one line starting with {@code error:} on stderr; with
 * {@code MARQUEE_DEBUG} set in the environment the stack trace of a failure is printed first.
 *
 * <p>Bad input is recognised anywhere in the cause chain (Beam wraps a DoFn's exception): {@link
 * InvalidInputException}, {@link ConfigException}, {@link ArtifactException}, {@link
 * NoSuchFileException} and {@link IllegalArgumentException}, which the readers throw for malformed rows.
 */
public final class ExitCodes {

  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: a failure that is not the user's input. */
  public static final int FAILURE = 1;
  /** Exit code: bad arguments, config or input. */
  public static final int BAD_INPUT = 2;

  private static final Class<?>[] BAD_INPUT_TYPES = {
    InvalidInputException.class, ConfigException.class, ArtifactException.class, NoSuchFileException.class,
    IllegalArgumentException.class
  };

  private ExitCodes() {}

  /** Runs a picocli {@code command} on {@code args} and returns its exit code (does not exit). */
  public static int execute(Callable<Integer> command, String[] args) {
    return execute(command, args, System.out, System.err);
  }

  /** As {@link #execute(Callable, String[])}, with usage on {@code out} and errors on {@code err}. */
  public static int execute(Callable<Integer> command, String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("error: " + ex.getMessage() + " (see --help)");
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> report(ex, c.getCommandName(), err));
    return cl.execute(args);
  }

  /** Prints the one-line error for a failure of {@code command} and returns its exit code. */
  public static int report(Throwable failure, String command, PrintStream err) {
    if (System.getenv("MARQUEE_DEBUG") != null) {
      failure.printStackTrace(err);
    }
    Throwable bad = badInputCause(failure);
    if (bad != null) {
      String message = bad instanceof NoSuchFileException nf ? "no such file: " + nf.getFile() : bad.getMessage();
      err.println("error: " + oneLine(message));
      return BAD_INPUT;
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    err.println("error: " + command + " failed: " + oneLine(root.toString()));
    return FAILURE;
  }

  /** The first bad-input exception in the cause chain, or null. */
  static Throwable badInputCause(Throwable e) {
    for (Class<?> type : BAD_INPUT_TYPES) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (type.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }

  /** The message on one line ({@code "(no message)"} for null). */
  public static String oneLine(String message) {
    return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ");
  }
}
