package com.marquee.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes a synthetic data set in the MovieLens ml-latest layout ({@code ratings.csv}: {@code
 * userId,movieId,rating,timestamp}; {@code movies.csv}: {@code movieId,title,genres}) with the
 * statistics that matter for recommenders:
 *
 * <ul>
 *   <li>item popularity follows a Zipf law: {@code P(item of popularity rank r) ~ (r + 1)^-s};
 *   <li>user activity is long-tailed: at least {@code minPerUser} ratings each, the rest shared in
 *       proportion to log-normal weights {@code exp(sigma * N(0,1))} (MovieLens keeps users with >= 20);
 *   <li>which items a user rates and how is drawn from a planted latent-factor model with {@code k}
 *       factors: a candidate drawn by popularity is kept with probability {@code sigmoid(2 a)} where
 *       {@code a = x_u . y_i} has unit variance, and its rating is {@code 3.2 + a + N(0, 0.8)} rounded
 *       to half stars in [0.5, 5] (about half of all ratings are >= 4, as in ML-20M);
 *   <li>each user's timestamps are increasing within a session of exponential length (mean one year)
 *       starting uniformly between 1995 and 2015 (seconds since the epoch);
 *   <li>genres (1-3 of the 19 MovieLens genres) follow the item's largest planted factors, so genre
 *       filters and similar-item lists have structure.
 * </ul>
 *
 * Deterministic for a seed: each user draws from its own {@link SplittableRandom} split in user order.
 */
public final class SyntheticMovieLens {

  static final String[] GENRES = {
    "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"
  };
  private static final long T_START = 789_652_009L; // 1995-01-09, the first ML-20M rating
  private static final long T_END = 1_427_784_002L; // 2015-03-31, the last ML-20M rating
  private static final double YEAR_SECONDS = 365.25 * 86_400;

  /**
   * @param users number of users ({@code >= 1})
   * @param items number of movies ({@code >= 2})
   * @param ratings total ratings ({@code >= users * minPerUser}, {@code <= users * items / 2})
   * @param factors planted latent factors k
   * @param itemZipf Zipf exponent s of item popularity
   * @param userSigma log-normal sigma of user activity
   * @param minPerUser minimum ratings per user
   * @param seed random seed
   */
  public record Params(
      int users, int items, long ratings, int factors, double itemZipf, double userSigma, int minPerUser, long seed) {
    public Params {
      if (users < 1 || items < 2 || factors < 1 || minPerUser < 1) {
        throw new IllegalArgumentException("users, items, factors and min per user must be positive");
      }
      if (ratings < (long) users * minPerUser || ratings > (long) users * items / 2) {
        throw new IllegalArgumentException("ratings must be in [users * " + minPerUser + ", users * items / 2], got "
            + ratings);
      }
    }

    /** The defaults for a MovieLens shape: 16 planted factors, Zipf 1.0, sigma 1.2, >= 20 per user. */
    public static Params of(Shape shape, long seed) {
      return new Params(shape.users(), shape.items(), shape.ratings(), 16, 1.0, 1.2, 20, seed);
    }
  }

  /** What was written: counts of users, movies, ratings and ratings >= 4 stars. */
  public record Summary(int users, int items, long ratings, long positives) {}

  private SyntheticMovieLens() {}

  /**
   * Writes {@code ratings.csv} and {@code movies.csv} into {@code dir} (created if missing).
   *
   * @throws IOException if a file cannot be written
   */
  public static Summary generate(Params p, Path dir) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom root = new SplittableRandom(p.seed());
    int k = p.factors();
    double scale = Math.pow(k, -0.25); // x . y then has unit variance
    float[] itemF = gaussian(root, p.items() * k, scale);
    float[] userF = gaussian(root, p.users() * k, scale);
    double[] cumulative = popularity(root, p.items(), p.itemZipf());
    int[] perUser = activity(root, p);
    writeMovies(dir.resolve("movies.csv"), itemF, k, root);

