package com.marquee.common.content;

import com.fasterxml.jackson.core.JacksonException;
import com.marquee.common.artifact.ArtifactException;
import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.Json;
import com.marquee.common.artifact.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A linear map from content features ({@link ContentFeatures}) to the latent item factors of the iALS
 * model, so that an item without interactions gets a vector {@code v = x W} in the same space as the
 * trained items: the least-squares attribute-to-feature mapping of Gantner, Drumond, Freudenthaler,
 * Rendle and Schmidt-Thieme, "Learning Attribute-to-Feature Mappings for Cold-Start Recommendations",
 * ICDM 2010 (their linear "map-knn/BPR-map" family, here with a squared loss: ridge regression).
 *
 * <p>{@code W = argmin ||X W - V||² + λ ||W||²} over the items with interactions, {@code X} their
 * feature rows ({@code float[nItems * nFeatures]} row-major), {@code V} their item factors ({@code
 * float[nItems * factors]} row-major); the intercept column {@link ContentFeatures#BIAS} is not
 * penalised, so with a large λ every item maps to the mean item vector. Solved in double precision
 * from the normal equations {@code (XᵀX + λD) W = XᵀV} with EJML's Cholesky solver ({@code D} the
 * identity without the bias entry).
 *
 * <p>Stored in a model version directory as {@code content_features.json} (the featurizer), {@code
 * content_mapping.npy} ({@code W}, float32, shape {@code (nFeatures, factors)}) and {@code
 * cold_start_items.json} ({@code {"movie_ids": [...], "regularization": λ, "mean_squared_residual": r}}:
 * the items whose embeddings came from this mapping rather than from interactions, with the fit's λ
 * and {@link #meanSquaredResidual()}). Immutable.
 */
public final class ContentMapping {

  private final ContentFeatures features;
  private final FactorMatrix weights;
  private final double regularization;
  private final List<Long> coldStartItems;
  private final double meanSquaredResidual;

  /** The JSON form of {@code cold_start_items.json}. */
  record ColdStart(List<Long> movieIds, Double regularization, Double meanSquaredResidual) {}

  /**
   * A mapping.
   *
   * @param features the featurizer whose rows it maps
   * @param weights {@code W}, shape {@code (features.nFeatures(), factors)}, finite
   * @param regularization the λ it was fitted with ({@code >= 0})
   * @param coldStartItems movie ids whose embeddings were produced by this mapping (distinct)
   * @throws IllegalArgumentException if the shapes disagree, a weight is not finite or an id repeats
   */
  public ContentMapping(
      ContentFeatures features, FactorMatrix weights, double regularization, Collection<Long> coldStartItems) {
    this(features, weights, regularization, coldStartItems, Double.NaN);
  }

  /**
   * A mapping with its fit residual.
   *
   * @param meanSquaredResidual {@link #meanSquaredResidual()}, {@code >= 0}, or NaN when unknown
   * @throws IllegalArgumentException as {@link #ContentMapping(ContentFeatures, FactorMatrix, double,
   *     Collection)}, or for a negative or infinite residual
   */
  public ContentMapping(
      ContentFeatures features, FactorMatrix weights, double regularization, Collection<Long> coldStartItems,
      double meanSquaredResidual) {
    if (!Double.isNaN(meanSquaredResidual) && !(meanSquaredResidual >= 0 && Double.isFinite(meanSquaredResidual))) {
      throw new IllegalArgumentException("mean squared residual must be >= 0, got " + meanSquaredResidual);
    }
    if (weights.rows() != features.nFeatures()) {
      throw new IllegalArgumentException(
          "mapping has " + weights.rows() + " rows, the featurizer " + features.nFeatures() + " features");
    }
    if (!(regularization >= 0) || !Double.isFinite(regularization)) {
      throw new IllegalArgumentException("regularization must be finite and >= 0, got " + regularization);
    }
    float[] w = weights.data();
    for (int i = 0; i < w.length; i++) {
      if (!Float.isFinite(w[i])) {
        throw new IllegalArgumentException(
            "mapping has a non-finite value " + w[i] + " at row " + i / weights.cols() + ", column " + i % weights.cols());
      }
    }
    List<Long> ids = List.copyOf(coldStartItems);
    if (new HashSet<>(ids).size() != ids.size()) {
      throw new IllegalArgumentException("cold-start movie ids repeat");
    }
    this.features = features;
    this.weights = weights;
    this.regularization = regularization;
    this.coldStartItems = ids;
    this.meanSquaredResidual = meanSquaredResidual;
  }

  /**
   * Fits {@code W} by ridge regression (see the class comment), with no cold-start items yet.
   *
   * @param features the featurizer that produced {@code x}
   * @param x feature rows, {@code float[nRows * features.nFeatures()]} row-major
   * @param nRows number of items with interactions ({@code >= 1})
   * @param v their item factors, {@code float[nRows * factors]} row-major, same row order as {@code x}
   * @param factors number of latent factors f
   * @param lambda λ {@code >= 0}; with {@code 0} the features must be linearly independent over the rows
   * @throws IllegalArgumentException on wrong lengths, a negative λ or a singular system
   */
  public static ContentMapping fit(
      ContentFeatures features, float[] x, int nRows, float[] v, int factors, double lambda) {
    float[] w = ridge(x, nRows, features.nFeatures(), v, factors, lambda);
    ContentMapping m = new ContentMapping(features, new FactorMatrix(features.nFeatures(), factors, w), lambda, List.of());
    int nf = features.nFeatures();
    double sq = 0;
    float[] row = new float[nf];
    for (int r = 0; r < nRows; r++) {
      System.arraycopy(x, r * nf, row, 0, nf);
      float[] p = m.itemVector(row);
      for (int k = 0; k < factors; k++) {
        double e = v[r * factors + k] - (double) p[k];
        sq += e * e;
      }
    }
    return new ContentMapping(features, m.weights, lambda, List.of(), sq / nRows);
  }

  /**
   * The ridge solution {@code W = (XᵀX + λD)⁻¹ XᵀV}, column 0 (the intercept) unpenalised.
   *
   * @param x {@code float[nRows * nFeatures]} row-major (sparse rows are cheap: zeros are skipped)
   * @param v {@code float[nRows * factors]} row-major
   * @return {@code W}, {@code float[nFeatures * factors]} row-major
   * @throws IllegalArgumentException on wrong lengths, a negative λ or a system that is not positive definite
   */
  public static float[] ridge(float[] x, int nRows, int nFeatures, float[] v, int factors, double lambda) {
    if (nRows < 1 || nFeatures < 1 || factors < 1
        || (long) nRows * nFeatures != x.length || (long) nRows * factors != v.length) {
      throw new IllegalArgumentException(
          "ridge: x has " + x.length + " values, v " + v.length + ", for " + nRows + " rows, " + nFeatures
              + " features, " + factors + " factors");
    }
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("ridge: lambda must be finite and >= 0, got " + lambda);
    }
    DMatrixRMaj a = new DMatrixRMaj(nFeatures, nFeatures);
    DMatrixRMaj b = new DMatrixRMaj(nFeatures, factors);
    int[] nz = new int[nFeatures];
    for (int r = 0; r < nRows; r++) {
      int n = 0;
      int xo = r * nFeatures;
      for (int c = 0; c < nFeatures; c++) {
        if (x[xo + c] != 0f) {
          nz[n++] = c;
        }
      }
      int vo = r * factors;
      for (int i = 0; i < n; i++) {
        int ci = nz[i];
        double xi = x[xo + ci];
        for (int j = 0; j < n; j++) {
          a.add(ci, nz[j], xi * x[xo + nz[j]]);
        }
        for (int k = 0; k < factors; k++) {
          b.add(ci, k, xi * v[vo + k]);
        }
      }
    }
    for (int c = 0; c < nFeatures; c++) {
      if (c != ContentFeatures.BIAS) {
        a.add(c, c, lambda);
      }
    }
    LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.symmPosDef(nFeatures);
    if (!chol.setA(a)) {
      throw new IllegalArgumentException(
          "ridge: XᵀX + λD is not positive definite (λ = " + lambda + "); raise content.regularization");
    }
    DMatrixRMaj w = new DMatrixRMaj(nFeatures, factors);
    chol.solve(b, w);
    float[] out = new float[nFeatures * factors];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) w.data[i];
      if (!Float.isFinite(out[i])) {
        throw new IllegalArgumentException("ridge: non-finite solution (λ = " + lambda + ")");
      }
    }
    return out;
  }

  /** The same mapping listing {@code ids} as its cold-start items (distinct movie ids). */
  public ContentMapping withColdStartItems(Collection<Long> ids) {
    return new ContentMapping(features, weights, regularization, ids, meanSquaredResidual);
  }

  /**
   * The item vector {@code x W} of one feature row.
   *
   * @param x {@code float[nFeatures()]}, e.g. from {@link ContentFeatures#encode}
   * @return {@code float[factors()]}
   */
  public float[] itemVector(float[] x) {
    int nf = features.nFeatures();
    if (x.length != nf) {
      throw new IllegalArgumentException("feature row has " + x.length + " values, expected " + nf);
    }
    int f = weights.cols();
    float[] w = weights.data();
    double[] acc = new double[f];
    for (int c = 0; c < nf; c++) {
      float xc = x[c];
      if (xc != 0f) {
        int o = c * f;
        for (int k = 0; k < f; k++) {
          acc[k] += (double) xc * w[o + k];
        }
      }
    }
    float[] out = new float[f];
    for (int k = 0; k < f; k++) {
      out[k] = (float) acc[k];
    }
    return out;
  }

  /** {@link #itemVector(float[])} of {@link ContentFeatures#encode}{@code (title, year, genres, tags)}. */
  public float[] itemVector(String title, Integer year, List<String> genres, List<String> tags) {
    return itemVector(features.encode(title, year, genres, tags));
  }

  /** The featurizer. */
  public ContentFeatures features() {
    return features;
  }

  /** {@code W}, shape {@code (nFeatures, factors)}. */
  public FactorMatrix weights() {
    return weights;
  }

  /** Number of latent factors f. */
  public int factors() {
    return weights.cols();
  }

  /** λ of the fit. */
  public double regularization() {
    return regularization;
  }

  /**
   * Mean over the fitted items of {@code ||v - x W||²} (squared L2 residual, in squared factor units),
   * or NaN when unknown (a mapping read from a file that does not record it). A mapped vector {@code
   * x W} is a conditional mean: it lacks the item-specific residual, so its norm understates what the
   * item's trained vector would have, and a raw cosine between a mapped and a trained vector overstates
   * their similarity. {@code sqrt(||x W||² + meanSquaredResidual())} is the expected norm of the item's
   * vector under the fit and can stand in for {@code ||x W||} in a cosine.
   */
  public double meanSquaredResidual() {
    return meanSquaredResidual;
  }

  /** Movie ids whose embeddings came from this mapping, in the order given. */
  public List<Long> coldStartItems() {
    return coldStartItems;
  }

  /**
   * Writes {@code content_features.json}, {@code content_mapping.npy} and {@code cold_start_items.json}
   * into {@code dir} (created if missing).
   *
   * @throws IOException if a file cannot be written
   */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    features.write(dir.resolve(ArtifactFiles.CONTENT_FEATURES));
    Npy.write(dir.resolve(ArtifactFiles.CONTENT_MAPPING), weights);
    Json.MAPPER.writeValue(
        dir.resolve(ArtifactFiles.COLD_START_ITEMS).toFile(), new ColdStart(coldStartItems, regularization,
            Double.isNaN(meanSquaredResidual) ? null : meanSquaredResidual));
  }

  /**
   * Reads the mapping of a model version directory.
   *
   * @return empty when none of the three files exists (a model trained before content mapping)
   * @throws ArtifactException naming the file if only some of the files exist, one is malformed, the
   *     matrix shape disagrees with the featurizer (or with {@code item_embeddings.npy}'s factors when
   *     that file is present), a weight is not finite or a cold-start id repeats
   */
  public static Optional<ContentMapping> read(Path dir) {
    List<String> files =
        List.of(ArtifactFiles.CONTENT_FEATURES, ArtifactFiles.CONTENT_MAPPING, ArtifactFiles.COLD_START_ITEMS);
    List<String> missing = new ArrayList<>();
    for (String f : files) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        missing.add(f);
      }
    }
    if (missing.size() == files.size()) {
      return Optional.empty();
    }
    if (!missing.isEmpty()) {
      throw new ArtifactException(dir + ": incomplete content mapping, missing " + missing);
    }
    Path mappingFile = dir.resolve(ArtifactFiles.CONTENT_MAPPING);
    Path coldFile = dir.resolve(ArtifactFiles.COLD_START_ITEMS);
    try {
      ContentFeatures features = ContentFeatures.read(dir.resolve(ArtifactFiles.CONTENT_FEATURES));
      FactorMatrix w = Npy.read(mappingFile);
      if (w.rows() != features.nFeatures()) {
        throw new ArtifactException(
            mappingFile + ": shape (" + w.rows() + ", " + w.cols() + ") but " + ArtifactFiles.CONTENT_FEATURES
                + " has " + features.nFeatures() + " features");
      }
      Path items = dir.resolve(ArtifactFiles.ITEM_EMBEDDINGS);
      if (Files.isRegularFile(items)) {
        int itemFactors = Npy.shape(items)[1];
        if (itemFactors != w.cols()) {
          throw new ArtifactException(
              mappingFile + ": " + w.cols() + " factor columns, " + ArtifactFiles.ITEM_EMBEDDINGS + " has " + itemFactors);
        }
      }
      ColdStart cold;
      try {
        cold = Json.MAPPER.readValue(coldFile.toFile(), ColdStart.class);
      } catch (JacksonException e) {
        throw new ArtifactException(coldFile + ": not a valid cold_start_items.json: " + e.getOriginalMessage(), e);
      }
      if (cold.movieIds() == null || cold.movieIds().contains(null)) {
        throw new ArtifactException(coldFile + ": \"movie_ids\" must be a list of movie ids");
      }
      Set<Long> seen = new HashSet<>();
      for (Long id : cold.movieIds()) {
        if (!seen.add(id)) {
          throw new ArtifactException(coldFile + ": movie id " + id + " is listed twice");
        }
      }
      double lambda = cold.regularization() == null ? 0 : cold.regularization();
      try {
        double residual = cold.meanSquaredResidual() == null ? Double.NaN : cold.meanSquaredResidual();
        return Optional.of(new ContentMapping(features, w, lambda, cold.movieIds(), residual));
      } catch (IllegalArgumentException e) {
        throw new ArtifactException(mappingFile + ": " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new ArtifactException(dir + ": cannot read content mapping: " + e.getMessage(), e);
    }
  }
}
