package com.marquee.pipelines.kpi;

import com.marquee.common.cli.ExitCodes;
import com.marquee.common.movielens.InvalidInputException;
import com.marquee.pipelines.cli.Stages;
import com.marquee.pipelines.requestlog.LogCliOptions;
import com.marquee.pipelines.requestlog.ReadRequestLog;
import com.marquee.pipelines.requestlog.RequestLogDb;
import com.marquee.pipelines.requestlog.WriteReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The KPI stage: {@code request_logs} (SQLite, read with JdbcIO) to {@code <out>/kpis.json} and
 * {@code <out>/kpis.csv}. Definitions in {@link KpiTransform}, file layout in {@link KpiReport}.
 *
 * <p>Command line: {@link LogCliOptions} plus {@code --catalog-size N} (default: data lines of {@code
 * --item-features}, {@code data/features/item_features.csv}; coverage is null when neither is
 * available) and {@code --popularity FILE} ({@code data/features/popularity.csv}; popularity bias is
 * null when it is missing). Exit codes 0 ok, 2 bad arguments or input (missing database or table,
 * malformed rows), 1 other failure.
 */
@Command(name = "kpis", sortOptions = false, usageHelpAutoWidth = true,
    description = "Serving KPIs of the request log -> kpis.json, kpis.csv (per endpoint, model version, variant, UTC hour).",
    footer = {"Other --name=value options go to Beam.", "Exit codes: 0 ok, 2 bad arguments/input, 1 other failure."})
public final class KpiPipeline implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(KpiPipeline.class);

  @Mixin LogCliOptions log;

  /** Beam options ({@code --name=value}), e.g. {@code --flinkMaster=host:8081}. */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Option(names = "--catalog-size", paramLabel = "N",
      description = "catalog size for coverage (default: rows of --item-features)")
  Integer catalogSize;

  @Option(names = "--item-features", paramLabel = "FILE", defaultValue = "data/features/item_features.csv",
      description = "catalog for coverage (default: ${DEFAULT-VALUE})")
  Path itemFeatures;

  @Option(names = "--popularity", paramLabel = "FILE", defaultValue = "data/features/popularity.csv",
      description = "popularity scores for popularity bias (default: ${DEFAULT-VALUE})")
  Path popularity;

  @Override
  public Integer call() {
    RequestLogDb db = log.db();
    Integer catalog = catalogSize;
    Path items = log.resolve(itemFeatures);
    if (catalog == null && Files.isRegularFile(items)) {
      catalog = (int) Stages.dataLines(items);
    }
    if (catalog == null) {
      LOG.warn("kpis: no --catalog-size and no {}: catalog_coverage will be null", items);
    }
    Path pop = log.resolve(popularity);
    if (!Files.isRegularFile(pop)) {
      LOG.warn("kpis: no {}: popularity_bias will be null", pop);
      pop = null;
    }
    run(db, log.outDir(), catalog == null || catalog < 1 ? null : catalog, pop, log.pipelineOptions(beamArgs));
    return ExitCodes.OK;
  }

  /**
   * Builds, runs and waits for the KPI pipeline.
   *
   * @param catalogSize catalog size for coverage, or null
   * @param popularityCsv {@code popularity.csv} for popularity bias, or null
   * @throws InvalidInputException if the log has no {@code request_logs} table (before running) or a
   *     row is malformed (as the cause of a {@link Pipeline.PipelineExecutionException})
   */
  public static void run(RequestLogDb db, Path outDir, Integer catalogSize, Path popularityCsv, PipelineOptions options) {
    boolean variants = db.hasVariantColumn();
    Stages.createDirectories(outDir);
    LOG.info("kpis: {} (variant column: {}) -> {}", db.jdbcUrl(), variants, outDir);
    Pipeline p = Pipeline.create(options);
    PCollectionView<Map<Integer, Double>> popView = null;
    if (popularityCsv != null) {
      popView =
          p.apply("ReadPopularity", TextIO.read().from(popularityCsv.toString()))
              .apply("ParsePopularity", ParDo.of(new ParsePopularityFn(popularityCsv.toString())))
              .setCoder(KvCoder.of(VarIntCoder.of(), DoubleCoder.of()))
              .apply("PopularityMap", View.asMap());
    }
    p.apply("ReadLog", ReadRequestLog.from(db, variants))
        .apply("Kpis", KpiTransform.of(variants, catalogSize, popView))
        .apply(
            "WriteReport",
            WriteReport.with(
                new KpiReport(
                    outDir.resolve("kpis.json").toString(), outDir.resolve("kpis.csv").toString(),
                    db.jdbcUrl(), catalogSize, variants)));
    Stages.runAndWait(p, "kpis");
    LOG.info("kpis: wrote {}", outDir.resolve("kpis.json"));
  }

  /** {@code movie_id,count,score,...} lines to {@code movie_id -> score}; the header is skipped. */
  static final class ParsePopularityFn extends DoFn<String, KV<Integer, Double>> {
    private final String file;

    ParsePopularityFn(String file) {
      this.file = file;
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<KV<Integer, Double>> out) {
      if (line.isBlank() || line.startsWith("movie_id")) {
        return;
      }
      String[] f = line.split(",", 4);
      try {
        out.output(KV.of(Integer.parseInt(f[0].trim()), Double.parseDouble(f[2].trim())));
      } catch (RuntimeException e) {
        throw new InvalidInputException(file + ": not a popularity.csv line: " + line, e);
      }
    }
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new KpiPipeline(), args));
  }
}
