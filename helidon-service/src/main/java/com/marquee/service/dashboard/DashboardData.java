package com.marquee.service.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.artifact.Json;
import com.marquee.service.log.RequestLogSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * Computes the body of {@code GET /dashboard/data} from the SQLite request log and the report
 * files of the Beam jobs.
 *
 * <p>From {@code request_logs} rows of the last {@code windowHours} hours (by {@code timestamp}):
 *
 * <ul>
 *   <li>{@code hourly}: per UTC hour with at least one row: {@code requests} (all logged
 *       endpoints), {@code status_4xx}, {@code status_5xx}, {@code p95_latency_ms} (nearest rank over
 *       all rows of the hour), {@code recommend_requests} ({@code /recommend} with status 200) and
 *       {@code fallback_rate} (their fraction with {@code is_fallback = 1}; {@code null} without
 *       such requests);
 *   <li>{@code groups}: the same counts per (variant, model_version): {@code group} is {@code
 *       "variant <name>"} for rows with a variant, else {@code "version <model_version>"} ({@code
 *       "version none"} for rows answered without a model);
 *   <li>{@code hourly_by_group}: requests per hour and group.
 * </ul>
 *
 * <p>{@code reports.kpis} and {@code reports.replay} are the parsed {@code kpis.json} and {@code
 * replay.json} of the reports directory as written by the Beam jobs, or {@code null};
 * {@code reports.status} says {@code ok}, {@code missing} or {@code invalid: <reason>} per file.
 * The latencies of one hour are held in memory while it is summarized.
 */
public final class DashboardData {

  /** Names of the report files read from the reports directory. */
  public static final List<String> REPORT_FILES = List.of("kpis.json", "replay.json");


  /**
   * Counts of one hour or one group.
   *
   * @param key the hour ({@code 2026-11-22T13:00Z}) or the group label
   * @param variant the group's variant ({@code null} for hours and for groups without one)
   * @param modelVersion the group's model version ({@code null} for hours)
   */
  public record Stats(String key, String variant, String modelVersion, long requests, long status4xx,
      long status5xx, Double p95LatencyMs, long recommendRequests, Double fallbackRate) {}

  /** Requests of one group in one hour. */
  public record HourGroup(String hour, String group, long requests) {}

  /** The Beam reports, each {@code null} when absent or unreadable. */
  public record Reports(String dir, JsonNode kpis, JsonNode replay, Map<String, String> status) {}

  /** The whole body. */
  public record Data(String generatedAt, String since, int windowHours, String requestLog, String requestLogStatus,
      List<Stats> hourly, List<Stats> groups, List<HourGroup> hourlyByGroup, Reports reports) {}

  private DashboardData() {}

  /**
   * Summarizes {@code db} and reads the reports.
   *
   * @param db the request log database; a missing file gives empty series
   * @param reportsDir directory of {@code kpis.json} and {@code replay.json}
   * @param windowHours hours up to {@code now} to summarize
   */
  public static Data compute(Path db, Path reportsDir, int windowHours, Instant now) {
    Instant since = now.minus(Duration.ofHours(windowHours)).truncatedTo(ChronoUnit.HOURS);
    List<Stats> hourly = new ArrayList<>();
    Map<String, Acc> groups = new TreeMap<>();
    List<HourGroup> hourlyByGroup = new ArrayList<>();
    String status = "ok";
    if (!Files.isRegularFile(db)) {
      status = "missing";
    } else {
      try {
        scan(db, RequestLogSchema.TIMESTAMP.format(since), hourly, groups, hourlyByGroup);
      } catch (SQLException e) {
        status = "error: " + e.getMessage();
        hourly.clear();
        groups.clear();
        hourlyByGroup.clear();
      }
    }
    List<Stats> groupStats = groups.values().stream().map(Acc::stats).toList();
    return new Data(RequestLogSchema.TIMESTAMP.format(now), RequestLogSchema.TIMESTAMP.format(since), windowHours,
        db.toString(), status, hourly, groupStats, hourlyByGroup, reports(reportsDir));
  }

