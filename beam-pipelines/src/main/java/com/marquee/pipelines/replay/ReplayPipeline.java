package com.marquee.pipelines.replay;

import com.marquee.common.cli.ExitCodes;
import com.marquee.common.movielens.InvalidInputException;
import com.marquee.pipelines.cli.Stages;
import com.marquee.pipelines.io.ReadInteractions;
import com.marquee.pipelines.requestlog.LogCliOptions;
import com.marquee.pipelines.requestlog.ReadRequestLog;
import com.marquee.pipelines.requestlog.RequestLogDb;
import com.marquee.pipelines.requestlog.WriteReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The replay stage: served {@code /recommend} lists of the request log joined with later positive
 * interactions, to {@code <out>/replay.json} ({@link ReplayReport}; definitions in {@link
 * ReplayTransform}).
 *
 * <p>Positives come from the {@code feedback} table ({@link ReadFeedback}) or, with {@code --heldout
 * FILE}, from an interactions CSV such as {@code data/processed/test.csv} where every row counts as
 * positive at its {@code timestamp} (epoch seconds). Held-out interactions usually predate lists
 * served today: use {@code --no-window} to match them regardless of time. Command line: {@link
 * LogCliOptions} plus {@code --window-hours H} (default 168 = 7 days), {@code --no-window}, {@code
 * --k N} (default: longest list per group), {@code --heldout FILE}. Exit codes 0 ok, 2 bad arguments
 * or input (missing database, table or file; malformed rows), 1 other failure.
 */
@Command(name = "replay", sortOptions = false, usageHelpAutoWidth = true,
    description = "Replay evaluation of logged /recommend lists against later positive interactions -> replay.json.",
    footer = {"Other --name=value options go to Beam.", "Exit codes: 0 ok, 2 bad arguments/input, 1 other failure."})
public final class ReplayPipeline implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayPipeline.class);

  @Mixin LogCliOptions log;

  /** Beam options ({@code --name=value}), e.g. {@code --flinkMaster=host:8081}. */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Option(names = "--window-hours", paramLabel = "H", defaultValue = "168",
      description = "count interactions up to H hours after each list (default: ${DEFAULT-VALUE})")
  double windowHours;

  @Option(names = "--no-window", description = "count every interaction of the user, whatever its time")
  boolean noWindow;

  @Option(names = "--k", paramLabel = "N", description = "cutoff (default: longest served list per group)")
  Integer k;

  @Option(names = "--heldout", paramLabel = "FILE",
      description = "interactions CSV (user_id,movie_id,rating,weight,timestamp) as positives instead of the feedback table")
  Path heldout;

  @Override
  public Integer call() {
    if (windowHours < 0 || Double.isNaN(windowHours)) {
      throw new IllegalArgumentException("--window-hours must be >= 0, got " + windowHours);
    }
    if (k != null && k < 1) {
      throw new IllegalArgumentException("--k must be >= 1, got " + k);
    }
    Path held = heldout == null ? null : log.resolve(heldout);
    if (held != null) {
      Stages.requireFile(held, "--heldout");
    }
    run(log.db(), log.outDir(), held, noWindow ? null : windowHours, k, log.pipelineOptions(beamArgs));
    return ExitCodes.OK;
  }

  /**
   * Builds, runs and waits for the replay pipeline.
   *
   * @param heldout interactions CSV of positives, or null for the {@code feedback} table
   * @param windowHours the window in hours, or null for no time limit
   * @param k the cutoff, or null
   * @throws InvalidInputException if a table is missing (before running) or a row is malformed (as
   *     the cause of a {@link Pipeline.PipelineExecutionException})
   */
  public static void run(RequestLogDb db, Path outDir, Path heldout, Double windowHours, Integer k, PipelineOptions options) {
    boolean variants = db.hasVariantColumn();
    if (heldout == null) {
      db.columns("feedback"); // fails clearly when the table is missing
    }
    Stages.createDirectories(outDir);
    String positivesName = heldout == null ? "feedback" : "heldout:" + heldout;
    LOG.info("replay: {} x {} (window {} h, variant column {}) -> {}",
        db.jdbcUrl(), positivesName, windowHours, variants, outDir);
    Pipeline p = Pipeline.create(options);
    PCollection<PositiveEvent> positives =
        heldout == null
            ? p.apply("Feedback", ReadFeedback.from(db))
            : p.apply("Heldout", ReadInteractions.from(heldout.toString()))
                .apply("ToPositives", MapElements.into(TypeDescriptor.of(PositiveEvent.class))
                    .via(i -> new PositiveEvent(i.userId(), Math.toIntExact(i.movieId()), i.timestamp() * 1000)))
                .setCoder(SerializableCoder.of(PositiveEvent.class));
    Long windowMillis = windowHours == null ? null : Math.round(windowHours * 3_600_000);
    p.apply("ReadLog", ReadRequestLog.from(db, variants).where("endpoint = '/recommend' AND status = 200"))
        .apply("Replay", ReplayTransform.of(positives, windowMillis, k, variants))
        .apply("WriteReport", WriteReport.with(
            new ReplayReport(outDir.resolve("replay.json").toString(), db.jdbcUrl(), positivesName, windowHours, variants)));
    Stages.runAndWait(p, "replay");
    LOG.info("replay: wrote {}", outDir.resolve("replay.json"));
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new ReplayPipeline(), args));
  }
}
