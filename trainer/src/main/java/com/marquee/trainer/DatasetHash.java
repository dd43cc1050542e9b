package com.marquee.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 identity of a raw data set directory: per file, and one over all (names and bytes, in name order). */
public record DatasetHash(String combined, Map<String, String> files) {

  /** Hashes every regular file directly inside {@code dir}. @throws IOException if a file cannot be read */
  public static DatasetHash of(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    MessageDigest all = sha256();
    Map<String, String> per = new TreeMap<>();
    byte[] buf = new byte[1 << 16];
    for (Path f : files) {
      MessageDigest one = sha256();
      all.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      try (InputStream in = Files.newInputStream(f)) {
        int n;
        while ((n = in.read(buf)) > 0) {
          one.update(buf, 0, n);
          all.update(buf, 0, n);
        }
      }
      per.put(f.getFileName().toString(), HexFormat.of().formatHex(one.digest()));
    }
    return new DatasetHash(HexFormat.of().formatHex(all.digest()), per);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
