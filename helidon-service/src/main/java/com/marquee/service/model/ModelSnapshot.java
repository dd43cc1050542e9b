package com.marquee.service.model;

import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.domain.Movie;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One loaded model version with the lookups the endpoints need, precomputed at load time. Immutable
 * (the arrays are never written after construction) and therefore safe to share between request
 * threads; {@link ModelHolder} swaps whole snapshots.
 *
 * <p>Genre names are matched case-insensitively: {@link #genreKey(String)} is the lookup key.
 */
public final class ModelSnapshot {

  /** {@link #yearOfRow(int)} of a movie without a known year. */
  public static final int UNKNOWN_YEAR = Integer.MIN_VALUE;

  private final ModelArtifacts artifacts;
  private final Path dir;
  private final Instant loadedAt;
  private final Retriever retriever;
  private final Movie[] movieByRow;
  private final int[] yearByRow;
  private final Map<String, BitSet> rowsByGenre;
  private final Map<String, String> genreNames;
  private final Map<String, List<PopularItem>> popularByGenre;

  /**
   * @param artifacts the validated model
   * @param dir the resolved directory it was read from
   * @param loadedAt when the load finished
   * @param retriever top-k retrieval over {@code artifacts.itemFactors()}
   */
  public ModelSnapshot(ModelArtifacts artifacts, Path dir, Instant loadedAt, Retriever retriever) {
    this.artifacts = artifacts;
    this.dir = dir;
    this.loadedAt = loadedAt;
    this.retriever = retriever;
    int n = artifacts.items().size();
    this.movieByRow = new Movie[n];
    this.yearByRow = new int[n];
    Map<String, BitSet> byGenre = new HashMap<>();
    Map<String, String> names = new TreeMap<>();
    for (int row = 0; row < n; row++) {
      Movie m = artifacts.catalog().get(artifacts.items().externalId(row));
      movieByRow[row] = m;
      yearByRow[row] = m == null || m.year() == null ? UNKNOWN_YEAR : m.year();
      if (m != null) {
        for (String g : m.genres()) {
          String key = genreKey(g);
          names.putIfAbsent(key, g);
          byGenre.computeIfAbsent(key, x -> new BitSet(n)).set(row);
        }
      }
    }
    Map<String, List<PopularItem>> popular = new HashMap<>();
    for (Map.Entry<String, List<PopularItem>> e : artifacts.popularity().byGenre().entrySet()) {
      names.putIfAbsent(genreKey(e.getKey()), e.getKey());
      popular.put(genreKey(e.getKey()), List.copyOf(e.getValue()));
    }
    this.rowsByGenre = Map.copyOf(byGenre);
    this.genreNames = java.util.Collections.unmodifiableMap(names);
    this.popularByGenre = Map.copyOf(popular);
  }

  /** Lookup key of a genre name: lower-cased (root locale), trimmed. */
  public static String genreKey(String genre) {
    return genre.strip().toLowerCase(Locale.ROOT);
  }

  /** The model's artifacts (metadata, factors, mappings, catalog, user items, popularity). */
  public ModelArtifacts artifacts() {
    return artifacts;
  }

  /** {@code model_metadata.json} {@code version}. */
  public String version() {
    return artifacts.metadata().version();
  }

  /** The real directory the model was read from (symlinks resolved). */
  public Path dir() {
    return dir;
  }

  /** When this snapshot finished loading. */
  public Instant loadedAt() {
    return loadedAt;
  }

  /** Top-k retrieval over the item embeddings. */
  public Retriever retriever() {
    return retriever;
  }

  /** Catalog entry of item row {@code row}, or {@code null} when the catalog lacks the movie. */
  public Movie movieOfRow(int row) {
    return movieByRow[row];
  }

  /** Release year of item row {@code row}, or {@link #UNKNOWN_YEAR}. */
  public int yearOfRow(int row) {
    return yearByRow[row];
  }

  /** Item rows whose movie has genre {@code key} ({@link #genreKey}); empty when none. Do not modify. */
  public Optional<BitSet> rowsOfGenre(String key) {
    return Optional.ofNullable(rowsByGenre.get(key));
  }

  /** Canonical spelling of genre {@code key} as in the catalog or popularity file, if known. */
  public Optional<String> genreName(String key) {
    return Optional.ofNullable(genreNames.get(key));
  }

  /** All known genre names (canonical spelling), sorted by key. */
  public List<String> genreNames() {
    return List.copyOf(genreNames.values());
  }

  /** Popularity ranking of genre {@code key}, if {@code popularity.json} has one. */
  public Optional<List<PopularItem>> popularOfGenre(String key) {
    return Optional.ofNullable(popularByGenre.get(key));
  }
}
