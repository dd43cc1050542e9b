package com.marquee.trainer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.artifact.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which versions were production, in order, replayed from the decision log {@code
 * models/decisions.jsonl}: every {@code promoted: true} line pushes its candidate, except lines with
 * {@code action: "rollback"}, which pop the version rolled back from. So {@code rollback} undoes the
 * last promotion, a second rollback the one before, and a rollback is never itself "rolled back".
 */
public final class ProductionHistory {

  private final List<String> stack;

  private ProductionHistory(List<String> stack) {
    this.stack = stack;
  }

  /** Reads the log (an absent log is an empty history). @throws IOException if unreadable or malformed */
  public static ProductionHistory read(Path decisionsLog) throws IOException {
    List<String> stack = new ArrayList<>();
    if (Files.isRegularFile(decisionsLog)) {
      int n = 0;
      for (String line : Files.readAllLines(decisionsLog)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode d;
        try {
          d = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          throw new IOException(decisionsLog + ":" + n + ": not a JSON decision: " + e.getMessage(), e);
        }
        if (!d.path("promoted").asBoolean(false)) {
          continue;
        }
        if ("rollback".equals(d.path("action").asText(null))) {
          if (!stack.isEmpty()) {
            stack.remove(stack.size() - 1);
          }
          String to = d.path("candidate").asText();
          if (stack.isEmpty() || !stack.get(stack.size() - 1).equals(to)) {
            stack.add(to);
          }
        } else {
          stack.add(d.path("candidate").asText());
        }
      }
    }
    return new ProductionHistory(stack);
  }

  /** Production versions, oldest first, as the log tells them. */
  public List<String> versions() {
    return List.copyOf(stack);
  }

  /**
   * The version a rollback from {@code current} goes to: the production before {@code current}'s last
   * promotion that still exists in the registry.
   *
   * @param exists whether a version directory is still there
   */
  public Optional<String> previous(String current, java.util.function.Predicate<String> exists) {
    int top = stack.lastIndexOf(current);
    for (int i = (top < 0 ? stack.size() : top) - 1; i >= 0; i--) {
      String v = stack.get(i);
      if (!v.equals(current) && exists.test(v)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
