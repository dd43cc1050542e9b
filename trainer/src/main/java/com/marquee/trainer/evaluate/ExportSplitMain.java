package com.marquee.trainer.evaluate;

import com.marquee.common.cli.ExitCodes;
import com.marquee.common.config.ConfigLoader;
import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.trainer.data.InMemoryPreprocess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/export-split.sh}: a raw MovieLens directory as a fixed split in both formats of
 * {@link FixedSplitFiles}, so the fixed-split path of {@code scripts/evaluate.sh} can be run on the
 * bundled data. The split is {@link RandomPerUserSplit} of the preprocessed positives.
 */
@Command(name = "export-split.sh", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {
      "Writes <out>/train.csv, test.csv (pairs: user_id,item_id,rating,timestamp) and",
      "<out>/train.txt, test.txt (lists: 'user_id item_id ...' per user) from a raw",
      "MovieLens directory: preprocess rules of the data config, then --ratio of each",
      "user's positives to test at random (seeded per user).",
      ""},
    footer = {"Exit codes: 0 ok, 2 bad arguments/config/input, 1 other failure."})
public final class ExportSplitMain implements Callable<Integer> {

  @Option(names = "--data", paramLabel = "DIR", description = "raw MovieLens directory (default: data/raw/ml-latest-small)")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created)")
  Path out;

  @Option(names = "--ratio", paramLabel = "R", defaultValue = "0.25",
      description = "test share of each user's positives, in (0, 1) (default: ${DEFAULT-VALUE})")
  double ratio;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--data-config", paramLabel = "FILE", description = "data config (default: configs/data.yaml)")
  Path dataConfig;

  private final PrintStream stdout;

  ExportSplitMain(PrintStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws IOException {
    Path home = EvaluateMain.home();
    Path dir = data != null ? data : home.resolve("data/raw/ml-latest-small");
    DataConfig cfg = ConfigLoader.load(dataConfig != null ? dataConfig : home.resolve("configs/data.yaml"),
        DataConfig.class, System.getenv(), Map.of());
    MovieLensLayout layout = MovieLensLayout.resolve(dir, cfg.input().format());
    List<Interaction> all = InMemoryPreprocess.run(dir, layout, cfg.implicit(), cfg.filter()).interactions();
    Part split = RandomPerUserSplit.split(all, ratio, seed);
    Files.createDirectories(out);
    for (String side : List.of("train", "test")) {
      List<Interaction> rows = new ArrayList<>(side.equals("train") ? split.kept() : split.heldOut());
      rows.sort(Comparator.comparingLong(Interaction::userId).thenComparingLong(Interaction::movieId));
      writePairs(out.resolve(side + ".csv"), rows);
      writeLists(out.resolve(side + ".txt"), rows);
      stdout.printf("%s: %,d interactions -> %s.csv, %s.txt%n", side, rows.size(), out.resolve(side), out.resolve(side));
    }
    return ExitCodes.OK;
  }

  private static void writePairs(Path file, List<Interaction> rows) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader("user_id", "item_id", "rating", "timestamp")
        .setRecordSeparator('\n').get();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, format)) {
      for (Interaction i : rows) {
        p.printRecord(i.userId(), i.movieId(), i.rating(), i.timestamp());
      }
    }
  }

  private static void writeLists(Path file, List<Interaction> rows) throws IOException {
    Map<Long, StringBuilder> lines = new TreeMap<>();
    for (Interaction i : rows) {
      lines.computeIfAbsent(i.userId(), u -> new StringBuilder(Long.toString(u))).append(' ').append(i.movieId());
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (StringBuilder line : lines.values()) {
        w.write(line.append('\n').toString());
      }
    }
  }

  /** Runs the command line; returns the exit code (never exits). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ExitCodes.execute(new ExportSplitMain(out), args, out, err);
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }
}
