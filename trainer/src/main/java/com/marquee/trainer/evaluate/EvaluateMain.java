package com.marquee.trainer.evaluate;

import com.marquee.common.cli.ExitCodes;
import com.marquee.common.config.MovieLensFormat;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/evaluate.sh}: offline evaluation of one model under one protocol (docs/EVALUATION.md). */
@Command(name = "evaluate.sh", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {
      "Offline evaluation with full ranking. Reads a raw MovieLens directory (any",
      "layout, cleaned by the preprocess rules), splits it by a protocol, tunes the",
      "model on validation carved from the training part, refits it on the whole",
      "training part and reports Precision, Recall, normalized Recall, NDCG, MAP,",
      "HitRate, novelty and coverage at k = 10, 20, 50, 100 on the test part.",
      "Prints a table, then one line with the JSON object (also written to --output).",
      ""},
    footer = {
      "Protocols (exact definitions in docs/EVALUATION.md):",
      "  global-time      the pipeline's time split (data config split.*)",
      "  leave-last-out   each user's latest interaction (ties: larger movie_id)",
      "  random-per-user  --ratio of each user's interactions at random (--seed)",
      "  user-holdout     --ratio of the users (or --heldout-users N) never",
      "                   trained on: 80%% of their items folded in, metrics on",
      "                   the other 20%% (Liang et al. 2018)",
      "  item-holdout     --ratio of the items with interactions never trained on;",
      "                   their vectors come from the content mapping; each user",
      "                   ranks the held-out items only; against genre-popularity,",
      "                   user-genre and random baselines (--model is ignored;",
      "                   --tune also searches the content feature weights)",
      "EASE holds dense items x items matrices: about 28 bytes x items^2 of heap",
      "(raise with JAVA_OPTS=-Xmx...); larger catalogs are refused with exit 2.",
      "Default paths resolve against $MARQUEE_HOME (the repository root) if set.",
      "Exit codes: 0 ok, 2 bad arguments/config/input, 1 other failure."})
public final class EvaluateMain implements Callable<Integer> {

  @Option(names = "--data", paramLabel = "DIR", description = "raw MovieLens directory (default: data/raw/ml-latest-small)")
  Path data;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "auto|ml-latest|ml-100k|ml-1m (default: the data config's, auto)")
  String format;

  @Option(names = "--protocol", required = true, paramLabel = "P",
      description = "global-time|leave-last-out|random-per-user|user-holdout|item-holdout")
  String protocol;

  @Option(names = "--ratio", paramLabel = "R", defaultValue = "0.2",
      description = "random-per-user: held-out share of each user's interactions; user-holdout: share of users held "
          + "out for test (as many again for validation); item-holdout: share of the items held out (the same share of the "
          + "training items for validation); in (0, 1) (default: ${DEFAULT-VALUE})")
  double ratio;

  @Option(names = "--heldout-users", paramLabel = "N", defaultValue = "0",
      description = "user-holdout: N test users (and N validation users) instead of --ratio")
  int heldOutUsers;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "seed of the random splits (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--min-rating", paramLabel = "R",
      description = "ratings >= R are positives (0 keeps every rating; default: implicit.min_rating of the data config)")
  Double minRating;

  @Option(names = "--model", paramLabel = "M", defaultValue = "ials",
      description = "ials|ease|itemknn|popularity|best (best: chosen by validation ndcg@k among all; default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--k", paramLabel = "K", defaultValue = "10",
      description = "cutoff of the selection metric ndcg@K, also reported (default: ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--tune",
      description = "also search iALS (regularization, alpha or alpha0, factors) and item-kNN neighbours on validation")
  boolean tune;

  @Option(names = "--variant", paramLabel = "V", description = "iALS objective hu|rendle (default: model.variant)")
  String variant;

  @Option(names = "--factors", paramLabel = "N", description = "iALS factors (default: model.factors)")
  Integer factors;

  @Option(names = "--alpha", paramLabel = "A", description = "iALS confidence scale (default: model.alpha)")
  Double alpha;

  @Option(names = "--alpha0", paramLabel = "A0", description = "iALS rendle unobserved weight (default: model.alpha0)")
  Double alpha0;

  @Option(names = "--reg-exponent", paramLabel = "NU",
      description = "iALS rendle regularization exponent (default: model.reg_exponent)")
  Double regExponent;

  @Option(names = "--regularization", paramLabel = "L", description = "iALS L2 weight (default: model.regularization)")
  Double regularization;

  @Option(names = "--iterations", paramLabel = "N", description = "iALS sweeps (default: model.iterations)")
  Integer iterations;

  @Option(names = "--neighbors", paramLabel = "N", description = "item-kNN neighbours (default: baselines.itemknn_neighbors)")
  Integer neighbors;

  @Option(names = "--lambda", paramLabel = "L", description = "EASE L2 weight (default: tuned on validation)")
  Double lambda;

  @Option(names = "--config", paramLabel = "FILE", description = "training config (default: configs/training.yaml)")
  Path trainingConfig;

  @Option(names = "--data-config", paramLabel = "FILE", description = "data config (default: configs/data.yaml)")
  Path dataConfig;

  @Option(names = "--output", paramLabel = "FILE",
      description = "where the JSON goes (default: reports/evaluation/<protocol>_<model>.json)")
  Path output;

  private final PrintStream out;
  private final PrintStream err;

  EvaluateMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    Path home = home();
    Protocol p = Protocol.fromCliName(protocol);
    ModelKind m = model.strip().equalsIgnoreCase("best") ? null : ModelKind.fromCliName(model);
    EvaluationRequest req = new EvaluationRequest(
        data != null ? data : home.resolve("data/raw/ml-latest-small"),
        format == null ? null : MovieLensFormat.fromConfigName(format),
        dataConfig != null ? dataConfig : home.resolve("configs/data.yaml"),
        trainingConfig != null ? trainingConfig : home.resolve("configs/training.yaml"),
        p, ratio, heldOutUsers, seed, minRating, m, k, tune,
        new Hyperparameters(variant == null ? null : variant.strip().toLowerCase(java.util.Locale.ROOT), factors, alpha,
            alpha0, regExponent, regularization, iterations, neighbors, lambda));
    String json;
    String table;
    String name;
    if (p == Protocol.ITEM_HOLDOUT) {
      ItemHoldoutEvaluation.Report report =
          ItemHoldoutEvaluation.run(req, System.getenv(), line -> err.println("evaluate: " + line));
      json = report.json();
      table = report.table();
      name = "content";
    } else {
      EvaluationReport report = OfflineEvaluation.run(req, System.getenv(), line -> err.println("evaluate: " + line));
      json = report.json();
      table = report.table();
      name = req.modelName();
    }
    Path file = output != null ? output
        : home.resolve("reports/evaluation").resolve(p.cliName() + "_" + name + ".json");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, json + System.lineSeparator(), StandardCharsets.UTF_8);
    out.print(table);
    out.println("JSON written to " + file);
    out.println(json);
    out.flush();
    return ExitCodes.OK;
  }

  /** $MARQUEE_HOME, else the current directory. */
  static Path home() {
    String h = System.getenv("MARQUEE_HOME");
    return h == null || h.isBlank() ? Path.of("") : Path.of(h);
  }

  /** Runs the command line with the given streams; returns the exit code (never exits). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ExitCodes.execute(new EvaluateMain(out, err), args, out, err);
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }
}
