package com.marquee.benchmarks;

import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.cli.ExitCodes;
import com.marquee.common.content.ContentFeatures;
import com.marquee.common.content.ContentMapping;
import com.marquee.common.domain.Movie;
import com.marquee.service.MarqueeServer;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.http.RequestLimits;
import com.marquee.service.http.ServerAddress;
import com.marquee.service.log.RequestLogConfig;
import com.marquee.service.model.ModelsConfig;
import com.marquee.service.security.AdminConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Latency and memory of {@code PUT /admin/items/{movie_id}} (issue #15): a real server in this JVM on
 * 127.0.0.1 (request log and {@code catalog_changes} in a real SQLite file under {@code --work}), one
 * client sending, one at a time over one keep-alive connection, {@code --puts} PUTs of new movies
 * (random 1-3 genres of the catalog, a title, a year; each becomes recommendable: content vector,
 * overlay row, new served snapshot) interleaved with as many {@code GET /health} (the bare route, as
 * reference in the same run), after {@code --warmup} of each. Prints p50, p90, p99 and max in ms of
 * both, the heap after a full GC before and after the PUTs, the PUT latency of the first and last
 * tenth (the cost grows with the overlay), and the time of the in-memory part alone (the served snapshot
 * rebuilt with every change, {@code ModelSnapshot.withCatalog}); the rest is the SQLite commit
 * ({@code synchronous=FULL}) and HTTP.
 *
 * <p>The model: {@code --model} (a model version directory, e.g. {@code
 * benchmarks/data/models/ml-20m-f128-seed42/production} of {@code scripts/bench-serve.sh}). When it has
 * no content mapping, one is fitted here with common's {@link ContentFeatures} (defaults, no tags) and
 * {@link ContentMapping} (ridge, λ = 1) on its catalog and item factors, and written with the model
 * files (hard links) into {@code --work}/model.
 */
@Command(name = "CatalogPutBenchmark", mixinStandardHelpOptions = true,
    description = "PUT /admin/items latency (p50/p99, ms) and memory against GET /health on loopback.")
public final class CatalogPutBenchmark implements Callable<Integer> {

  private static final String KEY = "bench-admin-key";

  @Option(names = "--model", required = true, description = "model version directory")
  Path model;

  @Option(names = "--work", description = "work directory (default: ${DEFAULT-VALUE})")
  Path work = Path.of("/tmp/marquee-catalog-bench");

  @Option(names = "--puts", description = "measured PUTs, and as many GET /health (default: ${DEFAULT-VALUE})")
  int puts = 1000;

  @Option(names = "--warmup", description = "PUTs and GETs before measuring (default: ${DEFAULT-VALUE})")
  int warmup = 200;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(work);
    Path served = withMapping(model, work.resolve("model"));
    Path db = work.resolve("requests-" + System.nanoTime() + ".db");
    ServingConfig config = new ServingConfig(new ServerAddress("127.0.0.1", 0), new ModelsConfig(served),
        new RequestLogConfig(db, 10_000, 500, 20), new RequestLimits(1000, 65_536, null, warmup + puts + 10),
        new AdminConfig(List.of(KEY)));
    ModelArtifacts a = ModelArtifacts.read(served);
    List<String> genres = a.catalog().all().stream().flatMap(m -> m.genres().stream()).distinct().sorted().toList();
    System.out.printf("model %s: %d items, %d users, f=%d; %d genres; JVM %s, %d cpus, -Xmx %d MiB%n",
        a.metadata().version(), a.items().size(), a.users().size(), a.factors(), genres.size(),
        Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    a = null;
    SplittableRandom rnd = new SplittableRandom(42);
    try (MarqueeServer server = MarqueeServer.start(config)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      String base = "http://127.0.0.1:" + server.port();
      long id = 10_000_000;
      for (int i = 0; i < warmup; i++) {
        put(client, base, id++, genres, rnd);
        health(client, base);
      }
      long heapBefore = heapAfterGc();
      long[] putNs = new long[puts];
      long[] healthNs = new long[puts];
      for (int i = 0; i < puts; i++) {
        putNs[i] = put(client, base, id++, genres, rnd);
        healthNs[i] = health(client, base);
      }
      long heapAfter = heapAfterGc();
      String check = get(client, base + "/movies/" + (id - 1));
      System.out.printf("last PUT movie: %s%n", check.length() > 160 ? check.substring(0, 160) + "..." : check);
      System.out.printf("PUT    /admin/items (n=%d): %s%n", puts, summary(putNs));
      System.out.printf("GET    /health      (n=%d): %s%n", puts, summary(healthNs));
      int tenth = Math.max(1, puts / 10);
      System.out.printf("PUT first %d: %s; last %d: %s%n", tenth, summary(Arrays.copyOfRange(putNs, 0, tenth)), tenth,
          summary(Arrays.copyOfRange(putNs, puts - tenth, puts)));
      // the in-memory part of a PUT: the served snapshot rebuilt from the trained one with every change
      com.marquee.service.model.ModelSnapshot served0 = server.models().current().orElseThrow();
      long[] rebuildNs = new long[50];
      for (int i = 0; i < rebuildNs.length; i++) {
        long t = System.nanoTime();
        served0.trained().withCatalog(served0.catalogState(), Map.of(), Integer.MAX_VALUE);
        rebuildNs[i] = System.nanoTime() - t;
      }
      System.out.printf("snapshot rebuild alone (withCatalog, %d changes, in-process, n=%d): %s%n",
          served0.catalogState().items().size(), rebuildNs.length, summary(rebuildNs));
      System.out.printf("heap after full GC: %.1f MiB before the measured PUTs (%d added movies), %.1f MiB after "
          + "(%d more): %.0f bytes per added movie%n", heapBefore / 1048576.0, warmup, heapAfter / 1048576.0, puts,
          (double) (heapAfter - heapBefore) / puts);
    }
    return ExitCodes.OK;
  }

  /** {@code dir} itself when it has a content mapping, else a copy (hard links) with one fitted. */
  static Path withMapping(Path dir, Path out) throws IOException {
    if (ContentMapping.read(dir).isPresent()) {
      return dir;
    }
    Files.createDirectories(out);
    try (var files = Files.list(dir.toRealPath())) {
      for (Path p : files.toList()) {
        Path target = out.resolve(p.getFileName());
        Files.deleteIfExists(target);
        try {
          Files.createLink(target, p);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(p, target);
        }
      }
    }
    ModelArtifacts a = ModelArtifacts.read(dir);
    List<Movie> movies = new ArrayList<>();
    for (int r = 0; r < a.items().size(); r++) {
      movies.add(a.catalog().get(a.items().externalId(r)));
    }
    long t0 = System.nanoTime();
    ContentFeatures features = ContentFeatures.fit(movies, Map.of(), ContentFeatures.Params.DEFAULTS);
    int nf = features.nFeatures();
    float[] x = new float[movies.size() * nf];
    for (int r = 0; r < movies.size(); r++) {
      System.arraycopy(features.encode(movies.get(r), List.of()), 0, x, r * nf, nf);
    }
    ContentMapping.fit(features, x, movies.size(), a.itemFactors().data(), a.factors(), 1.0).write(out);
    System.out.printf("fitted a content mapping (%d features) in %.1f s into %s%n", nf, (System.nanoTime() - t0) / 1e9,
        out.resolve(ArtifactFiles.CONTENT_MAPPING));
    return out;
  }

  private static long put(HttpClient client, String base, long id, List<String> genres, SplittableRandom rnd)
      throws Exception {
    StringBuilder g = new StringBuilder();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      g.append(i == 0 ? "" : ",").append('"').append(genres.get(rnd.nextInt(genres.size()))).append('"');
    }
    String body = "{\"title\": \"Benchmark Movie " + id + "\", \"year\": " + (1950 + rnd.nextInt(75))
        + ", \"genres\": [" + g + "], \"tags\": [\"new\"]}";
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/admin/items/" + id)).timeout(Duration.ofSeconds(30))
        .header("X-API-Key", KEY).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    long t = System.nanoTime();
    HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
    long ns = System.nanoTime() - t;
    if (res.statusCode() != 201 || !res.body().contains("\"recommendable\":true")) {
      throw new IllegalStateException("PUT " + id + " answered " + res.statusCode() + ": " + res.body());
    }
    return ns;
  }

  private static long health(HttpClient client, String base) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(30)).GET().build();
    long t = System.nanoTime();
    HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
    long ns = System.nanoTime() - t;
    if (res.statusCode() != 200) {
      throw new IllegalStateException("GET /health answered " + res.statusCode());
    }
    return ns;
  }

  private static String get(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** p50, p90, p99, max and mean in ms. */
  static String summary(long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms", pct(s, 50), pct(s, 90),
        pct(s, 99), s[s.length - 1] / 1e6, Arrays.stream(s).average().orElse(0) / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new CatalogPutBenchmark(), args));
  }
}
