package com.marquee.benchmarks.kernels;

import com.marquee.common.als.IalsCgSolver;
import com.marquee.common.als.IalsSolver;
import com.marquee.common.als.VectorKernels;
import com.marquee.common.artifact.FactorMatrix;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the iALS inner loops on one thread (scripts/bench-kernels.sh), at the
 * ML-20M item-side shape: 26,744 item factors of {@code factors} floats, a user row of {@code
 * rowLength} random items (70 is about the mean number of positives per user at rating >= 4).
 *
 * <ul>
 *   <li>{@code observedPassBlocked} vs {@code observedPassPerItem}: one pass of {@code sum_i (c_i - 1)
 *       (y_i . p) y_i} with {@link VectorKernels#accumulateRows} (4 rows at a time) against one dot
 *       and one axpy per item (the kernel before it);
 *   <li>{@code gramianProductSymv} vs {@code gramianProductGemv}: {@code (Y^T Y) p};
 *   <li>{@code cgRow} and {@code choleskyRow}: a whole row solve (3 CG steps; EJML Cholesky);
 *   <li>{@code gramian}: {@code Y^T Y} of the 26,744 x f item factors (once per half-sweep).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class IalsKernelsBenchmark {

  private static final int ITEMS = 26_744;

  @Param({"64", "128"})
  public int factors;

  @Param({"70"})
  public int rowLength;

  private FactorMatrix y;
  private double[] yty;
  private float[] gramian;
  private int[] row;
  private float[] weights;
  private float[] p;
  private float[] out;
  private float[] solved;
  private IalsCgSolver cg;
  private IalsCgSolver.Workspace cgWorkspace;
  private IalsSolver exact;
  private IalsSolver.Workspace exactWorkspace;

  @Setup(Level.Trial)
  public void setUp() {
    Random rnd = new Random(42);
    float[] d = new float[ITEMS * factors];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextGaussian() * 0.1);
    }
    y = new FactorMatrix(ITEMS, factors, d);
    yty = IalsSolver.gramian(y);
    gramian = new float[yty.length];
    for (int i = 0; i < yty.length; i++) {
      gramian[i] = (float) yty[i];
    }
    row = rnd.ints(rowLength, 0, ITEMS).sorted().toArray();
    weights = new float[rowLength];
    java.util.Arrays.fill(weights, 1f);
    p = new float[factors];
    for (int j = 0; j < factors; j++) {
      p[j] = (float) rnd.nextGaussian();
    }
    out = new float[factors];
    solved = new float[factors];
    cg = new IalsCgSolver(factors, 0.1, 1.0, 3);
    cgWorkspace = cg.newWorkspace();
    exact = new IalsSolver(factors, 0.1, 1.0);
    exactWorkspace = exact.newWorkspace();
  }

  @Benchmark
  public float[] observedPassBlocked() {
    VectorKernels.accumulateRows(y.data(), row, weights, 0, rowLength, 0f, 0f, 0f, 1f, p, out, factors);
    return out;
  }

  @Benchmark
  public float[] observedPassPerItem() {
    float[] yd = y.data();
    for (int q = 0; q < rowLength; q++) {
      int off = row[q] * factors;
      VectorKernels.axpy(weights[q] * VectorKernels.dot(yd, off, p, 0, factors), yd, off, out, 0, factors);
    }
    return out;
  }

  @Benchmark
  public float[] gramianProductSymv() {
    VectorKernels.symv(gramian, p, out, factors);
    return out;
  }

  @Benchmark
  public float[] gramianProductGemv() {
    VectorKernels.gemv(gramian, p, out, factors);
    return out;
  }

  @Benchmark
  public float[] cgRow() {
    cg.solveRow(y, yty, row, weights, 0, rowLength, solved, 0, cgWorkspace);
    return solved;
  }

  @Benchmark
  public float[] choleskyRow() {
    exact.solveRow(y, yty, row, weights, 0, rowLength, solved, 0, exactWorkspace);
    return solved;
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double[] gramian() {
    return IalsSolver.gramian(y);
  }
}
