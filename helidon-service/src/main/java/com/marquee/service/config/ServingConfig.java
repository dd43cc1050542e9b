package com.marquee.service.config;

import static com.marquee.common.config.ConfigChecks.require;

import com.marquee.common.config.ConfigLoader;
import com.marquee.service.dashboard.DashboardConfig;
import com.marquee.service.experiment.ExperimentConfig;
import com.marquee.service.http.ConnectionLimits;
import com.marquee.service.http.RequestLimits;
import com.marquee.service.http.ServerAddress;
import com.marquee.service.log.RequestLogConfig;
import com.marquee.service.log.StoreConfig;
import com.marquee.service.model.ModelsConfig;
import com.marquee.service.model.RetrievalConfig;
import com.marquee.service.recommend.DiversityConfig;
import com.marquee.service.recommend.RulesConfig;
import com.marquee.service.recommend.SimilarConfig;
import com.marquee.service.security.AdminConfig;
import com.marquee.service.security.CorsConfig;
import com.marquee.service.security.RateLimitConfig;
import com.marquee.service.security.SecurityConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code configs/serving.yaml} as a typed record; every key is documented in that file. Load with
 * {@link #load}; values are validated by each section's record, which lives beside the package that
 * uses it, so a bad value fails at start-up with the key name in the message.
 *
 * @param server where to listen ({@link ServerAddress})
 * @param models which model directory to serve ({@link ModelsConfig})
 * @param requestLog the SQLite request log, SPEC §6 ({@link RequestLogConfig})
 * @param limits request limits ({@link RequestLimits})
 * @param admin admin endpoint settings ({@link AdminConfig})
 * @param experiment the A/B experiment on {@code /recommend}, disabled by default ({@link ExperimentConfig})
 * @param dashboard the {@code /dashboard} page and its data ({@link DashboardConfig})
 * @param diversity MMR re-ranking of {@code /recommend} ({@link DiversityConfig})
 * @param security client API keys ({@link SecurityConfig})
 * @param rateLimit per-client request rate limit ({@link RateLimitConfig})
 * @param cors cross-origin resource sharing ({@link CorsConfig})
 * @param retrieval how the top-k items are found ({@link RetrievalConfig}); {@code null} (section
 *     absent) = {@link RetrievalConfig#DEFAULT}
 * @param similar how {@code /similar} ranks items ({@link SimilarConfig}); {@code null} = its DEFAULT
 * @param rules business rules applied to every ranked list ({@link RulesConfig}); {@code null} = NONE
 * @param store database access from request threads ({@link StoreConfig}); {@code null} (section
 *     absent) = {@link StoreConfig#DEFAULT}
 * @param connections connection cap and header/idle timeouts ({@link ConnectionLimits}); {@code null}
 *     (section absent) = {@link ConnectionLimits#DEFAULT}
 */
public record ServingConfig(ServerAddress server, ModelsConfig models, RequestLogConfig requestLog,
    RequestLimits limits, AdminConfig admin, ExperimentConfig experiment, DashboardConfig dashboard,
    DiversityConfig diversity, SecurityConfig security, RateLimitConfig rateLimit, CorsConfig cors,
    RetrievalConfig retrieval, SimilarConfig similar, RulesConfig rules, StoreConfig store,
    ConnectionLimits connections) {

  /** Validates that the required sections are present and fills in the optional ones. */
  public ServingConfig {
    require(server != null, "server", "section is missing");
    require(models != null, "models", "section is missing");
    require(requestLog != null, "request_log", "section is missing");
    require(limits != null, "limits", "section is missing");
    require(admin != null, "admin", "section is missing");
    require(experiment != null, "experiment", "section is missing");
    require(dashboard != null, "dashboard", "section is missing");
    require(diversity != null, "diversity", "section is missing");
    require(security != null, "security", "section is missing");
    require(rateLimit != null, "rate_limit", "section is missing");
    require(cors != null, "cors", "section is missing");
    retrieval = retrieval == null ? RetrievalConfig.DEFAULT : retrieval;
    similar = similar == null ? SimilarConfig.DEFAULT : similar;
    rules = rules == null ? RulesConfig.NONE : rules;
    store = store == null ? StoreConfig.DEFAULT : store;
    connections = connections == null ? ConnectionLimits.DEFAULT : connections;
  }

  /**
   * A config without an experiment, with the default dashboard settings ({@code reports/} next to
   * the current directory), the default diversity pool, and without client keys, rate limit and
   * CORS; every optional section at its default. For tests and embedding; change a section with
   * {@link #with}.
   */
  public ServingConfig(ServerAddress server, ModelsConfig models, RequestLogConfig requestLog, RequestLimits limits,
      AdminConfig admin) {
    this(server, models, requestLog, limits, admin, ExperimentConfig.DISABLED, new DashboardConfig(Path.of("reports"), 168),
        DiversityConfig.DEFAULT, SecurityConfig.OFF, RateLimitConfig.OFF, CorsConfig.OFF, null, null, null, null, null);
  }

  /**
   * Loads {@code file} with environment and CLI overrides, then resolves relative paths against
   * {@code baseDir}.
   *
   * @param env environment variables ({@code MARQUEE_SERVER_PORT} overrides {@code server.port}, ...)
   * @param overrides dotted key to value, applied last (CLI flags)
   * @throws com.marquee.common.config.ConfigException if the file is unreadable or a key is
   *     unknown or invalid (the message names the key)
   */
  public static ServingConfig load(Path file, Map<String, String> env, Map<String, String> overrides, Path baseDir) {
    return ConfigLoader.load(file, ServingConfig.class, env, overrides).resolvedAgainst(baseDir);
  }

  /**
   * A copy with relative {@code models.dir}, {@code models.registry_dir}, {@code request_log.db_path}
   * and {@code dashboard.reports_dir} resolved against {@code base}.
   */
  public ServingConfig resolvedAgainst(Path base) {
    return new ServingConfig(
        server,
        new ModelsConfig(base.resolve(models.dir()), base.resolve(models.registryDir()), models.watchIntervalMs()),
        new RequestLogConfig(base.resolve(requestLog.dbPath()), requestLog.queueCapacity(), requestLog.batchSize(),
            requestLog.flushIntervalMs()),
        limits,
        admin,
        experiment,
        new DashboardConfig(base.resolve(dashboard.reportsDir()), dashboard.windowHours()),
        diversity, security, rateLimit, cors, retrieval, similar, rules, store, connections);
  }

  /**
   * A copy with one section replaced: the component whose type is {@code section}'s class (every
   * section has its own record type), e.g. {@code config.with(new SimilarConfig("inner_product"))}.
   *
   * @throws IllegalArgumentException if {@code section} is not the type of a section
   */
  public ServingConfig with(Record section) {
    Record[] parts = {server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, store, connections};
    boolean replaced = false;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].getClass() == section.getClass()) {
        parts[i] = section;
        replaced = true;
      }
    }
    require(replaced, section.getClass().getSimpleName(), "is not a section of the serving config");
    return new ServingConfig((ServerAddress) parts[0], (ModelsConfig) parts[1], (RequestLogConfig) parts[2],
        (RequestLimits) parts[3], (AdminConfig) parts[4], (ExperimentConfig) parts[5], (DashboardConfig) parts[6],
        (DiversityConfig) parts[7], (SecurityConfig) parts[8], (RateLimitConfig) parts[9], (CorsConfig) parts[10],
        (RetrievalConfig) parts[11], (SimilarConfig) parts[12], (RulesConfig) parts[13], (StoreConfig) parts[14],
        (ConnectionLimits) parts[15]);
  }

  /** A copy running {@code experiment} with variants under {@code registryDir}. */
  public ServingConfig withExperiment(Path registryDir, ExperimentConfig experiment) {
    return with(new ModelsConfig(models.dir(), registryDir, models.watchIntervalMs())).with(experiment);
  }
}
