package com.marquee.pipelines.retrain;

import com.marquee.common.artifact.Json;
import com.marquee.common.cli.ExitCodes;
import com.marquee.common.config.ConfigLoader;
import com.marquee.common.config.DataConfig;
import com.marquee.pipelines.MarqueePipeline;
import com.marquee.pipelines.cli.StageCli;
import com.marquee.trainer.TrainingResult;
import com.marquee.trainer.registry.ServerReload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/retrain.sh}: one scheduled retraining run (the wrapper holds the single-instance lock).
 *
 * <ol>
 *   <li>reads the {@code feedback} table; with fewer than {@code feedback.min_new_events} events after
 *       the high-water mark of {@code state.json} (and no {@code --force}) it stops: exit 0, "nothing new";
 *   <li>writes the merged data set {@code <workdir>/<retrain_dir>/<run-id>/<base>+feedback/} in
 *       ml-latest layout: the base {@code movies.csv}, and {@code ratings.csv} = the base ratings
 *       followed by the ratings derived from <em>every</em> feedback event up to the new high-water
 *       mark ({@link FeedbackRatings}; cumulative, so feedback consumed by earlier retrains stays in),
 *       with the server's catalog changes applied to {@code movies.csv} and {@code tags.csv} ({@link
 *       CatalogRows}: movies added or updated by {@code PUT /admin/items}; hidden movies stay in the data,
 *       the server hides them in every model), plus {@code <run-id>/retrain.json} describing the run.
 *       New catalog changes count as new events for {@code feedback.min_new_events};
 *   <li>runs the full pipeline ({@code scripts/pipeline.sh --data <merged> --workdir <workdir>
 *       --config <data_config> --training-config <training_config>}, in this JVM): preprocess, split,
 *       features, train, evaluate, register, promote-if-better;
 *   <li>updates {@code state.json} (only now: a failed run changes nothing and is retried next time);
 *   <li>when the model was promoted and a server is configured, {@code POST /admin/reload}.
 * </ol>
 *
 * <p>{@code --dry-run} prints the plan (new events, paths, the pipeline command) and writes nothing.
 *
 * <p>Exit codes: 0 ok (trained, or nothing new); 2 bad arguments, config or input (e.g. no
 * feedback database, base data not in ml-latest layout); 1 any other failure, including a promotion
 * whose server reload failed (the state is updated then: the model is trained and promoted; reload
 * by hand with {@code scripts/registry.sh} or {@code POST /admin/reload}). The wrapper adds 75 when
 * another run holds the lock.
 */
@Command(name = "retrain.sh", mixinStandardHelpOptions = true,
    description = "Retrains on the base data plus logged feedback, promotes if better, reloads the server.",
    footer = {"Exit codes: 0 ok (or nothing new), 2 bad arguments/config/input, 1 other failure,",
        "75 another retrain.sh holds the lock (scripts/retrain.sh).",
        "Other --name=value options go to Beam for the pipeline run (e.g. --enforceImmutability=false)."})
public final class RetrainMain implements Callable<Integer> {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Option(names = "--config", paramLabel = "FILE", description = "retrain config (default: ${DEFAULT-VALUE})")
  Path config = Path.of("configs/retrain.yaml");

  @Option(names = "--feedback-db", paramLabel = "FILE",
      description = "SQLite database with the feedback table (default: feedback.db_path)")
  Path feedbackDb;

  @Option(names = "--workdir", paramLabel = "DIR",
      description = "work directory of the pipeline run, as for pipeline.sh (default: current directory)")
  Path workdir = Path.of(".");

  @Option(names = "--server", paramLabel = "URL",
      description = "server to reload after a promotion (default: $MARQUEE_SERVER_URL, then server.url)")
  String server;

  @Option(names = "--api-key", paramLabel = "KEY", description = "admin API key for the reload (default: $MARQUEE_ADMIN_API_KEY)")
  String apiKey;

  @Option(names = "--dry-run", description = "print what would be done; change nothing")
  boolean dryRun;

  @Option(names = "--force", description = "retrain even without feedback.min_new_events new events")
  boolean force;

