package com.marquee.trainer.index;

import static com.marquee.trainer.index.IndexTestData.gaussian;
import static com.marquee.trainer.index.IndexTestData.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.artifact.ArtifactException;
import com.marquee.common.artifact.FaissIndexHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real FAISS (the shim built from src/main/native) against the pure-Java exact index. */
class FaissVectorIndexTest {

  static final int N = 2000, D = 32, NQ = 50, K = 10;
  static final float[] DATA = gaussian(N, D, 42);
  static final float[] QUERIES = gaussian(NQ, D, 7);

  @BeforeAll
  static void faissLoads() {
    IndexTestData.requireFaiss();
  }

  @Test
  void reportsVersionAndShape() {
    assertEquals("1.7.3", FaissNative.faissVersion());
    try (FaissVectorIndex idx = FaissVectorIndex.build(DATA, N, D, "Flat")) {
      assertEquals(N, idx.size());
      assertEquals(D, idx.dimension());
    }
  }

  /** The pure-Java header reader agrees with FAISS on files FAISS wrote (issue #21 item 3). */
  @Test
  void headerReaderMatchesFilesWrittenByFaiss(@TempDir Path dir) throws Exception {
    for (String factory : new String[] {"Flat", "HNSW16", "IVF8,Flat"}) {
      Path f = dir.resolve(factory.replace(',', '_') + ".faiss");
      try (FaissVectorIndex idx = FaissVectorIndex.build(DATA, N, D, factory)) {
        idx.write(f);
      }
      FaissIndexHeader h = FaissIndexHeader.read(f);
      assertEquals(D, h.dimension(), factory);
      assertEquals(N, h.size(), factory);
      assertEquals(FaissNative.METRIC_INNER_PRODUCT, h.metricType(), factory);
    }
    Path empty = Files.write(dir.resolve("empty.faiss"), new byte[0]);
    assertThat(assertThrows(ArtifactException.class, () -> FaissIndexHeader.read(empty)).getMessage(),
        containsString("not a FAISS index"));
  }

  @Test
  void flatMatchesExactTopK() {
    try (VectorIndex faiss = FaissVectorIndex.build(DATA, N, D, "Flat");
        VectorIndex exact = new ExactVectorIndex(DATA, N, D)) {
      SearchResult[] batch = faiss.searchBatch(QUERIES, NQ, K);
      for (int q = 0; q < NQ; q++) {
        float[] query = row(QUERIES, q, D);
        SearchResult want = exact.search(query, K, null);
        assertSame(want, faiss.search(query, K, null));
        assertSame(want, batch[q]);
      }
    }
  }

  @Test
  void filterMatchesExactIncludingOverFetchDoubling() {
    IntPredicate everyThird = id -> id % 3 == 0;
    IntPredicate rare = id -> id % 397 == 5; // 6 allowed rows: needs fetching everything
    try (VectorIndex faiss = FaissVectorIndex.build(DATA, N, D, "Flat");
        VectorIndex exact = new ExactVectorIndex(DATA, N, D)) {
      for (int q = 0; q < NQ; q++) {
        float[] query = row(QUERIES, q, D);
        assertSame(exact.search(query, K, everyThird), faiss.search(query, K, everyThird));
        SearchResult r = faiss.search(query, K, rare);
        assertEquals(6, r.size());
        assertSame(exact.search(query, K, rare), r);
      }
      assertEquals(0, faiss.search(row(QUERIES, 0, D), K, id -> false).size());
      assertEquals(N, faiss.search(row(QUERIES, 0, D), N + 5, null).size());
    }
  }

  @Test
  void writeReadRoundTripGivesIdenticalResults(@TempDir Path dir) {
    for (String desc : new String[] {"Flat", "HNSW32", "IVF32,Flat"}) {
      Path file = dir.resolve(desc.replace(',', '_') + ".faiss");
      try (FaissVectorIndex built = FaissVectorIndex.build(DATA, N, D, desc)) {
        built.write(file);
        try (FaissVectorIndex read = FaissVectorIndex.read(file)) {
          assertEquals(N, read.size());
          assertEquals(D, read.dimension());
          SearchResult[] a = built.searchBatch(QUERIES, NQ, K);
          SearchResult[] b = read.searchBatch(QUERIES, NQ, K);
          for (int q = 0; q < NQ; q++) {
            assertArrayEquals(a[q].ids(), b[q].ids(), desc);
            assertArrayEquals(a[q].scores(), b[q].scores(), desc);
          }
        }
      }
    }
  }

  @Test
  void hnswRecallAt10AgainstExact() {
    try (FaissVectorIndex hnsw = FaissVectorIndex.build(DATA, N, D, "HNSW32");
        VectorIndex exact = new ExactVectorIndex(DATA, N, D)) {
      double atDefault = recall(hnsw, exact); // efSearch 16: 0.954 measured
      assertThat(atDefault, greaterThanOrEqualTo(0.9));
      hnsw.setSearchParameter("efSearch", 64);
      assertThat(recall(hnsw, exact), greaterThanOrEqualTo(Math.max(atDefault, 0.99)));
    }
  }

