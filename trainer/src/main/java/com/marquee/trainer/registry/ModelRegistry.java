package com.marquee.trainer.registry;

import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.Json;
import com.marquee.common.artifact.ModelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local file registry: every trained model is an immutable directory {@code <registry>/<version>/}
 * and production is a symbolic link {@code <production>} pointing at one of them.
 *
 * <p>Atomicity (SPEC §4): a version is written under a hidden temporary name in the registry and
 * renamed into place, so {@code <registry>/<version>} is either absent or complete. Promotion creates
 * a new symbolic link beside {@code <production>} and renames it over the old one ({@code rename(2)}
 * replaces a link atomically), so a reader resolving {@code <production>} sees the old or the new
 * version, never a mix. Readers must resolve the link once ({@code toRealPath}) and read every file
 * from the resolved directory.
 */
public final class ModelRegistry {

  private final Path registryDir;
  private final Path production;

  /**
   * @param registryDir e.g. {@code models/registry}
   * @param production e.g. {@code models/production}
   */
  public ModelRegistry(Path registryDir, Path production) {
    this.registryDir = registryDir.toAbsolutePath().normalize();
    this.production = production.toAbsolutePath().normalize();
  }

  public Path registryDir() {
    return registryDir;
  }

  public Path production() {
    return production;
  }

  /** A fresh, empty staging directory inside the registry (same file system, so it can be renamed). */
  public Path newStagingDir() throws IOException {
    Files.createDirectories(registryDir);
    return Files.createDirectory(registryDir.resolve(".staging-" + UUID.randomUUID()));
  }

  /**
   * Renames a complete staging directory to {@code <registry>/<version>}.
   *
   * @throws IOException if the version exists already (versions are immutable) or the rename fails
   */
  public Path commit(Path staging, String version) throws IOException {
    Path target = registryDir.resolve(version);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("model version " + version + " exists already in " + registryDir);
    }
    return Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The version production points at, if any. @throws IOException if the link cannot be read */
  public Optional<String> productionVersion() throws IOException {
    if (!Files.exists(production)) {
      return Optional.empty();
    }
    return Optional.of(production.toRealPath().getFileName().toString());
  }

  /** Metadata of the production model, if any. */
  public Optional<ModelMetadata> productionMetadata() throws IOException {
    if (!Files.exists(production)) {
      return Optional.empty();
    }
    return Optional.of(ModelMetadata.read(production.toRealPath().resolve(ArtifactFiles.METADATA)));
  }

  /**
   * Points production at {@code version} atomically.
   *
   * @throws IOException if the version does not exist, or production is a real directory (not a
   *     link) that cannot be replaced atomically
   */
  public void promote(String version) throws IOException {
    Path target = registryDir.resolve(version);
    if (!Files.isDirectory(target)) {
      throw new IOException("no model version " + version + " in " + registryDir);
    }
    Files.createDirectories(production.getParent());
    if (Files.exists(production, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(production)) {
      throw new IOException(production + " is a real directory; remove it so it can become a link to a registry version");
    }
    Path link = production.resolveSibling("." + production.getFileName() + "-" + UUID.randomUUID());
    Files.createSymbolicLink(link, production.getParent().relativize(target));
    try {
      Files.move(link, production, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(link);
      throw e;
    }
  }

  /** The decision log, {@code <parent of registry>/decisions.jsonl}. */
  public Path decisionsLog() {
    return registryDir.resolveSibling("decisions.jsonl");
  }

  /** Metadata of {@code version}. @throws IOException if there is no such version or it is unreadable */
  public ModelMetadata metadata(String version) throws IOException {
    Path dir = registryDir.resolve(version);
    if (!Files.isDirectory(dir) || version.startsWith(".") || version.contains("/")) {
      throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no model version " + version);
    }
    return ModelMetadata.read(dir.resolve(ArtifactFiles.METADATA));
  }

  /** Appends a decision to {@link #decisionsLog()}. */
  public void logDecision(PromotionDecision d) throws IOException {
    Path log = decisionsLog();
    String line = Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(d) + "\n";
    Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Versions in the registry, oldest first (names sort by time). */
  public java.util.List<String> versions() throws IOException {
    if (!Files.isDirectory(registryDir)) {
      return java.util.List.of();
    }
    try (Stream<Path> s = Files.list(registryDir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted(Comparator.naturalOrder()).toList();
    }
  }

  /** A new version id: {@code yyyyMMdd'T'HHmmss'Z'-<6 hex>}, sortable by training time. */
  public static String newVersionId(Instant now) {
    String ts = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(now);
    return ts + "-" + UUID.randomUUID().toString().substring(0, 6);
  }
}
