package com.marquee.trainer.mlflow;

import java.io.IOException;

/** An MLflow REST call failed: connection error, or an HTTP error with MLflow's {@code error_code}. */
public final class MlflowException extends IOException {

  private final int status;
  private final String errorCode;

  /**
   * @param status HTTP status, or -1 when no response arrived
   * @param errorCode MLflow's {@code error_code} (e.g. {@code RESOURCE_ALREADY_EXISTS}), or null
   */
  public MlflowException(String message, int status, String errorCode, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** HTTP status, or -1 when no response arrived. */
  public int status() {
    return status;
  }

  /** MLflow's {@code error_code}, or null. */
  public String errorCode() {
    return errorCode;
  }
}