  @Test
  void ivfTrainsOnTheVectors() {
    try (FaissVectorIndex ivf = FaissVectorIndex.build(DATA, N, D, "IVF256,Flat");
        VectorIndex exact = new ExactVectorIndex(DATA, N, D)) {
      assertEquals(N, ivf.size());
      ivf.setSearchParameter("nprobe", 256); // all lists: exact
      assertThat(recall(ivf, exact), greaterThanOrEqualTo(0.999));
    }
  }

  @Test
  void nativeErrorsBecomeFaissExceptionsWithTheCppMessage(@TempDir Path dir) {
    FaissException missing =
        assertThrows(FaissException.class, () -> FaissVectorIndex.read(dir.resolve("nope.faiss")));
    assertThat(missing.getMessage(), containsString("could not open"));

    FaissException factory =
        assertThrows(FaissException.class, () -> FaissVectorIndex.build(DATA, N, D, "Bogus42"));
    assertThat(factory.getMessage(), containsString("Bogus42"));

    FaissException training =
        assertThrows(FaissException.class, () -> FaissVectorIndex.build(DATA, 100, D, "IVF256,Flat"));
    assertThat(training.getMessage(), containsString("training points"));

    try (FaissVectorIndex idx = FaissVectorIndex.build(DATA, N, D, "Flat")) {
      FaissException write =
          assertThrows(FaissException.class, () -> idx.write(dir.resolve("no/such/dir/x.faiss")));
      assertThat(write.getMessage(), containsString("could not open"));
      FaissException param =
          assertThrows(FaissException.class, () -> idx.setSearchParameter("efSearch", 8));
      assertThat(param.getMessage(), containsString("efSearch"));
      assertThrows(IllegalArgumentException.class, () -> idx.search(new float[D + 1], K, null));
      assertThrows(IllegalArgumentException.class, () -> idx.searchBatch(new float[D], 2, K));
    }
  }

  @Test
  void rejectsNonFaissFile(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.faiss"), "not an index");
    assertThrows(FaissException.class, () -> FaissVectorIndex.read(junk));
  }

  @Test
  void searchAfterCloseThrowsAndCloseIsIdempotent(@TempDir Path dir) {
    FaissVectorIndex idx = FaissVectorIndex.build(DATA, N, D, "Flat");
    idx.close();
    idx.close();
    float[] query = row(QUERIES, 0, D);
    assertThrows(IllegalStateException.class, () -> idx.search(query, K, null));
    assertThrows(IllegalStateException.class, () -> idx.searchBatch(QUERIES, NQ, K));
    assertThrows(IllegalStateException.class, () -> idx.write(dir.resolve("x.faiss")));
  }

  @Test
  void concurrentSearchesRacingCloseNeverCrash() throws Exception {
    FaissVectorIndex idx = FaissVectorIndex.build(DATA, N, D, "Flat");
    int threads = 4;
    AtomicInteger ok = new AtomicInteger();
    AtomicReference<Throwable> unexpected =
        new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(threads);
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int seed = t;
      ts[t] = new Thread(() -> {
        started.countDown();
        for (int i = 0; ; i++) {
          try {
            SearchResult r = idx.search(row(QUERIES, (seed + i) % NQ, D), K, null);
            assertEquals(K, r.size());
            ok.incrementAndGet();
          } catch (IllegalStateException closed) {
            return;
          } catch (Throwable e) {
            unexpected.set(e);
            return;
          }
        }
      });
      ts[t].start();
    }
    started.await();
    Thread.sleep(50);
    idx.close();
    for (Thread t : ts) {
      t.join(10_000);
    }
    if (unexpected.get() != null) {
      throw new AssertionError(unexpected.get());
    }
    assertThat(ok.get(), greaterThanOrEqualTo(1));
  }

  /** Same ids in the same order, scores within 1e-4. */
  static void assertSame(SearchResult want, SearchResult got) {
    assertArrayEquals(want.ids(), got.ids());
    for (int i = 0; i < want.size(); i++) {
      assertThat((double) got.scores()[i], closeTo(want.scores()[i], 1e-4));
    }
  }

  /** Mean recall@K of {@code approx} against {@code exact} over the fixed queries. */
  static double recall(VectorIndex approx, VectorIndex exact) {
    int hits = 0;
    SearchResult[] got = approx.searchBatch(QUERIES, NQ, K);
    for (int q = 0; q < NQ; q++) {
      Set<Integer> want = new HashSet<>();
      for (int id : exact.search(row(QUERIES, q, D), K, null).ids()) {
        want.add(id);
      }
      for (int id : got[q].ids()) {
        hits += want.contains(id) ? 1 : 0;
      }
    }
    return hits / (double) (NQ * K);
  }
}
