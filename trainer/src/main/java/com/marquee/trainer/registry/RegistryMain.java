package com.marquee.trainer.registry;

import com.marquee.common.artifact.Json;
import com.marquee.common.artifact.ModelMetadata;
import com.marquee.common.cli.ExitCodes;
import com.marquee.common.config.ConfigLoader;
import com.marquee.trainer.baselines.IalsScorer;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.mlflow.MlflowRecord;
import com.marquee.trainer.mlflow.MlflowTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scripts/registry.sh}: inspect the local model registry and move production by hand.
 *
 * <ul>
 *   <li>{@code list}: every version, oldest first, with its validation promotion metric (iALS), data
 *       set hash and MLflow model version; {@code *} marks production;
 *   <li>{@code show VERSION}: the version's {@code model_metadata.json};
 *   <li>{@code promote VERSION}: production -> VERSION (atomic link swap), no metric rule;
 *   <li>{@code rollback}: production -> the version that was production before the current one's last
 *       promotion ({@link ProductionHistory}, from {@code models/decisions.jsonl}).
 * </ul>
 * promote and rollback append a decision ({@code action} promote/rollback), move the MLflow alias
 * {@code production} when the target version was registered in MLflow ({@code mlflow.json}), and
 * with {@code --server} (or {@code MARQUEE_SERVER_URL}) ask the server to reload.
 *
 * <p>Exit codes: 0 ok; 2 bad arguments, unknown version or nothing to roll back to; 1 any other
 * failure, including a local move that succeeded while the MLflow alias or the server reload failed
 * (the message says which).
 */
@Command(name = "registry.sh", mixinStandardHelpOptions = true,
    description = "Lists the model registry and moves production (promote, rollback).",
    subcommands = {RegistryMain.ListCmd.class, RegistryMain.Show.class, RegistryMain.Promote.class,
        RegistryMain.Rollback.class},
    footer = "Exit codes: 0 ok, 2 bad arguments/unknown version/nothing to roll back to, 1 other failure.")
public final class RegistryMain implements Callable<Integer> {

  /** Options every subcommand has. */
  static final class Common {
    @Option(names = "--config", paramLabel = "FILE",
        description = "training config with the registry paths (default: ${DEFAULT-VALUE})")
    Path config = Path.of("configs/training.yaml");

    @Option(names = "--workdir", paramLabel = "DIR",
        description = "base of the relative registry paths (default: current directory)")
    Path workdir = Path.of("");

    TrainingConfig cfg() {
      return ConfigLoader.load(config, TrainingConfig.class).withEnvironment(System.getenv());
    }

    ModelRegistry registry(TrainingConfig cfg) {
      return new ModelRegistry(workdir.resolve(cfg.registry().dir()), workdir.resolve(cfg.registry().production()));
    }
  }

  /** Options of the commands that move production. */
  static final class Move {
    @Option(names = "--server", paramLabel = "URL",
        description = "server to reload afterwards (default: $MARQUEE_SERVER_URL; none: no reload)")
    String server;

    @Option(names = "--api-key", paramLabel = "KEY",
        description = "admin API key for the reload (default: $MARQUEE_ADMIN_API_KEY)")
    String apiKey;
  }