    long written = 0, positives = 0;
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
      out.write("userId,movieId,rating,timestamp\n");
      StringBuilder line = new StringBuilder(48);
      for (int u = 0; u < p.users(); u++) {
        SplittableRandom rnd = root.split();
        int n = perUser[u];
        int[] chosen = chooseItems(rnd, cumulative, itemF, userF, u, k, n);
        long[] times = timestamps(rnd, n);
        for (int t = 0; t < n; t++) {
          int item = chosen[t];
          double a = dot(userF, u * k, itemF, item * k, k);
          double r = Math.round((3.2 + a + rnd.nextGaussian() * 0.8) * 2) / 2.0;
          r = Math.max(0.5, Math.min(5.0, r));
          if (r >= 4.0) {
            positives++;
          }
          line.setLength(0);
          line.append(u + 1).append(',').append(item + 1).append(',').append(r).append(',').append(times[t]).append('\n');
          out.append(line);
        }
        written += n;
      }
    }
    return new Summary(p.users(), p.items(), written, positives);
  }

  /** Cumulative item-choice probabilities: Zipf over a random popularity order of the items. */
  private static double[] popularity(SplittableRandom rnd, int items, double s) {
    int[] rankOf = new int[items];
    for (int i = 0; i < items; i++) {
      rankOf[i] = i;
    }
    for (int i = items - 1; i > 0; i--) { // Fisher-Yates: which item gets which popularity rank
      int j = rnd.nextInt(i + 1);
      int t = rankOf[i];
      rankOf[i] = rankOf[j];
      rankOf[j] = t;
    }
    double[] c = new double[items];
    double sum = 0;
    for (int i = 0; i < items; i++) {
      sum += Math.pow(rankOf[i] + 1, -s);
      c[i] = sum;
    }
    for (int i = 0; i < items; i++) {
      c[i] /= sum;
    }
    return c;
  }

  /** Ratings per user: minPerUser plus a log-normal share of the rest, capped at half the catalog; sums to ratings. */
  private static int[] activity(SplittableRandom rnd, Params p) {
    int cap = p.items() / 2;
    double[] w = new double[p.users()];
    double total = 0;
    for (int u = 0; u < w.length; u++) {
      w[u] = Math.exp(p.userSigma() * rnd.nextGaussian());
      total += w[u];
    }
    long extra = p.ratings() - (long) p.users() * p.minPerUser();
    int[] n = new int[p.users()];
    long assigned = 0;
    for (int u = 0; u < n.length; u++) {
      n[u] = (int) Math.min(cap, p.minPerUser() + (long) Math.floor(extra * w[u] / total));
      assigned += n[u];
    }
    for (int u = 0; assigned < p.ratings(); u = (u + 1) % n.length) { // hand out what rounding and caps left
      if (n[u] < cap) {
        n[u]++;
        assigned++;
      }
    }
    return n;
  }

  /** n distinct items for user u: popularity draws kept with probability sigmoid(2 x_u . y_i). */
  private static int[] chooseItems(
      SplittableRandom rnd, double[] cumulative, float[] itemF, float[] userF, int u, int k, int n) {
    java.util.BitSet seen = new java.util.BitSet(cumulative.length);
    int[] out = new int[n];
    int have = 0;
    long tries = 0, maxTries = 64L * n;
    while (have < n) {
      int item;
      if (++tries > maxTries) {
        item = seen.nextClearBit(0); // a very active user exhausted the likely items (rare); n <= items / 2
      } else {
        item = draw(rnd, cumulative);
        if (seen.get(item)
            || rnd.nextDouble() >= 1.0 / (1.0 + Math.exp(-2 * dot(userF, u * k, itemF, item * k, k)))) {
          continue;
        }
      }
      seen.set(item);
      out[have++] = item;
    }
    return out;
  }

  private static int draw(SplittableRandom rnd, double[] cumulative) {
    int i = Arrays.binarySearch(cumulative, rnd.nextDouble());
    return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
  }

  private static long[] timestamps(SplittableRandom rnd, int n) {
    double span = Math.min(-Math.log(1 - rnd.nextDouble()) * YEAR_SECONDS, T_END - T_START);
    long start = T_START + (long) (rnd.nextDouble() * (T_END - T_START - span));
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = start + (long) (rnd.nextDouble() * span);
    }
    Arrays.sort(t);
    return t;
  }

  private static void writeMovies(Path file, float[] itemF, int k, SplittableRandom rnd) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("movieId,title,genres\n");
      int items = itemF.length / k;
      for (int i = 0; i < items; i++) {
        int year = 1920 + rnd.nextInt(96);
        int nGenres = 1 + rnd.nextInt(3);
        // genres follow the largest planted factors: factor j maps to genre j mod 19
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
          order[j] = j;
        }
        int off = i * k;
        Arrays.sort(order, (a, b) -> Float.compare(itemF[off + b], itemF[off + a]));
        java.util.TreeSet<String> g = new java.util.TreeSet<>();
        for (int j = 0; g.size() < nGenres && j < k; j++) {
          g.add(GENRES[order[j] % GENRES.length]);
        }
        out.write((i + 1) + ",\"Synthetic Movie " + (i + 1) + " (" + year + ")\"," + String.join("|", g) + "\n");
      }
    }
  }

  private static float[] gaussian(SplittableRandom rnd, int n, double std) {
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = (float) (rnd.nextGaussian() * std);
    }
    return d;
  }

  private static double dot(float[] a, int ao, float[] b, int bo, int k) {
    double s = 0;
    for (int j = 0; j < k; j++) {
      s += a[ao + j] * b[bo + j];
    }
    return s;
  }
}
