package com.marquee.service.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.artifact.ArtifactException;
import com.marquee.common.artifact.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@value #FILE} of a model version: {@code {"movie_ids": [...]}}, the movies whose trained vector
 * came from the content mapping (no positive interactions at training time). Optional: a model
 * without it has none. Answers mark these movies {@code "cold_start": true}.
 */
public final class ColdStartItems {

  /** The file name in a model version directory. */
  public static final String FILE = "cold_start_items.json";

  private ColdStartItems() {}

  /**
   * The movie ids of {@code dir}'s {@value #FILE}; empty when the file is absent.
   *
   * @throws ArtifactException if the file is not {@code {"movie_ids": [integer, ...]}}
   * @throws IOException if it cannot be read
   */
  public static Set<Long> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Set.of();
    }
    JsonNode root = Json.MAPPER.readTree(file.toFile());
    JsonNode ids = root == null ? null : root.get("movie_ids");
    if (ids == null || !ids.isArray()) {
      throw new ArtifactException(file + ": expected {\"movie_ids\": [...]}");
    }
    Set<Long> out = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      if (!id.isIntegralNumber() || !id.canConvertToLong()) {
        throw new ArtifactException(file + ": movie_ids must be integers, got " + id);
      }
      out.add(id.longValue());
    }
    return Set.copyOf(out);
  }
}