  @Override
  public Integer call() {
    throw new IllegalArgumentException("missing command: list, show VERSION, promote VERSION or rollback (see --help)");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Versions with val metric; * = production.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin Common common = new Common();

    @Override
    public Integer call() throws IOException {
      TrainingConfig cfg = common.cfg();
      ModelRegistry reg = common.registry(cfg);
      String prod = reg.productionVersion().orElse(null);
      String metric = cfg.registry().promotionMetric();
      System.out.printf("  %-26s %-24s %12s %-12s %s%n", "VERSION", "TRAINED_AT", "VAL_" + metric.toUpperCase(), "DATASET",
          "MLFLOW");
      for (String v : reg.versions()) {
        ModelMetadata m;
        try {
          m = reg.metadata(v);
        } catch (IOException e) {
          System.out.printf("  %-26s (unreadable: %s)%n", v, e.getMessage());
          continue;
        }
        String mlflow = MlflowRecord.read(reg.registryDir().resolve(v)).map(r -> r.registeredModel() + "/" + r.modelVersion())
            .orElse("-");
        String sha = m.dataset() == null || m.dataset().sha256() == null ? "-" : m.dataset().sha256().substring(0, 12);
        System.out.printf("%s %-26s %-24s %12.5f %-12s %s%n", v.equals(prod) ? "*" : " ", v, m.trainedAt(),
            m.metric(IalsScorer.NAME, "val", metric), sha, mlflow);
      }
      System.out.println("production: " + (prod == null ? "(none)" : prod));
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints a version's model_metadata.json.")
  static final class Show implements Callable<Integer> {
    @Mixin Common common = new Common();

    @Parameters(paramLabel = "VERSION", description = "registry version id")
    String version;

    @Override
    public Integer call() throws IOException {
      ModelRegistry reg = common.registry(common.cfg());
      System.out.println(Json.MAPPER.writeValueAsString(reg.metadata(version)));
      return ExitCodes.OK;
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Makes VERSION production (no metric rule), logs the decision, moves the MLflow alias, reloads the server.")
  static final class Promote implements Callable<Integer> {
    @Mixin Common common = new Common();
    @Mixin Move move = new Move();

    @Parameters(paramLabel = "VERSION", description = "registry version id")
    String version;

    @Override
    public Integer call() throws IOException {
      return moveProduction(common, move, version, "promote");
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Moves production back to the version that was production before the current one.")
  static final class Rollback implements Callable<Integer> {
    @Mixin Common common = new Common();
    @Mixin Move move = new Move();

    @Override
    public Integer call() throws IOException {
      ModelRegistry reg = common.registry(common.cfg());
      String current = reg.productionVersion()
          .orElseThrow(() -> new IllegalArgumentException("nothing to roll back: there is no production model"));
      Optional<String> target = ProductionHistory.read(reg.decisionsLog())
          .previous(current, v -> Files.isDirectory(reg.registryDir().resolve(v)));
      if (target.isEmpty()) {
        throw new IllegalArgumentException("nothing to roll back to: no earlier production version than " + current
            + " in " + reg.decisionsLog());
      }
      return moveProduction(common, move, target.get(), "rollback");
    }
  }

  /** promote/rollback: link swap, decision line, MLflow alias, server reload. */
  static int moveProduction(Common common, Move move, String version, String action) throws IOException {
    TrainingConfig cfg = common.cfg();
    ModelRegistry reg = common.registry(cfg);
    reg.metadata(version); // 2 when unknown
    Optional<ModelMetadata> before = reg.productionMetadata();
    String reason = new PromotionPolicy(cfg.registry().minImprovement())
        .move(reg, version, IalsScorer.NAME, cfg.registry().promotionMetric(), action).reason();
    System.out.println(reason);

    List<String> failures = new java.util.ArrayList<>();
    MlflowRecord next = MlflowRecord.read(reg.registryDir().resolve(version)).orElse(null);
    MlflowRecord previous = before.isEmpty() || before.get().version().equals(version) ? null
        : MlflowRecord.read(reg.registryDir().resolve(before.get().version())).orElse(null);
    if (next != null || previous != null) {
      try {
        MlflowTracker.moveProduction(next, previous, System.getenv());
        System.out.println(mlflowSummary(version, next, previous));
      } catch (IOException e) {
        failures.add("MLflow not updated: " + e.getMessage());
      }
    } else if (cfg.mlflow().enabled()) {
      System.out.println("MLflow: version " + version + " was not registered in MLflow (no mlflow.json); alias unchanged");
    }
    String server = ServerReload.orEnv(move.server, ServerReload.SERVER_ENV);
    if (server != null) {
      try {
        String apiKey = ServerReload.orEnv(move.apiKey, ServerReload.API_KEY_ENV);
        System.out.println("reloaded " + server + ": " + ServerReload.reload(server, apiKey));
      } catch (IOException e) {
        failures.add("server not reloaded: " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new IOException("production is now " + version + " locally, but " + String.join("; ", failures));
    }
    return ExitCodes.OK;
  }

  /** One line saying what {@link MlflowTracker#moveProduction} changed. */
  private static String mlflowSummary(String version, MlflowRecord next, MlflowRecord previous) {
    StringBuilder b = new StringBuilder("MLflow: ");
    if (next != null) {
      b.append(next.registeredModel()).append(" alias production -> version ").append(next.modelVersion())
          .append(", run ").append(next.runId()).append(" promoted=true");
    } else {
      b.append("version ").append(version).append(" was not registered in MLflow (no mlflow.json)");
    }
    if (previous != null && (next == null || !previous.runId().equals(next.runId()))) {
      b.append("; run ").append(previous.runId()).append(" (version ").append(previous.modelVersion())
          .append(") promoted=false");
      if (next == null || !next.trackingUri().equals(previous.trackingUri())
          || !next.registeredModel().equals(previous.registeredModel())) {
        b.append("; alias production removed from ").append(previous.registeredModel());
      }
    }
    return b.toString();
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new RegistryMain(), args));
  }
}