  @picocli.CommandLine.Unmatched
  java.util.List<String> beamArgs = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    RetrainConfig cfg = ConfigLoader.load(config, RetrainConfig.class);
    DataConfig data = DataConfig.load(Path.of(cfg.pipeline().dataConfig()));
    if (cfg.feedback().skipRating() >= data.implicit().minRating()) {
      throw new IllegalArgumentException("feedback.skip_rating (" + cfg.feedback().skipRating()
          + ") must be below implicit.min_rating of " + cfg.pipeline().dataConfig() + " ("
          + data.implicit().minRating() + "), or a skip would train as a positive");
    }
    Path base = Path.of(data.input().dir()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(base.resolve("ratings.csv")) || !Files.isRegularFile(base.resolve("movies.csv"))) {
      throw new IllegalArgumentException("retraining merges feedback into the ml-latest layout only: " + base
          + " has no ratings.csv + movies.csv (input.dir of " + cfg.pipeline().dataConfig() + ")");
    }
    Path db = feedbackDb != null ? feedbackDb : Path.of(cfg.feedback().dbPath());
    Path retrainDir = workdir.resolve(cfg.pipeline().retrainDir()).toAbsolutePath().normalize();
    Path stateFile = retrainDir.resolve("state.json");
    RetrainState state = RetrainState.read(stateFile);
    FeedbackRatings.Snapshot fb = FeedbackRatings.read(db, state.lastFeedbackRowid(), state.lastFeedbackId(),
        cfg.feedback());
    CatalogRows catalog = CatalogRows.read(db);
    long newChanges = Math.max(0, catalog.maxChangeId() - state.lastCatalogChangeId());
    String target = server != null ? server : ServerReload.orEnv(null, ServerReload.SERVER_ENV);
    if (target == null && !cfg.server().url().isEmpty()) {
      target = cfg.server().url();
    }

