package com.marquee.trainer.index;

/**
 * An error reported by FAISS (the C++ exception message, passed through the native shim) or the
 * native library being unavailable on this platform.
 */
public class FaissException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FaissException(String message) {
    super(message);
  }

  public FaissException(String message, Throwable cause) {
    super(message, cause);
  }
}
