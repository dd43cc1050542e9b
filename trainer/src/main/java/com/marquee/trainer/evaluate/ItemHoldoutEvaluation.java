package com.marquee.trainer.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.config.ConfigLoader;
import com.marquee.common.config.DataConfig;
import com.marquee.common.config.MovieLensFormat;
import com.marquee.common.content.ContentFeatures;
import com.marquee.common.content.ContentMapping;
import com.marquee.common.domain.Interaction;
import com.marquee.common.domain.Movie;
import com.marquee.common.metrics.MetricsAccumulator;
import com.marquee.common.metrics.RankingMetrics;
import com.marquee.common.movielens.MovieLensFiles;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.rank.TopK;
import com.marquee.trainer.als.IalsTrainer;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.content.ContentModels;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.InMemoryPreprocess;
import com.marquee.trainer.data.StageData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code scripts/evaluate.sh --protocol item-holdout}: how well items never seen in training are
 * ranked when their vectors come from the content mapping (docs/EVALUATION.md "New movies: item cold
 * start").
 *
 * <p>Protocol ({@link ItemHoldoutSplit}): a seeded share of the items with interactions is removed from
 * training entirely. iALS (the training config's {@code model}) is fitted on the other items; the
 * content mapping ({@code content}, Gantner et al., ICDM 2010) is fitted on the trained items' factors
 * and gives every held-out item a vector. Each user with a training history and at least one
 * interaction on a held-out item ranks <b>the held-out items only</b> by {@code user vector · item
 * vector} (the standard new-item protocol: which of the new movies will this user like), and Recall@k
 * and NDCG@k (common {@code RankingMetrics}) are averaged over those users, with standard errors.
 *
 * <p>Baselines, scored on the same users and items:
 *
 * <ul>
 *   <li>{@code genre-popularity}: an item's score is the mean over its genres of the genre's share of
 *       the training positives (the same for every user; no genres = 0).
 *   <li>{@code user-genre}: popularity within the user's genres: the mean over the item's genres of the
 *       share of the user's own training positives in that genre, ties broken by {@code
 *       genre-popularity} (weight 1e-3). Personalised, so the fairer yardstick for the mapping.
 *   <li>{@code random}: uniform scores from a generator seeded by (seed, user id).
 * </ul>
 *
 * <p>{@code content-no-tags} is the mapping without the {@code tags.csv} group (the best tag-free
 * candidate on validation): MovieLens tags are given by users, some of whom are evaluated here, and
 * a movie added by {@code PUT /admin/items} may come without tags.
 *
 * <p>Choices (λ, feature-group weights) are made on a validation carve ({@link
 * ItemHoldoutSplit#validation}): the same share of the <em>training</em> items held out, iALS refitted
 * on the rest, the candidates' validation NDCG@k compared; the held-out test items are never used to
 * choose anything. The featurizer's vocabulary comes from the whole {@code movies.csv} catalog and
 * {@code tags.csv} (content, which a new movie brings with it), never from interactions.
 */
public final class ItemHoldoutEvaluation {

  /** Cutoffs reported (plus the request's k). */
  static final List<Integer> KS = List.of(10, 20);

  /** λ values tried on validation. */
  static final List<Double> LAMBDAS = List.of(1.0, 3.0, 10.0, 30.0, 100.0, 300.0);

  /** Tag, title and year group weights tried on validation with {@code --tune} (genres fixed at 1). */
  static final List<Double> TUNE_WEIGHTS = List.of(0.0, 0.5, 1.0, 2.0);

  private static final ObjectMapper JSON = new ObjectMapper();

  private ItemHoldoutEvaluation() {}

  /** The scores of one model for one evaluated user over the held-out items. */
  @FunctionalInterface
  interface ItemScorer {
    void score(int userRow, long userId, float[] out);
  }

  /**
   * One fit of iALS on a split's fit part and what is needed to rank its held-out items.
   *
   * @param stage the fit part as matrices
   * @param factors the trained iALS factors
   * @param heldOut held-out movies in column order
   * @param evalRows model row of each evaluated user
   * @param evalIds external id of each evaluated user
   * @param relevant held-out columns each evaluated user interacted with, ascending
   * @param droppedUsers users with held-out interactions but no training history
   * @param droppedInteractions their held-out interactions
   */
  record Fitted(
      StageData stage,
      IalsTrainer.Factors factors,
      List<Movie> heldOut,
      int[] evalRows,
      long[] evalIds,
      int[][] relevant,
      int droppedUsers,
      long droppedInteractions) {}

  /** Metrics of one model: means, standard errors and the per-user NDCG@k (for paired differences). */
  record ModelResult(Map<String, Double> metrics, Map<String, Double> standardErrors, double[] ndcgAtK) {}

  /** A validation trial. */
  record Trial(TrainingConfig.Content content, double score) {}

  /**
   * Runs the protocol.
   *
   * @param env environment overrides of both configs
   * @param log progress lines
   * @throws IOException if the data cannot be read
   */
  public static Report run(EvaluationRequest req, Map<String, String> env, Consumer<String> log) throws IOException {
    long t0 = System.nanoTime();
    Map<String, String> dataOverrides = new LinkedHashMap<>();
    if (req.minRating() != null) {
      dataOverrides.put("implicit.min_rating", Double.toString(req.minRating()));
    }
    DataConfig dataCfg = ConfigLoader.load(req.dataConfig(), DataConfig.class, env, dataOverrides);
    TrainingConfig cfg = ConfigLoader.load(req.trainingConfig(), TrainingConfig.class, env, Map.of());
    MovieLensFormat format = req.format() != null ? req.format() : dataCfg.input().format();
    MovieLensLayout layout = MovieLensLayout.resolve(req.data(), format);
    InMemoryPreprocess.Result pre = InMemoryPreprocess.run(req.data(), layout, dataCfg.implicit(), dataCfg.filter());
    if (pre.interactions().isEmpty()) {
      throw new IllegalArgumentException("no interactions left in " + req.data() + " after preprocessing");
    }
    Map<Long, Movie> movies = new HashMap<>();
    pre.movies().forEach(m -> movies.put(m.movieId(), m));
    Set<Long> ids = movies.keySet();
    Map<Long, List<String>> tags = MovieLensFiles.readTags(req.data(), ids);
    log.accept(String.format(Locale.ROOT, "data %s: %,d interactions, %,d movies, tags for %,d movies",
        req.data(), pre.interactions().size(), movies.size(), tags.size()));

    ItemHoldoutSplit test = ItemHoldoutSplit.of(pre.interactions(), req.ratio(), req.seed());
    ItemHoldoutSplit val = test.validation(req.ratio(), req.seed());
    List<Integer> ks = ks(req.k());
    int k = req.k();

    // Validation: iALS once on the carve's fit part, then every content candidate on its held-out items.
    Fitted v = fit(val, cfg.model(), movies);
    log.accept(String.format(Locale.ROOT,
        "validation: %,d training items, %,d validation items, %,d users evaluated", v.stage().items().size(),
        v.heldOut().size(), v.evalRows().length));
    List<Trial> trials = new ArrayList<>();
    Trial best = null;
    Trial bestNoTags = null;
    for (TrainingConfig.Content c : candidates(cfg.content(), req.tune())) {
      ContentMapping mapping = mapping(v, c, movies, tags);
      double score = evaluate(v, contentScorer(v, mapping, tags), ks, k).metrics().get("ndcg@" + k);
      Trial t = new Trial(c, score);
      trials.add(t);
      if (best == null || score > best.score()) {
        best = t;
      }
      if (c.tagWeight() == 0 && (bestNoTags == null || score > bestNoTags.score())) {
        bestNoTags = t;
      }
    }
    log.accept(String.format(Locale.ROOT, "chosen on validation: %s (ndcg@%d = %.4f, %d candidates)",
        describe(best.content()), k, best.score(), trials.size()));

    // Test: iALS on every training item, the chosen mapping, the held-out items ranked.
    long tFit = System.nanoTime();
    Fitted f = fit(test, cfg.model(), movies);
    ContentMapping mapping = mapping(f, best.content(), movies, tags);
    double fitSeconds = (System.nanoTime() - tFit) / 1e9;
    Map<String, ModelResult> results = new LinkedHashMap<>();
    results.put("content", evaluate(f, contentScorer(f, mapping, tags), ks, k));
    if (bestNoTags != null && best.content().tagWeight() != 0) {
      // The same without tags.csv (its tags are given by the same users whose ratings are predicted,
      // and a movie added by PUT may come without tags): the best tag-free candidate on validation.
      ContentMapping noTags = mapping(f, bestNoTags.content(), movies, tags);
      results.put("content-no-tags", evaluate(f, contentScorer(f, noTags, tags), ks, k));
    }
    results.put("user-genre", evaluate(f, userGenreScorer(f, movies), ks, k));
    results.put("genre-popularity", evaluate(f, genrePopularityScorer(f, movies), ks, k));
    results.put("random", evaluate(f, randomScorer(req.seed()), ks, k));
    return new Report(req, layout, dataCfg.implicit().minRating(), pre.interactions().size(), movies.size(),
        tags.size(), test, f, v, mapping.features().nFeatures(), best, trials, results, k, fitSeconds,
        (System.nanoTime() - t0) / 1e9);
  }

  static List<Integer> ks(int k) {
    java.util.TreeSet<Integer> s = new java.util.TreeSet<>(KS);
    s.add(k);
    return List.copyOf(s);
  }

  /**
   * The content configs tried on validation: every λ of {@link #LAMBDAS} with the configured weights
   * and with tags off; with {@code tune}, every λ times every tag, title and year weight of {@link
   * #TUNE_WEIGHTS}.
   */
  static List<TrainingConfig.Content> candidates(TrainingConfig.Content base, boolean tune) {
    List<TrainingConfig.Content> out = new ArrayList<>();
    for (double lambda : LAMBDAS) {
      if (tune) {
        for (double tag : TUNE_WEIGHTS) {
          for (double title : TUNE_WEIGHTS) {
            for (double year : TUNE_WEIGHTS) {
              out.add(with(base, lambda, year, title, tag));
            }
          }
        }
      } else {
        out.add(with(base, lambda, base.yearWeight(), base.titleWeight(), base.tagWeight()));
        if (base.tagWeight() != 0) {
          out.add(with(base, lambda, base.yearWeight(), base.titleWeight(), 0.0));
        }
      }
    }
    return out;
  }

  private static TrainingConfig.Content with(
      TrainingConfig.Content b, double lambda, double year, double title, double tag) {
    return new TrainingConfig.Content(lambda, b.minTitleCount(), b.minTagCount(), b.yearBucketYears(),
        b.genreWeight(), year, title, tag);
  }

  static String describe(TrainingConfig.Content c) {
    return String.format(Locale.ROOT, "lambda %s, weights genre %s year %s title %s tag %s", c.regularization(),
        c.genreWeight(), c.yearWeight(), c.titleWeight(), c.tagWeight());
  }

  /** Fits iALS on the split's fit part and indexes its held-out items and evaluated users. */
  static Fitted fit(ItemHoldoutSplit split, TrainingConfig.Model model, Map<Long, Movie> movies) {
    StageData stage = StageData.of(split.fit(), List.of(), List.of(), false);
    IalsTrainer.Factors factors = new IalsTrainer(model).train(stage.fit(), null);
    List<Movie> held = new ArrayList<>();
    Map<Long, Integer> column = new HashMap<>();
    for (long id : split.heldOutItems()) {
      Movie m = movies.get(id);
      if (m == null) {
        throw new IllegalArgumentException("held-out item " + id + " is not in the movies file");
      }
      column.put(id, held.size());
      held.add(m);
    }
    TreeMap<Long, List<Integer>> byUser = new TreeMap<>();
    for (Interaction i : split.heldOut()) {
      byUser.computeIfAbsent(i.userId(), u -> new ArrayList<>()).add(column.get(i.movieId()));
    }
    List<Integer> rows = new ArrayList<>();
    List<Long> userIds = new ArrayList<>();
    List<int[]> relevant = new ArrayList<>();
    int droppedUsers = 0;
    long droppedInteractions = 0;
    for (Map.Entry<Long, List<Integer>> e : byUser.entrySet()) {
      int row = stage.users().rowOf(e.getKey());
      if (row < 0) {
        droppedUsers++;
        droppedInteractions += e.getValue().size();
        continue;
      }
      rows.add(row);
      userIds.add(e.getKey());
      relevant.add(e.getValue().stream().mapToInt(Integer::intValue).distinct().sorted().toArray());
    }
    return new Fitted(stage, factors, held, rows.stream().mapToInt(Integer::intValue).toArray(),
        userIds.stream().mapToLong(Long::longValue).toArray(), relevant.toArray(int[][]::new), droppedUsers,
        droppedInteractions);
  }

  static ContentMapping mapping(
      Fitted f, TrainingConfig.Content c, Map<Long, Movie> movies, Map<Long, List<String>> tags) {
    ContentFeatures features = ContentModels.features(movies.values(), tags, c);
    return ContentModels.fit(features, movies, tags, f.stage().items(), f.factors().items(), c.regularization());
  }

  static ItemScorer contentScorer(Fitted f, ContentMapping mapping, Map<Long, List<String>> tags) {
    FactorMatrix items = ContentModels.vectors(mapping, f.heldOut(), tags);
    FactorMatrix users = f.factors().users();
    int nf = items.cols();
    return (row, id, out) -> {
      for (int j = 0; j < items.rows(); j++) {
        double s = 0;
        for (int c = 0; c < nf; c++) {
          s += (double) users.data()[row * nf + c] * items.data()[j * nf + c];
        }
        out[j] = (float) s;
      }
    };
  }

  /** Each genre's share of the training positives: positives on items of the genre / all positives. */
  static Map<String, Double> genreShares(Fitted f, Map<Long, Movie> movies) {
    CsrMatrix fit = f.stage().fit();
    Map<String, Double> share = new HashMap<>();
    for (int c : fit.indices()) {
      for (String g : movies.get(f.stage().items().externalId(c)).genres()) {
        share.merge(g, 1.0, Double::sum);
      }
    }
    share.replaceAll((g, n) -> n / fit.nnz());
    return share;
  }

  private static float meanOver(List<String> genres, Map<String, Double> share) {
    if (genres.isEmpty()) {
      return 0f;
    }
    double s = 0;
    for (String g : genres) {
      s += share.getOrDefault(g, 0.0);
    }
    return (float) (s / genres.size());
  }

  static ItemScorer genrePopularityScorer(Fitted f, Map<Long, Movie> movies) {
    Map<String, Double> share = genreShares(f, movies);
    float[] scores = new float[f.heldOut().size()];
    for (int j = 0; j < scores.length; j++) {
      scores[j] = meanOver(f.heldOut().get(j).genres(), share);
    }
    return (row, id, out) -> System.arraycopy(scores, 0, out, 0, scores.length);
  }

  static ItemScorer userGenreScorer(Fitted f, Map<Long, Movie> movies) {
    ItemScorer global = genrePopularityScorer(f, movies);
    CsrMatrix fit = f.stage().fit();
    return (row, id, out) -> {
      global.score(row, id, out);
      Map<String, Double> mine = new HashMap<>();
      int s = fit.indptr()[row];
      int e = fit.indptr()[row + 1];
      for (int p = s; p < e; p++) {
        for (String g : movies.get(f.stage().items().externalId(fit.indices()[p])).genres()) {
          mine.merge(g, 1.0 / (e - s), Double::sum);
        }
      }
      for (int j = 0; j < out.length; j++) {
        out[j] = meanOver(f.heldOut().get(j).genres(), mine) + 1e-3f * out[j];
      }
    };
  }

  static ItemScorer randomScorer(long seed) {
    return (row, id, out) -> {
      SplittableRandom rnd = UserGroups.forUser(seed, id);
      for (int j = 0; j < out.length; j++) {
        out[j] = (float) rnd.nextDouble();
      }
    };
  }

  /** Ranks the held-out items for every evaluated user and averages the metrics over the users. */
  static ModelResult evaluate(Fitted f, ItemScorer scorer, List<Integer> ks, int k) {
    int n = f.heldOut().size();
    MetricsAccumulator acc = new MetricsAccumulator(ks, n);
    float[] scores = new float[n];
    double[] ndcg = new double[f.evalRows().length];
    for (int u = 0; u < f.evalRows().length; u++) {
      scorer.score(f.evalRows()[u], f.evalIds()[u], scores);
      int[] top = TopK.select(scores, n, acc.maxK(), i -> true);
      int[] rel = f.relevant()[u];
      RankingMetrics.Relevance r = i -> Arrays.binarySearch(rel, i) >= 0;
      acc.add(top, r, rel.length);
      ndcg[u] = RankingMetrics.ndcg(top, r, rel.length, k);
    }
    return new ModelResult(acc.result(), acc.standardErrors(), ndcg);
  }

  /**
   * Mean and standard error of the per-user difference {@code a - b} (paired over the same users):
   * {@code sqrt(s² / n)} with {@code s²} the sample variance of the differences.
   *
   * @return {@code double[] {mean, standard error}}
   */
  static double[] pairedDifference(double[] a, double[] b) {
    int n = a.length;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double d = a[i] - b[i];
      sum += d;
      sq += d * d;
    }
    double mean = n == 0 ? 0 : sum / n;
    double var = n > 1 ? Math.max(0, (sq - n * mean * mean) / (n - 1)) : 0;
    return new double[] {mean, n > 1 ? Math.sqrt(var / n) : 0};
  }

  /** The outcome: a table and one JSON object. */
  public record Report(
      EvaluationRequest request,
      MovieLensLayout layout,
      double minRating,
      int interactions,
      int catalogMovies,
      int taggedMovies,
      ItemHoldoutSplit split,
      Fitted test,
      Fitted validation,
      int nFeatures,
      Trial chosen,
      List<Trial> trials,
      Map<String, ModelResult> results,
      int k,
      double fitSeconds,
      double totalSeconds) {

    /** The report as one JSON object (insertion-ordered). */
    public Map<String, Object> jsonFields() {
      Map<String, Object> o = new LinkedHashMap<>();
      EvaluationRequest r = request;
      o.put("model", "content");
      o.put("protocol", Protocol.ITEM_HOLDOUT.cliName());
      o.put("data", r.data().toString());
      o.put("layout", layout.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      o.put("min_rating", minRating);
      o.put("ratio", r.ratio());
      o.put("seed", r.seed());
      o.put("interactions", interactions);
      o.put("catalog_movies", catalogMovies);
      o.put("tagged_movies", taggedMovies);
      o.put("items_with_interactions", test.stage().items().size() + test.heldOut().size());
      o.put("train_items", test.stage().items().size());
      o.put("train_interactions", split.fit().size());
      o.put("heldout_items", test.heldOut().size());
      o.put("heldout_interactions", split.heldOut().size());
      o.put("users", test.evalRows().length);
      o.put("dropped_users_without_history", test.droppedUsers());
      o.put("dropped_interactions_without_history", test.droppedInteractions());
      o.put("ranked", "the held-out items only");
      o.put("content_features", nFeatures);
      o.put("hyperparameters", contentFields(chosen.content()));
      o.put("selection_metric", "validation ndcg@" + k);
      o.put("validation_score", chosen.score());
      o.put("validation_heldout_items", validation.heldOut().size());
      o.put("validation_users", validation.evalRows().length);
      List<Map<String, Object>> ts = new ArrayList<>();
      for (Trial t : trials) {
        Map<String, Object> m = contentFields(t.content());
        m.put("ndcg@" + k, t.score());
        ts.add(m);
      }
      o.put("validation_trials", ts);
      Map<String, Object> models = new LinkedHashMap<>();
      results.forEach((name, res) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        res.metrics().forEach((key, v) -> {
          if (key.startsWith("recall@") || key.startsWith("ndcg@") || key.startsWith("hitrate@")) {
            m.put(key, v);
          }
        });
        Map<String, Double> se = new LinkedHashMap<>();
        res.standardErrors().forEach((key, v) -> {
          if (m.containsKey(key)) {
            se.put(key, v);
          }
        });
        m.put("standard_errors", se);
        models.put(name, m);
      });
      o.put("models", models);
      Map<String, Object> gains = new LinkedHashMap<>();
      for (String[] pair : comparisons()) {
        double[] d = pairedDifference(results.get(pair[0]).ndcgAtK(), results.get(pair[1]).ndcgAtK());
        Map<String, Double> g = new LinkedHashMap<>();
        g.put("difference", d[0]);
        g.put("standard_error", d[1]);
        gains.put(pair[0] + " - " + pair[1], g);
      }
      o.put("paired_ndcg@" + k + "_differences", gains);
      o.put("fit_seconds", Math.round(fitSeconds * 10) / 10.0);
      o.put("total_seconds", Math.round(totalSeconds * 10) / 10.0);
      return o;
    }

    /** The (model, baseline) pairs whose per-user NDCG@k differences are reported. */
    private List<String[]> comparisons() {
      List<String[]> out = new ArrayList<>();
      for (String model : List.of("content", "content-no-tags")) {
        if (results.containsKey(model)) {
          for (String base : List.of("user-genre", "genre-popularity", "random")) {
            out.add(new String[] {model, base});
          }
        }
      }
      if (results.containsKey("content-no-tags")) {
        out.add(new String[] {"content", "content-no-tags"});
      }
      return out;
    }

    private static Map<String, Object> contentFields(TrainingConfig.Content c) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("regularization", c.regularization());
      m.put("genre_weight", c.genreWeight());
      m.put("year_weight", c.yearWeight());
      m.put("title_weight", c.titleWeight());
      m.put("tag_weight", c.tagWeight());
      m.put("min_title_count", c.minTitleCount());
      m.put("min_tag_count", c.minTagCount());
      return m;
    }

    /** {@link #jsonFields()} on one line. */
    public String json() {
      try {
        return JSON.writeValueAsString(jsonFields());
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A readable summary and a model x metric table with standard errors, ending with a newline. */
    public String table() {
      StringBuilder b = new StringBuilder();
      String nl = System.lineSeparator();
      b.append(String.format(Locale.ROOT, "Item cold start (item-holdout, ratio %s, seed %d)%n", request.ratio(),
          request.seed()));
      b.append(String.format(Locale.ROOT, "  data        %s, min_rating %s: %,d interactions, %,d movies (%,d tagged)%n",
          request.data(), minRating, interactions, catalogMovies, taggedMovies));
      b.append(String.format(Locale.ROOT, "  training    %,d interactions on %,d items%n", split.fit().size(),
          test.stage().items().size()));
      b.append(String.format(Locale.ROOT,
          "  test        %,d held-out items, %,d interactions; %,d users ranked the held-out items (%,d without "
              + "history dropped)%n",
          test.heldOut().size(), split.heldOut().size(), test.evalRows().length, test.droppedUsers()));
      b.append(String.format(Locale.ROOT, "  chosen      %s, %d features: validation ndcg@%d = %.4f (%d candidates)%n",
          describe(chosen.content()), nFeatures, k, chosen.score(), trials.size()));
      b.append(String.format(Locale.ROOT, "  time        final fit %.1f s, total %.1f s%n%n", fitSeconds, totalSeconds));
      List<String> cols = new ArrayList<>();
      for (int kk : ks(k)) {
        cols.add("recall@" + kk);
      }
      for (int kk : ks(k)) {
        cols.add("ndcg@" + kk);
      }
      b.append(String.format(Locale.ROOT, "  %-18s", "model"));
      cols.forEach(c -> b.append(String.format(Locale.ROOT, "%18s", c)));
      b.append(nl);
      results.forEach((name, res) -> {
        b.append(String.format(Locale.ROOT, "  %-18s", name));
        for (String c : cols) {
          b.append(String.format(Locale.ROOT, "%18s",
              String.format(Locale.ROOT, "%.4f ± %.4f", res.metrics().get(c), res.standardErrors().get(c))));
        }
        b.append(nl);
      });
      b.append(nl);
      for (String[] pair : comparisons()) {
        double[] d = pairedDifference(results.get(pair[0]).ndcgAtK(), results.get(pair[1]).ndcgAtK());
        b.append(String.format(Locale.ROOT, "  %-34s ndcg@%d %+.4f ± %.4f (paired s.e.)%n",
            pair[0] + " - " + pair[1], k, d[0], d[1]));
      }
      b.append("  (each user ranks the held-out items only; s.e. = standard error of the mean over users)").append(nl);
      return b.toString();
    }
  }
}
