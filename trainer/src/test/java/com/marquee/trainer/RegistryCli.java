package com.marquee.trainer;

import com.marquee.common.cli.ExitCodes;
import com.marquee.trainer.registry.RegistryMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs {@code scripts/registry.sh}'s entry point ({@link RegistryMain}, which the script launches
 * with {@code java -cp}) in this JVM, capturing stdout and stderr. In-process because the script
 * itself would rebuild the project from inside {@code ./mvnw verify} (scripts/lib/env.sh ensure_built).
 */
final class RegistryCli {

  private RegistryCli() {}

  /** Exit code and captured output of one call. */
  record Run(int code, String out, String err) {}

  /** {@code registry.sh <args>} followed by {@code more}. */
  static Run run(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return run(all);
  }

  /** {@code registry.sh <args>}. */
  static synchronized Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ExitCodes.execute(new RegistryMain(), args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
