package com.marquee.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.cli.ExitCodes;
import com.marquee.service.model.ExactRetriever;
import com.marquee.service.model.IvfRetriever;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.RetrievalConfig;
import com.marquee.service.model.Retriever;
import com.marquee.service.model.RetrieverFactory;
import com.marquee.service.recommend.ItemFilter;
import com.marquee.service.recommend.Recommendations;
import com.marquee.service.recommend.Recommender;
import com.marquee.service.recommend.Similarity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/retrieval-recall.sh}: recall@k of the recommendation lists served with the IVF
 * retriever against exact scoring, on a sample of the model's users.
 *
 * <p>For each sampled user (uniform without replacement, seeded) the exact list is {@link
 * Recommender#recommend} with {@link ExactRetriever} ({@code exclude_seen: true}, no filter, as a
 * default {@code POST /recommend}); the served list comes either from the same call with the
 * retriever of {@code retrieval.*} settings ({@code ivf} mode, in-process) or, with {@code --url},
 * from {@code POST /recommend} of a running server. recall@k = |served ∩ exact| / |exact|, averaged
 * over users. The same is reported for a genre-filtered request ({@code --genre}) and, in-process,
 * for {@code /similar} on sampled items, with the mean and p99 retrieval time of one query on one
 * thread (a micro-measurement: no HTTP).
 *
 * <p>Last line: {@code recall_at_<k>=<x> users=<n> lists=<l> probes=<p> source=<in-process|url>}.
 */
@Command(name = "retrieval-recall.sh", mixinStandardHelpOptions = true,
    description = "Recall@k of IVF-served recommendation lists vs exact scoring on a sample of users.")
public final class RetrievalRecall implements Callable<Integer> {

  @Option(names = "--model", required = true, description = "model version directory (e.g. .../production)")
  Path model;

  @Option(names = "--users", description = "users sampled (default: ${DEFAULT-VALUE})")
  int users = 1000;

  @Option(names = "--k", description = "list length (default: ${DEFAULT-VALUE})")
  int k = 10;

  @Option(names = "--lists", split = ",",
      description = "IVF cells, 0 = automatic; several (comma-separated) are compared in turn (default: ${DEFAULT-VALUE})")
  int[] lists = {RetrievalConfig.Ivf.DEFAULT.lists()};

  @Option(names = "--probes", split = ",",
      description = "IVF probes; several (comma-separated) are compared in turn (default: ${DEFAULT-VALUE})")
  int[] probes = {RetrievalConfig.Ivf.DEFAULT.probes()};

  @Option(names = "--kmeans-iterations", description = "k-means iterations (default: ${DEFAULT-VALUE})")
  int kmeansIterations = RetrievalConfig.Ivf.DEFAULT.kmeansIterations();

  @Option(names = "--genre", description = "genre of the filtered check (default: ${DEFAULT-VALUE})")
  String genre = "Comedy";

  @Option(names = "--url", description = "base URL of a running server: compare its /recommend lists instead of in-process ones")
  URI url;

  @Option(names = "--seed", description = "sampling seed (default: ${DEFAULT-VALUE})")
  long seed = 42;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    Path dir = model.toRealPath();
    long t0 = System.nanoTime();
    ModelArtifacts a = ModelArtifacts.read(dir);
    ModelSnapshot exact = new ModelSnapshot(a, dir, Instant.now(), new ExactRetriever(a.itemFactors()));
    System.out.printf("model %s: %d users x %d items x %d factors (read in %.1f s)%n", a.metadata().version(),
        a.users().size(), a.items().size(), a.factors(), (System.nanoTime() - t0) / 1e9);
    long[] sample = sample(a, users);
    long[] itemSample = sampleItems(a, Math.min(users, a.items().size()));
    Recommender rec = new Recommender(Similarity.INNER_PRODUCT); // /similar through the retriever under test
    ItemFilter filter = ItemFilter.of(List.of(genre), null, null);

