/**
 * Benchmarks and data tools on synthetic MovieLens-shaped data ({@link SyntheticMovieLens}, {@link Shape}):
 * {@code scripts/generate-data.sh} runs {@link GenerateMain}, {@code scripts/bench-train.sh} times iALS
 * sweeps ({@link TrainBenchmark}), {@code scripts/bench-serve.sh} serves the model versions of
 * {@link ServeModelBuilder}, and {@code scripts/retrieval-recall.sh} measures the recall of IVF retrieval
 * against exact scoring ({@link RetrievalRecall}). They drive the real code: trainer
 * {@code com.marquee.trainer.als.IalsTrainer} and {@code com.marquee.trainer.index}, helidon-service
 * {@code com.marquee.service.model} and {@code com.marquee.service.recommend}; results are in
 * {@code docs/BENCHMARKS.md}.
 */
package com.marquee.benchmarks;
