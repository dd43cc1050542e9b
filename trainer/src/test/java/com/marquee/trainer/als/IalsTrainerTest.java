package com.marquee.trainer.als;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.marquee.common.rank.TopK;
import com.marquee.trainer.baselines.IalsScorer;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.data.CsrMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IalsTrainerTest {

  static final int BLOCKS = 3, USERS_PER_BLOCK = 20, ITEMS_PER_BLOCK = 15;

  /** Users of block b interact only with (about 60% of) the items of block b. */
  static CsrMatrix plantedBlocks(long seed) {
    Random rnd = new Random(seed);
    List<int[]> pairs = new ArrayList<>();
    for (int b = 0; b < BLOCKS; b++) {
      for (int u = 0; u < USERS_PER_BLOCK; u++) {
        for (int i = 0; i < ITEMS_PER_BLOCK; i++) {
          if (rnd.nextDouble() < 0.6) {
            pairs.add(new int[] {b * USERS_PER_BLOCK + u, b * ITEMS_PER_BLOCK + i});
          }
        }
      }
    }
    int[] r = pairs.stream().mapToInt(p -> p[0]).toArray();
    int[] c = pairs.stream().mapToInt(p -> p[1]).toArray();
    float[] v = new float[r.length];
    java.util.Arrays.fill(v, 1f);
    return CsrMatrix.fromTriples(BLOCKS * USERS_PER_BLOCK, BLOCKS * ITEMS_PER_BLOCK, r, c, v);
  }

  static TrainingConfig.Model model(int threads, long seed, TrainingConfig.Solver solver) {
    return model(threads, seed, solver, TrainingConfig.Variant.HU);
  }

  /** Rank 3 = the planted structure. Rendle: lambda_u = 0.05 (|I_u| + 0.1 |I|), about 0.5 here. */
  static TrainingConfig.Model model(int threads, long seed, TrainingConfig.Solver solver, TrainingConfig.Variant v) {
    return v == TrainingConfig.Variant.HU
        ? new TrainingConfig.Model(3, 10, 1.0, 5.0, 0.1, seed, threads, solver, 3)
        : new TrainingConfig.Model(3, 10, 0.05, 0.0, 0.1, seed, threads, solver, 3, v, 0.1, 1.0);
  }

  /** Every solver with every objective variant. */
  static Stream<Arguments> solversAndVariants() {
    return Stream.of(TrainingConfig.Solver.values())
        .flatMap(s -> Stream.of(TrainingConfig.Variant.values()).map(v -> Arguments.of(s, v)));
  }

  @ParameterizedTest
  @MethodSource("solversAndVariants")
  void recoversPlantedBlocks(TrainingConfig.Solver solver, TrainingConfig.Variant variant) {
    CsrMatrix r = plantedBlocks(1);
    IalsTrainer.Factors f = new IalsTrainer(model(2, 42, solver, variant)).train(r, null);
    IalsScorer scorer = new IalsScorer(f.users(), f.items());
    float[] s = new float[r.cols()];
    for (int u = 0; u < r.rows(); u++) {
      int block = u / USERS_PER_BLOCK;
      scorer.score(u, r, s);
      int uu = u;
      // The user's unseen items of its own block must rank first: top n with n = min(5, such items).
      int unseenInBlock = ITEMS_PER_BLOCK - r.rowLength(u);
      int[] top = TopK.select(s, Math.min(5, unseenInBlock), i -> !r.contains(uu, i));
      assertThat(top.length, is(Math.min(5, unseenInBlock)));
      List<Integer> blocks = java.util.Arrays.stream(top).map(i -> i / ITEMS_PER_BLOCK).boxed().toList();
      assertThat("user " + u + " top items " + java.util.Arrays.toString(top), blocks, everyItem(is(block)));
    }
  }

  @ParameterizedTest
  @MethodSource("solversAndVariants")
  void lossDecreasesEverySweep(TrainingConfig.Solver solver, TrainingConfig.Variant variant) {
    List<Double> losses = new ArrayList<>();
    new IalsTrainer(model(2, 7, solver, variant)).train(plantedBlocks(2), (it, loss, secs) -> losses.add(loss));
    assertThat(losses.size(), is(10));
    for (int i = 1; i < losses.size(); i++) {
      assertThat("sweep " + (i + 1), losses.get(i), lessThan(losses.get(i - 1) + 1e-9));
    }
  }

  @ParameterizedTest
  @MethodSource("solversAndVariants")
  void deterministicForASeedWhateverTheThreadCount(TrainingConfig.Solver solver, TrainingConfig.Variant variant) {
    CsrMatrix r = plantedBlocks(3);
    IalsTrainer.Factors a = new IalsTrainer(model(1, 5, solver, variant)).train(r, null);
    IalsTrainer.Factors b = new IalsTrainer(model(2, 5, solver, variant)).train(r, null);
    assertThat(a.users().data(), is(b.users().data()));
    assertThat(a.items().data(), is(b.items().data()));
  }

  @ParameterizedTest
  @EnumSource(TrainingConfig.Variant.class)
  void conjugateGradientReachesTheCholeskyLoss(TrainingConfig.Variant variant) {
    CsrMatrix r = plantedBlocks(4);
    List<Double> exact = new ArrayList<>();
    List<Double> cg = new ArrayList<>();
    new IalsTrainer(model(2, 9, TrainingConfig.Solver.CHOLESKY, variant)).train(r, (it, loss, s) -> exact.add(loss));
    new IalsTrainer(model(2, 9, TrainingConfig.Solver.CG, variant)).train(r, (it, loss, s) -> cg.add(loss));
    double e = exact.get(exact.size() - 1);
    double c = cg.get(cg.size() - 1);
    assertThat(Math.abs(c - e) / e, lessThan(0.01)); // within 1% after 10 sweeps of 3 CG steps
  }
}
