package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.Json;
import com.marquee.common.artifact.Npy;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.model.RetrieverFactory;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21 items 3 and 4 over a real server: model versions that are corrupt in ways the old
 * loader accepted (a NaN factor, a corrupt {@code user_items.bin} offset, a movie missing from the
 * catalog, a FAISS index of another model, a declared size beyond the heap) are refused by {@code
 * POST /admin/reload}, the reason is in {@code /health}, and the previous version keeps serving
 * valid JSON. The model watcher survives an {@link OutOfMemoryError} of a load and loads the next
 * valid version.
 */
class BadModelTest {

  static final String KEY = "admin-key";

  @TempDir Path tmp;
  Path registry;
  Path production;

  @BeforeEach
  void versions() throws Exception {
    registry = tmp.resolve("models/registry");
    production = tmp.resolve("models/production");
    TestModel.write(registry.resolve("v1"), "v1");
    Files.createSymbolicLink(production, registry.resolve("v1"));
  }

  /** Reloads {@code version} (must be refused with {@code reason}) and checks v1 still serves. */
  private void refused(Http http, String version, String reason) throws Exception {
    promote(production, registry.resolve(version));
    Http.Response r = http.post("/admin/reload", "", "X-API-Key", KEY);
    assertThat(r.body(), r.status(), is(500));
    assertThat(r.json().get("error").asText(), is("reload_failed"));
    assertThat(r.body(), r.json().get("message").asText(), containsString(reason));
    JsonNode health = http.get("/health").json();
    assertThat(health.get("model_version").asText(), is("v1"));
    assertThat(health.toString(), health.get("last_reload_error").get("message").asText(), containsString(reason));
    Http.Response rec = http.post("/recommend", "{\"user_id\": 1, \"k\": 3}");
    assertThat(rec.body(), rec.status(), is(200));
    assertThat(rec.movieIds("recommendations"), is(List.of(66L, 88L, 11L)));
    Http.Response anon = http.post("/recommend/anonymous", "{\"items\": [22, 44], \"k\": 3}");
    assertThat(anon.body(), anon.status(), is(200));
    for (JsonNode item : anon.json().get("recommendations")) {
      assertThat(anon.body(), item.get("score").isNumber(), is(true));
    }
  }

  @Test
  void nonFiniteFactorsAreRefused() throws Exception {
    Path nan = TestModel.write(registry.resolve("nan"), "nan");
    FactorMatrix items = TestModel.artifacts("nan").itemFactors();
    float[] d = items.data().clone();
    d[2 * items.cols()] = Float.NaN; // one NaN row, as in the issue
    Npy.write(nan.resolve(ArtifactFiles.ITEM_EMBEDDINGS), new FactorMatrix(items.rows(), items.cols(), d));
    Path inf = TestModel.write(registry.resolve("inf"), "inf");
    FactorMatrix users = TestModel.artifacts("inf").userFactors();
    float[] u = users.data().clone();
    u[1] = Float.POSITIVE_INFINITY;
    Npy.write(inf.resolve(ArtifactFiles.USER_EMBEDDINGS), new FactorMatrix(users.rows(), users.cols(), u));
    try (MarqueeServer server = Servers.start(production, tmp, List.of(KEY))) {
      Http http = new Http(server.port());
      refused(http, "nan", "item_embeddings has a non-finite value NaN at row 2");
      refused(http, "inf", "user_embeddings has a non-finite value Infinity at row 0");
    }
  }

  @Test
  void corruptUserItemsOffsetsAreRefused() throws Exception {
    Path bad = TestModel.write(registry.resolve("indptr"), "indptr");
    Path f = bad.resolve(ArtifactFiles.USER_ITEMS);
    byte[] b = Files.readAllBytes(f);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(20 + 4, 1_000_000); // indptr[1]
    Files.write(f, b);
    try (MarqueeServer server = Servers.start(production, tmp, List.of(KEY))) {
      refused(new Http(server.port()), "indptr", "indptr[1] = 1000000 after indptr[0] = 0");
    }
  }

  @Test
  void itemsMissingFromTheCatalogAreRefused() throws Exception {
    Path bad = TestModel.write(registry.resolve("nocat"), "nocat");
    Path f = bad.resolve(ArtifactFiles.ITEM_FEATURES);
    com.fasterxml.jackson.databind.node.ObjectNode catalog =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(f.toFile()); // {"<id>": movie}
    assertThat(catalog.toString(), catalog.remove("33") != null, is(true));
    Files.writeString(f, catalog.toString());
    try (MarqueeServer server = Servers.start(production, tmp, List.of(KEY))) {
      refused(new Http(server.port()), "nocat", "not in item_features, e.g. [33]");
    }
  }

