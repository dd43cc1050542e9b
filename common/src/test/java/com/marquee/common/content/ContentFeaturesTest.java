package com.marquee.common.content;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.artifact.ArtifactException;
import com.marquee.common.domain.Movie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentFeaturesTest {

  private static final float R2 = (float) (1 / Math.sqrt(2));
  private static final float R3 = (float) (1 / Math.sqrt(3));

  @TempDir Path dir;

  /** Five movies in MovieLens form; the tags of 1, 3 and 5 as tags.csv would give them. */
  private static final List<Movie> CATALOG =
      List.of(
          Movie.fromMovieLens(1, "Toy Story (1995)", "Adventure|Animation|Children"),
          Movie.fromMovieLens(2, "Toy Soldiers (1991)", "Action|Drama"),
          Movie.fromMovieLens(3, "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)", "Comedy|Romance"),
          Movie.fromMovieLens(4, "The Story of Film (1959)", "(no genres listed)"),
          Movie.fromMovieLens(5, "Amelie Returns", "Comedy"));

  private static final Map<Long, List<String>> TAGS =
      Map.of(1L, List.of("Pixar", "pixar", "funny"), 3L, List.of("funny", "Paris"), 5L, List.of("Pixar animation"));

  /** Min count 2 for titles and tags, decades; weights genre 1, year 0.5, title 2, tag 1. */
  private static ContentFeatures fitted() {
    return ContentFeatures.fit(CATALOG, TAGS, new ContentFeatures.Params(2, 2, 10, 1.0, 0.5, 2.0, 1.0));
  }

  @Test
  void tokensAreLowerCasedAccentFoldedAndSplitOnNonLettersOrDigits() {
    assertThat(
        ContentFeatures.tokens("Amélie (Fabuleux destin d'Amélie Poulain, Le)"),
        is(List.of("amelie", "fabuleux", "destin", "d", "amelie", "poulain", "le")));
    assertThat(ContentFeatures.tokens("Se7en -- WALL·E"), is(List.of("se7en", "wall", "e")));
    assertThat(ContentFeatures.tokens("  "), is(List.of()));
  }

  @Test
  void vocabularyKeepsTokensOfAtLeastMinCountMoviesAndSpansTheDecades() {
    ContentFeatures f = fitted();
    assertThat(f.genres(), is(List.of("Action", "Adventure", "Animation", "Children", "Comedy", "Drama", "Romance")));
    // toy: movies 1, 2; story: 1, 4; amelie: 3 (twice, counted once), 5; every other token of one movie only
    assertThat(f.titleTokens(), is(List.of("amelie", "story", "toy")));
    // pixar: 1 (twice), 5; funny: 1, 3; animation and paris: one movie each
    assertThat(f.tagTokens(), is(List.of("funny", "pixar")));
    assertThat(f.yearBuckets(), is(6));
    assertThat(f.nFeatures(), is(1 + 7 + 6 + 3 + 2));
    assertThat(
        f.featureNames(),
        is(List.of("bias", "genre:Action", "genre:Adventure", "genre:Animation", "genre:Children", "genre:Comedy",
            "genre:Drama", "genre:Romance", "year:1950", "year:1960", "year:1970", "year:1980", "year:1990",
            "year:2000", "title:amelie", "title:story", "title:toy", "tag:funny", "tag:pixar")));
  }

  @Test
  void encodeL2NormalisesEachGroupAndWeightsIt() {
    ContentFeatures f = fitted();
    float[] toyStory = new float[19];
    toyStory[0] = 1;
    toyStory[2] = R3;
    toyStory[3] = R3;
    toyStory[4] = R3;
    toyStory[12] = 0.5f;
    toyStory[15] = 2 * R2;
    toyStory[16] = 2 * R2;
    toyStory[17] = R2;
    toyStory[18] = R2;
    assertThat(f.encode(CATALOG.get(0), TAGS.get(1L)), is(toyStory));
    // no genres, no year, a title with only unknown tokens, no tags: the bias alone
    float[] bare = new float[19];
    bare[0] = 1;
    assertThat(f.encode("Zzz", null, List.of("(no genres listed)"), null), is(bare));
  }

  @Test
  void encodeOfANewMovieIgnoresUnknownWordsAndClampsTheYear() {
    ContentFeatures f = fitted();
    float[] x = new float[19];
    x[0] = 1;
    x[3] = 1; // Animation alone: Sci-Fi is not in the vocabulary
    x[13] = 0.5f; // 2050 falls into the newest bucket, the 2000s
    x[15] = 2 * R2;
    x[16] = 2 * R2;
    // the trailing (2050) is not a token; "2050" would not be in the vocabulary anyway
    assertThat(f.encode("Toy Story (2050)", 2050, List.of("Animation", "Sci-Fi"), List.of("Paris")), is(x));
    assertThat(f.encode("Zzz", 1921, List.of(), List.of())[8], is(0.5f));
  }

  @Test
  void jsonRoundTripsAndBadFilesNameThemselves() throws Exception {
    ContentFeatures f = fitted();
    Path file = dir.resolve("content_features.json");
    f.write(file);
    ContentFeatures back = ContentFeatures.read(file);
    assertThat(back.featureNames(), is(f.featureNames()));
    assertThat(back.params(), is(f.params()));
    assertThat(back.encode(CATALOG.get(2), TAGS.get(3L)), is(f.encode(CATALOG.get(2), TAGS.get(3L))));
    Files.writeString(file, Files.readString(file).replace("\"n_features\" : 19", "\"n_features\" : 20"));
    assertThat(
        assertThrows(ArtifactException.class, () -> ContentFeatures.read(file)).getMessage(),
        containsString("content_features.json: n_features 20 but the vocabulary gives 19"));
    Files.writeString(file, "{\"format_version\": 1, \"n_features\": ");
    assertThat(
        assertThrows(ArtifactException.class, () -> ContentFeatures.read(file)).getMessage(),
        containsString("content_features.json: not a valid"));
  }
}
