package com.marquee.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.marquee.pipelines.TestOptions;
import com.marquee.pipelines.preprocess.PreprocessPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCliTest {
  static final String CONFIG = "../configs/data.yaml";

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run preprocess(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        StageCli.execute(
            "preprocess",
            "test",
            PreprocessPipeline::run,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run withConfig(String... args) {
    List<String> all = new ArrayList<>(List.of("--config", CONFIG, "--workdir", tmp.toString()));
    all.addAll(List.of(args));
    return preprocess(all.toArray(String[]::new));
  }

  private static void assertBadInput(Run run, String message) {
    assertThat(run.err(), run.code(), equalTo(StageCli.BAD_INPUT));
    assertThat(run.err(), startsWith("error: "));
    assertThat(run.err(), containsString(message));
    assertThat("one line: " + run.err(), run.err().strip().lines().count(), equalTo(1L));
  }

  @Test
  void helpListsTheOptions() {
    Run run = preprocess("--help");
    assertThat(run.code(), equalTo(0));
    for (String option : List.of("--config", "--data", "--format", "--workdir", "--runner")) {
      assertThat(run.out(), containsString(option));
    }
  }

  @Test
  void badArgumentsExitWithTwo() {
    assertBadInput(preprocess("--config"), "Missing required parameter for option '--config'");
    assertBadInput(preprocess("--config", tmp.resolve("nope.yaml").toString()), "cannot read config");
    assertBadInput(withConfig("--format", "ml-20m"), "input.format must be one of");
    assertBadInput(withConfig("--notAnOption=1"), "notAnOption");
    assertBadInput(withConfig("stray"), "unexpected argument 'stray'");
    assertBadInput(withConfig("--runner", "NoSuchRunner"), "NoSuchRunner");
  }

  @Test
  void badInputDirectoryExitsWithTwo() {
    assertBadInput(withConfig("--data", tmp.resolve("missing").toString()), "MovieLens directory not found");
    assertBadInput(withConfig("--data", tmp.toString()), "no MovieLens files in");
    TestOptions.write(tmp.resolve("in/u.data"), "1\t1\t5\t1\n");
    assertBadInput(
        withConfig("--data", tmp.resolve("in").toString(), "--format", "ml-100k"), "format ml-100k needs u.item");
  }

  /** The cause is thrown inside the running pipeline and arrives wrapped by Beam. */
  @Test
  void unusableFileInsideThePipelineExitsWithTwo() {
    Path in = tmp.resolve("in");
    TestOptions.write(in.resolve("movies.csv"), "id,name,genres\n1,A (1995),Drama\n");
    TestOptions.write(in.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,5.0,1\n");
    assertBadInput(withConfig("--data", in.toString()), "movies.csv line 1: header must name movieId,title,genres");
  }

  @Test
  void otherFailuresExitWithOne() throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    Run run =
        preprocess(
            "--config", CONFIG, "--data", Path.of("src/test/resources/ml-1m").toString(), "--workdir", notADirectory.toString());
    assertThat(run.err(), run.code(), equalTo(StageCli.FAILURE));
    assertThat(run.err(), startsWith("error: preprocess failed: "));
  }

  @Test
  void runsAStageAndWritesItsFiles() {
    Run run = withConfig("--data", Path.of("src/test/resources/ml-1m").toString());
    assertThat(run.err(), run.code(), equalTo(0));
    // data.yaml's filter (users >= 5, movies >= 2) leaves nothing of the 3-user fixture: header only.
    assertThat(TestOptions.lines(tmp.resolve("data/processed/interactions.csv")).size(), equalTo(1));
    assertThat(TestOptions.lines(tmp.resolve("data/processed/rejects.csv")).size(), equalTo(1 + 2));
  }
}
