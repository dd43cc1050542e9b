package com.marquee.trainer.content;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.IdMapping;
import com.marquee.common.content.ContentFeatures;
import com.marquee.common.content.ContentMapping;
import com.marquee.common.domain.Movie;
import com.marquee.trainer.config.TrainingConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The content mapping of a trained model (Gantner, Drumond, Freudenthaler, Rendle, Schmidt-Thieme,
 * "Learning Attribute-to-Feature Mappings for Cold-Start Recommendations", ICDM 2010): the featurizer
 * fitted on the catalog, then {@code W} by ridge regression of the item factors on the features of
 * the items with interactions ({@link ContentMapping#fit}).
 */
public final class ContentModels {

  private ContentModels() {}

  /**
   * The featurizer of {@code catalog} with the config's thresholds and weights.
   *
   * @param catalog every movie that can be embedded (its titles decide the token vocabulary)
   * @param tags movie id to its raw tags (empty map when there is no {@code tags.csv})
   */
  public static ContentFeatures features(
      Collection<Movie> catalog, Map<Long, List<String>> tags, TrainingConfig.Content cfg) {
    return ContentFeatures.fit(catalog, tags, cfg.featureParams());
  }

  /**
   * Fits the mapping on the trained items.
   *
   * @param movies movie id to movie; must hold every id of {@code items}
   * @param tags movie id to its raw tags
   * @param items external id of each row of {@code itemFactors}
   * @param itemFactors trained iALS item factors, shape {@code (items.size(), f)}
   * @param lambda ridge λ ({@code content.regularization})
   * @throws IllegalArgumentException if an item is not in {@code movies} or the system is singular
   */
  public static ContentMapping fit(
      ContentFeatures features,
      Map<Long, Movie> movies,
      Map<Long, List<String>> tags,
      IdMapping items,
      FactorMatrix itemFactors,
      double lambda) {
    int n = items.size();
    int nf = features.nFeatures();
    float[] x = new float[Math.multiplyExact(n, nf)];
    for (int row = 0; row < n; row++) {
      long id = items.externalId(row);
      Movie m = movies.get(id);
      if (m == null) {
        throw new IllegalArgumentException("item " + id + " has factors but is not in the catalog");
      }
      System.arraycopy(features.encode(m, tags.get(id)), 0, x, row * nf, nf);
    }
    return ContentMapping.fit(features, x, n, itemFactors.data(), itemFactors.cols(), lambda);
  }

  /**
   * The mapped vectors of {@code movies}, in their order.
   *
   * @return shape {@code (movies.size(), mapping.factors())}
   */
  public static FactorMatrix vectors(ContentMapping mapping, List<Movie> movies, Map<Long, List<String>> tags) {
    int f = mapping.factors();
    float[] out = new float[Math.multiplyExact(movies.size(), f)];
    for (int i = 0; i < movies.size(); i++) {
      Movie m = movies.get(i);
      float[] v = mapping.itemVector(mapping.features().encode(m, tags.get(m.movieId())));
      System.arraycopy(v, 0, out, i * f, f);
    }
    return new FactorMatrix(movies.size(), f, out);
  }
}
