package com.marquee.trainer.data;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs {@code [0, n)} over a fixed number of worker threads (the trainer's only parallelism). */
public final class Parallel {

  private Parallel() {}

  /** Calls {@code body} for every index in {@code [0, n)} on {@code threads} workers and waits. */
  public static void forEach(int n, int threads, IntConsumer body) {
    if (threads <= 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    } finally {
      pool.shutdown();
    }
  }
}
