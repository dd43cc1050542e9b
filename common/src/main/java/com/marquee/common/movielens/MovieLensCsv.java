package com.marquee.common.movielens;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the records of one raw MovieLens file with commons-csv, each with the 1-based physical line
 * number where it starts and its raw text (for {@code rejects.csv}). A UTF-8 byte-order mark is
 * skipped; CR, LF and CRLF line ends are accepted; blank lines are skipped (and counted).
 *
 * <p>A file the CSV parser cannot continue through (e.g. an unterminated quoted field) fails with an
 * {@link InvalidInputException} naming the file and line.
 */
final class MovieLensCsv implements Closeable {

  /** One record: where it starts and its fields. */
  record Row(long line, CSVRecord record) {
    int size() {
      return record.size();
    }

    String get(int i) {
      return record.get(i);
    }
  }

  private final String source;
  private final Character quote;
  private final RecordingReader recorder;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private CSVRecord current;

  private MovieLensCsv(String source, Reader reader, CSVFormat format) throws IOException {
    this.source = source;
    this.quote = format.getQuoteCharacter();
    this.recorder = new RecordingReader(reader);
    this.parser = CSVParser.builder().setReader(recorder).setFormat(format).get();
    this.records = parser.iterator();
  }

  /**
   * Opens {@code in} (closed by {@link #close()}).
   *
   * @param source file name used in error messages and rejects
   * @param format a commons-csv format with {@code ignoreEmptyLines(false)} (blank lines are skipped
   *     here, so that line numbers stay exact)
   */
  static MovieLensCsv open(String source, InputStream in, Charset charset, CSVFormat format)
      throws IOException {
    PushbackReader reader = new PushbackReader(new InputStreamReader(in, charset), 1);
    int first = reader.read();
    if (first >= 0 && first != '\uFEFF') {
      reader.unread(first);
    }
    return new MovieLensCsv(source, reader, format);
  }

  /** The next non-blank record, or {@code null} at the end of the file. */
  Row next() {
    while (true) {
      long line = parser.getCurrentLineNumber() + 1;
      try {
        if (!records.hasNext()) {
          current = null;
          return null;
        }
        current = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new InvalidInputException(
            source + " line " + line + ": cannot parse CSV: " + cause.getMessage(), e);
      }
      recorder.discardBefore(current.getCharacterPosition());
      if (current.size() == 1 && current.get(0).isEmpty()) {
        continue;
      }
      return new Row(line, current);
    }
  }

  /** The raw text of the record last returned by {@link #next()}, without its line terminator. */
  String raw() {
    return current == null ? "" : recorder.recordText(current.getCharacterPosition(), quote);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