    System.out.printf("retrain: %d new feedback events since rowid %d (%d in all, up to rowid %d); %d ratings derived, "
        + "%d events ignored%s%n", fb.newEvents(), state.lastFeedbackRowid(), fb.events(), fb.maxRowid(),
        fb.ratings().size(), fb.ignored(), ignoredKinds(cfg.feedback()));
    if (fb.restarted()) {
      System.out.printf("retrain: the feedback table restarted its rowids below the last mark %d (recreated table or "
          + "database): every row counts as new%n", state.lastFeedbackRowid());
    }
    System.out.printf("retrain: %d catalog changes (%d new since change_id %d): %d movies put, %d hidden (the server "
        + "keeps hiding them)%n", catalog.changes(), newChanges, state.lastCatalogChangeId(), catalog.items().size(),
        catalog.hidden().size());
    if (fb.newEvents() + newChanges < cfg.feedback().minNewEvents() && !force) {
      System.out.printf("retrain: nothing new (fewer than feedback.min_new_events = %d); no training%n",
          cfg.feedback().minNewEvents());
      return ExitCodes.OK;
    }
    String runId = RUN_ID.format(Instant.now());
    Path runDir = retrainDir.resolve(runId);
    Path merged = runDir.resolve(base.getFileName() + "+feedback");
    for (String a : beamArgs) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "' (Beam options use --name=value; see --help)");
      }
    }
    java.util.List<String> argList = new java.util.ArrayList<>(java.util.List.of("--config", cfg.pipeline().dataConfig(),
        "--training-config", cfg.pipeline().trainingConfig(), "--data", merged.toString(), "--workdir", workdir.toString()));
    argList.addAll(beamArgs);
    String[] pipelineArgs = argList.toArray(String[]::new);
    if (dryRun) {
      System.out.println("dry run: would write " + merged + "/ratings.csv (" + base.resolve("ratings.csv") + " + "
          + fb.ratings().size() + " feedback ratings) and movies.csv, tags.csv (+ " + catalog.items().size()
          + " catalog movies)");
      System.out.println("dry run: would run scripts/pipeline.sh " + String.join(" ", pipelineArgs));
      System.out.println("dry run: would update " + stateFile + " to feedback rowid " + fb.maxRowid());
      System.out.println("dry run: " + (target == null ? "no server configured: no reload"
          : "would POST " + target + "/admin/reload if the model is promoted"));
      return ExitCodes.OK;
    }
    if (Files.exists(runDir)) {
      throw new IOException(runDir + " exists already (two retrains in the same second?)");
    }
    writeMerged(base, merged, fb, catalog);
    writeManifest(runDir, runId, base, merged, state, fb, catalog, pipelineArgs);
    System.out.println("retrain: merged data set " + merged);

    TrainingResult[] result = new TrainingResult[1];
    int code = StageCli.execute("retrain.sh", "pipeline run of retrain.sh",
        (StageCli.Job) inv -> result[0] = MarqueePipeline.run(inv), System.out, System.err, pipelineArgs);
    if (code != ExitCodes.OK) {
      System.err.println("error: retrain.sh: the pipeline failed (exit " + code + "); state unchanged, the next run retries");
      return code;
    }
    boolean promoted = result[0].decision().promoted();
    new RetrainState(fb.maxRowid(), fb.maxFeedbackId(), runId, result[0].metadata().version(), promoted,
        Instant.now().toString(), catalog.maxChangeId()).write(stateFile);
    System.out.println("retrain: model " + result[0].metadata().version() + " " + (promoted ? "promoted" : "not promoted"));
    if (promoted && target != null) {
      String reloaded = ServerReload.reload(target, apiKey != null ? apiKey : ServerReload.orEnv(null, ServerReload.API_KEY_ENV));
      System.out.println("retrain: reloaded " + target + ": " + reloaded);
    } else if (promoted) {
      System.out.println("retrain: no server configured; the next server start or POST /admin/reload serves it");
    }
    return ExitCodes.OK;
  }

  /** What the ignored count holds besides unknown events, e.g. {@code " (clicks)"}; empty when nothing else. */
  static String ignoredKinds(RetrainConfig.Feedback fb) {
    java.util.List<String> kinds = new java.util.ArrayList<>();
    if (fb.clickRating() == 0) {
      kinds.add("clicks");
    }
    if (fb.skipRating() == 0) {
      kinds.add("skips");
    }
    return kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")";
  }

  /**
   * Base movies.csv with the catalog's PUT movies replaced or appended; base tags.csv (if any) followed
   * by their tags; base ratings.csv followed by the derived ratings.
   */
  static void writeMerged(Path base, Path merged, FeedbackRatings.Snapshot fb, CatalogRows catalog) throws IOException {
    Files.createDirectories(merged);
    int[] movies = catalog.writeMovies(base.resolve("movies.csv"), merged.resolve("movies.csv"));
    int tags = catalog.items().isEmpty() && !Files.isRegularFile(base.resolve("tags.csv")) ? 0
        : catalog.writeTags(base.resolve("tags.csv"), merged.resolve("tags.csv"), Instant.now().getEpochSecond());
    System.out.printf("retrain: movies.csv: %d rows replaced, %d added by catalog changes; tags.csv: %d tags added%n",
        movies[0], movies[1], tags);
    Path ratings = merged.resolve("ratings.csv");
    Files.copy(base.resolve("ratings.csv"), ratings);
    boolean endsWithNewline;
    try (var ch = Files.newByteChannel(ratings)) {
      endsWithNewline = ch.size() == 0;
      if (ch.size() > 0) {
        ch.position(ch.size() - 1);
        java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
        ch.read(last);
        endsWithNewline = last.get(0) == '\n';
      }
    }
    try (OutputStream out = Files.newOutputStream(ratings, StandardOpenOption.APPEND)) {
      StringBuilder sb = new StringBuilder(endsWithNewline ? "" : "\n");
      for (FeedbackRatings.Rating r : fb.ratings()) {
        sb.append(r.csv()).append('\n');
      }
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void writeManifest(Path runDir, String runId, Path base, Path merged, RetrainState before,
      FeedbackRatings.Snapshot fb, CatalogRows catalog, String[] pipelineArgs) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("base", base.toString());
    m.put("merged", merged.toString());
    m.put("feedback_rowid_from", before.lastFeedbackRowid());
    m.put("feedback_rowid_to", fb.maxRowid());
    m.put("feedback_events", fb.events());
    m.put("new_feedback_events", fb.newEvents());
    m.put("feedback_ratings", fb.ratings().size());
    m.put("ignored_events", fb.ignored());
    m.put("catalog_change_id_from", before.lastCatalogChangeId());
    m.put("catalog_change_id_to", catalog.maxChangeId());
    m.put("catalog_movies_put", catalog.items().size());
    m.put("catalog_movies_hidden", catalog.hidden().size());
    m.put("pipeline_args", java.util.List.of(pipelineArgs));
    Json.MAPPER.writeValue(runDir.resolve("retrain.json").toFile(), m);
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new RetrainMain(), args));
  }
}
