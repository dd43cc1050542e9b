package com.marquee.trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The git commit of the working directory, recorded in model metadata for reproducibility. */
final class GitInfo {

  private GitInfo() {}

  /** {@code git rev-parse HEAD} (with "-dirty" when there are uncommitted changes), or null outside git. */
  static String headCommit() {
    String head = run("git", "rev-parse", "HEAD");
    if (head == null) {
      return null;
    }
    String status = run("git", "status", "--porcelain", "--untracked-files=no");
    return status == null || status.isEmpty() ? head : head + "-dirty";
  }

  private static String run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
