package com.marquee.trainer;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.IdMapping;
import com.marquee.common.artifact.ItemCatalog;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.ModelMetadata;
import com.marquee.common.artifact.PopularityRanking;
import com.marquee.common.config.ConfigLoader;
import com.marquee.common.config.DataConfig;
import com.marquee.common.content.ContentFeatures;
import com.marquee.common.content.ContentMapping;
import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.MovieLensFiles;
import com.marquee.trainer.als.IalsTrainer;
import com.marquee.trainer.baselines.IalsFoldInScorer;
import com.marquee.trainer.baselines.IalsScorer;
import com.marquee.trainer.baselines.ItemKnnScorer;
import com.marquee.trainer.baselines.PopularityScorer;
import com.marquee.trainer.baselines.Scorer;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.content.ContentModels;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.FeatureFiles;
import com.marquee.trainer.data.InteractionMatrix;
import com.marquee.trainer.data.TrainingData;
import com.marquee.trainer.evaluate.Evaluator;
import com.marquee.trainer.index.FaissVectorIndex;
import com.marquee.trainer.mlflow.MlflowRecord;
import com.marquee.trainer.mlflow.MlflowTracker;
import com.marquee.trainer.registry.ModelRegistry;
import com.marquee.trainer.registry.PromotionDecision;
import com.marquee.trainer.registry.PromotionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer step that runs after the Beam stages: loads the splits, fits iALS and the baselines,
 * evaluates all of them on validation and test with full ranking, writes a complete model version
 * (SPEC §4, the FAISS index included) into the registry and promotes it if it beats production.
 *
 * <p>Served fit: with {@code served_model.fit_on: all} (the default) the evaluated hyperparameters
 * are fitted once more on every interaction of the three splits ({@link InteractionMatrix}), and that
 * fit is what the version serves (embeddings, mappings, {@code user_items.bin}, FAISS index). The
 * metrics recorded, and so the promotion rule, are those of the train-only fit, the only one with
 * held-out data; {@code dataset.counts.served_*} in {@code model_metadata.json} give the served fit's size.
 *
 * <p>Items without interactions: every movie of {@code item_features.csv} (the whole {@code movies.csv})
 * that the served fit has no factors for gets a vector from the content mapping (common {@code
 * com.marquee.common.content}; ridge regression of the served item factors on genres, year bucket,
 * title and {@code tags.csv} tokens, Gantner et al., ICDM 2010; {@code content.*} keys). These items
 * are appended after the trained items to the item mapping, embeddings, FAISS index and (as empty
 * columns) {@code user_items.bin}, listed in {@code cold_start_items.json}, and the mapping is stored as
 * {@code content_features.json} and {@code content_mapping.npy} so the server can embed movies added later.
 *
 * <p>Reproducibility: besides the SPEC §4 files a version holds {@code training_config.yaml} (the
 * effective trainer config, environment overrides applied; seed in {@code model.seed}) and, when
 * run by the full pipeline, {@code data_config.yaml}; {@code model_metadata.json} has the SHA-256 of
 * every raw input file. Training is deterministic, so the same configs on the same data give the same
 * metrics.
 *
 * <p>MLflow: with {@code mlflow.tracking_uri} set, the run is logged and the version registered
 * ({@link MlflowTracker}; {@code mlflow.json} in the version directory says where). A tracking
 * failure is a warning: the local version is written and promoted exactly as without MLflow.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** Model name of iALS in the metrics map; the promotion metric is read from it. */
  public static final String IALS = IalsScorer.NAME;

  /** The effective trainer config, copied into every version. */
  public static final String TRAINING_CONFIG_FILE = ArtifactFiles.TRAINING_CONFIG;
  /** The effective data config of the stages that produced the splits (full pipeline only). */
  public static final String DATA_CONFIG_FILE = ArtifactFiles.DATA_CONFIG;

  private final TrainingConfig cfg;
  private final TrainerPaths paths;
  private final DataConfig dataConfig;
  private final MlflowTracker tracker;
  private final Map<String, Object> search;

  /** A trainer without a recorded data config; MLflow credentials from the process environment. */
  public Trainer(TrainingConfig cfg, TrainerPaths paths) {
    this(cfg, paths, null);
  }

  /**
   * @param dataConfig the data config that produced the splits, copied into the version; null when unknown
   */
  public Trainer(TrainingConfig cfg, TrainerPaths paths, DataConfig dataConfig) {
    this(cfg, paths, dataConfig, null);
  }

  /**
   * @param dataConfig the data config that produced the splits, copied into the version; null when unknown
   * @param search summary of the hyperparameter search that chose {@code cfg.model()} (scripts/tune.sh),
   *     recorded as {@code hyperparameters.search} in {@code model_metadata.json}; null when none
   */
  public Trainer(TrainingConfig cfg, TrainerPaths paths, DataConfig dataConfig, Map<String, Object> search) {
    this.cfg = cfg;
    this.paths = paths;
    this.dataConfig = dataConfig;
    this.search = search;
    this.tracker = MlflowTracker.create(cfg.mlflow(), System.getenv());
  }

  /** Logs the wall-clock time of one trainer step that started at {@code since} (System.nanoTime); returns now. */
  private static long logStep(String step, long since) {
    long now = System.nanoTime();
    LOG.info("trainer step {}: {} s", step, String.format(java.util.Locale.ROOT, "%.1f", (now - since) / 1e9));
    return now;
  }

  /**
   * Runs the whole trainer step.
   *
   * @throws IOException if an input cannot be read or the version cannot be written
   * @throws IllegalArgumentException if an input file is malformed (the message names it)
   */
  public TrainingResult run() throws IOException {
    long t0 = System.nanoTime();
    TrainingData.Splits splits = TrainingData.Splits.read(paths.processedDir());
    TrainingData data = splits.trainingData();
    InteractionMatrix all = cfg.servedModel().fitOn() == TrainingConfig.FitOn.ALL ? splits.all() : null;
    splits = null; // the rows are mapped: let the lists go before training
    LOG.info("training data: {} users x {} items, {} train interactions; evaluated: {} val, {} test interactions "
            + "({} val, {} test cold-start dropped)",
        data.users().size(), data.items().size(), data.train().nnz(), data.val().heldOut().nnz(),
        data.test().heldOut().nnz(), data.val().droppedColdStart(), data.test().droppedColdStart());
    long tStep = logStep("load splits", t0);

    int threads = cfg.model().effectiveThreads();
    List<Double> lossCurve = new java.util.ArrayList<>();
    IalsTrainer.Factors factors = new IalsTrainer(cfg.model()).train(data.train(), (it, loss, secs) -> {
      lossCurve.add(loss);
      LOG.info("iALS iteration {}/{}: loss {} ({} s)", it, cfg.model().iterations(), String.format("%.4f", loss),
          String.format("%.3f", secs));
    });
    tStep = logStep("train iALS", tStep);

    // Validation: training users with their trained vectors. Test: train + val history, iALS users by
    // fold-in (see TrainingData). Baselines score from the same history.
    Scorer popular = new PopularityScorer(data.train());
    Scorer itemKnn = new ItemKnnScorer(data.train(), cfg.baselines().itemknnNeighbors(), threads);
    Scorer ialsVal = new IalsScorer(factors.users(), factors.items());
    Scorer ialsTest = new IalsFoldInScorer(factors.items(),
        new IalsSolver(cfg.model().factors(), cfg.model().objective()));
    Map<String, Map<String, Map<String, Double>>> metrics = new LinkedHashMap<>();
    for (Scorer[] pair : new Scorer[][] {{ialsVal, ialsTest}, {popular, popular}, {itemKnn, itemKnn}}) {
      Map<String, Map<String, Double>> perSplit = new LinkedHashMap<>();
      perSplit.put("val", Evaluator.evaluate(pair[0], data.val(), cfg.evaluation().ks(), threads));
      perSplit.put("test", Evaluator.evaluate(pair[1], data.test(), cfg.evaluation().ks(), threads));
      metrics.put(pair[0].name(), perSplit);
      LOG.info("{}: val ndcg@10={} ({} users) test ndcg@10={} ({} users)", pair[0].name(),
          String.format("%.4f", perSplit.get("val").get("ndcg@10")), perSplit.get("val").get("users").intValue(),
          String.format("%.4f", perSplit.get("test").get("ndcg@10")), perSplit.get("test").get("users").intValue());
      tStep = logStep("fit and evaluate " + pair[0].name(), tStep);
    }

    ServedFit served = all == null ? new ServedFit(data.users(), data.items(), factors, data.train())
        : refit(all);
    if (all != null) {
      tStep = logStep("refit iALS on all interactions", tStep);
    }

    ItemCatalog catalog = FeatureFiles.readCatalog(paths.featuresDir().resolve("item_features.csv"));
    PopularityRanking popularity =
        FeatureFiles.readPopularity(paths.featuresDir().resolve("popularity.csv"), catalog);
    int trainedItems = served.items().size();
    ColdStart cold = coldStart(served, catalog);
    served = cold.served();
    tStep = logStep("content mapping and " + cold.mapping().coldStartItems().size() + " cold-start items", tStep);
    DatasetHash hash = DatasetHash.of(paths.rawDir());
    String version = ModelRegistry.newVersionId(Instant.now());
    Map<String, Long> counts = counts(data, served);
    counts.put("trained_items", (long) trainedItems);
    counts.put("cold_start_items", (long) cold.mapping().coldStartItems().size());
    counts.put("tagged_movies", (long) cold.taggedMovies());
    ModelMetadata.DatasetInfo dataset = new ModelMetadata.DatasetInfo(paths.rawDir().getFileName().toString(),
        hash.combined(), hash.files(), counts, dataConfig == null ? null : dataConfig.implicit().minRating());
    Map<String, Object> hyper = hyperparameters(lossCurve);
    putContent(hyper, cold.mapping());
    String git = GitInfo.headCommit();
    ModelMetadata meta = new ModelMetadata(version, Instant.now().toString(), dataset, hyper, metrics,
        List.of("popularity", "itemknn"), git, null);
    MlflowTracker.Started run = tracker == null ? null : tracker.start(meta, lossCurve);
    if (run != null) {
      meta = new ModelMetadata(meta.version(), meta.trainedAt(), dataset, hyper, metrics, meta.baselines(), git,
          run.run().runId());
    }
    ModelArtifacts artifacts = new ModelArtifacts(meta, served.factors().users(), served.factors().items(),
        served.users(), served.items(), catalog, served.matrix().toUserItems(), popularity);

    ModelRegistry registry = new ModelRegistry(paths.registryDir(), paths.production());
    Path staging = registry.newStagingDir();
    artifacts.write(staging);
    cold.mapping().write(staging);
    FactorMatrix servedItems = served.factors().items();
    try (FaissVectorIndex index = FaissVectorIndex.build(servedItems.data(), servedItems.rows(),
        servedItems.cols(), cfg.index().factory())) {
      index.write(staging.resolve(ArtifactFiles.ITEM_INDEX));
    }
    Files.writeString(staging.resolve(TRAINING_CONFIG_FILE), ConfigLoader.toYaml(cfg));
    if (dataConfig != null) {
      Files.writeString(staging.resolve(DATA_CONFIG_FILE), ConfigLoader.toYaml(dataConfig));
    }
    // The version id is passed explicitly: staging still has its temporary name here, and mlflow.json
    // must be inside before the directory is committed (versions are immutable once committed).
    MlflowRecord tracked = tracker == null ? null : tracker.finish(run, staging, artifacts);
    if (tracked != null) {
      tracked.write(staging);
    }
    Path versionDir = registry.commit(staging, version);
    PromotionDecision decision = decide(registry, meta);
    logStep("write artifacts, FAISS index, register and decide", tStep);
    if (tracker != null) {
      MlflowRecord previous = decision.promoted() && decision.production() != null
          ? MlflowRecord.read(registry.registryDir().resolve(decision.production())).orElse(null) : null;
      tracker.recordDecision(tracked, decision.promoted(), previous);
    }
    LOG.info("model {} written to {} in {} s; {}", version, versionDir,
        String.format("%.1f", (System.nanoTime() - t0) / 1e9), decision.reason());
    return new TrainingResult(versionDir, meta, decision);
  }

  /**
   * The factors a version serves and the matrix they were fitted on.
   *
   * @param users external user id to row of {@code factors.users()} and {@code matrix}
   * @param items external movie id to row of {@code factors.items()} and column of {@code matrix}
   * @param factors the fitted user {@code (nUsers, f)} and item {@code (nItems, f)} factors
   * @param matrix {@code (nUsers, nItems)} the interactions fitted on, served as {@code user_items.bin}
   */
  private record ServedFit(IdMapping users, IdMapping items, IalsTrainer.Factors factors, CsrMatrix matrix) {}

  /**
   * The served fit with every catalog movie it has no factors for appended (rows after the trained
   * items, ascending movie id; empty {@code user_items} columns), their vectors from the content
   * mapping fitted on the trained items.
   *
   * @param served the fit whose items are the items with interactions
   * @param mapping the mapping, listing the appended movies as its cold-start items
   * @param taggedMovies catalog movies with at least one tags.csv tag
   */
  private record ColdStart(ServedFit served, ContentMapping mapping, int taggedMovies) {}

  /**
   * Fits the content mapping (common {@code ContentMapping}, Gantner et al., ICDM 2010) on the served
   * items' factors and embeds the catalog movies without interactions: movies of {@code movies.csv}
   * nobody rated positively, or whose positives the minimum-interactions filter dropped (and, when the
   * served model is the train-only fit, items first seen after the training period). Tags come from
   * {@code tags.csv} of the raw directory when it has one.
   */
  private ColdStart coldStart(ServedFit served, ItemCatalog catalog) throws IOException {
    Map<Long, Movie> movies = new HashMap<>();
    catalog.all().forEach(m -> movies.put(m.movieId(), m));
    Map<Long, List<String>> tags = MovieLensFiles.readTags(paths.rawDir(), movies.keySet());
    ContentFeatures features = ContentModels.features(catalog.all(), tags, cfg.content());
    ContentMapping mapping = ContentModels.fit(features, movies, tags, served.items(), served.factors().items(),
        cfg.content().regularization());
    List<Movie> cold = new ArrayList<>();
    for (Movie m : catalog.all()) {
      if (served.items().rowOf(m.movieId()) < 0) {
        cold.add(m);
      }
    }
    FactorMatrix trained = served.factors().items();
    FactorMatrix mapped = ContentModels.vectors(mapping, cold, tags);
    float[] items = Arrays.copyOf(trained.data(), trained.data().length + mapped.data().length);
    System.arraycopy(mapped.data(), 0, items, trained.data().length, mapped.data().length);
    long[] ids = new long[served.items().size() + cold.size()];
    for (int r = 0; r < served.items().size(); r++) {
      ids[r] = served.items().externalId(r);
    }
    List<Long> coldIds = new ArrayList<>();
    for (int i = 0; i < cold.size(); i++) {
      ids[served.items().size() + i] = cold.get(i).movieId();
      coldIds.add(cold.get(i).movieId());
    }
    CsrMatrix m = served.matrix();
    CsrMatrix widened = new CsrMatrix(m.rows(), ids.length, m.indptr(), m.indices(), m.values());
    IalsTrainer.Factors factors = new IalsTrainer.Factors(served.factors().users(),
        new FactorMatrix(ids.length, trained.cols(), items));
    LOG.info("content mapping: {} features ({} tagged movies), lambda {}, fitted on {} items; {} cold-start items",
        features.nFeatures(), tags.size(), cfg.content().regularization(), served.items().size(), cold.size());
    return new ColdStart(new ServedFit(served.users(), IdMapping.of(ids), factors, widened),
        mapping.withColdStartItems(coldIds), tags.size());
  }

  /** The evaluated hyperparameters fitted again on {@code all} (same seed, same sweeps). */
  private ServedFit refit(InteractionMatrix all) {
    IalsTrainer.Factors f = new IalsTrainer(cfg.model()).train(all.matrix(), (it, loss, secs) ->
        LOG.info("iALS refit on all interactions, iteration {}/{}: loss {} ({} s)", it, cfg.model().iterations(),
            String.format("%.4f", loss), String.format("%.3f", secs)));
    return new ServedFit(all.users(), all.items(), f, all.matrix());
  }

  /** The content mapping's λ, feature count and featurizer parameters as {@code content_*} hyperparameters. */
  private static void putContent(Map<String, Object> h, ContentMapping mapping) {
    ContentFeatures.Params p = mapping.features().params();
    h.put("content_regularization", mapping.regularization());
    h.put("content_features", mapping.features().nFeatures());
    h.put("content_mean_squared_residual", mapping.meanSquaredResidual());
    h.put("content_min_title_count", p.minTitleCount());
    h.put("content_min_tag_count", p.minTagCount());
    h.put("content_year_bucket_years", p.yearBucketYears());
    h.put("content_genre_weight", p.genreWeight());
    h.put("content_year_weight", p.yearWeight());
    h.put("content_title_weight", p.titleWeight());
    h.put("content_tag_weight", p.tagWeight());
  }

  private PromotionDecision decide(ModelRegistry registry, ModelMetadata candidate) throws IOException {
    return new PromotionPolicy(cfg.registry().minImprovement())
        .decide(registry, candidate, IALS, cfg.registry().promotionMetric(), "train");
  }

  private Map<String, Long> counts(TrainingData d, ServedFit served) {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("users", (long) d.users().size());
    c.put("items", (long) d.items().size());
    c.put("train_interactions", (long) d.train().nnz());
    c.put("val_interactions", (long) d.val().heldOut().nnz());
    c.put("test_interactions", (long) d.test().heldOut().nnz());
    c.put("val_cold_start_dropped", d.val().droppedColdStart());
    c.put("test_cold_start_dropped", d.test().droppedColdStart());
    c.put("test_users_with_history", (long) d.test().users().size());
    c.put("served_users", (long) served.users().size());
    c.put("served_items", (long) served.items().size());
    c.put("served_interactions", (long) served.matrix().nnz());
    return c;
  }

  private Map<String, Object> hyperparameters(List<Double> lossCurve) {
    Map<String, Object> h = new LinkedHashMap<>();
    TrainingConfig.Model m = cfg.model();
    h.put("algorithm", "ials-" + (m.solver() == TrainingConfig.Solver.CG ? "cg" : "cholesky"));
    h.put("factors", m.factors());
    h.put("iterations", m.iterations());
    m.objective().putHyperparameters(h);
    h.put("solver", m.solver() == TrainingConfig.Solver.CG ? "cg" : "cholesky");
    h.put("cg_steps", m.cgSteps());
    h.put("init_std", m.initStd());
    h.put("seed", m.seed());
    h.put("itemknn_neighbors", cfg.baselines().itemknnNeighbors());
    h.put("index_factory", cfg.index().factory());
    h.put("served_fit_on", cfg.servedModel().fitOn() == TrainingConfig.FitOn.ALL ? "all" : "train");
    h.put("loss_per_iteration", lossCurve);
    if (search != null) {
      h.put("search", search);
    }
    return h;
  }
}
