package com.marquee.service.api;

import com.marquee.service.http.Responses;
import com.marquee.service.model.ItemJson;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.recommend.Recommendations;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of a {@code POST /recommend} answer without {@code because} lists, written by copying the
 * items' pre-encoded JSON ({@link com.marquee.service.model.ItemJson}) instead of building {@link
 * RecommendService.Item} records and serializing them with Jackson's data binding: the serving hot
 * path. The bytes are exactly those of {@code Responses.WRITER.writeValueAsBytes(new
 * RecommendService.Response(...))} for the same answer (a test compares them); items without a row
 * in the model (popularity fallbacks of movies the model does not know) are serialized by Jackson.
 */
final class RecommendResponseJson {

  private static final byte[] USER_ID = ascii("{\"user_id\":");
  private static final byte[] RECOMMENDATIONS = ascii(",\"recommendations\":[");
  private static final byte[] MODEL_VERSION = ascii("],\"model_version\":");
  private static final byte[] IS_FALLBACK = ascii(",\"is_fallback\":");
  private static final byte[] FALLBACK_REASON = ascii(",\"fallback_reason\":");
  private static final byte[] VARIANT = ascii(",\"variant\":");
  private static final byte[] GENRE_DIVERSITY = ascii(",\"genre_diversity\":");

  private RecommendResponseJson() {}

  /**
   * @param genreDiversity {@link com.marquee.service.recommend.GenreDiversity} of the items, or {@code null}
   * @return the UTF-8 JSON body
   */
  static byte[] write(ModelSnapshot model, long userId, Recommendations recs, String variant, Double genreDiversity) {
    List<Recommendations.Scored> items = recs.items();
    ByteArrayOutputStream out = new ByteArrayOutputStream(160 + 160 * items.size());
    out.writeBytes(USER_ID);
    ItemJson.ascii(out, Long.toString(userId));
    out.writeBytes(RECOMMENDATIONS);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      Recommendations.Scored s = items.get(i);
      if (s.row() >= 0) {
        model.itemJson().write(out, s.row(), s.score());
      } else {
        out.writeBytes(Responses.bytes(RecommendService.item(model, s, null)));
      }
    }
    out.writeBytes(MODEL_VERSION);
    ItemJson.string(out, model.version());
    out.writeBytes(IS_FALLBACK);
    ItemJson.ascii(out, recs.fallback() ? "true" : "false");
    out.writeBytes(FALLBACK_REASON);
    ItemJson.string(out, recs.fallbackReason());
    out.writeBytes(VARIANT);
    ItemJson.string(out, variant);
    out.writeBytes(GENRE_DIVERSITY);
    ItemJson.ascii(out, genreDiversity == null ? "null" : genreDiversity.toString());
    out.write('}');
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
