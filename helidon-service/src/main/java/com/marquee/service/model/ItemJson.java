package com.marquee.service.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.domain.Movie;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The JSON of every item row of a model as it appears in a recommendation, pre-encoded at load so
 * that a response is assembled by copying bytes (the serving hot path, SPEC §5). An item object
 * is {@code head(row) + score + tail(row)}:
 *
 * <pre>
 *   head: {"movie_id":&lt;id&gt;,"title":&lt;string|null&gt;,"score":
 *   tail: ,"genres":[&lt;string&gt;,...],"year":&lt;int|null&gt;,"cold_start":&lt;bool&gt;}
 * </pre>
 *
 * the same keys, order and escaping as Jackson's serialization of {@code RecommendService.Item}
 * with the service's mapper (a test compares the bytes). A movie missing from the catalog has
 * {@code "title":null,"genres":[],"year":null}. {@code cold_start} is true for items whose vector did
 * not come from training ({@link ModelSnapshot#isColdRow}). Memory: about 100 bytes per item (2.7 MB for
 * 26,744 items).
 */
public final class ItemJson {

  private final byte[][] head;
  private final byte[][] tail;

  private ItemJson(byte[][] head, byte[][] tail) {
    this.head = head;
    this.tail = tail;
  }

  /** Encodes every item row of {@code artifacts} with its catalog entry, none marked cold-start. */
  public static ItemJson of(ModelArtifacts artifacts) {
    return of(artifacts, new BitSet());
  }

  /**
   * Encodes every item row of {@code artifacts} with its catalog entry; {@code "cold_start"} after {@code
   * year} is true for the rows in {@code cold}.
   */
  public static ItemJson of(ModelArtifacts artifacts, BitSet cold) {
    int n = artifacts.items().size();
    ItemJson json = new ItemJson(new byte[n][], new byte[n][]);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (int row = 0; row < n; row++) {
      json.encode(out, artifacts, row, cold.get(row));
    }
    return json;
  }

  /**
   * The encoding of {@code artifacts} (this encoding's rows plus rows appended after them), re-encoding
   * only the appended rows and {@code changed}: a catalog change costs O(changed rows), not O(items).
   *
   * @param changed rows of this encoding whose catalog entry or cold flag changed
   */
  public ItemJson extend(ModelArtifacts artifacts, BitSet cold, BitSet changed) {
    int n = artifacts.items().size();
    ItemJson json = new ItemJson(Arrays.copyOf(head, n), Arrays.copyOf(tail, n));
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (int row = changed.nextSetBit(0); row >= 0 && row < head.length; row = changed.nextSetBit(row + 1)) {
      json.encode(out, artifacts, row, cold.get(row));
    }
    for (int row = head.length; row < n; row++) {
      json.encode(out, artifacts, row, cold.get(row));
    }
    return json;
  }

  private void encode(ByteArrayOutputStream out, ModelArtifacts artifacts, int row, boolean coldStart) {
    long id = artifacts.items().externalId(row);
    Movie m = artifacts.catalog().get(id);
    out.reset();
    ascii(out, "{\"movie_id\":" + id + ",\"title\":");
    string(out, m == null ? null : m.title());
    ascii(out, ",\"score\":");
    head[row] = out.toByteArray();
    out.reset();
    ascii(out, ",\"genres\":[");
    List<String> genres = m == null ? List.of() : m.genres();
    for (int g = 0; g < genres.size(); g++) {
      if (g > 0) {
        out.write(',');
      }
      string(out, genres.get(g));
    }
    ascii(out, "],\"year\":" + (m == null || m.year() == null ? "null" : m.year().toString())
        + (coldStart ? ",\"cold_start\":true}" : ",\"cold_start\":false}"));
    tail[row] = out.toByteArray();
  }

  /** Writes the JSON string literal of {@code s} (quoted, escaped by Jackson's encoder, UTF-8), or {@code null}. */
  public static void string(ByteArrayOutputStream out, String s) {
    if (s == null) {
      ascii(out, "null");
    } else {
      out.write('"');
      out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(s));
      out.write('"');
    }
  }

  /** Writes {@code s}, which holds only ASCII characters (JSON punctuation, numbers, literals). */
  public static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Writes the JSON object of item row {@code row} with {@code score} ({@link Double#toString}, as
   * Jackson writes a {@code double}).
   */
  public void write(ByteArrayOutputStream out, int row, double score) {
    out.writeBytes(head[row]);
    ascii(out, Double.toString(score));
    out.writeBytes(tail[row]);
  }
}
