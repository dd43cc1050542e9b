package com.marquee.common.domain;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalog item: a movie with the features the service filters on.
 *
 * @param movieId external MovieLens movie id
 * @param title title without the trailing "(year)"
 * @param year release year parsed from the MovieLens title, or {@code null} when the title has none
 * @param genres MovieLens genres; empty for "(no genres listed)"
 */
public record Movie(long movieId, String title, Integer year, List<String> genres) {

  private static final Pattern TITLE_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");

  public Movie {
    genres = List.copyOf(genres);
  }

  /**
   * Builds a movie from the raw MovieLens fields: the year is taken from a trailing "(YYYY)" of the
   * title (also "(YYYY-)" and "(YYYY-YYYY)" of series) and removed from it; genres are split on '|',
   * with "(no genres listed)" meaning none.
   */
  public static Movie fromMovieLens(long movieId, String rawTitle, String rawGenres) {
    String title = rawTitle.strip();
    Integer year = null;
    Matcher m = TITLE_YEAR.matcher(title);
    if (m.matches()) {
      title = m.group(1).strip();
      year = Integer.parseInt(m.group(2));
    }
    List<String> genres =
        rawGenres == null || rawGenres.isBlank() || rawGenres.strip().equals("(no genres listed)")
            ? List.of()
            : List.of(rawGenres.strip().split("\\|"));
    return new Movie(movieId, title, year, genres);
  }
}
