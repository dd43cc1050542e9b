/**
 * The SPEC §2 exit-code convention of the command-line entry points ({@link ExitCodes}): 0 ok, 2 bad
 * arguments or bad input (recognised anywhere in the cause chain), 1 any other failure, with one
 * {@code error:} line on stderr. Used by the trainer's mains ({@code TrainerMain}, {@code EvaluateMain},
 * {@code RegistryMain}), by beam-pipelines ({@code StageCli}, {@code KpiPipeline}, {@code ReplayPipeline},
 * {@code RetrainMain}, {@code TuneMain}) and by the benchmarks' mains.
 */
package com.marquee.common.cli;
