package com.marquee.common.artifact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.marquee.common.domain.Movie;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The movies of the catalog with their features, stored as {@code item_features.json}: {@code
 * {"<movie_id>": {"title": ..., "year": 1995 | null, "genres": [...]}}} (SPEC §4). Immutable.
 */
public final class ItemCatalog {

  /** The JSON value of one movie. */
  record Entry(String title, Integer year, List<String> genres) {}

  private final Map<Long, Movie> movies;

  private ItemCatalog(Map<Long, Movie> movies) {
    this.movies = movies;
  }

  /** A catalog of the given movies (later duplicates of an id replace earlier ones). */
  public static ItemCatalog of(Collection<Movie> movies) {
    Map<Long, Movie> m = new TreeMap<>();
    for (Movie mv : movies) {
      m.put(mv.movieId(), mv);
    }
    return new ItemCatalog(java.util.Collections.unmodifiableMap(m));
  }

  /** The movie with this external id, or {@code null}. */
  public Movie get(long movieId) {
    return movies.get(movieId);
  }

  /** Number of movies. */
  public int size() {
    return movies.size();
  }

  /** All movies, by ascending id. */
  public Collection<Movie> all() {
    return movies.values();
  }

  /** Writes {@code item_features.json}. */
  public void write(Path file) throws IOException {
    Map<String, Entry> out = new TreeMap<>((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    for (Movie m : movies.values()) {
      out.put(Long.toString(m.movieId()), new Entry(m.title(), m.year(), m.genres()));
    }
    Json.MAPPER.writeValue(file.toFile(), out);
  }

  /**
   * Reads {@code item_features.json}.
   *
   * @throws IOException if it cannot be read or parsed
   * @throws ArtifactException if a key is not an integer id
   */
  public static ItemCatalog read(Path file) throws IOException {
    Map<String, Entry> in = Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {});
    Map<Long, Movie> m = new TreeMap<>();
    for (Map.Entry<String, Entry> e : in.entrySet()) {
      long id;
      try {
        id = Long.parseLong(e.getKey());
      } catch (NumberFormatException ex) {
        throw new ArtifactException(file + ": movie id '" + e.getKey() + "' is not an integer", ex);
      }
      Entry v = e.getValue();
      m.put(id, new Movie(id, v.title(), v.year(), v.genres() == null ? List.of() : v.genres()));
    }
    return new ItemCatalog(java.util.Collections.unmodifiableMap(m));
  }
}
