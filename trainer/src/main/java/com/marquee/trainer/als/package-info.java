/**
 * iALS training ({@link IalsTrainer}): alternating least-squares sweeps over every user row and every item
 * row, in the formulation of Hu, Koren, Volinsky (ICDM 2008) or of Rendle, Krichene, Zhang, Koren (RecSys
 * 2022) per {@code model.variant}, each row solved by exact Cholesky or warm-started conjugate gradient per
 * {@code model.solver}, spread over {@code model.threads} workers and deterministic for {@code model.seed}.
 * The per-row math lives in common {@code com.marquee.common.als}, which the server also calls for fold-in
 * (helidon-service {@code com.marquee.service.model.ModelSnapshot}). {@link IalsTrainer} is driven by
 * {@code com.marquee.trainer.Trainer}, by the offline evaluation and the trials of the hyperparameter search,
 * and by benchmarks {@code TrainBenchmark} and {@code ServeModelBuilder}.
 */
package com.marquee.trainer.als;
