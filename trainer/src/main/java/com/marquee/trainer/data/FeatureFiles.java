package com.marquee.trainer.data;

import com.marquee.common.artifact.ItemCatalog;
import com.marquee.common.artifact.PopularityRanking;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.domain.Movie;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads the feature files of the Beam features pipeline (SPEC §3) into model artifacts. */
public final class FeatureFiles {

  private static final CSVFormat WITH_HEADER =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

  private FeatureFiles() {}

  /**
   * {@code item_features.csv} ({@code movie_id,title,year,genres}, genres {@code |}-joined) as the
   * catalog.
   *
   * @throws IllegalArgumentException naming the file and record for a malformed row
   */
  public static ItemCatalog readCatalog(Path file) throws IOException {
    List<Movie> movies = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord r : WITH_HEADER.parse(in)) {
        try {
          String year = r.get("year");
          String genres = r.get("genres");
          movies.add(new Movie(Long.parseLong(r.get("movie_id")), r.get("title"),
              year.isBlank() ? null : Integer.valueOf(year),
              genres.isBlank() ? List.of() : List.of(genres.split("\\|"))));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(file + ": bad record " + r.getRecordNumber() + ": " + e.getMessage(), e);
        }
      }
    }
    return ItemCatalog.of(movies);
  }

  /**
   * {@code popularity.csv} ({@code movie_id,count,score,...}) as the ranking served to cold-start
   * users: overall and per genre of the catalog, by descending count, ties by ascending movie id.
   *
   * @throws IllegalArgumentException naming the file and record for a malformed row
   */
  public static PopularityRanking readPopularity(Path file, ItemCatalog catalog) throws IOException {
    List<PopularItem> all = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord r : WITH_HEADER.parse(in)) {
        try {
          all.add(new PopularItem(Long.parseLong(r.get("movie_id")), Long.parseLong(r.get("count")),
              Double.parseDouble(r.get("score"))));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(file + ": bad record " + r.getRecordNumber() + ": " + e.getMessage(), e);
        }
      }
    }
    all.sort(Comparator.comparingLong(PopularItem::count).reversed().thenComparingLong(PopularItem::movieId));
    Map<String, List<PopularItem>> byGenre = new TreeMap<>();
    for (PopularItem p : all) {
      Movie m = catalog.get(p.movieId());
      if (m != null) {
        for (String g : m.genres()) {
          byGenre.computeIfAbsent(g, k -> new ArrayList<>()).add(p);
        }
      }
    }
    return new PopularityRanking(all, byGenre);
  }
}
