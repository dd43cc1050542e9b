package com.marquee.common.artifact;

/** A model artifact is missing, unreadable, malformed or inconsistent with the others. */
public class ArtifactException extends RuntimeException {
  public ArtifactException(String message) {
    super(message);
  }

  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
