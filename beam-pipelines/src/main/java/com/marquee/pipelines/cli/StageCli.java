package com.marquee.pipelines.cli;

import com.marquee.common.cli.ExitCodes;
import com.marquee.common.config.ConfigException;
import com.marquee.common.config.DataConfig;
import com.marquee.common.config.MovieLensFormat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The shared command line of the offline data stages (SPEC §2): {@code --config FILE} (default
 * {@code configs/data.yaml}), {@code --data DIR} (overrides {@code input.dir}), {@code --format
 * auto|ml-latest|ml-100k|ml-1m} (overrides {@code input.format}), {@code --workdir DIR} (relative
 * output paths resolve against it; default the current directory), {@code --runner NAME} (default
 * DirectRunner), {@code --help}; any other {@code --name=value} is passed to Beam as a pipeline
 * option (e.g. {@code --flinkMaster=[local]}).
 *
 * <p>Exit codes: 0 ok; 2 bad arguments, bad config or bad input (missing/unusable files); 1 any other
 * failure. Errors print one line starting with {@code error:} on stderr (with {@code MARQUEE_DEBUG}
 * set in the environment, the stack trace of a failure is printed before it).
 */
public final class StageCli {

  /** Exit codes, as in {@link ExitCodes}. */
  public static final int OK = ExitCodes.OK;
  public static final int FAILURE = ExitCodes.FAILURE;
  public static final int BAD_INPUT = ExitCodes.BAD_INPUT;

  /** A stage entry point, e.g. {@code PreprocessPipeline::run}. */
  @FunctionalInterface
  public interface Stage {
    void run(DataConfig cfg, Path workdir, PipelineOptions options) throws Exception;
  }

  /**
   * What a command line resolved to.
   *
   * @param data the data config with {@code --data}/{@code --format} applied
   * @param workdir base of relative output paths
   * @param options Beam pipeline options
   * @param trainingConfig the {@code --training-config} file (default {@code configs/training.yaml})
   */
  public record Invocation(DataConfig data, Path workdir, PipelineOptions options, Path trainingConfig) {}

  /** An entry point that needs the whole invocation, e.g. the full offline pipeline. */
  @FunctionalInterface
  public interface Job {
    void run(Invocation invocation) throws Exception;
  }

  @Command(sortOptions = false, usageHelpAutoWidth = true)
  static final class Args {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "configs/data.yaml",
        description = "data config YAML (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "raw MovieLens directory (overrides input.dir)")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "auto|ml-latest|ml-100k|ml-1m (overrides input.format)")
    String format;

    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = ".",
        description = "base of relative output paths (default: current directory)")
    Path workdir;

    @Option(names = "--training-config", paramLabel = "FILE", defaultValue = "configs/training.yaml",
        description = "trainer config YAML, used by the full pipeline only (default: ${DEFAULT-VALUE})")
    Path trainingConfig;

    @Option(names = "--runner", paramLabel = "NAME", defaultValue = "DirectRunner",
        description = "Beam runner: DirectRunner|FlinkRunner (default: ${DEFAULT-VALUE})")
    String runner;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Unmatched List<String> beamArgs = new ArrayList<>();
  }

  private StageCli() {}

  /** {@link #execute(String, String, Stage, PrintStream, PrintStream, String...)} on System.out/err. */
  public static int execute(String name, String description, Stage stage, String... args) {
    return execute(name, description, stage, System.out, System.err, args);
  }

  /**
   * Parses {@code args}, loads the config, builds the Beam options and runs {@code stage}.
   *
   * @return the exit code (never calls {@link System#exit})
   */
  public static int execute(
      String name, String description, Stage stage, PrintStream out, PrintStream err, String... args) {
    return execute(name, description, (Job) inv -> stage.run(inv.data(), inv.workdir(), inv.options()), out, err, args);
  }

  /**
   * Parses {@code args}, loads the data config, builds the Beam options and runs {@code job}.
   *
   * @return the exit code (never calls {@link System#exit})
   */
  public static int execute(
      String name, String description, Job job, PrintStream out, PrintStream err, String... args) {
    Args a = new Args();
    CommandLine cl = new CommandLine(a).setCommandName(name);
    cl.getCommandSpec().usageMessage().description(description);
    cl.getCommandSpec()
        .usageMessage()
        .footer(
            "Other --name=value options go to Beam (e.g. --flinkMaster=[local], --enforceImmutability=true).",
            "Exit codes: 0 ok, 2 bad arguments/config/input, 1 other failure.");
    DataConfig cfg;
    PipelineOptions options;
    try {
      cl.parseArgs(args);
      if (cl.isUsageHelpRequested()) {
        cl.usage(out);
        return OK;
      }
      cfg = DataConfig.load(a.config);
      if (a.data != null) {
        cfg = cfg.withInputDir(a.data.toAbsolutePath().normalize().toString());
      }
      if (a.format != null) {
        cfg = cfg.withInputFormat(MovieLensFormat.fromConfigName(a.format));
      }
      options = BeamOptions.create(a.runner, a.beamArgs);
    } catch (CommandLine.ParameterException e) {
      err.println("error: " + e.getMessage() + " (see --help)");
      return BAD_INPUT;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("error: " + oneLine(e.getMessage()));
      return BAD_INPUT;
    }
    try {
      job.run(new Invocation(cfg, a.workdir, options, a.trainingConfig));
      return OK;
    } catch (Exception e) {
      return ExitCodes.report(e, name, err);
    }
  }

  private static String oneLine(String message) {
    return ExitCodes.oneLine(message);
  }
}
