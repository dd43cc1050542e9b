package com.marquee.service.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Notices an HTTP listener that stops although nobody stopped the server, and runs {@code onFailure}
 * (the command line exits non-zero there, so a supervisor restarts the server).
 *
 * <p>Helidon 4.5.0 ends a listener for good when {@code accept} fails (e.g. {@code Too many open
 * files}): it logs "Got a throwable while listening, this server socket is terminating now" (or
 * "Got a socket exception ...") at SEVERE, closes the server socket and then waits forever inside
 * its own stop (it joins a future that only its own thread would complete), so its lifecycle
 * callbacks never run and the process lives on with nothing listening. That log record is therefore
 * the signal: this class installs a {@link java.util.logging} handler on Helidon's {@code
 * ServerListener} logger (Helidon logs through JUL, {@code helidon-logging-jul}). It is also a
 * routing filter whose {@link #afterStop} covers a listener that does stop (other Helidon
 * versions). Both are ignored once {@link #expectStop()} was called.
 */
public final class ListenerWatchdog implements Filter, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ListenerWatchdog.class.getName());
  /** Helidon's listener logger. */
  static final String LISTENER_LOGGER = "io.helidon.webserver.ServerListener";
  /** Words of Helidon's log message when a listener gives up. */
  static final String TERMINATING = "server socket is terminating now";

  private final Runnable onFailure;
  private final AtomicBoolean fired = new AtomicBoolean();
  private final Logger listenerLogger = Logger.getLogger(LISTENER_LOGGER); // strong reference keeps the handler
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.SEVERE.intValue() && r.getMessage() != null
          && r.getMessage().contains(TERMINATING)) {
        failed();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private volatile boolean stopExpected;

  /** @param onFailure what to do when the listener stops unexpectedly; runs once, on a new thread */
  public ListenerWatchdog(Runnable onFailure) {
    this.onFailure = onFailure;
    listenerLogger.addHandler(handler);
  }

  /** Marks the coming stop as wanted (call before stopping the server). */
  public void expectStop() {
    stopExpected = true;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    chain.proceed();
  }

  @Override
  public void afterStop() {
    failed();
  }

  private void failed() {
    if (stopExpected || !fired.compareAndSet(false, true)) {
      return;
    }
    LOG.log(System.Logger.Level.ERROR, "the HTTP listener stopped while serving (see the error above); "
        + "nothing is listening any more");
    // Never on the listener's (or the logging caller's) thread.
    Thread.ofPlatform().name("marquee-listener-failure").start(onFailure);
  }

  /** Removes the log handler. */
  @Override
  public void close() {
    stopExpected = true;
    listenerLogger.removeHandler(handler);
  }
}
