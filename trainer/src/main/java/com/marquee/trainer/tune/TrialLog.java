package com.marquee.trainer.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only JSONL file of a search: one {@link TrialResult} per line, written and flushed as
 * each trial ends, so a search that dies midway keeps every finished trial. With parallel trials the
 * lines are in completion order; the {@code trial} field orders them.
 */
public final class TrialLog implements AutoCloseable {

  /** Compact JSON, snake_case record fields, map keys as given. */
  static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Path file;
  private final Writer out;

  private TrialLog(Path file, Writer out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Opens {@code file} for appending, creating it and its directory when missing.
   *
   * @throws IOException if it cannot be created or opened
   */
  public static TrialLog open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new TrialLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE));
  }

  /** Appends one line and flushes it to the file. Thread-safe. */
  public synchronized void append(TrialResult r) {
    try {
      out.write(JSON.writeValueAsString(r));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /**
   * Reads every trial of {@code file}. A last line without its newline (a search killed while writing
   * it) is cut off the file, with {@code truncated} reporting it; that trial then runs again.
   *
   * @throws IllegalArgumentException naming the line if a complete line is not a trial
   * @throws IOException if the file cannot be read or truncated
   */
  public static List<TrialResult> read(Path file, boolean truncatePartialLastLine) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n') + 1;
    if (end < text.length() && truncatePartialLastLine) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(text.substring(0, end).getBytes(StandardCharsets.UTF_8).length);
      }
    }
    String complete = truncatePartialLastLine ? text.substring(0, end) : text;
    List<TrialResult> out = new ArrayList<>();
    String[] lines = complete.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        TrialResult r = JSON.readValue(lines[i], TrialResult.class);
        if (r.trial() < 1 || r.status() == null || r.hyperparameters() == null) {
          throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a trial line (needs trial, status, hyperparameters)");
        }
        out.add(r);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a trial line: " + e.getOriginalMessage(), e);
      }
    }
    return out;
  }
}
