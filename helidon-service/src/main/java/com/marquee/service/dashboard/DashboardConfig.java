package com.marquee.service.dashboard;

import static com.marquee.common.config.ConfigChecks.require;

import java.nio.file.Path;

/**
 * @param reportsDir where the Beam KPI and replay jobs write {@code kpis.json} and {@code replay.json}
 * @param windowHours how many hours of the request log {@code GET /dashboard/data} summarizes, >= 1
 */
public record DashboardConfig(Path reportsDir, int windowHours) {
  public DashboardConfig {
    require(reportsDir != null && !reportsDir.toString().isBlank(), "dashboard.reports_dir", "must not be empty");
    require(windowHours >= 1, "dashboard.window_hours", "must be >= 1, got " + windowHours);
  }
}
