/**
 * The command line of the Beam entry points: {@link StageCli} parses the options the offline data stages
 * share (SPEC §2: {@code --config}, {@code --data}, {@code --format}, {@code --workdir}, {@code --runner},
 * any other {@code --name=value} for Beam) with the exit codes of common
 * {@code com.marquee.common.cli.ExitCodes}, and {@link BeamOptions} builds the Beam {@code PipelineOptions}
 * with the DirectRunner and FlinkRunner defaults ({@code docs/RUNNERS.md}). Used by the stage pipelines,
 * {@code MarqueePipeline}, {@code RetrainMain}, {@code TuneMain} and, for the KPI and replay jobs,
 * {@code com.marquee.pipelines.requestlog.LogCliOptions}.
 */
package com.marquee.pipelines.cli;