  private static void scan(Path db, String since, List<Stats> hourly, Map<String, Acc> groups,
      List<HourGroup> hourlyByGroup) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setReadOnly(true);
    cfg.setBusyTimeout(5000);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, cfg.toProperties());
        PreparedStatement ps = c.prepareStatement(
            "SELECT substr(timestamp, 1, 13), latency_ms, is_fallback, endpoint, model_version, variant, status "
                + "FROM request_logs WHERE timestamp >= ? ORDER BY timestamp")) {
      ps.setString(1, since);
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        String hour = null;
        Acc hourAcc = null;
        Map<String, long[]> hourGroups = new TreeMap<>();
        while (rs.next()) {
          String h = rs.getString(1) + ":00Z";
          if (!h.equals(hour)) {
            flushHour(hour, hourAcc, hourGroups, hourly, hourlyByGroup);
            hour = h;
            hourAcc = new Acc(h, null, null);
          }
          double latency = rs.getDouble(2);
          boolean fallback = rs.getInt(3) == 1;
          String endpoint = rs.getString(4);
          String version = rs.getString(5);
          String variant = rs.getString(6);
          int code = rs.getInt(7);
          String group = variant != null ? "variant " + variant : "version " + (version == null ? "none" : version);
          hourAcc.add(latency, fallback, endpoint, code);
          groups.computeIfAbsent(group + "\u0000" + version, k -> new Acc(group, variant, version))
              .add(latency, fallback, endpoint, code);
          hourGroups.computeIfAbsent(group, k -> new long[1])[0]++;
        }
        flushHour(hour, hourAcc, hourGroups, hourly, hourlyByGroup);
      }
    }
  }

  private static void flushHour(String hour, Acc acc, Map<String, long[]> hourGroups, List<Stats> hourly,
      List<HourGroup> hourlyByGroup) {
    if (hour == null) {
      return;
    }
    hourly.add(acc.stats());
    hourGroups.forEach((g, n) -> hourlyByGroup.add(new HourGroup(hour, g, n[0])));
    hourGroups.clear();
  }

  private static Reports reports(Path dir) {
    Map<String, String> status = new LinkedHashMap<>();
    JsonNode[] nodes = new JsonNode[REPORT_FILES.size()];
    for (int i = 0; i < nodes.length; i++) {
      String name = REPORT_FILES.get(i);
      Path f = dir.resolve(name);
      if (!Files.isRegularFile(f)) {
        status.put(name, "missing");
        continue;
      }
      try {
        nodes[i] = Json.MAPPER.readTree(f.toFile());
        status.put(name, "ok");
      } catch (IOException e) {
        status.put(name, "invalid: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return new Reports(dir.toString(), nodes[0], nodes[1], status);
  }

  /** Accumulates one hour or group. */
  private static final class Acc {
    private final String key;
    private final String variant;
    private final String version;
    private double[] latencies = new double[64];
    private int n;
    private long s4;
    private long s5;
    private long recommend;
    private long fallbacks;

    Acc(String key, String variant, String version) {
      this.key = key;
      this.variant = variant;
      this.version = version;
    }

    void add(double latency, boolean fallback, String endpoint, int status) {
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = latency;
      if (status >= 500) {
        s5++;
      } else if (status >= 400) {
        s4++;
      }
      if ("/recommend".equals(endpoint) && status == 200) {
        recommend++;
        if (fallback) {
          fallbacks++;
        }
      }
    }

    Stats stats() {
      return new Stats(key, variant, version, n, s4, s5, p95(), recommend,
          recommend == 0 ? null : (double) fallbacks / recommend);
    }

    private Double p95() {
      if (n == 0) {
        return null;
      }
      double[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(0.95 * n); // nearest rank, 1-based
      return sorted[Math.max(0, rank - 1)];
    }
  }
}
