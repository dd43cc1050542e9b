/**
 * Entry points of the offline pipeline: {@code scripts/pipeline.sh} runs {@link MarqueePipeline}, which runs
 * the Beam stages preprocess, split and features ({@link OfflineStages}; alone: {@code scripts/stages.sh}) on
 * the chosen runner and then, in the same JVM, the trainer step of trainer
 * {@code com.marquee.trainer.Trainer} on the files they wrote. {@link StagePaths} resolves the files of the
 * stages (SPEC §3) and {@link Stages} holds helpers of the stage entry points; the stages themselves are the
 * subpackages {@code preprocess}, {@code split} and {@code features}.
 */
package com.marquee.pipelines;
