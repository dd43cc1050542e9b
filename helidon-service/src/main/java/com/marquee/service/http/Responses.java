package com.marquee.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.marquee.common.artifact.Json;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON response bodies: the shared {@link Json#MAPPER} (snake_case keys), compact. */
public final class Responses {

  /** Compact writer derived from the shared mapper. */
  public static final ObjectWriter WRITER = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private Responses() {}

  /** Sends {@code body} as {@code application/json} with {@code status}. */
  public static void json(ServerResponse res, Status status, Object body) {
    send(res, status, bytes(body));
  }

  /**
   * {@code body} serialized by {@link #WRITER} (compact UTF-8 JSON).
   *
   * @throws IllegalStateException if Jackson cannot serialize it (a programming error)
   */
  public static byte[] bytes(Object body) {
    try {
      return WRITER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + body.getClass().getSimpleName(), e);
    }
  }

  /** Sends {@code json}, already serialized (UTF-8), as {@code application/json} with 200. */
  public static void okBytes(ServerResponse res, byte[] json) {
    send(res, Status.OK_200, json);
  }

  private static void send(ServerResponse res, Status status, byte[] json) {
    res.status(status);
    res.header(HeaderValues.CONTENT_TYPE_JSON);
    res.send(json);
  }

  /** Sends {@code body} as {@code application/json} with 200. */
  public static void ok(ServerResponse res, Object body) {
    json(res, Status.OK_200, body);
  }
}
