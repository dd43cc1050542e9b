package com.marquee.trainer.evaluate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.common.domain.Interaction;
import com.marquee.trainer.data.StageData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixed-split input: both file formats, errors with line numbers, and evaluate.sh --train/--test end to end. */
class FixedSplitTest {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void pairsAndListsReadTheSameInteractionsOncePerPair() throws Exception {
    Path pairs = Files.writeString(dir.resolve("a.csv"),
        "user_id,item_id,rating,timestamp\n7,3,4.5,100\n7,9,,\n8,3,5,7\n7,3,1,1\n");
    Path lists = Files.writeString(dir.resolve("a.txt"), "7 3 9 3\n\n8 3\n9\n");
    List<Interaction> p = FixedSplitFiles.read(pairs, FixedSplitFiles.Format.PAIRS);
    List<Interaction> l = FixedSplitFiles.read(lists, FixedSplitFiles.Format.LISTS);
    assertThat(p, is(List.of(new Interaction(7, 3, 4.5f, 1f, 100), new Interaction(7, 9, 1f, 1f, 0),
        new Interaction(8, 3, 5f, 1f, 7))));
    assertThat(l, is(List.of(new Interaction(7, 3, 1f, 1f, 0), new Interaction(7, 9, 1f, 1f, 0),
        new Interaction(8, 3, 1f, 1f, 0))));
  }

  @Test
  void aMalformedRowIsNamedByFileAndLine() throws Exception {
    Path pairs = Files.writeString(dir.resolve("b.csv"), "user_id,item_id\n1,2\n1,x\n");
    Path lists = Files.writeString(dir.resolve("b.txt"), "1 2 3\n2 4 five\n");
    Path header = Files.writeString(dir.resolve("c.csv"), "user,item\n1,2\n");
    assertThat(error(pairs, FixedSplitFiles.Format.PAIRS), containsString("b.csv:3: "));
    assertThat(error(lists, FixedSplitFiles.Format.LISTS), containsString("b.txt:2: "));
    assertThat(error(header, FixedSplitFiles.Format.PAIRS), containsString("must name user_id and item_id"));
  }

  @Test
  void testItemsAbsentFromTrainingCountAsMissedAndValidationComesFromTrainingOnly() {
    List<Interaction> train = List.of(i(1, 10), i(1, 11), i(1, 12), i(2, 10), i(2, 13));
    List<Interaction> test = List.of(i(1, 13), i(1, 99), i(2, 98), i(3, 10));
    ProtocolSplit split = FixedSplit.protocol(train, test, 0.5, 42);
    StageData t = split.test().data();
    assertThat(t.items().size(), is(4)); // 10..13: the training file's items
    assertThat(t.eval().heldOut().nnz(), is(1)); // (1, 13)
    assertThat(t.eval().unrankable(t.users().rowOf(1)), is(1)); // item 99
    assertThat(t.eval().unrankable(t.users().rowOf(2)), is(1)); // item 98
    assertThat(t.eval().droppedColdStart(), is(1L)); // user 3 has no training interaction
    // Validation: half of each training user's items held out, all from the training file.
    assertThat(split.validation().fit().size() + split.validation().heldOut().size(), is(train.size()));
    assertThat(split.validation().heldOut().size(), is(3)); // round(0.5 * 3) = 2 of user 1, 1 of user 2
  }

  @Test
  void evaluateShRunsAFixedSplitExportedFromTheBundledDataInBothFormatsWithTheSameMetrics() throws Exception {
    Path out = dir.resolve("split");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int exported = ExportSplitMain.run(new String[] {"--data", HOME.resolve("data/raw/ml-latest-small").toString(),
        "--data-config", HOME.resolve("configs/data.yaml").toString(), "--out", out.toString()}, quiet, quiet);
    assertThat(exported, is(0));
    JsonNode pairs = evaluate(out.resolve("train.csv"), out.resolve("test.csv"), "pairs");
    JsonNode lists = evaluate(out.resolve("train.txt"), out.resolve("test.txt"), "lists");
    assertThat(pairs.get("protocol").asText(), is("fixed"));
    assertThat(pairs.get("train_interactions").asInt() + pairs.get("test_held_out").asInt(),
        is(pairs.get("interactions").asInt()));
    for (String k : List.of("recall@20", "ndcg@20", "users", "catalog_items", "unrankable_relevant")) {
      assertThat(k, lists.get(k).asDouble(), is(pairs.get(k).asDouble()));
    }
    // The exported split holds the 25% of each user's positives out (Microsoft Recommenders' protocol).
    double share = pairs.get("test_held_out").asDouble() / pairs.get("interactions").asDouble();
    assertThat(Math.abs(share - 0.25) < 0.01, is(true));
  }

  @Test
  void aFixedSplitNeedsBothFilesAndNoProtocol() throws Exception {
    Path f = Files.writeString(dir.resolve("t.csv"), "user_id,item_id\n1,2\n");
    assertThat(runEvaluate("--train", f.toString()).code, is(2));
    assertThat(runEvaluate("--train", f.toString(), "--test", f.toString(), "--protocol", "global-time").code, is(2));
    assertThat(runEvaluate("--model", "ials").err, containsString("--protocol is required"));
  }

  private JsonNode evaluate(Path train, Path test, String format) throws Exception {
    Run r = runEvaluate("--train", train.toString(), "--test", test.toString(), "--split-format", format,
        "--model", "popularity", "--config", HOME.resolve("configs/training.yaml").toString(),
        "--data-config", HOME.resolve("configs/data.yaml").toString(),
        "--output", dir.resolve(format + ".json").toString());
    assertThat(r.err, r.code, is(0));
    List<String> lines = r.out.lines().toList();
    return JSON.readTree(lines.get(lines.size() - 1));
  }

  private static String error(Path file, FixedSplitFiles.Format format) {
    try {
      FixedSplitFiles.read(file, format);
      return "no error";
    } catch (IllegalArgumentException | java.io.IOException e) {
      return e.getMessage();
    }
  }

  private static Interaction i(long user, long item) {
    return new Interaction(user, item, 1f, 1f, 0);
  }

  private record Run(int code, String out, String err) {}

  private static Run runEvaluate(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = EvaluateMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
