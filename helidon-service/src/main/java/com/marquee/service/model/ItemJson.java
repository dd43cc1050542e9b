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
    JsonStringEncoder enc = JsonStringEncoder.getInstance();
    StringBuilder sb = new StringBuilder(128);
    for (int row = 0; row < n; row++) {
      long id = artifacts.items().externalId(row);
      Movie m = artifacts.catalog().get(id);
      sb.setLength(0);
      sb.append("{\"movie_id\":").append(id).append(",\"title\":");
      appendString(sb, enc, m == null ? null : m.title());
      sb.append(",\"score\":");
      head[row] = sb.toString().getBytes(StandardCharsets.UTF_8);
      sb.setLength(0);
      sb.append(",\"genres\":[");
      List<String> genres = m == null ? List.of() : m.genres();
      for (int g = 0; g < genres.size(); g++) {
        if (g > 0) {
          sb.append(',');
        }
        appendString(sb, enc, genres.get(g));
      }
      sb.append("],\"year\":").append(m == null || m.year() == null ? "null" : m.year().toString()).append('}');
      tail[row] = sb.toString().getBytes(StandardCharsets.UTF_8);
    }
    return new ItemJson(head, tail);
  }

  /** A JSON string literal of {@code s} (quoted, escaped as Jackson does), or {@code null}. */
  static void appendString(StringBuilder sb, JsonStringEncoder enc, String s) {
    if (s == null) {
      sb.append("null");
    } else {
      sb.append('"').append(enc.quoteAsString(s)).append('"');
    }
  }

  /**
   * Writes the JSON object of item row {@code row} with {@code score} ({@link Double#toString}, as
   * Jackson writes a {@code double}).
   */
  public void write(ByteArrayOutputStream out, int row, double score) {
    out.writeBytes(head[row]);
    out.writeBytes(Double.toString(score).getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(tail[row]);
  }
}
