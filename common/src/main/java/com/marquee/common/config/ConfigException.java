package com.marquee.common.config;

/** A configuration file, key or value is invalid; the message names the file and the key. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
