package com.marquee.service;

import com.marquee.service.api.AdminService;
import com.marquee.service.api.AnonymousRecommendService;
import com.marquee.service.api.DashboardService;
import com.marquee.service.api.ExplainService;
import com.marquee.service.api.FeedbackService;
import com.marquee.service.api.GenresService;
import com.marquee.service.api.HealthService;
import com.marquee.service.api.MoviesService;
import com.marquee.service.api.OpenApiService;
import com.marquee.service.api.PopularService;
import com.marquee.service.api.RecommendService;
import com.marquee.service.api.SimilarService;
import com.marquee.service.api.WebAppService;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.experiment.Experiment;
import com.marquee.service.http.ConnectionCloseFilter;
import com.marquee.service.http.ConnectionLimits;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.EndpointRegistry;
import com.marquee.service.http.HeadRequests;
import com.marquee.service.http.Http1Connections;
import com.marquee.service.http.JsonDirectHandler;
import com.marquee.service.http.JsonErrorHandler;
import com.marquee.service.http.ListenerWatchdog;
import com.marquee.service.http.ReadTimeouts;
import com.marquee.service.http.RequestFilter;
import com.marquee.service.log.FeedbackStore;
import com.marquee.service.log.JdbcExecutor;
import com.marquee.service.log.RequestLogConfig;
import com.marquee.service.log.RequestLogWriter;
import com.marquee.service.metrics.JvmMeters;
import com.marquee.service.metrics.PrometheusContentType;
import com.marquee.service.metrics.ServiceMetrics;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelLoadException;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.ModelWatcher;
import com.marquee.service.model.RetrieverFactory;
import com.marquee.service.realtime.CatalogUpdates;
import com.marquee.service.realtime.RealtimeUsers;
import com.marquee.service.recommend.Recommender;
import com.marquee.service.recommend.RulesConfig;
import com.marquee.service.recommend.ScoreRules;
import com.marquee.service.recommend.Similarity;
import com.marquee.service.security.AccessFilter;
import com.marquee.service.security.ApiKeys;
import com.marquee.service.security.ClientRateLimiter;
import com.marquee.service.security.CorsFilter;
import com.marquee.service.security.RateLimitConfig;
import io.helidon.http.Method;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The Marquee HTTP server: wires config, model holder, request log, metrics and the endpoints of
 * SPEC §5 into a Helidon SE {@link WebServer}.
 *
 * <p>{@link #start} opens the request log, tries to load the model (a missing or invalid model is
 * logged and the server starts without one: {@code /health/ready} answers 503 until {@code POST
 * /admin/reload} or the model watcher ({@link ModelWatcher}, {@code models.watch_interval_ms}) loads
 * one), loads the variants of an enabled A/B experiment (a variant that cannot be
 * loaded stops the start), and starts listening. {@link #close()} stops the server, then flushes
 * and closes the request log. Feedback events ({@code POST /feedback}) are written synchronously to
 * the {@code feedback} table of the same database by a {@link FeedbackStore} with its own connection;
 * catalog changes ({@code PUT}/{@code DELETE /admin/items}) go to its {@code catalog_changes} table and are
 * read back at start, before the first model load ({@link CatalogUpdates}).
 */
public final class MarqueeServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(MarqueeServer.class.getName());

  /** Path of the Prometheus endpoint (Helidon's metrics observer, moved from /observe/metrics). */
  public static final String METRICS_PATH = "/metrics";

  private final WebServer server;
  private final ModelHolder models;
  private final RequestLogWriter requestLog;
  private final FeedbackStore feedback;
  private final ServiceMetrics metrics;
  private final Experiment experiment;
  private final ModelWatcher watcher;
  private final JdbcExecutor jdbc;
  private final ListenerWatchdog listenerWatchdog;
  private final ReadTimeouts readTimeouts;

  private MarqueeServer(WebServer server, ModelHolder models, RequestLogWriter requestLog, FeedbackStore feedback,
      ServiceMetrics metrics, Experiment experiment, ModelWatcher watcher, JdbcExecutor jdbc,
      ListenerWatchdog listenerWatchdog, ReadTimeouts readTimeouts) {
    this.listenerWatchdog = listenerWatchdog;
    this.readTimeouts = readTimeouts;
    this.watcher = watcher;
    this.jdbc = jdbc;
    this.experiment = experiment;
    this.server = server;
    this.models = models;
    this.requestLog = requestLog;
    this.feedback = feedback;
    this.metrics = metrics;
  }

  /**
   * {@link #start(ServingConfig, RetrieverFactory)} with the retrieval of {@code config.retrieval()}
   * ({@link RetrieverFactory#of}).
   */
  public static MarqueeServer start(ServingConfig config) throws IOException {
    return start(config, RetrieverFactory.of(config.retrieval()));
  }

  /**
   * {@link #start(ServingConfig)} that runs {@code onListenerFailure} (on a new thread) if the HTTP
   * listener stops while the server was not being closed ({@link ListenerWatchdog}).
   */
  public static MarqueeServer start(ServingConfig config, Runnable onListenerFailure) throws IOException {
    return start(config, RetrieverFactory.of(config.retrieval()), onListenerFailure);
  }

  /** {@link #start(ServingConfig, RetrieverFactory, Runnable)} that only logs a listener failure. */
  public static MarqueeServer start(ServingConfig config, RetrieverFactory retrievers) throws IOException {
    return start(config, retrievers, () -> { });
  }

  /**
   * Starts a server.
   *
   * @param retrievers builds the top-k retriever of each loaded model (the vector-index seam)
   * @param onListenerFailure run (on a new thread) when the HTTP listener stops unexpectedly
   * @throws IOException if the request log database cannot be opened
   * @throws RuntimeException if the server cannot bind its port, or a variant of an enabled
   *     experiment cannot be loaded (the message names the variant and its config key)
   */
  public static MarqueeServer start(ServingConfig config, RetrieverFactory retrievers, Runnable onListenerFailure)
      throws IOException {
    Instant startedAt = Instant.now();
    MeterRegistry meters = Services.get(MeterRegistry.class);
    ServiceMetrics metrics = new ServiceMetrics(meters);
    JvmMeters.bindOnce(meters);
    RequestLogWriter log = null;
    FeedbackStore feedback = null;
    JdbcExecutor jdbc = JdbcExecutor.of(config.store());
    ReadTimeouts readTimeouts = null;
    ListenerWatchdog watchdog = null;
    try {
      RequestLogConfig lc = config.requestLog();
      log = RequestLogWriter.open(lc.dbPath(), lc.queueCapacity(), lc.batchSize(),
          Duration.ofMillis(lc.flushIntervalMs()));
      metrics.bind(log);
      feedback = FeedbackStore.open(lc.dbPath(), Duration.ofSeconds(config.store().idempotencyWindowSeconds()));
      RealtimeUsers realtime = new RealtimeUsers(config.limits().maxRealtimeUsers());
      CatalogUpdates catalog = CatalogUpdates.open(feedback, jdbc, config.limits().maxCatalogItems());
      ModelHolder models = new ModelHolder(config.models().dir(), retrievers, both(metrics, realtime),
          config.retrieval().cacheTopN(), catalog::serve);
      catalog.attach(models);
      try {
        models.reload();
      } catch (ModelLoadException e) {
        // ModelHolder has logged why.
        LOG.log(System.Logger.Level.WARNING, "starting without a model: /health/ready answers 503 until POST "
            + "/admin/reload succeeds");
      }
      Experiment experiment = Experiment.of(config.experiment(), config.models().registryDir(), retrievers,
          config.retrieval().cacheTopN(), catalog::serve)
          .orElse(null);
      if (experiment != null) {
        experiment.arms().forEach(a -> catalog.attach(a.models()));
      }
      if (experiment != null) {
        try {
          experiment.reloadAll();
        } catch (ModelLoadException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
        experiment.arms().forEach(a -> metrics.variantRequests(experiment.name(), a.name()));
        LOG.log(System.Logger.Level.INFO, "A/B experiment {0}: {1}", experiment.name(), experiment.versions());
      }
      ConnectionLimits cl = config.connections();
      long fdLimit = ConnectionLimits.fileDescriptorLimit();
      int maxConnections = cl.effectiveMaxConnections(fdLimit);
      if (fdLimit > 0 && maxConnections > fdLimit - ConnectionLimits.MIN_RESERVED_FDS) {
        LOG.log(System.Logger.Level.WARNING, "connections.max_connections {0} leaves fewer than {1} of the {2} file "
            + "descriptors this process may open: accept may fail with 'Too many open files'", maxConnections,
            ConnectionLimits.MIN_RESERVED_FDS, fdLimit);
      }
      readTimeouts = new ReadTimeouts(cl.headerTimeout(), cl.bodyTimeout());
      watchdog = new ListenerWatchdog(onListenerFailure);
      WebServer server = WebServer.builder()
          .host(config.server().host())
          .port(config.server().port())
          .shutdownHook(false)
          .maxTcpConnections(maxConnections)
          .idleConnectionTimeout(cl.idleTimeout())
          .idleConnectionPeriod(Duration.ofMillis(Math.max(1000, cl.idleTimeoutMs() / 4)))
          // one connection selector and no protocols: Helidon hands it each connection without reading a byte;
          // it runs Helidon's HTTP/1.1 connection, also for HTTP/1.0 clients (Http1Connections)
          .protocolsDiscoverServices(false)
          .addConnectionSelector(new Http1Connections(Http1Config.builder()
              .addReceiveListener(Http1Connections.all(readTimeouts.receive(), Http1Connections.ANSWERS))
              .addSendListener(Http1Connections.all(readTimeouts.send(), Http1Connections.ANSWERS))
              .build(), readTimeouts))
          .directHandlers(JsonDirectHandler.all())
          .routing(routing(config, models, experiment, metrics, log, feedback, startedAt, realtime, jdbc, watchdog,
              catalog))
          .addFeature(ObserveFeature.builder()
              .observersDiscoverServices(false)
              .addObserver(MetricsObserver.builder().endpoint(METRICS_PATH).build())
              .build())
          .build()
          .start();
      if (!server.isRunning() || server.port() < 0) {
        // Helidon logs the cause (e.g. BindException) and returns a stopped server instead of throwing.
        throw new IllegalStateException("cannot listen on " + config.server().host() + ":" + config.server().port()
            + " (address in use or not available; see the log above)");
      }
      LOG.log(System.Logger.Level.INFO, "Marquee serving on http://{0}:{1,number,#} (models {2}, request log {3}, "
          + "at most {4,number,#} connections, file descriptor limit {5,number,#})",
          config.server().host(), server.port(), config.models().dir(), lc.dbPath(), maxConnections, fdLimit);
      ModelWatcher watcher = config.models().watchIntervalMs() > 0
          ? new ModelWatcher(models, Duration.ofMillis(config.models().watchIntervalMs())).start()
          : null;
      return new MarqueeServer(server, models, log, feedback, metrics, experiment, watcher, jdbc, watchdog,
          readTimeouts);
    } catch (IOException | RuntimeException e) {
      if (readTimeouts != null) {
        readTimeouts.close();
      }
      if (watchdog != null) {
        watchdog.close();
      }
      if (feedback != null) {
        feedback.close();
      }
      if (log != null) {
        log.close();
      }
      metrics.close();
      jdbc.close();
      throw e;
    }
  }

  /** A listener notifying {@code first}, then {@code second}. */
  private static ModelHolder.Listener both(ModelHolder.Listener first, ModelHolder.Listener second) {
    return new ModelHolder.Listener() {
      @Override
      public void swapped(ModelSnapshot previous, ModelSnapshot current) {
        first.swapped(previous, current);
        second.swapped(previous, current);
      }

      @Override
      public void failed(java.nio.file.Path dir, String message) {
        first.failed(dir, message);
        second.failed(dir, message);
      }
    };
  }

  /** The business rules of the {@code rules} section. */
  static ScoreRules scoreRules(RulesConfig rules) {
    return new ScoreRules(new LinkedHashSet<>(rules.excludeMovieIds()), new LinkedHashSet<>(rules.excludeGenres()),
        rules.adjustments().stream()
            .map(a -> new ScoreRules.Adjustment(new LinkedHashSet<>(a.movieIds()), new LinkedHashSet<>(a.genres()),
                a.multiply(), a.add()))
            .toList());
  }

  private static HttpRouting.Builder routing(ServingConfig config, ModelHolder models, Experiment experiment,
      ServiceMetrics metrics, RequestLogWriter log, FeedbackStore feedback, Instant startedAt,
      RealtimeUsers realtime, JdbcExecutor jdbc, ListenerWatchdog watchdog, CatalogUpdates catalog) {
    int maxK = config.limits().maxK();
    long maxBody = config.limits().maxRequestBodyBytes();
    Recommender recommender = new Recommender(Similarity.of(config.similar().ranking()), scoreRules(config.rules()),
        config.rules().candidatePool());

    EndpointRegistry registry = endpoints();

    RateLimitConfig rl = config.rateLimit();
    AccessFilter access = new AccessFilter(ApiKeys.of(config.security().clientApiKeys()),
        rl.enabled() ? new ClientRateLimiter(rl.requestsPerSecond(), rl.burst(), rl.maxClients()) : null,
        config.security().publicPaths());
    HttpRouting.Builder routing = HttpRouting.builder()
        .addFilter(new ConnectionCloseFilter())
        .addFilter(new HeadRequests(registry))
        .addFilter(watchdog)
        .addFilter(new RequestFilter(registry, metrics, log))
        .addFilter(new PrometheusContentType(METRICS_PATH));
    if (config.cors().enabled()) {
      routing.addFilter(new CorsFilter(config.cors()));
    }
    if (access.active()) {
      routing.addFilter(access);
    }
    return routing
        .register(AnonymousRecommendService.PATH,
            new AnonymousRecommendService(models, recommender, metrics, maxK, maxBody,
                config.diversity()))
        .register(RecommendService.PATH,
            new RecommendService(models, recommender, metrics, maxK, maxBody, experiment, realtime,
                config.diversity()))
        .register(ExplainService.PATH, new ExplainService(models, realtime, maxK))
        .register(SimilarService.PATH, new SimilarService(models, recommender, maxK, maxBody))
        .register(PopularService.PATH, new PopularService(models, recommender, maxK))
        .register(FeedbackService.PATH, new FeedbackService(feedback, jdbc, maxBody, models, realtime, catalog))
        .register(HealthService.PATH, new HealthService(models, startedAt, config.models().dir()))
        .register(AdminService.PATH, new AdminService(models, config.admin().apiKeys(), experiment,
            config.admin().failedKeys(), config.models().dir(), catalog, maxBody))
        .register(DashboardService.PATH, new DashboardService(config.requestLog().dbPath(),
            config.dashboard().reportsDir(), config.dashboard().windowHours(), jdbc, config.store().dashboardCacheMs()))
        .register(OpenApiService.PATH, new OpenApiService())
        .register(MoviesService.PATH, new MoviesService(models, recommender))
        .register(GenresService.PATH, new GenresService(models))
        .register(WebAppService.PATH, new WebAppService())
        .error(Throwable.class, new JsonErrorHandler(registry));
  }

  /**
   * Every endpoint the server routes (metric labels, request-log flags, 405 answers); also the
   * list {@code /openapi} must document (checked by {@code OpenApiTest}).
   */
  public static EndpointRegistry endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(RecommendService.ENDPOINT);
    endpoints.add(AnonymousRecommendService.ENDPOINT);
    endpoints.add(ExplainService.ENDPOINT);
    endpoints.add(SimilarService.ENDPOINT);
    endpoints.add(PopularService.ENDPOINT);
    endpoints.add(FeedbackService.ENDPOINT);
    endpoints.addAll(HealthService.ENDPOINTS);
    endpoints.add(AdminService.RELOAD);
    endpoints.add(AdminService.ITEMS);
    endpoints.addAll(DashboardService.ENDPOINTS);
    endpoints.add(Endpoint.of(METRICS_PATH, Method.GET, false));
    endpoints.add(OpenApiService.ENDPOINT);
    endpoints.addAll(MoviesService.ENDPOINTS);
    endpoints.add(GenresService.ENDPOINT);
    endpoints.addAll(WebAppService.ENDPOINTS);
    return new EndpointRegistry(endpoints);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.port();
  }

  /** The model holder (to reload programmatically). */
  public ModelHolder models() {
    return models;
  }

  /** The running A/B experiment, if one is enabled. */
  public java.util.Optional<Experiment> experiment() {
    return java.util.Optional.ofNullable(experiment);
  }

  /** The request log writer. */
  public RequestLogWriter requestLog() {
    return requestLog;
  }

  /** Stops the model watcher and accepting requests, then flushes and closes the request log. Idempotent. */
  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.close();
    }
    listenerWatchdog.expectStop();
    if (server.isRunning()) {
      server.stop();
    }
    readTimeouts.close();
    listenerWatchdog.close();
    requestLog.close();
    feedback.close();
    jdbc.close();
    metrics.close();
  }
}
