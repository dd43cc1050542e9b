package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the train and test files of a fixed (published) split for {@code scripts/evaluate.sh --train
 * FILE --test FILE}. Every row is one positive, implicit interaction of weight 1: these files are
 * already binarised by whoever published them, so no rating threshold or minimum-count filter is
 * applied. A (user, item) pair listed twice in one file counts once.
 *
 * <ul>
 *   <li>{@link Format#PAIRS}: CSV with a header naming {@code user_id} and {@code item_id} (and
 *       optionally {@code rating}, {@code timestamp}, kept in the interaction but not used for the
 *       weight), parsed with Apache Commons CSV.
 *   <li>{@link Format#LISTS}: the LightGCN/BARS text format, one line per user, {@code user_id
 *       item_id item_id ...} separated by spaces, no header; a line with a user id alone is a user
 *       without items. Ids are the integers as given.
 * </ul>
 */
public final class FixedSplitFiles {

  /** The two file formats. */
  public enum Format {
    PAIRS("pairs"),
    LISTS("lists");

    private final String cliName;

    Format(String cliName) {
      this.cliName = cliName;
    }

    /** The name on the command line: {@code pairs} or {@code lists}. */
    public String cliName() {
      return cliName;
    }

    /** @throws IllegalArgumentException for a name other than pairs or lists */
    public static Format fromCliName(String name) {
      for (Format f : values()) {
        if (f.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new IllegalArgumentException("unknown --split-format '" + name + "': expected pairs or lists");
    }
  }

  private static final CSVFormat WITH_HEADER =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get();

  private FixedSplitFiles() {}

  /**
   * The interactions of {@code file}, in file order, duplicates removed.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the file and line of the first malformed row (a missing
   *     column, an id that is not an integer, a rating or timestamp that is not a number), or if the
   *     file holds no interaction
   */
  public static List<Interaction> read(Path file, Format format) throws IOException {
    List<Interaction> rows = format == Format.PAIRS ? readPairs(file) : readLists(file);
    Set<Pair> seen = new HashSet<>();
    List<Interaction> out = new ArrayList<>(rows.size());
    for (Interaction i : rows) {
      if (seen.add(new Pair(i.userId(), i.movieId()))) {
        out.add(i);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + ": no interactions");
    }
    return out;
  }

  private record Pair(long user, long item) {}

  private static List<Interaction> readPairs(Path file) throws IOException {
    List<Interaction> out = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      var parser = WITH_HEADER.parse(in);
      List<String> header = parser.getHeaderNames();
      if (!header.contains("user_id") || !header.contains("item_id")) {
        throw new IllegalArgumentException(file + ":1: the header must name user_id and item_id, got " + header);
      }
      boolean hasRating = header.contains("rating");
      boolean hasTime = header.contains("timestamp");
      for (CSVRecord r : parser) {
        long line = r.getParser().getCurrentLineNumber();
        try {
          float rating = hasRating && !r.get("rating").isBlank() ? Float.parseFloat(r.get("rating")) : 1f;
          long ts = hasTime && !r.get("timestamp").isBlank() ? Long.parseLong(r.get("timestamp")) : 0L;
          out.add(new Interaction(Long.parseLong(r.get("user_id")), Long.parseLong(r.get("item_id")), rating, 1f, ts));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(file + ":" + line + ": not a user_id,item_id[,rating,timestamp] row: "
              + String.join(",", r.toList()), e);
        }
      }
    }
    return out;
  }

  private static List<Interaction> readLists(Path file) throws IOException {
    List<Interaction> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty()) {
          continue;
        }
        String[] ids = s.split("\\s+");
        try {
          long user = Long.parseLong(ids[0]);
          for (int j = 1; j < ids.length; j++) {
            out.add(new Interaction(user, Long.parseLong(ids[j]), 1f, 1f, 0L));
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": not a 'user_id item_id item_id ...' line of integers: "
              + (s.length() > 80 ? s.substring(0, 80) + "..." : s), e);
        }
      }
    }
    return out;
  }
}
