package com.marquee.common.artifact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.domain.Movie;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFormatsTest {

  @TempDir Path dir;

  @Test
  void npyWritesTheDocumentedHeaderAndRoundTrips() throws Exception {
    FactorMatrix m = new FactorMatrix(2, 3, new float[] {1, 2, 3, 4.5f, -5, 6});
    Path f = dir.resolve("m.npy");
    Npy.write(f, m);
    byte[] bytes = Files.readAllBytes(f);
    int headerLen = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    String header = new String(bytes, 10, headerLen, java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(header, containsString("'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)"));
    assertThat((10 + headerLen) % 64, is(0));
    assertThat(bytes.length, is(10 + headerLen + 6 * 4));
    assertThat(ByteBuffer.wrap(bytes, 10 + headerLen + 12, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat(), is(4.5f));
    FactorMatrix back = Npy.read(f);
    assertThat(back.rows(), is(2));
    assertThat(back.cols(), is(3));
    assertThat(back.data(), is(m.data()));
  }

  @Test
  void npyRejectsTruncatedAndForeignFiles() throws Exception {
    Path f = dir.resolve("m.npy");
    Npy.write(f, new FactorMatrix(4, 4, new float[16]));
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
    assertThat(assertThrows(ArtifactException.class, () -> Npy.read(f)).getMessage(), containsString("truncated"));
    Files.writeString(f, "not numpy at all");
    assertThat(assertThrows(ArtifactException.class, () -> Npy.read(f)).getMessage(), containsString("bad magic"));
  }

  @Test
  void idMappingRoundTripsAndRejectsGaps() throws Exception {
    IdMapping m = IdMapping.of(new long[] {10, 3, 77});
    Path f = dir.resolve("map.json");
    m.write(f);
    assertThat(Files.readString(f).replaceAll("\\s", ""), is("{\"10\":0,\"3\":1,\"77\":2}"));
    IdMapping back = IdMapping.read(f);
    assertThat(back.rowOf(77), is(2));
    assertThat(back.rowOf(5), is(-1));
    assertThat(back.externalId(1), is(3L));
    Files.writeString(f, "{\"10\": 0, \"3\": 2}");
    assertThrows(ArtifactException.class, () -> IdMapping.read(f));
    assertThrows(ArtifactException.class, () -> IdMapping.of(new long[] {1, 1}));
  }

  @Test
  void userItemsRoundTrips() throws Exception {
    UserItems ui = new UserItems(5, new int[] {0, 2, 2, 3}, new int[] {1, 4, 0}, new float[] {1f, 2f, 0.5f});
    Path f = dir.resolve("ui.bin");
    ui.write(f);
    assertThat(Files.size(f), is(20L + 4 * 4 + 3 * 4 + 3 * 4));
    UserItems back = UserItems.read(f);
    assertThat(back.indptr(), is(ui.indptr()));
    assertThat(back.indices(), is(ui.indices()));
    assertThat(back.weights(), is(ui.weights()));
    assertThat(back.contains(0, 4), is(true));
    assertThat(back.contains(1, 4), is(false));
    Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(f), 30));
    assertThrows(ArtifactException.class, () -> UserItems.read(f));
  }

  @Test
  void modelArtifactsRoundTripAndRejectInconsistentOrIncompleteDirectories() throws Exception {
    ModelArtifacts a = tinyModel();
    Path v = dir.resolve("v1");
    a.write(v);
    Files.writeString(v.resolve(ArtifactFiles.ITEM_INDEX), "placeholder: not read by ModelArtifacts");
    ModelArtifacts back = ModelArtifacts.read(v);
    assertThat(back.metadata().version(), is("v1"));
    assertThat(back.catalog().get(20).title(), is("Heat"));
    assertThat(back.catalog().get(20).year(), is(1995));
    assertThat(back.popularity().byGenre().get("Action").get(0).movieId(), is(20L));
    assertThat(back.metadata().metric("ials", "val", "ndcg@10"), is(0.25));

    Files.delete(v.resolve(ArtifactFiles.USER_ITEMS));
    assertThat(assertThrows(ArtifactException.class, () -> ModelArtifacts.read(v)).getMessage(),
        containsString("missing [user_items.bin]"));

    assertThrows(ArtifactException.class, () -> new ModelArtifacts(a.metadata(), a.userFactors(),
        new FactorMatrix(3, 2, new float[6]), a.users(), a.items(), a.catalog(), a.userItems(), a.popularity()));
  }

  /** Issue #21 item 3: one NaN or infinite factor would make scores, and the item Gramian, NaN. */
  @Test
  void modelArtifactsRejectNonFiniteFactors() {
    ModelArtifacts a = tinyModel();
    ArtifactException items = assertThrows(ArtifactException.class, () -> new ModelArtifacts(a.metadata(),
        a.userFactors(), new FactorMatrix(2, 2, new float[] {1, 1, Float.NaN, 2}), a.users(), a.items(), a.catalog(),
        a.userItems(), a.popularity()));
    assertThat(items.getMessage(), containsString("item_embeddings has a non-finite value NaN at row 1, column 0"));
    ArtifactException users = assertThrows(ArtifactException.class, () -> new ModelArtifacts(a.metadata(),
        new FactorMatrix(2, 2, new float[] {1, 0, 0, Float.POSITIVE_INFINITY}), a.itemFactors(), a.users(), a.items(),
        a.catalog(), a.userItems(), a.popularity()));
    assertThat(users.getMessage(), containsString("user_embeddings has a non-finite value Infinity at row 1"));
  }

  /** Issue #21 item 3: a movie without a catalog entry would be served without title or genres. */
  @Test
  void modelArtifactsRejectItemsMissingFromTheCatalog() {
    ModelArtifacts a = tinyModel();
    ArtifactException e = assertThrows(ArtifactException.class, () -> new ModelArtifacts(a.metadata(),
        a.userFactors(), a.itemFactors(), a.users(), IdMapping.of(new long[] {10, 30}), a.catalog(), a.userItems(),
        a.popularity()));
    assertThat(e.getMessage(), containsString("1 item mapping ids are not in item_features, e.g. [30]"));
  }

  /** Issue #21 item 3: a corrupt indptr was a 500 ArrayIndexOutOfBoundsException on /recommend. */
  @Test
  void userItemsRejectCorruptOffsetsAndIndices() throws Exception {
    // decreasing offset, past nnz, wrong last offset, item out of range, unsorted row
    assertThat(assertThrows(ArtifactException.class,
        () -> new UserItems(5, new int[] {0, 2, 1, 3}, new int[] {1, 4, 0}, new float[3])).getMessage(),
        containsString("indptr[2] = 1 after indptr[1] = 2"));
    assertThat(assertThrows(ArtifactException.class,
        () -> new UserItems(5, new int[] {0, 9, 2, 3}, new int[] {1, 4, 0}, new float[3])).getMessage(),
        containsString("indptr[1] = 9"));
    assertThrows(ArtifactException.class, () -> new UserItems(5, new int[] {0, 2, 2, 2}, new int[] {1, 4, 0},
        new float[3]));
    assertThat(assertThrows(ArtifactException.class,
        () -> new UserItems(4, new int[] {0, 2, 2, 3}, new int[] {1, 4, 0}, new float[3])).getMessage(),
        containsString("item index 4 of user row 0 out of range [0, 4)"));
    assertThat(assertThrows(ArtifactException.class,
        () -> new UserItems(5, new int[] {0, 2, 2, 3}, new int[] {4, 1, 0}, new float[3])).getMessage(),
        containsString("not strictly ascending"));

    // the same in a file: a valid one with indptr[1] patched to 1_000_000
    Path f = dir.resolve("ui.bin");
    new UserItems(5, new int[] {0, 2, 2, 3}, new int[] {1, 4, 0}, new float[] {1f, 2f, 0.5f}).write(f);
    byte[] b = Files.readAllBytes(f);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(20 + 4, 1_000_000);
    Files.write(f, b);
    assertThat(assertThrows(ArtifactException.class, () -> UserItems.read(f)).getMessage(),
        containsString(f + ": inconsistent CSR arrays"));
  }

  /** Issue #21 item 4: the heap a load needs is known from the headers, before reading the data. */
  @Test
  void declaredBytesComeFromTheHeadersAlone() throws Exception {
    Path v = dir.resolve("v1");
    tinyModel().write(v);
    // 2x2 + 2x2 floats, user_items: indptr 3 ints + 2 indices + 2 weights
    assertThat(ModelArtifacts.declaredBytes(v), is(4L * (4 + 4) + 4L * (3 + 2 + 2)));
    assertThat(Npy.shape(v.resolve(ArtifactFiles.ITEM_EMBEDDINGS)), is(new int[] {2, 2}));
    // a header that declares 40k x 40k floats (6.4 GB) over a file of a few bytes
    Path big = dir.resolve("big.npy");
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (40000, 40000), }";
    String header = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
    ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    pre.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    Files.write(big, pre.array());
    Files.writeString(big, header, java.nio.file.StandardOpenOption.APPEND);
    assertThat(Npy.shape(big), is(new int[] {40000, 40000}));
  }

  static ModelArtifacts tinyModel() {
    ModelMetadata meta = new ModelMetadata("v1", "2026-11-22T00:00:00Z",
        new ModelMetadata.DatasetInfo("tiny", "00", Map.of(), Map.of("users", 2L)),
        Map.of("factors", 2), Map.of("ials", Map.of("val", Map.of("ndcg@10", 0.25))), List.of("popularity"), null, null);
    return new ModelArtifacts(meta,
        new FactorMatrix(2, 2, new float[] {1, 0, 0, 1}),
        new FactorMatrix(2, 2, new float[] {1, 1, 0, 2}),
        IdMapping.of(new long[] {1, 2}),
        IdMapping.of(new long[] {10, 20}),
        ItemCatalog.of(List.of(Movie.fromMovieLens(10, "Toy Story (1995)", "Animation|Comedy"),
            Movie.fromMovieLens(20, "Heat (1995)", "Action|Crime"))),
        new UserItems(2, new int[] {0, 1, 2}, new int[] {0, 1}, new float[] {1, 1}),
        new PopularityRanking(List.of(new PopularityRanking.PopularItem(20, 5, 1.0)),
            Map.of("Action", List.of(new PopularityRanking.PopularItem(20, 5, 1.0)))));
  }
}
