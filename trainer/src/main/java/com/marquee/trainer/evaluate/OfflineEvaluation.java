package com.marquee.trainer.evaluate;

import com.marquee.common.config.ConfigLoader;
import com.marquee.common.config.DataConfig;
import com.marquee.common.config.MovieLensFormat;
import com.marquee.common.domain.Interaction;
import com.marquee.common.metrics.MetricsAccumulator;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.trainer.baselines.EaseScorer;
import com.marquee.trainer.baselines.Scorer;
import com.marquee.trainer.data.InMemoryPreprocess;
import com.marquee.trainer.data.StageData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One offline evaluation, start to end: the raw data through the preprocess rules ({@link
 * InMemoryPreprocess}), the protocol's split, tuning on the validation stage ({@link Tuner}), refit of
 * the chosen candidate on the whole training part, full-ranking evaluation of the test stage.
 */
public final class OfflineEvaluation {

  private OfflineEvaluation() {}

  /**
   * @param env environment overrides of both configs (normally {@link System#getenv()})
   * @param log progress lines
   * @throws IOException if the data cannot be read
   * @throws IllegalArgumentException (or a subclass such as {@link EaseScorer.CatalogTooLargeException})
   *     for unusable arguments or data
   */
  public static EvaluationReport run(EvaluationRequest req, Map<String, String> env, Consumer<String> log)
      throws IOException {
    long t0 = System.nanoTime();
    Map<String, String> dataOverrides = new LinkedHashMap<>();
    if (req.minRating() != null) {
      dataOverrides.put("implicit.min_rating", Double.toString(req.minRating()));
    }
    DataConfig dataCfg = ConfigLoader.load(req.dataConfig(), DataConfig.class, env, dataOverrides);
    MovieLensFormat format = req.format() != null ? req.format() : dataCfg.input().format();
    MovieLensLayout layout = MovieLensLayout.resolve(req.data(), format);
    InMemoryPreprocess.Result pre = InMemoryPreprocess.run(req.data(), layout, dataCfg.implicit(), dataCfg.filter());
    List<Interaction> all = pre.interactions();
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no interactions left in " + req.data() + " after preprocessing (min_rating "
          + dataCfg.implicit().minRating() + ", filter " + dataCfg.filter() + ")");
    }
    log.accept(String.format("data %s (%s): %,d valid ratings, %,d rejected rows -> %,d interactions (min_rating %s, %s)",
        req.data(), layout.name().toLowerCase().replace('_', '-'), pre.validRatings(), pre.rejects(), all.size(),
        dataCfg.implicit().minRating(), dataCfg.filter()));

    ProtocolSplit split = switch (req.protocol()) {
      case GLOBAL_TIME -> GlobalTimeSplit.protocol(all, dataCfg.split());
      case LEAVE_LAST_OUT -> LeaveLastOutSplit.protocol(all);
      case RANDOM_PER_USER -> RandomPerUserSplit.protocol(all, req.ratio(), req.seed());
      case USER_HOLDOUT -> UserHoldoutSplit.protocol(all, req.ratio(), req.heldOutUsers(), req.seed());
      case ITEM_HOLDOUT -> throw new IllegalArgumentException(
          "item-holdout ranks held-out items, not the catalog: run it with ItemHoldoutEvaluation");
    };
    StageData val = split.validation().data();
    StageData test = split.test().data();
    log.accept(String.format("%s: validation fit %,d interactions, %,d held out; test fit %,d interactions, %,d held out",
        req.protocol(), split.validation().fit().size(), split.validation().heldOut().size(),
        split.test().fit().size(), split.test().heldOut().size()));

    Models models = new Models(req.trainingConfig(), env);
    Tuner tuner = new Tuner(models, req.pinned(), req.tune(), req.ks(), req.selectionMetric(),
        req.trainingConfig().toAbsolutePath().getParent(), env, log);
    List<ModelKind> kinds = req.model() == null
        ? List.of(ModelKind.IALS, ModelKind.EASE, ModelKind.ITEMKNN, ModelKind.POPULARITY)
        : List.of(req.model());
    Tuner.Trial best = null;
    List<Tuner.Trial> trials = new ArrayList<>();
    for (ModelKind kind : kinds) {
      Tuner.Result r = tuner.tune(kind, val);
      trials.addAll(r.trials());
      if (best == null || r.best().score() > best.score()) {
        best = r.best();
      }
    }
    Candidate chosen = best.candidate();
    log.accept(String.format("chosen on validation: %s (%s = %.4f); refitting on the training part",
        chosen.label(), req.selectionMetric(), best.score()));
    long tFit = System.nanoTime();
    Scorer scorer = chosen.fit(test);
    double fitSeconds = (System.nanoTime() - tFit) / 1e9;
    MetricsAccumulator acc = Evaluator.accumulate(scorer, test.eval(), req.ks(), models.threads(), test.popularity());
    return new EvaluationReport(req, layout, dataCfg.implicit().minRating(), all.size(), val, test,
        split.test().heldOut().size(), chosen, best, trials, acc.result(), acc.standardErrors(), fitSeconds,
        (System.nanoTime() - t0) / 1e9);
  }
}
