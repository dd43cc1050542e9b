package com.marquee.service.http;

import java.util.regex.Pattern;

/**
 * Makes a message safe to send in an error body: no Java class or exception names (they tell an
 * attacker which libraries and versions parse the input, and mean nothing to a client).
 *
 * <p>Jackson, for one, ends its limit messages with {@code (1000, from
 * `StreamReadConstraints.getMaxNestingDepth()`)}, and an I/O failure while the body is read was
 * reported as {@code IllegalArgumentException: ...} (issue #21).
 */
public final class ErrorMessages {

  /** Jackson's "from `Class.method()`" pointers. */
  private static final Pattern FROM_CODE = Pattern.compile(",?\\s*from\\s+`[^`]*`");
  /** Any other back-quoted code reference. */
  private static final Pattern CODE = Pattern.compile("`[^`]*`");
  /** Fully qualified class names, e.g. java.lang.String or com.fasterxml.jackson.core.JsonParser. */
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*\\b");
  /** Simple exception and error class names, with a following colon. */
  private static final Pattern THROWABLE = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

  private ErrorMessages() {}

  /** {@code message} without class names and code references; {@code null} stays {@code null}. */
  public static String plain(String message) {
    if (message == null) {
      return null;
    }
    String m = FROM_CODE.matcher(message).replaceAll("");
    m = CODE.matcher(m).replaceAll("");
    m = QUALIFIED.matcher(m).replaceAll("value");
    m = THROWABLE.matcher(m).replaceAll("");
    return m.replaceAll("\\(\\s*\\)", "").replaceAll("\\s{2,}", " ").strip();
  }
}
