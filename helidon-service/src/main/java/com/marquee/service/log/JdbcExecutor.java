package com.marquee.service.log;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the blocking database calls of request handlers on a small, bounded pool of platform threads.
 *
 * <p>Helidon runs each request on a virtual thread; sqlite-jdbc blocks inside native code (a busy
 * wait on a locked database, a write to a stalled disk), which pins the virtual thread to its
 * carrier. With 2 cores there are 2 carriers, so two stalled JDBC calls stopped every other request,
 * {@code /health} included. Here the virtual thread waits on a {@link Future} (which unmounts it)
 * and only the pool's threads are stuck; at most {@code threads} calls run and {@code queue} wait,
 * the rest are refused at once.
 */
public final class JdbcExecutor implements AutoCloseable {

  /** Why a call did not run to completion within the time limit. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean mayHaveRun;

    Unavailable(String message, boolean mayHaveRun, Throwable cause) {
      super(message, cause);
      this.mayHaveRun = mayHaveRun;
    }

    /**
     * True when the call was running when the caller gave up: it may still complete (a write may
     * be committed). False when it never started or failed.
     */
    public boolean mayHaveRun() {
      return mayHaveRun;
    }
  }

  private final ThreadPoolExecutor pool;
  private final long timeoutMs;

  /**
   * @param threads platform threads, >= 1
   * @param queue calls that may wait, >= 1
   * @param timeoutMs longest wait of {@link #call}, ms, >= 1
   */
  public JdbcExecutor(int threads, int queue, long timeoutMs) {
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
        r -> Thread.ofPlatform().name("marquee-jdbc-" + n.incrementAndGet()).daemon(true).unstarted(r),
        new ThreadPoolExecutor.AbortPolicy());
    this.timeoutMs = timeoutMs;
  }

  /** An executor of {@code config}'s {@code jdbc_*} settings. */
  public static JdbcExecutor of(StoreConfig config) {
    return new JdbcExecutor(config.jdbcThreads(), config.jdbcQueue(), config.jdbcTimeoutMs());
  }

  /** The time limit of {@link #call}, ms. */
  public long timeoutMs() {
    return timeoutMs;
  }

  /**
   * Runs {@code work} on a pool thread and waits for it, at most {@link #timeoutMs()}.
   *
   * @return what {@code work} returned
   * @throws Exception what {@code work} threw (e.g. {@link java.sql.SQLException}), unwrapped
   * @throws Unavailable when the pool and its queue are full, or the time limit passed (a queued call
   *     is cancelled and never runs; {@link Unavailable#mayHaveRun()} tells whether it had started)
   */
  public <T> T call(Callable<T> work) throws Exception {
    Future<T> f;
    try {
      f = pool.submit(work);
    } catch (RejectedExecutionException e) {
      throw new Unavailable("all " + pool.getMaximumPoolSize() + " database threads are busy and "
          + pool.getQueue().size() + " calls wait", false, e);
    }
    try {
      return f.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw new Unavailable("database call failed: " + e.getCause(), false, e.getCause());
    } catch (TimeoutException e) {
      boolean neverStarted = f.cancel(false);
      throw new Unavailable("the database did not answer within " + timeoutMs + " ms", !neverStarted, e);
    } catch (InterruptedException e) {
      boolean neverStarted = f.cancel(false);
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while waiting for the database", !neverStarted, e);
    }
  }

  /** Stops the threads after the calls already submitted. Idempotent. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
