package com.marquee.service.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.domain.Movie;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON of every item row of a model as it appears in a recommendation, pre-encoded at load so
 * that a response is assembled by copying bytes (the serving hot path, SPEC §5). An item object
 * is {@code head(row) + score + tail(row)}:
 *
 * <pre>
 *   head: {"movie_id":&lt;id&gt;,"title":&lt;string|null&gt;,"score":
 *   tail: ,"genres":[&lt;string&gt;,...],"year":&lt;int|null&gt;}
 * </pre>
 *
 * the same keys, order and escaping as Jackson's serialization of {@code RecommendService.Item}
 * with the service's mapper (a test compares the bytes). A movie missing from the catalog has
 * {@code "title":null,"genres":[],"year":null}. Memory: about 100 bytes per item (2.7 MB for
 * 26,744 items).
 */
public final class ItemJson {

  private final byte[][] head;
  private final byte[][] tail;

  private ItemJson(byte[][] head, byte[][] tail) {
    this.head = head;
    this.tail = tail;
  }

  /** Encodes every item row of {@code artifacts} with its catalog entry. */
  public static ItemJson of(ModelArtifacts artifacts) {
    int n = artifacts.items().size();
    byte[][] head = new byte[n][];
    byte[][] tail = new byte[n][];
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (int row = 0; row < n; row++) {
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
      ascii(out, "],\"year\":" + (m == null || m.year() == null ? "null" : m.year().toString()) + "}");
      tail[row] = out.toByteArray();
    }
    return new ItemJson(head, tail);
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
