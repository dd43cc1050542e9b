package com.marquee.service.model;

/** A model directory could not be loaded; the previously loaded model (if any) keeps serving. */
public class ModelLoadException extends Exception {
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
