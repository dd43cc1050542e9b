package com.marquee.common.movielens;

/**
 * The input of a pipeline is missing or unusable as a whole (no MovieLens files, a wrong header, an
 * unparseable quoted field, a malformed processed file). The command-line entry points exit with
 * code 2 when this is the cause of a failure. Single bad rows of raw MovieLens files are not
 * exceptions: they go to {@code rejects.csv}.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
