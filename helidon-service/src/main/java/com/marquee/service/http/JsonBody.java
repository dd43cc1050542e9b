package com.marquee.service.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.common.artifact.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * Reads and validates JSON request bodies. The body must be one JSON object in UTF-8 of at most the
 * configured number of bytes, sent with {@code Content-Type: application/json} (parameters such as
 * {@code charset=utf-8} allowed): any other type is a 415 ({@link #requireJsonContentType}), so a
 * cross-origin page cannot post a body as a CORS "simple request" ({@code text/plain}, a form)
 * without a preflight (issue #21). {@code curl} needs {@code -H 'Content-Type: application/json'}.
 * Each endpoint names the fields it accepts ({@link #requireKnownFields}): an unknown field, at the
 * top level or inside a nested object such as {@code filters}, is a 400 naming it, so a typo such as
 * {@code "genre"} for {@code "genres"} is not silently ignored. Every problem is an {@link
 * ApiException}: 413 for a body that is too large, 400 for anything else, with a message naming the
 * field.
 *
 * <p>Field accessors take the field's dotted path for messages (e.g. {@code filters.genres}); the
 * last segment is the key looked up in the given object.
 */
public final class JsonBody {

  private static final ObjectReader READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonBody() {}

  /**
   * The request body as a JSON object.
   *
   * @param maxBytes largest accepted body
   * @throws ApiException 415 if the {@code Content-Type} is not {@code application/json}, 413 if
   *     larger than {@code maxBytes}, 400 if empty, not JSON or not an object
   */
  public static ObjectNode readObject(ServerRequest req, long maxBytes) {
    requireJsonContentType(req);
    Optional<Long> declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(JsonBody::parseLength);
    if (declared.isPresent() && declared.get() > maxBytes) {
      throw ApiException.payloadTooLarge(maxBytes);
    }
    byte[] bytes = req.content().hasEntity() ? readAtMost(req, maxBytes) : new byte[0];
    if (bytes.length == 0) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    requireUtf8(bytes);
    JsonNode node;
    try {
      node = READER.readTree(bytes);
    } catch (JacksonException e) {
      throw ApiException.badRequest("malformed JSON: " + ErrorMessages.plain(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * Requires {@code Content-Type: application/json} (type and subtype case-insensitive, parameters
   * ignored) on a request that carries a body; a request without body or {@code Content-Type}
   * falls through to the "must be a JSON object" 400.
   *
   * @throws ApiException 415 {@code unsupported_media_type} naming the type received
   */
  public static void requireJsonContentType(ServerRequest req) {
    Optional<String> type = req.headers().first(HeaderNames.CONTENT_TYPE);
    if (type.isEmpty()) {
      if (req.content().hasEntity()) {
        throw unsupportedMediaType("no Content-Type");
      }
      return;
    }
    String t = type.get();
    int semicolon = t.indexOf(';');
    String mediaType = (semicolon < 0 ? t : t.substring(0, semicolon)).strip();
    if (!mediaType.equalsIgnoreCase("application/json")) {
      throw unsupportedMediaType("Content-Type '" + (t.length() > 100 ? t.substring(0, 100) + "..." : t) + "'");
    }
  }

  private static ApiException unsupportedMediaType(String got) {
    return new ApiException(io.helidon.http.Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
        "the request body must be sent as Content-Type: application/json (got " + got + ")");
  }

  /**
   * JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1); Jackson lets some invalid
   * sequences through (overlong forms, lone surrogates), so the bytes are checked first.
   *
   * @throws ApiException 400 when {@code bytes} is not well-formed UTF-8
   */
  static void requireUtf8(byte[] bytes) {
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw ApiException.badRequest("malformed JSON: the body is not valid UTF-8");
    }
  }

  /**
   * Checks that {@code object} has no field outside {@code allowed}.
   *
   * @param path dotted path of {@code object} for messages ({@code ""} for the body itself, else e.g.
   *     {@code "filters"})
   * @param allowed the accepted field names, in the order the message lists them
   * @throws ApiException 400 {@code unknown field 'filters.genre' (allowed: genres, year_min, year_max)}
   */
  public static void requireKnownFields(ObjectNode object, String path, SequencedSet<String> allowed) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw ApiException.badRequest("unknown field '" + (path.isEmpty() ? "" : path + ".") + name
            + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  /**
   * The accepted field names of one object, in message order.
   *
   * @throws IllegalArgumentException on a duplicate name (a programming error)
   */
  public static SequencedSet<String> fields(String... names) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String n : names) {
      if (!out.add(n)) {
        throw new IllegalArgumentException("duplicate field name " + n);
      }
    }
    return Collections.unmodifiableSequencedSet(out);
  }

  private static Long parseLength(String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Reads at most {@code maxBytes + 1} bytes of the body. Helidon decodes the transfer framing while
   * the stream is read, so a broken framing (a chunk size that is not hexadecimal, a body cut short)
   * surfaces here as a runtime exception: that is the client's error, 400 with the connection closed.
   */
  private static byte[] readAtMost(ServerRequest req, long maxBytes) {
    InputStream in = null;
    try {
      in = req.content().inputStream();
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw ApiException.payloadTooLarge(maxBytes);
      }
      in.close();
      return bytes;
    } catch (ApiException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String detail = ErrorMessages.plain(e.getMessage());
      throw ApiException.malformedBody(detail == null || detail.isBlank()
          ? "its framing is broken or it ended early" : detail);
    }
  }

  /**
   * A required integer field.
   *
   * @throws ApiException 400 if missing, null, not an integer or outside the 64-bit range
   */
  public static long requiredLong(ObjectNode body, String field) {
    JsonNode v = body.get(key(field));
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("missing required field '" + field + "'");
    }
    return asLong(v, field);
  }

  /** An optional integer field in {@code [min, max]}, {@code dflt} when absent or null. @throws ApiException 400 */
  public static int optionalInt(ObjectNode body, String field, int dflt, int min, int max) {
    JsonNode v = body.get(key(field));
    if (v == null || v.isNull()) {
      return dflt;
    }
    return checkRange(asLong(v, field), field, min, max);
  }

  /**
   * An optional number field in {@code [min, max]} (a JSON integer or decimal), {@code dflt} when
   * absent or null.
   *
   * @throws ApiException 400 if not a number or outside the range
   */
  public static double optionalDouble(ObjectNode body, String field, double dflt, double min, double max) {
    JsonNode v = body.get(key(field));
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber()) {
      throw ApiException.badRequest("'" + field + "' must be a number in [" + min + ", " + max + "]");
    }
    double x = v.doubleValue();
    if (!(x >= min && x <= max)) {
      throw ApiException.badRequest("'" + field + "' must be in [" + min + ", " + max + "], got " + v.asText());
    }
    return x;
  }

  /** An optional integer field, {@code null} when absent or null. @throws ApiException 400 if not an int */
  public static Integer optionalInteger(ObjectNode body, String field) {
    JsonNode v = body.get(key(field));
    if (v == null || v.isNull()) {
      return null;
    }
    long x = asLong(v, field);
    if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
      throw ApiException.badRequest("'" + field + "' is out of range");
    }
    return (int) x;
  }

  /** An optional boolean field, {@code dflt} when absent or null. @throws ApiException 400 if not a boolean */
  public static boolean optionalBoolean(ObjectNode body, String field, boolean dflt) {
    JsonNode v = body.get(key(field));
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest("'" + field + "' must be true or false");
    }
    return v.booleanValue();
  }

  /** An optional object field. @throws ApiException 400 if present and not an object */
  public static Optional<ObjectNode> optionalObject(ObjectNode body, String field) {
    JsonNode v = body.get(key(field));
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      throw ApiException.badRequest("'" + field + "' must be an object");
    }
    return Optional.of((ObjectNode) v);
  }

  /** An optional array of strings, empty when absent or null. @throws ApiException 400 on other types */
  public static List<String> optionalStrings(ObjectNode body, String field) {
    JsonNode v = body.get(key(field));
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw ApiException.badRequest("'" + field + "' must be an array of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw ApiException.badRequest("'" + field + "' must be an array of strings");
      }
      out.add(e.textValue());
    }
    return out;
  }

  /**
   * The distinct movie ids of JSON array {@code array}, in array order.
   *
   * @param field the array's dotted path, for the message
   * @throws ApiException 400 {@code 'field' must contain only integer movie ids, got X} for an element
   *     that is not a 64-bit integer
   */
  public static LinkedHashSet<Long> movieIds(JsonNode array, String field) {
    LinkedHashSet<Long> ids = new LinkedHashSet<>();
    for (JsonNode e : array) {
      if (!e.isIntegralNumber() || !e.canConvertToLong()) {
        throw ApiException.badRequest("'" + field + "' must contain only integer movie ids, got " + e);
      }
      ids.add(e.longValue());
    }
    return ids;
  }

  private static String key(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** {@code value} if in {@code [min, max]}. @throws ApiException 400 naming {@code field} otherwise */
  public static int checkRange(long value, String field, int min, int max) {
    if (value < min || value > max) {
      throw ApiException.badRequest("'" + field + "' must be in [" + min + ", " + max + "], got " + value);
    }
    return (int) value;
  }

  private static long asLong(JsonNode v, String field) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ApiException.badRequest("'" + field + "' must be an integer");
    }
    return v.longValue();
  }
}
