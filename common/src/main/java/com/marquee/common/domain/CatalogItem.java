package com.marquee.common.domain;

import java.util.List;

/**
 * The content of one movie as {@code PUT /admin/items/{movie_id}} gives it: what the catalog shows
 * ({@link #toMovie}) and what the content mapping encodes (title, year, genres and tags). Shared by
 * the server (which stores it as the JSON {@code {"title", "year", "genres", "tags"}} in the {@code
 * catalog_changes} table) and {@code scripts/retrain.sh} (which reads it back into {@code movies.csv}
 * and {@code tags.csv}).
 *
 * @param title display title, without a trailing "(year)" (not blank)
 * @param year release year, or {@code null} when unknown
 * @param genres MovieLens-style genre names in request order (may be empty)
 * @param tags free-text tags in request order (may be empty)
 */
public record CatalogItem(String title, Integer year, List<String> genres, List<String> tags) {

  public CatalogItem {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank");
    }
    genres = List.copyOf(genres);
    tags = List.copyOf(tags);
  }

  /** The catalog entry of this content for movie {@code movieId}. */
  public Movie toMovie(long movieId) {
    return new Movie(movieId, title, year, genres);
  }
}
