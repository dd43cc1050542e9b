package com.marquee.service.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.config.ConfigLoader;
import com.marquee.service.http.ConnectionLimits;
import com.marquee.service.security.AdminKeyLimit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code configs/serving.yaml} as a typed record; every key is documented in that file. Load with
 * {@link #load(Path, Map, Map)}; values are validated here, so a bad value fails at start-up with
 * the key name in the message.
 *
 * @param server where to listen
 * @param models which model directory to serve
 * @param requestLog the SQLite request log (SPEC §6)
 * @param limits request limits
 * @param admin admin endpoint settings
 * @param experiment the A/B experiment on {@code /recommend} (disabled by default)
 * @param dashboard the {@code /dashboard} page and its data
 * @param diversity MMR re-ranking of {@code /recommend} ({@code "diversity"} in the request)
 * @param security client API keys
 * @param rateLimit per-client request rate limit
 * @param cors cross-origin resource sharing
 * @param retrieval how the top-k items are found (exact scoring or an IVF index); {@code null} (section
 *     absent) = {@link Retrieval#DEFAULT}
 * @param similar how {@code /similar} ranks items; {@code null} (section absent) = {@link Similar#DEFAULT}
 * @param rules business rules applied to every ranked list; {@code null} (section absent) = {@link Rules#NONE}
 * @param connections connection cap and header/idle timeouts; {@code null} (section absent) = {@link
 *     ConnectionLimits#DEFAULT}
 */
public record ServingConfig(Server server, Models models, RequestLog requestLog, Limits limits, Admin admin,
    Experiment experiment, Dashboard dashboard, Diversity diversity, Security security, RateLimit rateLimit,
    Cors cors, Retrieval retrieval, Similar similar, Rules rules, ConnectionLimits connections) {

  /** Validates the sections; cross-checks the experiment's variant names. */
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
    retrieval = retrieval == null ? Retrieval.DEFAULT : retrieval;
    similar = similar == null ? Similar.DEFAULT : similar;
    rules = rules == null ? Rules.NONE : rules;
    connections = connections == null ? ConnectionLimits.DEFAULT : connections;
  }

  /** A config with the default {@code connections} settings. */
  public ServingConfig(Server server, Models models, RequestLog requestLog, Limits limits, Admin admin,
      Experiment experiment, Dashboard dashboard, Diversity diversity, Security security, RateLimit rateLimit,
      Cors cors, Retrieval retrieval, Similar similar, Rules rules) {
    this(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security, rateLimit, cors,
        retrieval, similar, rules, ConnectionLimits.DEFAULT);
  }

  /** A config with the default {@code similar} settings and without business rules. */
  public ServingConfig(Server server, Models models, RequestLog requestLog, Limits limits, Admin admin,
      Experiment experiment, Dashboard dashboard, Diversity diversity, Security security, RateLimit rateLimit,
      Cors cors, Retrieval retrieval) {
    this(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security, rateLimit, cors,
        retrieval, Similar.DEFAULT, Rules.NONE);
  }

  /** A config with the default retrieval settings. */
  public ServingConfig(Server server, Models models, RequestLog requestLog, Limits limits, Admin admin,
      Experiment experiment, Dashboard dashboard, Diversity diversity, Security security, RateLimit rateLimit,
      Cors cors) {
    this(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security, rateLimit, cors,
        Retrieval.DEFAULT);
  }

  /**
   * A config without an experiment, with the default dashboard settings ({@code reports/} next to
   * the current directory), the default diversity pool, and without client keys, rate limit and
   * CORS; for tests and embedding.
   */
  public ServingConfig(Server server, Models models, RequestLog requestLog, Limits limits, Admin admin) {
    this(server, models, requestLog, limits, admin, Experiment.DISABLED, new Dashboard(Path.of("reports"), 168),
        Diversity.DEFAULT, Security.OFF, RateLimit.OFF, Cors.OFF, Retrieval.DEFAULT);
  }

  /**
   * @param host interface to bind, e.g. {@code 0.0.0.0}
   * @param port TCP port in [0, 65535]; 0 picks a free port
   */
  public record Server(String host, int port) {
    public Server {
      require(host != null && !host.isBlank(), "server.host", "must not be empty");
      require(port >= 0 && port <= 65535, "server.port", "must be in [0, 65535], got " + port);
    }
  }

  /**
   * @param dir model version directory (often a symlink to {@code models/registry/<version>})
   * @param registryDir directory of all model versions; experiment variants name subdirectories
   * @param watchIntervalMs how often the model watcher checks {@code dir} for a new version, ms;
   *     0 = no watcher (reload only with {@code POST /admin/reload}), else >= 100
   */
  public record Models(Path dir, Path registryDir, long watchIntervalMs) {
    public Models {
      require(dir != null && !dir.toString().isBlank(), "models.dir", "must not be empty");
      require(registryDir != null && !registryDir.toString().isBlank(), "models.registry_dir", "must not be empty");
      require(watchIntervalMs == 0 || watchIntervalMs >= 100, "models.watch_interval_ms",
          "must be 0 (off) or >= 100, got " + watchIntervalMs);
    }

    /** {@code dir} and {@code registryDir} without a watcher. */
    public Models(Path dir, Path registryDir) {
      this(dir, registryDir, 0);
    }

    /** {@code dir} with the registry as its sibling {@code registry} directory, without a watcher. */
    public Models(Path dir) {
      this(dir, dir == null || dir.toAbsolutePath().getParent() == null ? Path.of("models/registry")
          : dir.toAbsolutePath().getParent().resolve("registry"));
    }

    /** A copy whose watcher checks every {@code ms} milliseconds (0 = off). */
    public Models withWatchIntervalMs(long ms) {
      return new Models(dir, registryDir, ms);
    }
  }

  /**
   * @param dbPath SQLite file
   * @param queueCapacity rows that may wait in memory, >= 1
   * @param batchSize most rows per transaction, >= 1
   * @param flushIntervalMs longest wait of a queued row before it is written, ms, >= 1
   */
  public record RequestLog(Path dbPath, int queueCapacity, int batchSize, long flushIntervalMs) {
    public RequestLog {
      require(dbPath != null && !dbPath.toString().isBlank(), "request_log.db_path", "must not be empty");
      require(queueCapacity >= 1, "request_log.queue_capacity", "must be >= 1, got " + queueCapacity);
      require(batchSize >= 1, "request_log.batch_size", "must be >= 1, got " + batchSize);
      require(flushIntervalMs >= 1, "request_log.flush_interval_ms", "must be >= 1, got " + flushIntervalMs);
    }
  }

  /**
   * @param maxK largest accepted k, >= 1
   * @param maxRequestBodyBytes largest accepted request body, bytes, >= 1
   * @param maxRealtimeUsers most users in the real-time fold-in overlay, >= 0 (0 = off); {@code null}
   *     (key absent) = {@link #DEFAULT_MAX_REALTIME_USERS}
   */
  public record Limits(int maxK, long maxRequestBodyBytes, Integer maxRealtimeUsers) {

    /** {@code limits.max_realtime_users} when absent. */
    public static final int DEFAULT_MAX_REALTIME_USERS = 10_000;

    public Limits {
      require(maxK >= 1, "limits.max_k", "must be >= 1, got " + maxK);
      require(maxRequestBodyBytes >= 1, "limits.max_request_body_bytes", "must be >= 1, got " + maxRequestBodyBytes);
      maxRealtimeUsers = maxRealtimeUsers == null ? DEFAULT_MAX_REALTIME_USERS : maxRealtimeUsers;
      require(maxRealtimeUsers >= 0, "limits.max_realtime_users", "must be >= 0, got " + maxRealtimeUsers);
    }

    /** Limits with the default real-time overlay bound. */
    public Limits(int maxK, long maxRequestBodyBytes) {
      this(maxK, maxRequestBodyBytes, null);
    }
  }

  /**
   * @param apiKeys accepted {@code X-API-Key} values; empty disables the admin endpoint
   * @param failedKeys how many wrong keys a client address may present; {@code null} (absent) =
   *     {@link AdminKeyLimit#DEFAULT}
   */
  public record Admin(List<String> apiKeys, AdminKeyLimit failedKeys) {
    public Admin {
      apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
      failedKeys = failedKeys == null ? AdminKeyLimit.DEFAULT : failedKeys;
    }

    /** {@code apiKeys} with the default limit of failed keys. */
    public Admin(List<String> apiKeys) {
      this(apiKeys, null);
    }
  }

  /**
   * An A/B experiment on {@code POST /recommend}: each user is assigned to one variant by a hash of
   * (experiment name, user id), and served by that variant's model version.
   *
   * @param enabled whether the experiment runs; when false the other keys are not checked
   * @param name experiment name, part of the assignment hash (renaming it reshuffles users)
   * @param variants the arms; names unique, shares in (0, 1] summing to 1
   */
  public record Experiment(boolean enabled, String name, List<Variant> variants) {

    /** No experiment. */
    public static final Experiment DISABLED = new Experiment(false, "", List.of());

    /** Share sums within this distance of 1 are accepted (decimal fractions in YAML). */
    public static final double SHARE_TOLERANCE = 1e-6;

    public Experiment {
      name = name == null ? "" : name.strip();
      variants = variants == null ? List.of() : List.copyOf(variants);
      if (enabled) {
        require(!name.isEmpty(), "experiment.name", "must not be empty when experiment.enabled is true");
        require(!variants.isEmpty(), "experiment.variants", "must list at least one variant when experiment.enabled is true");
        java.util.Set<String> seen = new java.util.HashSet<>();
        double sum = 0;
        for (int i = 0; i < variants.size(); i++) {
          Variant v = variants.get(i);
          String key = "experiment.variants[" + i + "]";
          require(v != null, key, "must not be empty");
          require(v.name() != null && !v.name().isBlank(), key + ".name", "must not be empty");
          require(seen.add(v.name()), key + ".name", "duplicates variant name '" + v.name() + "'");
          require(v.modelVersion() != null && v.modelVersion().matches("[A-Za-z0-9._-]+")
                  && !v.modelVersion().equals(".") && !v.modelVersion().equals(".."),
              key + ".model_version", "must name a directory under models.registry_dir (letters, digits, '.', '_', '-'), got "
                  + v.modelVersion());
          require(v.share() > 0 && v.share() <= 1, key + ".share", "must be in (0, 1], got " + v.share());
          sum += v.share();
        }
        require(Math.abs(sum - 1) <= SHARE_TOLERANCE, "experiment.variants", "shares must sum to 1, got " + sum);
      }
    }
  }

  /**
   * One arm of the experiment.
   *
   * @param name reported as {@code variant} in responses, the request log and metrics
   * @param modelVersion a directory under {@code models.registry_dir}
   * @param share fraction of users, in (0, 1]
   */
  public record Variant(String name, String modelVersion, double share) {}

  /**
   * @param reportsDir where the Beam KPI and replay jobs write {@code kpis.json} and {@code replay.json}
   * @param windowHours how many hours of the request log {@code GET /dashboard/data} summarizes, >= 1
   */
  public record Dashboard(Path reportsDir, int windowHours) {
    public Dashboard {
      require(reportsDir != null && !reportsDir.toString().isBlank(), "dashboard.reports_dir", "must not be empty");
      require(windowHours >= 1, "dashboard.window_hours", "must be >= 1, got " + windowHours);
    }
  }

  /**
   * @param candidatePool how many of the best-scored allowed items MMR re-ranks when a request asks
   *     for {@code diversity > 0} (at least {@code k} are used), in [1, 100000]
   * @param maxCost most item-item similarity evaluations one request's MMR re-ranking may cost:
   *     {@code (offset + k) * min(max(offset + k, candidate_pool), items)}; a request over it gets 400.
   *     >= 1; {@code null} (key absent) = {@value #DEFAULT_MAX_COST}
   */
  public record Diversity(int candidatePool, Long maxCost) {

    /** {@code diversity.max_cost} when absent: k = 100 over the default pool of 5000. */
    public static final long DEFAULT_MAX_COST = 500_000;

    /** {@code diversity.candidate_pool} and {@code max_cost} of configs/serving.yaml. */
    public static final Diversity DEFAULT = new Diversity(5000);

    public Diversity {
      require(candidatePool >= 1 && candidatePool <= 100_000, "diversity.candidate_pool",
          "must be in [1, 100000], got " + candidatePool);
      maxCost = maxCost == null ? DEFAULT_MAX_COST : maxCost;
      require(maxCost >= 1, "diversity.max_cost", "must be >= 1, got " + maxCost);
    }

    /** {@code candidatePool} with the default {@code max_cost}. */
    public Diversity(int candidatePool) {
      this(candidatePool, null);
    }
  }

  /**
   * @param clientApiKeys accepted {@code X-API-Key} values of clients; empty = no client
   *     authentication
   * @param publicPaths paths that need no client key and are not rate limited (health probes,
   *     metrics scrapes), exact match
   */
  public record Security(List<String> clientApiKeys, List<String> publicPaths) {

    /** No client keys; health and metrics public. */
    public static final Security OFF = new Security(List.of(),
        List.of("/health", "/health/live", "/health/ready", "/metrics"));

    public Security {
      clientApiKeys = clientApiKeys == null ? List.of()
          : clientApiKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
      publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
      for (int i = 0; i < publicPaths.size(); i++) {
        String p = publicPaths.get(i);
        require(p != null && p.startsWith("/"), "security.public_paths[" + i + "]", "must start with '/', got " + p);
      }
    }

    /** A copy accepting {@code keys}. */
    public Security withClientApiKeys(List<String> keys) {
      return new Security(keys, publicPaths);
    }
  }

  /**
   * A token bucket per client (Bucket4j): {@code burst} tokens, refilled continuously at {@code
   * requestsPerSecond}; one token per request.
   *
   * @param requestsPerSecond sustained rate per client, > 0; 0 = no rate limit
   * @param burst bucket capacity (requests a client may send at once), >= 1
   * @param maxClients most buckets kept in memory, >= 1
   */
  public record RateLimit(double requestsPerSecond, int burst, int maxClients) {

    /** No rate limit. */
    public static final RateLimit OFF = new RateLimit(0, 20, 100_000);

    public RateLimit {
      require(Double.isFinite(requestsPerSecond) && requestsPerSecond >= 0, "rate_limit.requests_per_second",
          "must be >= 0 (0 = off), got " + requestsPerSecond);
      require(burst >= 1, "rate_limit.burst", "must be >= 1, got " + burst);
      require(maxClients >= 1, "rate_limit.max_clients", "must be >= 1, got " + maxClients);
    }

    /** True when requests are limited. */
    public boolean enabled() {
      return requestsPerSecond > 0;
    }
  }

  /**
   * @param allowedOrigins origins allowed to call the API from a browser ({@code https://host[:port]},
   *     or {@code *} for any); empty = CORS off (no CORS headers, preflights get 405)
   * @param allowedMethods methods a cross-origin request may use
   * @param allowedHeaders request headers it may send
   * @param exposedHeaders response headers its script may read
   * @param maxAgeSeconds how long a browser may cache a preflight answer, >= 0
   */
  public record Cors(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
      List<String> exposedHeaders, long maxAgeSeconds) {

    /** CORS off. */
    public static final Cors OFF = new Cors(List.of(), List.of("GET", "POST"),
        List.of("Content-Type", "X-API-Key", "X-Request-ID"), List.of("X-Request-ID", "Retry-After"), 600);

    public Cors {
      allowedOrigins = allowedOrigins == null ? List.of()
          : allowedOrigins.stream().filter(o -> o != null && !o.isBlank()).map(String::strip).toList();
      allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
      allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
      exposedHeaders = exposedHeaders == null ? List.of() : List.copyOf(exposedHeaders);
      for (int i = 0; i < allowedOrigins.size(); i++) {
        String o = allowedOrigins.get(i);
        require(o.equals("*") || o.matches("https?://[^/\\s]+"), "cors.allowed_origins[" + i + "]",
            "must be '*' or scheme://host[:port] without a path, got " + o);
      }
      require(maxAgeSeconds >= 0, "cors.max_age_seconds", "must be >= 0, got " + maxAgeSeconds);
    }

    /** True when cross-origin requests are allowed from some origin. */
    public boolean enabled() {
      return !allowedOrigins.isEmpty();
    }

    /** A copy allowing {@code origins}. */
    public Cors withAllowedOrigins(List<String> origins) {
      return new Cors(origins, allowedMethods, allowedHeaders, exposedHeaders, maxAgeSeconds);
    }
  }

  /**
   * The {@code retrieval} section: how {@code /recommend}, {@code /recommend/anonymous} and {@code
   * /similar} find the top-k items by inner product.
   *
   * @param mode {@code exact} (score every item), {@code ivf} (inverted-file index with exact
   *     re-ranking) or {@code auto} ({@code ivf} when the model has at least {@code ivf.min_items}
   *     items, else {@code exact})
   * @param ivf the IVF index settings
   * @param cacheTopN length of the per-user cached lists ({@code cache_top_n}, see {@code
   *     model.UserTopCache}); {@code >= 0}, 0 = no cache; absent = {@value #DEFAULT_CACHE_TOP_N}
   */
  public record Retrieval(String mode, Ivf ivf, Integer cacheTopN) {

    /** {@code cache_top_n} when absent. */
    public static final int DEFAULT_CACHE_TOP_N = 20;

    /** Accepted values of {@code mode}. */
    public static final List<String> MODES = List.of("exact", "ivf", "auto");

    /** The defaults of configs/serving.yaml. */
    public static final Retrieval DEFAULT = new Retrieval("auto", Ivf.DEFAULT);

    public Retrieval {
      require(mode != null && MODES.contains(mode), "retrieval.mode", "must be one of " + MODES + ", got " + mode);
      ivf = ivf == null ? Ivf.DEFAULT : ivf;
      cacheTopN = cacheTopN == null ? DEFAULT_CACHE_TOP_N : cacheTopN;
      require(cacheTopN >= 0, "retrieval.cache_top_n", "must be >= 0, got " + cacheTopN);
    }

    /** {@code mode} and {@code ivf} with the default {@code cache_top_n}. */
    public Retrieval(String mode, Ivf ivf) {
      this(mode, ivf, null);
    }

    /** The same settings with {@code mode}. */
    public Retrieval withMode(String mode) {
      return new Retrieval(mode, ivf, cacheTopN);
    }

    /** The same settings with {@code cache_top_n}. */
    public Retrieval withCacheTopN(int topN) {
      return new Retrieval(mode, ivf, topN);
    }
  }

  /**
   * The {@code similar} section.
   *
   * @param ranking how {@code POST /similar} and the {@code similar} list of {@code GET
   *     /movies/{movie_id}} rank items: {@code cosine} (cosine of the item embeddings, the default)
   *     or {@code inner_product} (dot product of the embeddings, which favours popular items)
   */
  public record Similar(String ranking) {

    /** Accepted values of {@code ranking} (see {@code recommend.Similarity}). */
    public static final List<String> RANKINGS = List.of("cosine", "inner_product");

    /** The defaults of configs/serving.yaml. */
    public static final Similar DEFAULT = new Similar("cosine");

    public Similar {
      ranking = ranking == null ? "cosine" : ranking;
      require(RANKINGS.contains(ranking), "similar.ranking", "must be one of " + RANKINGS + ", got " + ranking);
    }
  }

  /**
   * @param minItems {@code auto} mode uses the index from this many items on, >= 1
   * @param lists number of k-means cells, >= 0; 0 = {@code round(sqrt(nItems))}
   * @param probes cells scanned at least per query, >= 1
   * @param kmeansIterations Lloyd iterations when the index is built (at every model load), >= 1
   */
  public record Ivf(int minItems, int lists, int probes, int kmeansIterations) {

    /** The defaults of configs/serving.yaml. */
    public static final Ivf DEFAULT = new Ivf(20_000, 0, 12, 6);

    public Ivf {
      require(minItems >= 1, "retrieval.ivf.min_items", "must be >= 1, got " + minItems);
      require(lists >= 0, "retrieval.ivf.lists", "must be >= 0 (0 = automatic), got " + lists);
      require(probes >= 1, "retrieval.ivf.probes", "must be >= 1, got " + probes);
      require(kmeansIterations >= 1, "retrieval.ivf.kmeans_iterations", "must be >= 1, got " + kmeansIterations);
    }

    /** Cells for a catalog of {@code nItems}: {@code lists}, or {@code round(sqrt(nItems))} when 0; >= 1. */
    public int listsFor(int nItems) {
      return Math.max(1, lists > 0 ? lists : (int) Math.round(Math.sqrt(nItems)));
    }
  }

  /**
   * The {@code rules} section: business rules applied to every ranked list ({@code
   * com.marquee.service.recommend.ScoreRules}; a request's {@code rules} add to these).
   *
   * @param excludeMovieIds movies never returned
   * @param excludeGenres genres whose movies are never returned (case-insensitive)
   * @param adjustments score adjustments in order ({@code score * multiply + add} for matching movies)
   * @param candidatePool how many best-scored allowed items the adjustments re-rank (at least {@code
   *     offset + k}), in [1, 100000]; absent = {@value #DEFAULT_CANDIDATE_POOL}
   */
  public record Rules(List<Long> excludeMovieIds, List<String> excludeGenres, List<Adjustment> adjustments,
      Integer candidatePool) {

    /** {@code rules.candidate_pool} when absent. */
    public static final int DEFAULT_CANDIDATE_POOL = 1000;

    /** No rules. */
    public static final Rules NONE = new Rules(List.of(), List.of(), List.of(), null);

    public Rules {
      excludeMovieIds = excludeMovieIds == null ? List.of() : List.copyOf(excludeMovieIds);
      excludeGenres = excludeGenres == null ? List.of() : List.copyOf(excludeGenres);
      adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
      candidatePool = candidatePool == null ? DEFAULT_CANDIDATE_POOL : candidatePool;
      require(candidatePool >= 1 && candidatePool <= 100_000, "rules.candidate_pool",
          "must be in [1, 100000], got " + candidatePool);
      for (int i = 0; i < adjustments.size(); i++) {
        Adjustment a = adjustments.get(i);
        String key = "rules.adjustments[" + i + "]";
        require(a != null && (!a.movieIds().isEmpty() || !a.genres().isEmpty()), key, "needs movie_ids or genres");
        require(Double.isFinite(a.multiply()) && a.multiply() >= 0, key + ".multiply",
            "must be a finite number >= 0, got " + a.multiply());
        require(Double.isFinite(a.add()), key + ".add", "must be a finite number, got " + a.add());
      }
    }
  }

  /**
   * One entry of {@code rules.adjustments}. Unlike the other sections its keys are optional (a
   * mapping with only {@code genres} and {@code multiply}, say), so it is read from the YAML node
   * by {@link #fromYaml}, which still rejects unknown keys by name.
   *
   * @param movieIds movies it applies to
   * @param genres genres it applies to (a movie with any of them)
   * @param multiply factor, >= 0; absent = 1
   * @param add shift; absent = 0
   */
  public record Adjustment(List<Long> movieIds, List<String> genres, Double multiply, Double add) {

    /** The keys of one entry. */
    public static final List<String> KEYS = List.of("movie_ids", "genres", "multiply", "add");

    public Adjustment {
      movieIds = movieIds == null ? List.of() : List.copyOf(movieIds);
      genres = genres == null ? List.of() : List.copyOf(genres);
      multiply = multiply == null ? 1.0 : multiply;
      add = add == null ? 0.0 : add;
    }

    /**
     * An entry from its YAML mapping; absent keys take their defaults.
     *
     * @throws IllegalArgumentException on an unknown key or a value of the wrong type (the message names it)
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Adjustment fromYaml(JsonNode node) {
      require(node != null && node.isObject(), "rules.adjustments[]", "entries must be mappings of " + KEYS);
      node.fieldNames().forEachRemaining(k -> require(KEYS.contains(k), "rules.adjustments[]." + k,
          "is not a key of an adjustment (keys: " + KEYS + ")"));
      List<Long> ids = new ArrayList<>();
      node.path("movie_ids").forEach(v -> {
        require(v.canConvertToExactIntegral(), "rules.adjustments[].movie_ids", "must hold integers, got " + v);
        ids.add(v.longValue());
      });
      List<String> genres = new ArrayList<>();
      node.path("genres").forEach(v -> genres.add(v.asText()));
      return new Adjustment(ids, genres, number(node, "multiply"), number(node, "add"));
    }

    private static Double number(JsonNode node, String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      require(v.isNumber(), "rules.adjustments[]." + key, "must be a number, got " + v);
      return v.doubleValue();
    }
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
        new Models(base.resolve(models.dir()), base.resolve(models.registryDir()), models.watchIntervalMs()),
        new RequestLog(base.resolve(requestLog.dbPath()), requestLog.queueCapacity(), requestLog.batchSize(),
            requestLog.flushIntervalMs()),
        limits,
        admin,
        experiment,
        new Dashboard(base.resolve(dashboard.reportsDir()), dashboard.windowHours()),
        diversity, security, rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code connections} settings. */
  public ServingConfig withConnections(ConnectionLimits connections) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy listening on {@code host:port}. */
  public ServingConfig withServer(String host, int port) {
    return new ServingConfig(new Server(host, port), models, requestLog, limits, admin, experiment, dashboard,
        diversity, security, rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy running {@code experiment} with variants under {@code registryDir}. */
  public ServingConfig withExperiment(Path registryDir, Experiment experiment) {
    return new ServingConfig(server, new Models(models.dir(), registryDir, models.watchIntervalMs()), requestLog,
        limits, admin, experiment, dashboard, diversity, security, rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code dashboard} settings. */
  public ServingConfig withDashboard(Dashboard dashboard) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code models} settings. */
  public ServingConfig withModels(Models models) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code diversity} settings. */
  public ServingConfig withDiversity(Diversity diversity) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code security} settings. */
  public ServingConfig withSecurity(Security security) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code rateLimit} settings. */
  public ServingConfig withRateLimit(RateLimit rateLimit) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code cors} settings. */
  public ServingConfig withCors(Cors cors) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code similar} settings. */
  public ServingConfig withSimilar(Similar similar) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  /** A copy with {@code retrieval} settings. */
  public ServingConfig withRetrieval(Retrieval retrieval) {
    return new ServingConfig(server, models, requestLog, limits, admin, experiment, dashboard, diversity, security,
        rateLimit, cors, retrieval, similar, rules, connections);
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("'" + key + "' " + problem);
    }
  }
}
