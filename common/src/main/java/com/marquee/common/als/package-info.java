/**
 * The iALS solver math for implicit feedback: the weighted least-squares objective in the forms of Hu, Koren,
 * Volinsky (ICDM 2008) and of Rendle, Krichene, Zhang, Koren (RecSys 2022) ({@link IalsObjective},
 * {@link IalsLoss}), the per-row step solved exactly by Cholesky ({@link IalsSolver}) or by warm-started
 * conjugate gradient ({@link IalsCgSolver}), and their SIMD inner loops ({@link VectorKernels}). The same row
 * step both trains and folds in: trainer {@code com.marquee.trainer.als.IalsTrainer} drives it in training
 * sweeps, trainer {@code com.marquee.trainer.baselines.IalsFoldInScorer} folds in evaluated users, and the
 * server folds in anonymous and real-time users through helidon-service
 * {@code com.marquee.service.model.ModelSnapshot} ({@code /recommend/anonymous}, {@code service.realtime}).
 * Benchmarks {@code com.marquee.benchmarks.kernels} times these loops.
 */
package com.marquee.common.als;
