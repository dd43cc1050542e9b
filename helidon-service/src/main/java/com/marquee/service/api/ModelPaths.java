package com.marquee.service.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model directories as answers show them: never an absolute filesystem path (issue #21). A path under
 * the models root (the parent of {@code models.dir}, also reached through a symlink of it) is written
 * relative to it, e.g. {@code registry/20261122T120000Z}; any other path as its last element.
 */
final class ModelPaths {

  /** An absolute path inside a message: '/' and then characters that are not space, quote or colon. */
  private static final Pattern ABSOLUTE = Pattern.compile("/[^\\s'\":,;()]+");

  private final Path root;

  /** @param modelsDir {@code models.dir}; {@code null}: every path is shown as its last element */
  ModelPaths(Path modelsDir) {
    this.root = modelsDir == null ? null : modelsDir.toAbsolutePath().normalize().getParent();
  }

  /** {@code path} relative to the models root when under it, else its last element; never absolute. */
  String relative(Path path) {
    Path p = path.toAbsolutePath().normalize();
    for (Path r : roots()) {
      if (p.startsWith(r) && !p.equals(r)) {
        return r.relativize(p).toString();
      }
    }
    return p.getFileName() == null ? "" : p.getFileName().toString();
  }

  /** {@code message} with every absolute path in it written as {@link #relative(Path)} does; null stays null. */
  String relativeIn(String message) {
    if (message == null) {
      return null;
    }
    return ABSOLUTE.matcher(message).replaceAll(m -> Matcher.quoteReplacement(relative(Path.of(m.group()))));
  }

  private List<Path> roots() {
    if (root == null) {
      return List.of();
    }
    try {
      Path real = root.toRealPath();
      return real.equals(root) ? List.of(root) : List.of(root, real);
    } catch (IOException e) {
      return List.of(root);
    }
  }
}
