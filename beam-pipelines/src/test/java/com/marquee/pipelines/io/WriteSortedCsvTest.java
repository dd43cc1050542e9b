package com.marquee.pipelines.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.marquee.pipelines.TestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sharded sort + merge writes exactly the header plus the globally sorted lines. */
class WriteSortedCsvTest {
  @TempDir Path dir;

  private String write(List<String> lines, int keyFields) throws IOException {
    Path target = dir.resolve("out.csv");
    Pipeline p = Pipeline.create(TestOptions.fast());
    p.apply(Create.of(lines).withCoder(StringUtf8Coder.of()))
        .apply(WriteSortedCsv.to(target.toString(), "a,b,c", keyFields));
    p.run().waitUntilFinish();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat("no shard or temporary file left", files.filter(f -> !f.equals(target)).toList(), empty());
    }
    return Files.readString(target, StandardCharsets.UTF_8);
  }

  @Test
  void manyLinesAcrossShardsComeOutInNumericKeyOrder() throws IOException {
    List<String> lines = new ArrayList<>();
    Set<Integer> shards = new HashSet<>();
    for (int user = 300; user >= 1; user--) {
      for (int movie = 7; movie >= 1; movie -= 3) {
        String line = user + "," + (movie * 11) + ",x" + (user % 5);
        lines.add(line);
        shards.add(WriteSortedCsv.shardOf(line));
      }
    }
    assertThat("the input spreads over many shards", shards.size(), greaterThan(WriteSortedCsv.SHARDS / 2));
    StringBuilder expected = new StringBuilder("a,b,c\n");
    for (int user = 1; user <= 300; user++) {
      for (int movie = 1; movie <= 7; movie += 3) {
        expected.append(user).append(',').append(movie * 11).append(",x").append(user % 5).append('\n');
      }
    }
    assertThat(write(lines, 2), equalTo(expected.toString()));
  }

  @Test
  void equalKeysOrderedByWholeLineAndDuplicatesKept() throws IOException {
    String out = write(List.of("2,1,b", "10,1,a", "2,1,a", "2,1,a", "x,1,z"), 1);
    // numeric keys numerically (2 < 10), then the whole line; a non-numeric key compares as text
    assertThat(out, equalTo("a,b,c\n2,1,a\n2,1,a\n2,1,b\n10,1,a\nx,1,z\n"));
  }

  @Test
  void quotedFieldsWithNewlinesSurviveTheShardFiles() throws IOException {
    String multi = "ratings.csv,7,bad row,\"1,2,\"\"x\n y\"\"\"";
    assertThat(write(List.of(multi, "ratings.csv,3,r,raw"), 2),
        equalTo("a,b,c\nratings.csv,3,r,raw\n" + multi + "\n"));
  }

  @Test
  void emptyInputWritesTheHeader() throws IOException {
    assertThat(write(List.of(), 1), equalTo("a,b,c\n"));
  }
}
