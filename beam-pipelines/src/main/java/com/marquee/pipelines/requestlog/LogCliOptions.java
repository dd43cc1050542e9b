package com.marquee.pipelines.requestlog;

import com.marquee.pipelines.cli.BeamOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Option;

/**
 * Options shared by the KPI and replay commands (a picocli mixin): {@code --db FILE} (default {@code
 * data/logs/requests.db}), {@code --out DIR} (default {@code reports}), {@code --workdir DIR} (base of
 * relative paths, default {@code .}), {@code --runner NAME} (default DirectRunner), {@code --help};
 * other {@code --name=value} arguments go to Beam (the command collects them, see {@link
 * #pipelineOptions}).
 */
public final class LogCliOptions {
  @Option(names = "--db", paramLabel = "FILE", defaultValue = "data/logs/requests.db",
      description = "SQLite request log (default: ${DEFAULT-VALUE})")
  Path db;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
      description = "report directory (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--workdir", paramLabel = "DIR", defaultValue = ".",
      description = "base of relative paths (default: current directory)")
  Path workdir;

  @Option(names = "--runner", paramLabel = "NAME", defaultValue = "DirectRunner",
      description = "Beam runner: DirectRunner|FlinkRunner (default: ${DEFAULT-VALUE})")
  String runner;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;

  /** {@code p} resolved against {@code --workdir} (absolute paths unchanged). */
  public Path resolve(Path p) {
    return workdir.resolve(p).toAbsolutePath().normalize();
  }

  /** The request log database. @throws com.marquee.common.movielens.InvalidInputException if missing */
  public RequestLogDb db() {
    return RequestLogDb.sqlite(resolve(db));
  }

  /** The report directory (absolute). */
  public Path outDir() {
    return resolve(out);
  }

  /**
   * Beam options from {@code --runner} and the command's unmatched arguments. (picocli does not
   * collect {@code @Unmatched} arguments of a mixin, so each command declares its own list.)
   *
   * @param beamArgs the arguments picocli did not match, e.g. {@code --flinkMaster=host:8081}
   * @throws IllegalArgumentException for an argument not of the form {@code --name=value} or an
   *     invalid Beam option
   */
  public PipelineOptions pipelineOptions(List<String> beamArgs) {
    return BeamOptions.create(runner, beamArgs);
  }
}