  @Test
  void aFaissIndexOfAnotherModelIsRefused() throws Exception {
    Path bad = TestModel.write(registry.resolve("faiss"), "faiss");
    FactorMatrix items = TestModel.artifacts("faiss").itemFactors();
    float[] seven = java.util.Arrays.copyOf(items.data(), 7 * items.cols());
    TestModel.writeIndex(bad, new FactorMatrix(7, items.cols(), seven));
    Path empty = TestModel.write(registry.resolve("empty-index"), "empty-index");
    Files.write(empty.resolve(ArtifactFiles.ITEM_INDEX), new byte[0]);
    try (MarqueeServer server = Servers.start(production, tmp, List.of(KEY))) {
      Http http = new Http(server.port());
      refused(http, "faiss", "FAISS index holds 7 vectors of dimension 4, item_embeddings.npy 8 of dimension 4");
      refused(http, "empty-index", "not a FAISS index");
    }
  }

  /**
   * A version whose {@code item_embeddings.npy} declares more floats than the heap holds (a sparse
   * file of the declared length, so the truncation check passes): before the size check, reading it
   * allocated the array and threw a real OutOfMemoryError out of the load ({@code -Xmx4g} in the
   * surefire configuration; skipped on a larger heap, where no 2^31-element array is too large).
   */
  @Test
  void aModelLargerThanTheHeapIsRefusedBeforeItIsRead() throws Exception {
    int cols = 4;
    long maxFloats = Runtime.getRuntime().maxMemory() / 4 + (64L << 20);
    org.junit.jupiter.api.Assumptions.assumeTrue(maxFloats < Integer.MAX_VALUE - 8,
        "heap of " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB: no float[] can exceed it");
    int rows = (int) Math.min((Integer.MAX_VALUE - 8) / cols, maxFloats / cols);
    Path big = TestModel.write(registry.resolve("big"), "big");
    Path f = big.resolve(ArtifactFiles.ITEM_EMBEDDINGS);
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
    ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    pre.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(0);
      raf.write(pre.array());
      raf.write(header.getBytes(StandardCharsets.US_ASCII));
      raf.setLength(raf.length() + 4L * rows * cols); // sparse: no disk blocks
    }
    try (MarqueeServer server = Servers.start(production, tmp, List.of(KEY))) {
      Http http = new Http(server.port());
      long t0 = System.nanoTime();
      refused(http, "big", "model too large for the heap");
      System.out.printf("refused a %d MiB model in %d ms%n", 4L * rows * cols >> 20,
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /**
   * The watcher's load of one version throws an OutOfMemoryError (from the retriever seam of {@link
   * MarqueeServer#start(ServingConfig, RetrieverFactory)}: a test double standing for an index build
   * that runs out of heap, which a real allocation cannot provoke reliably in a shared test JVM):
   * the failure is in {@code /health}, the old version keeps serving, and the next valid version is
   * loaded by the same watcher.
   */
  @Test
  void theWatcherSurvivesAnOutOfMemoryErrorAndLoadsTheNextVersion() throws Exception {
    TestModel.write(registry.resolve("oom"), "oom");
    TestModel.write(registry.resolve("v3"), "v3");
    RetrieverFactory throwing = (artifacts, dir) -> {
      if (dir.getFileName().toString().equals("oom")) {
        throw new OutOfMemoryError("Java heap space (test double: building the retriever)");
      }
      return RetrieverFactory.EXACT.create(artifacts, dir);
    };
    ServingConfig c = Servers.config(production, tmp.resolve("requests.db"), List.of(KEY), 65_536);
    try (MarqueeServer server = MarqueeServer.start(c.with(c.models().withWatchIntervalMs(100)), throwing)) {
      Http http = new Http(server.port());
      promote(production, registry.resolve("oom"));
      JsonNode health = waitFor(http, h -> !h.get("last_reload_error").isNull());
      assertThat(health.toString(), health.get("last_reload_error").get("message").asText(),
          containsString("OutOfMemoryError while loading the model"));
      assertThat(health.get("model_version").asText(), is("v1"));
      promote(production, registry.resolve("v3"));
      health = waitFor(http, h -> h.get("model_version").asText().equals("v3"));
      assertThat(health.get("last_reload_error").isNull(), is(true));
    }
  }

  private static JsonNode waitFor(Http http, java.util.function.Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode h;
    do {
      h = http.get("/health").json();
      if (done.test(h)) {
        return h;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("not reached within 10 s; last /health " + h);
  }

  /** Swaps the symlink atomically, as promotion does. */
  static void promote(Path production, Path target) throws Exception {
    Path tmpLink = production.resolveSibling("production.tmp");
    Files.deleteIfExists(tmpLink);
    Files.createSymbolicLink(tmpLink, target);
    Files.move(tmpLink, production, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
