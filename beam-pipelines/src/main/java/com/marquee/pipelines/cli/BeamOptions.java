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
 *
 * <p>For the FlinkRunner (only on the classpath of the {@code flink-runner} module, see
 * docs/RUNNERS.md): {@code --flinkMaster=[local]} (an embedded Flink mini-cluster in this JVM; pass
 * {@code host:port} for a cluster or {@code [auto]} under {@code flink run}), {@code
 * --parallelism=<available processors>} when the master is {@code [local]}, and {@code
 * --fasterCopy=true} (no defensive copy between chained operators: no DoFn here mutates its input,
 * which the DirectRunner's immutability check in the unit tests enforces).
 */
public final class BeamOptions {
  /** The {@code --flinkMaster} of an embedded Flink mini-cluster. */
  public static final String LOCAL_FLINK = "[local]";

  private static final String FLINK_RUNNER_CLASS = "org.apache.beam.runners.flink.FlinkRunner";
  private static final String FLINK_ARTIFACT = "org.apache.beam:beam-runners-flink-1.19";

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
    if (isRunner(runner, "DirectRunner")) {
      addUnlessSet(args, extraArgs, "enforceImmutability", "false");
      addUnlessSet(args, extraArgs, "enforceEncodability", "false");
    }
    if (isRunner(runner, "FlinkRunner")) {
      requireOnClasspath(FLINK_RUNNER_CLASS, runner);
      addUnlessSet(args, extraArgs, "flinkMaster", LOCAL_FLINK);
      boolean local = extraArgs.stream().noneMatch(a -> a.startsWith("--flinkMaster="))
          || extraArgs.contains("--flinkMaster=" + LOCAL_FLINK);
      if (local) {
        addUnlessSet(args, extraArgs, "parallelism", Integer.toString(Runtime.getRuntime().availableProcessors()));
      }
      addUnlessSet(args, extraArgs, "fasterCopy", "true");
    }
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
  }

  private static void requireOnClasspath(String className, String runner) {
    try {
      Class.forName(className, false, BeamOptions.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(runner + " is not on this classpath: launch through scripts/ with --runner "
          + runner + " (they use the flink-runner module's classpath) or add " + FLINK_ARTIFACT);
    }
  }

  /** Whether {@code runner} names {@code simpleName}, short or fully qualified. */
  private static boolean isRunner(String runner, String simpleName) {
    return runner.equals(simpleName) || runner.endsWith("." + simpleName);
  }

  private static void addUnlessSet(List<String> args, List<String> given, String name, String value) {
    boolean set = given.stream().anyMatch(a -> a.equals("--" + name) || a.startsWith("--" + name + "="));
    if (!set) {
      args.add("--" + name + "=" + value);
    }
  }
}
