package com.marquee.common.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Items ranked by popularity, overall and per genre: the cold-start fallback of the service and the
 * popularity baseline. Stored as {@code popularity.json} (SPEC §4).
 *
 * @param overall items by descending {@code count} (ties: ascending movie id)
 * @param byGenre genre name to that genre's items, same order
 */
public record PopularityRanking(List<PopularItem> overall, Map<String, List<PopularItem>> byGenre) {

  /**
   * One ranked item.
   *
   * @param movieId external movie id
   * @param count positive interactions in the training data
   * @param score {@code count / max count}, in (0, 1]
   */
  public record PopularItem(long movieId, long count, double score) {}

  public PopularityRanking {
    overall = List.copyOf(overall);
    byGenre = Map.copyOf(byGenre);
  }

  /** Writes {@code popularity.json}. */
  public void write(Path file) throws IOException {
    Json.MAPPER.writeValue(file.toFile(), this);
  }

  /** Reads {@code popularity.json}. @throws IOException if unreadable or malformed */
  public static PopularityRanking read(Path file) throws IOException {
    PopularityRanking p = Json.MAPPER.readValue(file.toFile(), PopularityRanking.class);
    if (p.overall() == null) {
      throw new ArtifactException(file + ": missing 'overall'");
    }
    return p;
  }
}
