package com.marquee.pipelines.train;

import com.marquee.common.als.IalsLoss;
import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.pipelines.config.TrainingConfig;
import java.util.SplittableRandom;

/**
 * Implicit ALS (Hu, Koren, Volinsky, ICDM 2008): alternates exact least-squares solves of every user
 * row with the item factors fixed and of every item row with the user factors fixed (§4), each row by
 * {@link IalsSolver#solveRow} (Cholesky). Rows of one half-sweep are independent, so they are spread
 * over {@code model.threads} workers; results do not depend on the thread count.
 *
 * <p>Initial factors are Gaussian with standard deviation {@code model.init_std}, drawn from one
 * {@link SplittableRandom} seeded with {@code model.seed}: same seed, data and config give identical
 * factors.
 */
public final class IalsTrainer {

  /** Called after every full sweep. */
  @FunctionalInterface
  public interface IterationListener {
    /**
     * @param iteration 1-based sweep number
     * @param loss the objective of Hu et al. (2008) eq. 3 after the sweep
     * @param seconds wall time of the sweep (both halves), excluding the loss computation
     */
    void onIteration(int iteration, double loss, double seconds);
  }

  /** Trained factors: user {@code (nUsers, f)} and item {@code (nItems, f)}. */
  public record Factors(FactorMatrix users, FactorMatrix items) {}

  private final TrainingConfig.Model cfg;

  public IalsTrainer(TrainingConfig.Model cfg) {
    this.cfg = cfg;
  }

  /**
   * Trains on {@code r} (rows = users, columns = items, values = implicit weights r_ui).
   *
   * @param listener receives the loss after each sweep; may be null (then the loss is not computed)
   */
  public Factors train(CsrMatrix r, IterationListener listener) {
    int f = cfg.factors();
    CsrMatrix rt = r.transpose();
    SplittableRandom rnd = new SplittableRandom(cfg.seed());
    FactorMatrix x = gaussian(r.rows(), f, rnd);
    FactorMatrix y = gaussian(r.cols(), f, rnd);
    IalsSolver solver = new IalsSolver(f, cfg.regularization(), cfg.alpha());
    int threads = cfg.effectiveThreads();
    for (int it = 1; it <= cfg.iterations(); it++) {
      long t0 = System.nanoTime();
      halfSweep(solver, r, y, x, threads);
      halfSweep(solver, rt, x, y, threads);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (listener != null) {
        listener.onIteration(it, IalsLoss.loss(x, y, r.indptr(), r.indices(), r.values(),
            cfg.regularization(), cfg.alpha()), seconds);
      }
    }
    return new Factors(x, y);
  }

  /** Solves every row of {@code solved} against the fixed factors {@code fixed}. */
  static void halfSweep(IalsSolver solver, CsrMatrix m, FactorMatrix fixed, FactorMatrix solved, int threads) {
    double[] gram = IalsSolver.gramian(fixed);
    ThreadLocal<IalsSolver.Workspace> ws = ThreadLocal.withInitial(solver::newWorkspace);
    int f = solver.factors();
    Parallel.forEach(m.rows(), threads, row -> solver.solveRow(fixed, gram, m.indices(), m.values(),
        m.indptr()[row], m.indptr()[row + 1], solved.data(), row * f, ws.get()));
  }

  private FactorMatrix gaussian(int rows, int f, SplittableRandom rnd) {
    float[] d = new float[rows * f];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextGaussian() * cfg.initStd());
    }
    return new FactorMatrix(rows, f, d);
  }
}
