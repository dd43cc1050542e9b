package com.marquee.common.artifact;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bijection between external ids (MovieLens user or movie ids) and dense row indices {@code 0..n-1}
 * of an embedding matrix. Stored as {@code user_mapping.json} / {@code item_mapping.json}: a JSON
 * object {@code {"<external_id>": row_index}} (SPEC §4). Immutable.
 */
public final class IdMapping {

  private final long[] externalIds;
  private final Map<Long, Integer> rows;

  private IdMapping(long[] externalIds) {
    this.externalIds = externalIds;
    this.rows = HashMap.newHashMap(externalIds.length);
    for (int i = 0; i < externalIds.length; i++) {
      if (rows.put(externalIds[i], i) != null) {
        throw new ArtifactException("duplicate external id " + externalIds[i]);
      }
    }
  }

  /**
   * The mapping whose row {@code i} is {@code externalIds[i]}.
   *
   * @throws ArtifactException if an id appears twice
   */
  public static IdMapping of(long[] externalIds) {
    return new IdMapping(externalIds.clone());
  }

  /** Row index of {@code externalId}, or {@code -1} when it is not mapped. */
  public int rowOf(long externalId) {
    Integer r = rows.get(externalId);
    return r == null ? -1 : r;
  }

  /** External id of row {@code row}. @throws IndexOutOfBoundsException if out of range */
  public long externalId(int row) {
    return externalIds[row];
  }

  /** Number of mapped ids. */
  public int size() {
    return externalIds.length;
  }

  /** Copy of all external ids in row order: {@code long[size()]}. */
  public long[] externalIds() {
    return externalIds.clone();
  }

  /** Writes {@code {"<external_id>": row}} in row order. */
  public void write(Path file) throws IOException {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < externalIds.length; i++) {
      out.put(Long.toString(externalIds[i]), i);
    }
    Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValue(file.toFile(), out);
  }

  /**
   * Reads a mapping file.
   *
   * @throws ArtifactException if rows are not exactly {@code 0..n-1} or ids are not integers
   * @throws IOException if the file cannot be read or is not JSON
   */
  public static IdMapping read(Path file) throws IOException {
    Map<String, Integer> in = Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Integer>>() {});
    long[] ids = new long[in.size()];
    boolean[] seen = new boolean[in.size()];
    Arrays.fill(ids, Long.MIN_VALUE);
    for (Map.Entry<String, Integer> e : in.entrySet()) {
      Integer row = e.getValue();
      if (row == null || row < 0 || row >= ids.length || seen[row]) {
        throw new ArtifactException(file + ": row indices must be exactly 0.." + (ids.length - 1) + ", bad " + row);
      }
      try {
        ids[row] = Long.parseLong(e.getKey());
      } catch (NumberFormatException ex) {
        throw new ArtifactException(file + ": id '" + e.getKey() + "' is not an integer", ex);
      }
      seen[row] = true;
    }
    return new IdMapping(ids);
  }
}
