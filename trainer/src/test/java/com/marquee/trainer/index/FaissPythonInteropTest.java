package com.marquee.trainer.index;

import static com.marquee.trainer.index.IndexTestData.gaussian;
import static com.marquee.trainer.index.IndexTestData.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index files written from Java through the shim load in Python FAISS ({@code faiss.read_index},
 * Debian's /usr/bin/python3 with python3-faiss) and give the same neighbours.
 */
class FaissPythonInteropTest {

  static final String PYTHON = "/usr/bin/python3";
  static final int N = 500, D = 16, K = 5, NQ = 10;
  static final float[] DATA = gaussian(N, D, 11);

  @BeforeAll
  static void pythonFaissPresent() throws Exception {
    IndexTestData.requireFaiss();
    assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " missing");
    assumeTrue(run(List.of(PYTHON, "-c", "import faiss, numpy")).code == 0,
        PYTHON + " lacks faiss/numpy (Debian: python3-faiss python3-numpy)");
  }

  /** Python reconstructs rows 0..NQ-1 from the index file and searches them; Java does the same. */
  @Test
  void pythonReadsJavaWrittenIndexAndFindsTheSameNeighbours(@TempDir Path dir) throws Exception {
    String script = String.join("\n",
        "import sys, faiss",
        "idx = faiss.read_index(sys.argv[1])",
        "print(type(idx).__name__, idx.ntotal, idx.d, idx.metric_type)",
        "D, I = idx.search(idx.reconstruct_n(0, int(sys.argv[2])), int(sys.argv[3]))",
        "for d, i in zip(D, I): print(' '.join(map(str, i)), '|', ' '.join(map(repr, map(float, d))))");
    for (String desc : new String[] {"Flat", "HNSW32"}) {
      Path file = dir.resolve(desc + ".faiss");
      try (FaissVectorIndex idx = FaissVectorIndex.build(DATA, N, D, desc)) {
        idx.write(file);
        Result py = run(List.of(PYTHON, "-c", script, file.toString(), "" + NQ, "" + K));
        assertEquals(0, py.code, py.err);
        String[] lines = py.out.strip().split("\n");
        // FAISS 1.7.3 reads even a file written by Python's IndexFlatIP back as IndexFlat with
        // metric 0 (inner product); on disk it is the IndexFlatIP record "IxFI", byte-identical.
        String expectedType = desc.equals("Flat") ? "IndexFlat" : "IndexHNSWFlat";
        assertThat(lines[0], equalTo(expectedType + " " + N + " " + D + " 0"));
        if (desc.equals("Flat")) {
          byte[] fourcc = Arrays.copyOf(Files.readAllBytes(file), 4);
          assertEquals("IxFI", new String(fourcc, StandardCharsets.US_ASCII));
        }
        SearchResult[] fromJava = idx.searchBatch(DATA, NQ, K);
        for (int q = 0; q < NQ; q++) {
          String[] parts = lines[q + 1].split("\\|");
          int[] ids = Arrays.stream(parts[0].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
          String[] scores = parts[1].trim().split(" ");
          assertArrayEquals(fromJava[q].ids(), ids, desc + " query " + q);
          for (int i = 0; i < K; i++) {
            assertThat(Double.parseDouble(scores[i]), closeTo(fromJava[q].scores()[i], 1e-5));
          }
        }
      }
    }
  }

  /** tests/e2e/faiss_interop_check.py on a model directory whose index was written from Java. */
  @Test
  void interopCheckScriptAgreesWithJava(@TempDir Path model) throws Exception {
    Path script = Path.of("").toAbsolutePath().getParent().resolve("tests/e2e/faiss_interop_check.py");
    assumeTrue(Files.isRegularFile(script), script + " missing");
    writeNpy(model.resolve("item_embeddings.npy"), DATA, N, D);
    StringBuilder mapping = new StringBuilder("{");
    for (int i = 0; i < N; i++) {
      mapping.append(i == 0 ? "" : ",").append("\"").append(1000 + i).append("\":").append(i);
    }
    Files.writeString(model.resolve("item_mapping.json"), mapping.append("}"));
    try (FaissVectorIndex idx = FaissVectorIndex.build(DATA, N, D, "Flat")) {
      idx.write(model.resolve("item_index.faiss"));
      int movieRow = 3;
      Result py = run(List.of(PYTHON, script.toString(), "--model-dir", model.toString(),
          "--movie-id", "" + (1000 + movieRow), "--k", "" + K));
      assertEquals(0, py.code, py.err);
      JsonNode json = new ObjectMapper().readTree(py.out);
      assertEquals(1000 + movieRow, json.get("movie_id").asInt());
      SearchResult fromJava = idx.search(row(DATA, movieRow, D), K + 1, id -> id != movieRow);
      for (int i = 0; i < K; i++) {
        assertEquals(1000 + fromJava.ids()[i], json.get("neighbors").get(i).asInt());
        assertThat(json.get("scores").get(i).asDouble(), closeTo(fromJava.scores()[i], 1e-4));
      }
      assertEquals(K, json.get("neighbors").size());

      Result bad = run(List.of(PYTHON, script.toString(), "--model-dir", model.toString(),
          "--movie-id", "424242", "--k", "" + K));
      assertEquals(2, bad.code);
      assertThat(bad.err, containsString("movie id 424242 not in"));
    }
  }

  /** NumPy .npy format v1.0, little-endian float32, C order (SPEC.md section 4). */
  static void writeNpy(Path path, float[] m, int n, int d) throws IOException {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 4 * n * d).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < n * d; i++) {
      buf.putFloat(m[i]);
    }
    Files.write(path, buf.array());
  }

  record Result(int code, String out, String err) {}

  static Result run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    // Outputs are small: reading stdout fully, then stderr, cannot dead-lock on full pipes here.
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), out, err);
  }
}
