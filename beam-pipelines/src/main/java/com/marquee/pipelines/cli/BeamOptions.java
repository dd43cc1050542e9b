package com.marquee.pipelines.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Builds Beam {@link PipelineOptions} for the command-line entry points.
 *
 * <p>Defaults added unless the caller sets them: {@code --experiments=use_deprecated_read} and, for
 * the DirectRunner, {@code --enforceImmutability=false --enforceEncodability=false}. These checks
 * are debugging aids that roughly double DirectRunner time (TOOLCHAIN.md); pass {@code
 * --enforceImmutability=true --enforceEncodability=true} to turn them back on. The unit tests run
 * with them on.
 */
public final class BeamOptions {
  private BeamOptions() {}

  /**
   * @param runner Beam runner name, e.g. {@code DirectRunner} or {@code FlinkRunner}
   * @param extraArgs further Beam options in Beam's {@code --name=value} form
   * @throws IllegalArgumentException if an argument does not start with {@code --}, an option is
   *     unknown or invalid, or the runner is not on the classpath (Beam's message names it)
   */
  public static PipelineOptions create(String runner, List<String> extraArgs) {
    for (String a : extraArgs) {
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "' (Beam options use --name=value)");
      }
    }
    List<String> args = new ArrayList<>();
    args.add("--runner=" + runner);
    args.addAll(extraArgs);
    args.add("--experiments=use_deprecated_read");
    if (runner.equals("DirectRunner") || runner.endsWith(".DirectRunner")) {
      addUnlessSet(args, extraArgs, "enforceImmutability", "false");
      addUnlessSet(args, extraArgs, "enforceEncodability", "false");
    }
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
  }

  private static void addUnlessSet(List<String> args, List<String> given, String name, String value) {
    boolean set = given.stream().anyMatch(a -> a.equals("--" + name) || a.startsWith("--" + name + "="));
    if (!set) {
      args.add("--" + name + "=" + value);
    }
  }
}
