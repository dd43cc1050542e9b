package com.marquee.common.content;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.artifact.ArtifactException;
import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.Npy;
import com.marquee.common.domain.Movie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentMappingTest {

  @TempDir Path dir;

  /** Three items, features (bias, t) with t = 0, 1, 2; two factors v1 = (1, 2, 4), v2 = (0, 1, 1). */
  private static final float[] X = {1, 0, 1, 1, 1, 2};
  private static final float[] V = {1, 0, 2, 1, 4, 1};

  @Test
  void ridgeSolvesTheNormalEquationsWithAnUnpenalisedIntercept() {
    // XᵀX = [[3, 3], [3, 5]]; + λ = 1 on t only: [[3, 3], [3, 6]], inverse [[6, -3], [-3, 3]] / 9.
    // XᵀV = [[7, 2], [10, 3]]  =>  W = [[12, 3], [9, 3]] / 9 = [[4/3, 1/3], [1, 1/3]]
    assertArrayEquals(
        new float[] {4f / 3, 1f / 3, 1f, 1f / 3}, ContentMapping.ridge(X, 3, 2, V, 2, 1.0), 1e-6f);
    // λ = 0: least squares, v1 = 5/6 + 3/2 t, v2 = 1/6 + 1/2 t
    assertArrayEquals(
        new float[] {5f / 6, 1f / 6, 1.5f, 0.5f}, ContentMapping.ridge(X, 3, 2, V, 2, 0.0), 1e-6f);
    // a huge λ removes t; the intercept alone is the mean item vector (7/3, 2/3)
    assertArrayEquals(
        new float[] {7f / 3, 2f / 3, 0f, 0f}, ContentMapping.ridge(X, 3, 2, V, 2, 1e9), 1e-5f);
  }

  @Test
  void ridgeRejectsASingularSystemAndWrongShapes() {
    float[] collinear = {1, 1, 1, 1, 1, 1};
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> ContentMapping.ridge(collinear, 3, 2, V, 2, 0.0))
            .getMessage(),
        containsString("not positive definite"));
    assertThrows(IllegalArgumentException.class, () -> ContentMapping.ridge(X, 3, 2, V, 3, 1.0));
    assertThrows(IllegalArgumentException.class, () -> ContentMapping.ridge(X, 3, 2, V, 2, -1.0));
  }

  private static ContentMapping mapping() {
    // a featurizer with exactly two features: the bias and the one genre "Drama"
    ContentFeatures f =
        ContentFeatures.fit(
            List.of(Movie.fromMovieLens(7, "X", "Drama")), Map.of(), new ContentFeatures.Params(9, 9, 10, 1, 1, 1, 1));
    assertThat(f.featureNames(), is(List.of("bias", "genre:Drama")));
    return ContentMapping.fit(f, X, 3, V, 2, 1.0);
  }

  @Test
  void itemVectorIsTheFeatureRowTimesW() {
    ContentMapping m = mapping();
    assertArrayEquals(new float[] {4f / 3 + 2, 1f / 3 + 2f / 3}, m.itemVector(new float[] {1, 2}), 1e-6f);
    // a new drama: features (1, 1) -> 4/3 + 1, 1/3 + 1/3
    assertArrayEquals(new float[] {7f / 3, 2f / 3}, m.itemVector("Y", null, List.of("Drama"), null), 1e-6f);
  }

  @Test
  void fitRecordsTheMeanSquaredResidualOfTheFittedItems() {
    // λ = 1: predictions (4/3, 1/3), (7/3, 2/3), (10/3, 1) against (1, 0), (2, 1), (4, 1):
    // squared residuals 2/9, 2/9, 4/9, mean 8/27
    assertThat(Math.abs(mapping().meanSquaredResidual() - 8.0 / 27) < 1e-6, is(true));
    ContentMapping m = mapping();
    assertThat(Double.isNaN(new ContentMapping(m.features(), m.weights(), 1.0, List.of()).meanSquaredResidual()),
        is(true));
  }

  @Test
  void roundTripsThroughAModelDirectoryAndIsAbsentFromOldModels() throws Exception {
    assertThat(ContentMapping.read(dir).isPresent(), is(false));
    ContentMapping m = mapping().withColdStartItems(List.of(42L, 7L));
    m.write(dir);
    assertThat(
        Files.readString(dir.resolve(ArtifactFiles.COLD_START_ITEMS)).replaceAll("\\s", ""),
        is("{\"movie_ids\":[42,7],\"regularization\":1.0,\"mean_squared_residual\":" + m.meanSquaredResidual() + "}"));
    ContentMapping back = ContentMapping.read(dir).orElseThrow();
    assertThat(back.coldStartItems(), is(List.of(42L, 7L)));
    assertThat(back.weights().data(), is(m.weights().data()));
    assertThat(back.regularization(), is(1.0));
    assertThat(back.meanSquaredResidual(), is(m.meanSquaredResidual()));
    assertThat(back.features().featureNames(), is(m.features().featureNames()));
  }

  @Test
  void corruptFilesAreArtifactExceptionsNamingTheFile() throws Exception {
    ContentMapping m = mapping().withColdStartItems(List.of(42L));
    m.write(dir);
    Path npy = dir.resolve(ArtifactFiles.CONTENT_MAPPING);
    Npy.write(npy, new FactorMatrix(3, 2, new float[6]));
    assertThat(
        assertThrows(ArtifactException.class, () -> ContentMapping.read(dir)).getMessage(),
        containsString("content_mapping.npy: shape (3, 2) but content_features.json has 2 features"));
    Npy.write(npy, new FactorMatrix(2, 2, new float[] {0, Float.NaN, 0, 0}));
    assertThat(
        assertThrows(ArtifactException.class, () -> ContentMapping.read(dir)).getMessage(),
        containsString("content_mapping.npy: mapping has a non-finite value NaN at row 0, column 1"));
    Npy.write(npy, m.weights());
    Npy.write(dir.resolve(ArtifactFiles.ITEM_EMBEDDINGS), new FactorMatrix(1, 3, new float[3]));
    assertThat(
        assertThrows(ArtifactException.class, () -> ContentMapping.read(dir)).getMessage(),
        containsString("content_mapping.npy: 2 factor columns, item_embeddings.npy has 3"));
    Files.delete(dir.resolve(ArtifactFiles.ITEM_EMBEDDINGS));
    Path cold = dir.resolve(ArtifactFiles.COLD_START_ITEMS);
    Files.writeString(cold, "{\"movie_ids\": [5, 5]}");
    assertThat(
        assertThrows(ArtifactException.class, () -> ContentMapping.read(dir)).getMessage(),
        containsString("cold_start_items.json: movie id 5 is listed twice"));
    Files.writeString(cold, "{\"movie_ids\": \"x\"");
    assertThat(
        assertThrows(ArtifactException.class, () -> ContentMapping.read(dir)).getMessage(),
        containsString("cold_start_items.json: not a valid"));
    Files.delete(cold);
    assertThat(
        assertThrows(ArtifactException.class, () -> ContentMapping.read(dir)).getMessage(),
        containsString("incomplete content mapping, missing [cold_start_items.json]"));
  }
}
