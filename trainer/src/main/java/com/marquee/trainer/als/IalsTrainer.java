package com.marquee.trainer.als;

import com.marquee.common.als.IalsCgSolver;
import com.marquee.common.als.IalsLoss;
import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.Parallel;
import java.util.SplittableRandom;

/**
 * Implicit ALS (Hu, Koren, Volinsky, ICDM 2008; or the formulation of Rendle et al., RecSys 2022, per
 * {@code model.variant}, see {@link com.marquee.common.als.IalsObjective}): alternates least-squares solves of every user row
 * with the item factors fixed and of every item row with the user factors fixed (§4), each row by
 * {@link IalsSolver#solveRow} (exact Cholesky) or {@link IalsCgSolver#solveRow} (warm-started
 * conjugate gradient, Takacs et al. 2011), per {@code model.solver}. Rows of one half-sweep are independent, so they are spread
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
     * @param loss the objective ({@link IalsLoss}; Hu et al. 2008 eq. 3 for the hu variant) after the sweep
     * @param seconds wall time of the sweep (both halves), excluding the loss computation
     */
    void onIteration(int iteration, double loss, double seconds);

    /**
     * Whether {@code loss} is wanted: the loss costs about a third of a CG sweep, so a listener that
     * only times sweeps returns false and gets {@code NaN}.
     */
    default boolean wantsLoss() {
      return true;
    }
  }

  /** Trained factors: user {@code (nUsers, f)} and item {@code (nItems, f)}. */
  public record Factors(FactorMatrix users, FactorMatrix items) {}

  /** Work ranges per worker thread in a half-sweep. */
  private static final int ROW_RANGES_PER_THREAD = 32;

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
    RowSolver solver = rowSolver();
    int threads = cfg.effectiveThreads();
    for (int it = 1; it <= cfg.iterations(); it++) {
      long t0 = System.nanoTime();
      halfSweep(solver, r, y, x, threads);
      halfSweep(solver, rt, x, y, threads);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (listener != null) {
        double loss = listener.wantsLoss()
            ? IalsLoss.loss(x, y, r.indptr(), r.indices(), r.values(), cfg.objective())
            : Double.NaN;
        listener.onIteration(it, loss, seconds);
      }
    }
    return new Factors(x, y);
  }

  /** One row's solve against fixed factors and their Gramian, writing into (and, for CG, starting from) the row. */
  @FunctionalInterface
  interface RowSolver {
    void solve(FactorMatrix fixed, double[] gram, CsrMatrix m, int row, float[] out, int offset);
  }

  private RowSolver rowSolver() {
    if (cfg.solver() == TrainingConfig.Solver.CG) {
      IalsCgSolver cg = new IalsCgSolver(cfg.factors(), cfg.objective(), cfg.cgSteps());
      ThreadLocal<IalsCgSolver.Workspace> ws = ThreadLocal.withInitial(cg::newWorkspace);
      return (fixed, gram, m, row, out, off) -> cg.solveRow(fixed, gram, m.indices(), m.values(), m.indptr()[row],
          m.indptr()[row + 1], out, off, ws.get());
    }
    IalsSolver exact = new IalsSolver(cfg.factors(), cfg.objective());
    ThreadLocal<IalsSolver.Workspace> ws = ThreadLocal.withInitial(exact::newWorkspace);
    return (fixed, gram, m, row, out, off) -> exact.solveRow(fixed, gram, m.indices(), m.values(), m.indptr()[row],
        m.indptr()[row + 1], out, off, ws.get());
  }

  /** Solves every row of {@code solved} against the fixed factors {@code fixed}. */
  private void halfSweep(RowSolver solver, CsrMatrix m, FactorMatrix fixed, FactorMatrix solved, int threads) {
    double[] gram = IalsSolver.gramian(fixed);
    int f = cfg.factors();
    // Ranges of equal work (a row's CG cost is about its entries plus f/2 for the Gramian product),
    // many per thread so that work stealing evens out what the cost model misses.
    int[] ranges = m.balancedRowRanges(ROW_RANGES_PER_THREAD * threads, f / 2);
    Parallel.forEach(ranges.length - 1, threads, part -> {
      for (int row = ranges[part]; row < ranges[part + 1]; row++) {
        solver.solve(fixed, gram, m, row, solved.data(), row * f);
      }
    });
  }

  private FactorMatrix gaussian(int rows, int f, SplittableRandom rnd) {
    float[] d = new float[rows * f];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextGaussian() * cfg.initStd());
    }
    return new FactorMatrix(rows, f, d);
  }
}
