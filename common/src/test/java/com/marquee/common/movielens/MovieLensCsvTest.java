package com.marquee.common.movielens;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MovieLensCsvTest {

  private static List<String> rows(String text, MovieLensLayout layout, boolean movies) throws IOException {
    List<String> out = new ArrayList<>();
    try (MovieLensCsv csv =
        MovieLensCsv.open(
            "f",
            new ByteArrayInputStream(text.getBytes(layout.charset())),
            layout.charset(),
            movies ? layout.moviesFormat() : layout.ratingsFormat())) {
      MovieLensCsv.Row row;
      while ((row = csv.next()) != null) {
        out.add(row.line() + ":" + row.size() + ":" + row.get(row.size() > 1 ? 1 : 0) + ":" + csv.raw());
      }
    }
    return out;
  }

  @Test
  void tagsRowsQuotedTagsAndRejects() throws IOException {
    String text =
        "userId,movieId,tag,timestamp\n2,1,\"funny, very\",5\n2,9,orphan,6\n3,1,  ,7\nx,1,a,8\n4,1,pixar,9\n";
    List<TagRow> tags = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    MovieLensFiles.parseTags(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "tags.csv", Set.of(1L), tags::add, rejects::add);
    assertThat(tags, equalTo(List.of(new TagRow(2, 1, "funny, very", 5, 2), new TagRow(4, 1, "pixar", 9, 6))));
    assertThat(
        rejects.stream().map(r -> r.line() + ":" + r.reason()).toList(),
        equalTo(List.of("3:movie_id 9 not in movies.csv", "4:empty tag", "5:user_id 'x' is not an integer")));
  }

  @Test
  void tagsOfMlLatestSmallGroupedByMovie() throws IOException {
    Path dir = Path.of("../data/raw/ml-latest-small").toAbsolutePath().normalize();
    MovieLensFiles.RawData raw = MovieLensFiles.read(dir, MovieLensLayout.ML_LATEST);
    Set<Long> ids = new java.util.HashSet<>();
    raw.movies().forEach(m -> ids.add(m.movieId()));
    Map<Long, List<String>> tags = MovieLensFiles.readTags(dir, ids);
    // 3683 rows over 1572 movies, all of them in movies.csv
    assertThat(tags.size(), equalTo(1572));
    assertThat(tags.values().stream().mapToInt(List::size).sum(), equalTo(3683));
    assertThat(tags.get(1L), equalTo(List.of("pixar", "pixar", "fun")));
    assertThat(MovieLensFiles.readTags(dir.resolve("no-such-dir"), ids).isEmpty(), equalTo(true));
  }

  @Test
  void physicalLineNumbersAndRawTextWithBomCrlfQuotesAndBlankLines() throws IOException {
    String text =
        "\uFEFFmovieId,title,genres\r\n"
            + "1,\"American President, The (1995)\",Comedy\r\n"
            + "\r\n"
            + "2,\"Two\r\nLines (1990)\",Drama\r\n"
            + "3,\"Say \"\"Hi\"\" (2000)\",Drama\r\n"
            + "4,No Newline At End (2001),Drama";
    assertThat(
        rows(text, MovieLensLayout.ML_LATEST, true),
        equalTo(
            List.of(
                "1:3:title:movieId,title,genres",
                "2:3:American President, The (1995):1,\"American President, The (1995)\",Comedy",
                "4:3:Two\r\nLines (1990):2,\"Two\r\nLines (1990)\",Drama",
                "6:3:Say \"Hi\" (2000):3,\"Say \"\"Hi\"\" (2000)\",Drama",
                "7:3:No Newline At End (2001):4,No Newline At End (2001),Drama")));
  }

  @Test
  void ratingsAreReadWithoutQuoteCharacter() throws IOException {
    String text = "userId,movieId,rating,timestamp\n1,\"2,4.0,5\n3,4,5.0,6\n";
    assertThat(
        rows(text, MovieLensLayout.ML_LATEST, false),
        equalTo(
            List.of(
                "1:4:movieId:userId,movieId,rating,timestamp",
                "2:4:\"2:1,\"2,4.0,5",
                "3:4:4:3,4,5.0,6")));
  }

  @Test
  void ml1mDoubleColonAndLatin1() throws IOException {
    String text = "1::Caf\u00e9 (1995)::Comedy|Drama\n2::Heat: The Movie (1995)::Action\n";
    assertThat(
        rows(text, MovieLensLayout.ML_1M, true),
        equalTo(
            List.of(
                "1:3:Caf\u00e9 (1995):1::Caf\u00e9 (1995)::Comedy|Drama",
                "2:3:Heat: The Movie (1995):2::Heat: The Movie (1995)::Action")));
  }

  @Test
  void unterminatedQuoteFailsWithFileAndLine() throws IOException {
    String text = "movieId,title,genres\n1,ok (1995),Drama\n2,\"broken (1995),Drama\n3,x,y\n";
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> rows(text, MovieLensLayout.ML_LATEST, true));
    assertThat(e.getMessage(), containsString("f line 3: cannot parse CSV"));
  }

  @Test
  void emptyFileHasNoRows() throws IOException {
    try (MovieLensCsv csv =
        MovieLensCsv.open(
            "f", new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_8, MovieLensLayout.ML_1M.ratingsFormat())) {
      assertThat(csv.next(), nullValue());
    }
  }
}