    if (url != null) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      double recall = 0;
      double recallFiltered = 0;
      for (long u : sample) {
        List<Long> truth = ids(rec.recommend(exact, u, k, true, ItemFilter.NONE));
        recall += recall(served(http, u, null), truth);
        recallFiltered += recall(served(http, u, genre), ids(rec.recommend(exact, u, k, true, filter)));
      }
      System.out.printf("served by %s: recall@%d %.4f, with genre %s %.4f (%d users)%n", url, k, recall / sample.length,
          genre, recallFiltered / sample.length, sample.length);
      System.out.printf("recall_at_%d=%.4f users=%d lists=server probes=server source=%s%n", k, recall / sample.length,
          sample.length, url);
      return ExitCodes.OK;
    }

    Timing exactTime = time(exact.retriever(), a, sample);
    System.out.printf("exact: %.0f us mean, %.0f us p99 per /recommend retrieval%n", exactTime.meanUs, exactTime.p99Us);
    String last = null;
    for (int l : lists) {
      RetrievalConfig.Ivf cfg = new RetrievalConfig.Ivf(1, l, probes[0], kmeansIterations);
      int nLists = cfg.listsFor(a.items().size());
      long b0 = System.nanoTime();
      IvfRetriever index = IvfRetriever.build(a.itemFactors(),
          new IvfRetriever.Params(nLists, probes[0], kmeansIterations, RetrieverFactory.IVF_SEED));
      double buildS = (System.nanoTime() - b0) / 1e9;
      int[] sizes = index.cellSizes().clone();
      Arrays.sort(sizes);
      System.out.printf("ivf lists=%d: index built in %.2f s (%d k-means iterations); cells hold %d to %d items, "
          + "median %d%n", nLists, buildS, kmeansIterations, sizes[0], sizes[sizes.length - 1], sizes[sizes.length / 2]);
      for (int p : probes) {
        IvfRetriever ivf = index.withProbes(p);
        ModelSnapshot approx = new ModelSnapshot(a, dir, Instant.now(), ivf);
        double recall = 0;
        double recallFiltered = 0;
        double recallSimilar = 0;
        for (long u : sample) {
          recall += recall(ids(rec.recommend(approx, u, k, true, ItemFilter.NONE)),
              ids(rec.recommend(exact, u, k, true, ItemFilter.NONE)));
          recallFiltered += recall(ids(rec.recommend(approx, u, k, true, filter)),
              ids(rec.recommend(exact, u, k, true, filter)));
        }
        for (long m : itemSample) {
          int row = a.items().rowOf(m);
          recallSimilar += recall(movies(rec.similar(approx, row, k)), movies(rec.similar(exact, row, k)));
        }
        long[] st = ivf.searchStats();
        Timing t = time(ivf, a, sample);
        System.out.printf("  probes=%d: recall@%d %.4f, with genre %s %.4f, /similar %.4f; %.0f items visited per "
                + "query (%d of %d queries visited every cell); %.0f us mean, %.0f us p99 per retrieval%n", p, k,
            recall / sample.length, genre, recallFiltered / sample.length, recallSimilar / itemSample.length,
            st[1] / (double) Math.max(1, st[0]), st[2], st[0], t.meanUs, t.p99Us);
        last = String.format("recall_at_%d=%.4f users=%d lists=%d probes=%d source=in-process", k,
            recall / sample.length, sample.length, nLists, p);
      }
    }
    System.out.println(last);
    return ExitCodes.OK;
  }

  private record Timing(double meanUs, double p99Us) {}

  /** Retrieval only (exclude-seen predicate built as the server does), 3 passes, the last one timed. */
  private Timing time(Retriever r, ModelArtifacts a, long[] sample) {
    double[] us = new double[sample.length];
    for (int pass = 0; pass < 3; pass++) {
      for (int i = 0; i < sample.length; i++) {
        int u = a.users().rowOf(sample[i]);
        java.util.BitSet allowed = new java.util.BitSet(a.items().size());
        allowed.set(0, a.items().size());
        for (int j = a.userItems().start(u); j < a.userItems().end(u); j++) {
          allowed.clear(a.userItems().indices()[j]);
        }
        long t = System.nanoTime();
        r.search(a.userFactors().row(u), k, allowed::get);
        us[i] = (System.nanoTime() - t) / 1e3;
      }
    }
    double mean = Arrays.stream(us).average().orElse(0);
    Arrays.sort(us);
    return new Timing(mean, us[Math.min(us.length - 1, (int) Math.ceil(0.99 * us.length) - 1)]);
  }

  private List<Long> served(HttpClient http, long user, String genre) throws Exception {
    String body = "{\"user_id\": " + user + ", \"k\": " + k
        + (genre == null ? "" : ", \"filters\": {\"genres\": [" + JSON.writeValueAsString(genre) + "]}") + "}";
    HttpRequest req = HttpRequest.newBuilder(url.resolve("/recommend"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("POST /recommend for user " + user + ": HTTP " + res.statusCode() + " " + res.body());
    }
    List<Long> out = new ArrayList<>();
    for (JsonNode n : JSON.readTree(res.body()).get("recommendations")) {
      out.add(n.get("movie_id").asLong());
    }
    return out;
  }

  private static List<Long> ids(Recommendations r) {
    return movies(r.items());
  }

  private static List<Long> movies(List<Recommendations.Scored> items) {
    return items.stream().map(Recommendations.Scored::movieId).toList();
  }

  /** |served ∩ truth| / |truth|; 1 when truth is empty. */
  static double recall(List<Long> served, List<Long> truth) {
    if (truth.isEmpty()) {
      return 1;
    }
    Set<Long> s = new HashSet<>(served);
    return truth.stream().filter(s::contains).count() / (double) truth.size();
  }

  private long[] sample(ModelArtifacts a, int n) {
    long[] ids = a.users().externalIds().clone();
    return shuffledPrefix(ids, Math.min(n, ids.length));
  }

  private long[] sampleItems(ModelArtifacts a, int n) {
    long[] ids = a.items().externalIds().clone();
    return shuffledPrefix(ids, n);
  }

  private long[] shuffledPrefix(long[] ids, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int j = i + rnd.nextInt(ids.length - i);
      long t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    return Arrays.copyOf(ids, n);
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new RetrievalRecall(), args));
  }
}
