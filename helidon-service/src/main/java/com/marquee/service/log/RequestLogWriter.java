package com.marquee.service.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asynchronous, batched writer of {@code request_logs} rows into SQLite (SPEC §6).
 *
 * <p>{@link #offer} never blocks: it puts the row in a bounded queue, or counts it in {@link
 * #dropped()} when the queue is full. One writer thread takes rows off the queue and writes them,
 * one transaction per batch: a batch is written when it holds {@code batchSize} rows or when its
 * first row has waited {@code flushInterval}, whichever comes first. A batch that fails to write is
 * rolled back, logged and counted in {@link #failed()}. {@link #close()} writes everything still
 * queued, then stops the thread and closes the database.
 *
 * <p>After a failed batch (disk full, I/O error: SQLite may already have rolled the transaction
 * back itself, and the driver's own {@code rollback} then fails with "no transaction is active",
 * leaving later statements in autocommit) the connection is closed and a new one opened, and the
 * rows of the batch that are in the table nonetheless ({@code rowid} above the last one committed)
 * are counted in {@link #written()}, only the others in {@link #failed()}. A database file
 * deleted or replaced while open (compared by inode before every batch) is reopened at its path, so
 * later rows are not written into an unlinked file.
 *
 * <p>Within a transaction the rows are executed in chunks of {@link #CHUNK_ROWS}, and while the
 * writer keeps up (fewer than {@code batchSize} rows queued) it yields its core ({@link
 * Thread#yield}, Linux {@code sched_yield}) between two chunks. A batch of 400 rows costs a few ms
 * of CPU; written in one piece it held a core that long, and request threads woken meanwhile
 * waited for it when the other core was busy too. Yielding gives a waiting request thread the core
 * after at most one chunk and costs nothing when no thread waits. When the queue grows, the writer
 * stops yielding and takes its normal share of CPU: yielding always (or a lower OS priority)
 * starved it at saturation and rows were dropped (docs/BENCHMARKS.md, "The default-scheduling
 * tail").
 */
public final class RequestLogWriter implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RequestLogWriter.class.getName());

  /**
   * Rows bound and executed per JDBC batch within a transaction; the writer yields its core between
   * two such chunks. 0.1-0.3 ms of CPU on this project's 2-core machine (7.6-20 µs per row;
   * docs/BENCHMARKS.md, "The default-scheduling tail").
   */
  static final int CHUNK_ROWS = 16;

  private final Path dbPath;
  private final BlockingQueue<RequestLogRow> queue;
  private final int batchSize;
  private final long flushNanos;
  private Connection connection; // writer thread only (and close() after it stopped); null when broken
  private PreparedStatement insert;
  private Object fileKey; // unix:ino of the open file
  private long lastRowid; // rowid of the last row committed (rows are appended, rowids grow)
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final TimestampText timestamps = new TimestampText();
  private volatile boolean closing;
  private boolean closed;

  private RequestLogWriter(Path dbPath, int capacity, int batchSize, Duration flushInterval) {
    this.dbPath = dbPath;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.flushNanos = flushInterval.toNanos();
    this.thread = Thread.ofPlatform().name("request-log-writer").daemon(true).unstarted(this::run);
  }

  /**
   * Opens (creating it and its parent directories if needed) the database and starts the writer.
   *
   * @param capacity queue capacity in rows, >= 1
   * @param batchSize most rows per transaction, >= 1
   * @param flushInterval longest wait of a queued row, > 0
   * @throws IOException if the database cannot be created or opened (message names the file)
   */
  public static RequestLogWriter open(Path dbPath, int capacity, int batchSize, Duration flushInterval)
      throws IOException {
    if (capacity < 1 || batchSize < 1 || flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("capacity and batchSize must be >= 1 and flushInterval > 0");
    }
    RequestLogWriter w = new RequestLogWriter(dbPath, capacity, batchSize, flushInterval);
    try {
      w.connect();
    } catch (SQLException | IOException e) {
      throw new IOException("cannot open request log " + dbPath + ": " + e.getMessage(), e);
    }
    w.thread.start();
    return w;
  }

  private void connect() throws SQLException, IOException {
    Path parent = dbPath.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbPath);
    try {
      RequestLogSchema.apply(c);
      c.setAutoCommit(false);
      insert = c.prepareStatement(RequestLogSchema.INSERT_REQUEST_LOG);
      lastRowid = maxRowid(c);
      c.commit();
      fileKey = Files.getAttribute(dbPath, "unix:ino");
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
    connection = c;
  }

  private static long maxRowid(Connection c) throws SQLException {
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT coalesce(max(rowid), 0) FROM request_logs")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** True when the file at the path is still the one opened. */
  private boolean sameFile() {
    try {
      return fileKey.equals(Files.getAttribute(dbPath, "unix:ino"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Queues {@code row} for writing without blocking.
   *
   * @return false when the queue is full or the writer is closed (the row is counted in {@link #dropped()})
   */
  public boolean offer(RequestLogRow row) {
    if (closing || !queue.offer(row)) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Rows rejected because the queue was full or the writer closed. */
  public long dropped() {
    return dropped.get();
  }

  /** Rows committed to the database. */
  public long written() {
    return written.get();
  }

  /** Rows lost because their batch failed to write. */
  public long failed() {
    return failed.get();
  }

  /** Rows waiting in the queue. */
  public int queued() {
    return queue.size();
  }

  /** The database file. */
  public Path dbPath() {
    return dbPath;
  }

  /**
   * Writes every queued row, stops the writer thread and closes the database. Call after the
   * server has stopped accepting requests; rows offered afterwards are dropped. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainAll(); // rows that raced with the writer's last look at the queue
    closeQuietly(connection);
    closed = true;
  }

  private void run() {
    List<RequestLogRow> batch = new ArrayList<>(batchSize);
    try {
      while (!closing) {
        RequestLogRow first = queue.poll(flushNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + flushNanos;
        while (batch.size() < batchSize && !closing) {
          queue.drainTo(batch, batchSize - batch.size());
          long wait = deadline - System.nanoTime();
          if (batch.size() >= batchSize || wait <= 0) {
            break;
          }
          RequestLogRow next = queue.poll(wait, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        if (closing) {
          // close() cut the collection short: complete the batch from the queue, so that batches stay
          // batchSize rows long while rows remain (the same boundaries as without the race)
          queue.drainTo(batch, batchSize - batch.size());
        }
        write(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      LOG.log(System.Logger.Level.WARNING, "request log writer interrupted; flushing and stopping");
    }
    write(batch);
    drainAll();
  }

  private void drainAll() {
    List<RequestLogRow> batch = new ArrayList<>(batchSize);
    while (queue.drainTo(batch, batchSize) > 0) {
      write(batch);
      batch.clear();
    }
  }

  private void write(List<RequestLogRow> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      if (connection != null && !sameFile()) {
        LOG.log(System.Logger.Level.ERROR, "request log " + dbPath + " was deleted or replaced while open; "
            + "reopening the file at that path");
        closeQuietly(connection);
        connection = null;
      }
      if (connection == null) {
        connect();
      }
      for (int from = 0; from < batch.size(); from += CHUNK_ROWS) {
        if (from > 0 && queue.size() < batchSize) {
          Thread.yield(); // only while the writer keeps up: behind, it takes its full share of CPU
        }
        for (RequestLogRow r : batch.subList(from, Math.min(batch.size(), from + CHUNK_ROWS))) {
          bind(insert, r);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      long last = lastInsertRowid(); // before the commit: a SELECT after it would hold a read transaction open
      connection.commit();
      written.addAndGet(batch.size());
      lastRowid = last;
    } catch (SQLException | IOException e) {
      long landed = Math.min(recover(), batch.size());
      written.addAndGet(landed);
      failed.addAndGet(batch.size() - landed);
      LOG.log(System.Logger.Level.WARNING, "request log: lost " + (batch.size() - landed) + " of a batch of "
          + batch.size() + " rows: " + e.getMessage());
    }
  }

  private long lastInsertRowid() throws SQLException {
    try (java.sql.Statement s = connection.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
      rs.next();
      long id = rs.getLong(1);
      return id > 0 ? id : lastRowid;
    }
  }

  /**
   * After a failed batch: closes the connection (its transaction state is unknown), opens a new one
   * and returns how many rows were committed since {@link #lastRowid} anyway; 0 when it cannot
   * reopen (tried again at the next batch).
   */
  private long recover() {
    if (connection != null) {
      try {
        insert.clearBatch();
        connection.rollback();
      } catch (SQLException ignored) {
        // e.g. "cannot rollback - no transaction is active": SQLite rolled back itself
      }
      closeQuietly(connection);
      connection = null;
    }
    long before = lastRowid;
    try {
      connect();
      try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM request_logs WHERE rowid > ?")) {
        ps.setLong(1, before);
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          rs.next();
          long n = rs.getLong(1);
          connection.commit();
          return n;
        }
      }
    } catch (SQLException | IOException e) {
      LOG.log(System.Logger.Level.WARNING, "request log: cannot reopen " + dbPath + " yet: " + e.getMessage());
      closeQuietly(connection);
      connection = null;
      return 0;
    }
  }

  private void bind(PreparedStatement ps, RequestLogRow r) throws SQLException {
    ps.setString(1, r.requestId());
    ps.setString(2, timestamps.format(r.timestamp()));
    if (r.userId() == null) {
      ps.setNull(3, Types.INTEGER);
    } else {
      ps.setLong(3, r.userId());
    }
    ps.setString(4, r.endpoint());
    ps.setString(5, r.modelVersion());
    ps.setString(6, jsonArray(r.recommendations()));
    ps.setString(7, jsonArray(r.scores()));
    ps.setDouble(8, r.latencyMs());
    ps.setInt(9, r.fallback() ? 1 : 0);
    ps.setString(10, r.fallbackReason());
    ps.setInt(11, r.status());
    ps.setString(12, r.variant());
  }

  static String jsonArray(long[] values) {
    StringBuilder sb = new StringBuilder(values.length * 7 + 2).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(values[i]);
    }
    return sb.append(']').toString();
  }

  static String jsonArray(double[] values) {
    StringBuilder sb = new StringBuilder(values.length * 10 + 2).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      double v = values[i];
      if (!Double.isFinite(v)) {
        sb.append("null");
      } else if ((double) (float) v == v) {
        sb.append((float) v); // a float32 model score: its shortest text, same value, about half the digits
      } else {
        sb.append(v);
      }
    }
    return sb.append(']').toString();
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.log(System.Logger.Level.WARNING, "closing request log database: " + e.getMessage());
    }
  }
}
