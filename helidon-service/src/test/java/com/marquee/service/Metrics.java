package com.marquee.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads values out of Prometheus text for tests. */
final class Metrics {

  private Metrics() {}

  /** Value of {@code name{endpoint=..., status=..., ...}}, 0 when absent. */
  static double value(String text, String name, String endpoint, String status) {
    return find(text, name + "\\{[^}]*endpoint=\"" + Pattern.quote(endpoint) + "\"[^}]*status=\"" + status + "\"[^}]*\\}");
  }

  /** Value of {@code marquee_fallback_total{reason="unknown_user"}}. */
  static double fallbacks(String text) {
    return find(text, "marquee_fallback_total\\{[^}]*reason=\"unknown_user\"[^}]*\\}");
  }

  /** Value of the series {@code name{...label="value"...}}, 0 when absent. */
  static double labelled(String text, String name, String label, String value) {
    return find(text, name + "\\{[^}]*" + label + "=\"" + Pattern.quote(value) + "\"[^}]*\\}");
  }

  private static double find(String text, String seriesRegex) {
    Matcher m = Pattern.compile("(?m)^" + seriesRegex + " ([0-9.eE+-]+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }
}
