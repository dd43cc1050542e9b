package com.marquee.common.config;

/** The one validation step of config records: a failed check names the YAML key and the problem. */
public final class ConfigChecks {

  private ConfigChecks() {}

  /**
   * @param ok the condition the value must meet
   * @param key dotted YAML key, e.g. {@code server.port}
   * @param problem what is wrong, e.g. {@code must be >= 1, got 0}
   * @throws IllegalArgumentException {@code 'key' problem} when {@code ok} is false
   */
  public static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("'" + key + "' " + problem);
    }
  }
}
