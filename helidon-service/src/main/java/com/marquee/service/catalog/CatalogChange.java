package com.marquee.service.catalog;

import com.marquee.common.domain.CatalogItem;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored catalog change (a row of the {@code catalog_changes} table).
 *
 * @param seq the row's {@code change_id} (AUTOINCREMENT: increasing in commit order, never reused)
 * @param movieId the movie changed
 * @param action {@link Action#PUT} (add or update) or {@link Action#DELETE} (hide)
 * @param item the content of a PUT; {@code null} for a DELETE
 * @param at when the server stored it
 */
public record CatalogChange(long seq, long movieId, Action action, CatalogItem item, Instant at) {

  /** What a change does. */
  public enum Action {
    /** Add the movie, or replace its content; a hidden movie is shown again. */
    PUT,
    /** Hide the movie from every answer (its content and history stay stored). */
    DELETE;

    /** The value of the {@code action} column: {@code put} or {@code delete}. */
    public String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a value other than {@code put} or {@code delete} */
    public static Action ofColumn(String value) {
      return switch (value) {
        case "put" -> PUT;
        case "delete" -> DELETE;
        default -> throw new IllegalArgumentException("unknown catalog action '" + value + "'");
      };
    }
  }

  public CatalogChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(at, "at");
    if ((action == Action.PUT) != (item != null)) {
      throw new IllegalArgumentException("a PUT carries an item, a DELETE none");
    }
  }
}
