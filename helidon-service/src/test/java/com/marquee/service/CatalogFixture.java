package com.marquee.service;

import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.PopularityRanking;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.artifact.UserItems;
import com.marquee.common.content.ContentFeatures;
import com.marquee.common.content.ContentMapping;
import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.MovieLensFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model directories of {@link MovieLensSmallModel} for the catalog-update tests: with the popularity
 * lists of its training positives (count per movie, score = count / top count, overall and per genre)
 * and, for {@link #writeWithContent}, the content mapping of common's {@link ContentMapping} fitted on
 * its item factors ({@link ContentFeatures#fit} with the defaults over the catalog and {@code
 * tags.csv}, ridge λ = {@value #LAMBDA}), as the trainer stores it.
 */
final class CatalogFixture {

  static final double LAMBDA = 1.0;

  private static ModelArtifacts cached;
  private static ContentMapping mapping;

  private CatalogFixture() {}

  /** MovieLensSmallModel with popularity. */
  static synchronized ModelArtifacts artifacts() throws IOException {
    if (cached == null) {
      ModelArtifacts a = MovieLensSmallModel.artifacts();
      UserItems ui = a.userItems();
      long[] counts = new long[a.items().size()];
      for (int i : ui.indices()) {
        counts[i]++;
      }
      List<Integer> rows = new ArrayList<>();
      for (int r = 0; r < counts.length; r++) {
        rows.add(r);
      }
      rows.sort(Comparator.<Integer>comparingLong(r -> -counts[r]).thenComparingLong(r -> a.items().externalId(r)));
      double top = counts[rows.get(0)];
      List<PopularItem> overall = new ArrayList<>();
      Map<String, List<PopularItem>> byGenre = new TreeMap<>();
      for (int r : rows) {
        long id = a.items().externalId(r);
        PopularItem p = new PopularItem(id, counts[r], counts[r] / top);
        overall.add(p);
        for (String g : a.catalog().get(id).genres()) {
          byGenre.computeIfAbsent(g, x -> new ArrayList<>()).add(p);
        }
      }
      cached = new ModelArtifacts(a.metadata(), a.userFactors(), a.itemFactors(), a.users(), a.items(), a.catalog(),
          ui, new PopularityRanking(overall, byGenre));
    }
    return cached;
  }

  /** The content mapping of {@link #artifacts()}. */
  static synchronized ContentMapping mapping() throws IOException {
    if (mapping == null) {
      ModelArtifacts a = artifacts();
      List<Movie> movies = new ArrayList<>();
      for (int r = 0; r < a.items().size(); r++) {
        movies.add(a.catalog().get(a.items().externalId(r)));
      }
      Map<Long, List<String>> tags = MovieLensFiles.readTags(MovieLensSmallModel.RAW,
          new HashSet<>(movies.stream().map(Movie::movieId).toList()));
      ContentFeatures features = ContentFeatures.fit(movies, tags, ContentFeatures.Params.DEFAULTS);
      int nf = features.nFeatures();
      float[] x = new float[movies.size() * nf];
      for (int r = 0; r < movies.size(); r++) {
        float[] row = features.encode(movies.get(r), tags.getOrDefault(movies.get(r).movieId(), List.of()));
        System.arraycopy(row, 0, x, r * nf, nf);
      }
      mapping = ContentMapping.fit(features, x, movies.size(), a.itemFactors().data(), a.factors(), LAMBDA);
    }
    return mapping;
  }

  /** Writes the model without a content mapping (an old model) into {@code dir}. */
  static Path writePlain(Path dir) throws IOException {
    ModelArtifacts a = artifacts();
    a.write(dir);
    TestModel.writeIndex(dir, a.itemFactors());
    return dir;
  }

  /** Writes the model with its content mapping into {@code dir}. */
  static Path writeWithContent(Path dir) throws IOException {
    writePlain(dir);
    mapping().write(dir);
    return dir;
  }
}
