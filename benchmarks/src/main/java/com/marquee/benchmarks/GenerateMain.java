package com.marquee.benchmarks;

import com.marquee.common.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/generate-data.sh}: writes a synthetic MovieLens-layout data set. */
@Command(name = "generate-data.sh", mixinStandardHelpOptions = true,
    description = "Writes ratings.csv + movies.csv (MovieLens ml-latest layout) drawn from a planted latent-factor "
        + "model with power-law item popularity and long-tailed user activity.")
public final class GenerateMain implements Callable<Integer> {

  @Option(names = "--shape", description = "ml-1m | ml-20m | ml-25m (default: ${DEFAULT-VALUE})")
  String shape = "ml-1m";

  @Option(names = "--users", description = "override the shape's number of users")
  Integer users;

  @Option(names = "--items", description = "override the shape's number of movies")
  Integer items;

  @Option(names = "--ratings", description = "override the shape's number of ratings")
  Long ratings;

  @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed = 42;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Override
  public Integer call() throws Exception {
    Shape s = Shape.named(shape);
    SyntheticMovieLens.Params d = SyntheticMovieLens.Params.of(s, seed);
    SyntheticMovieLens.Params p = new SyntheticMovieLens.Params(users != null ? users : d.users(),
        items != null ? items : d.items(), ratings != null ? ratings : d.ratings(), d.factors(), d.itemZipf(),
        d.userSigma(), d.minPerUser(), seed);
    long t0 = System.nanoTime();
    SyntheticMovieLens.Summary sum = SyntheticMovieLens.generate(p, out);
    System.out.printf("wrote %s: %d users, %d movies, %d ratings (%d >= 4 stars) in %.1f s%n", out, sum.users(),
        sum.items(), sum.ratings(), sum.positives(), (System.nanoTime() - t0) / 1e9);
    return ExitCodes.OK;
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new GenerateMain(), args));
  }
}
