package com.marquee.benchmarks;

import com.marquee.common.cli.ExitCodes;
import com.marquee.trainer.als.IalsTrainer;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.data.CsrMatrix;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench-train.sh}: time full iALS sweeps (users + items) on a synthetic data set of a
 * MovieLens shape, binarized at {@code --min-rating}. Ends its output with one line {@code
 * seconds_per_iteration=<x> factors=<f> nnz=<n> solver=<s>} (plus peak RSS and threads on the line
 * before), so dashboards can parse it.
 *
 * <p>Seconds per iteration = wall time of {@code iterations} full sweeps (users then items, each with
 * its Gramian; as the trainer reports them, after one untimed warm-up sweep that lets the JIT compile
 * the solver) divided by {@code iterations}; the initial factors, the transpose and the loss are
 * outside the timed part. The CPU seconds on the line before do include the initialisation.
 */
@Command(name = "bench-train.sh", mixinStandardHelpOptions = true,
    description = "Times iALS sweeps on synthetic MovieLens-shaped data (generated once under benchmarks/data/).")
public final class TrainBenchmark implements Callable<Integer> {

  @Option(names = "--shape", description = "ml-1m | ml-20m | ml-25m (default: ${DEFAULT-VALUE})")
  String shape = "ml-20m";

  @Option(names = "--factors", description = "latent factors (default: ${DEFAULT-VALUE})")
  int factors = 64;

  @Option(names = "--solver", description = "cg | cholesky (default: ${DEFAULT-VALUE})")
  String solver = "cg";

  @Option(names = "--cg-steps", description = "CG steps per row (default: ${DEFAULT-VALUE})")
  int cgSteps = 3;

  @Option(names = "--min-rating", description = "ratings >= this are positives (default: ${DEFAULT-VALUE})")
  double minRating = 4.0;

  @Option(names = "--iterations", description = "timed sweeps (default: ${DEFAULT-VALUE})")
  int iterations = 3;

  @Option(names = "--threads", description = "worker threads, 0 = all cores (default: ${DEFAULT-VALUE})")
  int threads = 0;

  @Option(names = "--data-dir", description = "where generated data sets are kept (default: ${DEFAULT-VALUE})")
  Path dataDir = Path.of("benchmarks/data");

  @Option(names = "--seed", description = "generator and initialisation seed (default: ${DEFAULT-VALUE})")
  long seed = 42;

  @Override
  public Integer call() throws Exception {
    TrainingConfig.Solver s = switch (solver) {
      case "cg" -> TrainingConfig.Solver.CG;
      case "cholesky" -> TrainingConfig.Solver.CHOLESKY;
      default -> throw new IllegalArgumentException("--solver must be cg or cholesky, got " + solver);
    };
    Shape sh = Shape.named(shape);
    Path dir = dataDir.resolve(sh.name() + "-seed" + seed);
    if (!Files.isRegularFile(dir.resolve("ratings.csv"))) {
      long g0 = System.nanoTime();
      SyntheticMovieLens.generate(SyntheticMovieLens.Params.of(sh, seed), dir);
      System.out.printf("generated %s in %.1f s%n", dir, (System.nanoTime() - g0) / 1e9);
    }
    long l0 = System.nanoTime();
    CsrMatrix r = loadPositives(dir.resolve("ratings.csv"), sh, minRating);
    System.out.printf("loaded %d x %d matrix with %d positives (rating >= %s) in %.1f s%n", r.rows(), r.cols(), r.nnz(),
        minRating, (System.nanoTime() - l0) / 1e9);

    TrainingConfig.Model warm = new TrainingConfig.Model(factors, 1, 0.1, 1.0, 0.01, seed, threads, s, cgSteps);
    new IalsTrainer(warm).train(r, null);
    TrainingConfig.Model timed = new TrainingConfig.Model(factors, iterations, 0.1, 1.0, 0.01, seed, threads, s, cgSteps);
    double[] sweepSeconds = new double[1];
    IalsTrainer.IterationListener timer = new IalsTrainer.IterationListener() {
      @Override
      public void onIteration(int iteration, double loss, double seconds) {
        sweepSeconds[0] += seconds;
      }

      @Override
      public boolean wantsLoss() {
        return false;
      }
    };
    long cpu0 = processCpuNanos();
    new IalsTrainer(timed).train(r, timer);
    double perIteration = sweepSeconds[0] / iterations;
    double cpuPerIteration = (processCpuNanos() - cpu0) / 1e9 / iterations; // includes initialisation
    System.out.printf("peak_rss_mb=%d threads=%d iterations=%d cpu_seconds_per_iteration=%.3f%n", peakRssMb(),
        timed.effectiveThreads(), iterations, cpuPerIteration);
    System.out.printf("seconds_per_iteration=%.3f factors=%d nnz=%d solver=%s%n", perIteration, factors, r.nnz(), solver);
    return ExitCodes.OK;
  }

  /** Users and movies are 1-based ids from the generator; rows/columns are id - 1. */
  static CsrMatrix loadPositives(Path ratings, Shape shape, double minRating) throws IOException {
    int cap = 1 << 20;
    int[] rows = new int[cap];
    int[] cols = new int[cap];
    int n = 0;
    CSVFormat fmt = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(ratings, StandardCharsets.UTF_8)) {
      for (CSVRecord rec : fmt.parse(in)) {
        if (Double.parseDouble(rec.get(2)) < minRating) {
          continue;
        }
        if (n == rows.length) {
          rows = java.util.Arrays.copyOf(rows, n * 2);
          cols = java.util.Arrays.copyOf(cols, n * 2);
        }
        rows[n] = Integer.parseInt(rec.get(0)) - 1;
        cols[n] = Integer.parseInt(rec.get(1)) - 1;
        n++;
      }
    }
    float[] ones = new float[n];
    java.util.Arrays.fill(ones, 1f);
    return CsrMatrix.fromTriples(shape.users(), shape.items(), java.util.Arrays.copyOf(rows, n),
        java.util.Arrays.copyOf(cols, n), ones);
  }

  /**
   * CPU time of this process (all threads, user + system), in ns: with other load on the machine,
   * CPU seconds per iteration are steadier than wall seconds. -1 where the JVM does not report it.
   */
  static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Peak resident set size of this process (VmHWM), in MiB; -1 where /proc is not available. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new TrainBenchmark(), args));
  }
}
