package com.marquee.common.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads a YAML file of {@code configs/} into a typed record, with overrides.
 *
 * <p>Keys are snake_case in YAML and camelCase in the records. Precedence, lowest first: the file,
 * environment variables, explicit overrides (CLI flags). The environment variable of key {@code
 * server.port} is {@code MARQUEE_SERVER_PORT}: {@code MARQUEE_} + the dotted path upper-cased with
 * dots as underscores. Only keys present in the file can be overridden from the environment (every
 * key is written in the file with its default); explicit overrides must also name an existing key.
 * A list value given as an override is split on commas.
 *
 * <p>Unknown keys, wrong types and values rejected by the record's constructor fail with a {@link
 * ConfigException} naming the file and the key.
 */
public final class ConfigLoader {

  /** Prefix of the environment variables that override config keys. */
  public static final String ENV_PREFIX = "MARQUEE_";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

  private ConfigLoader() {}

  /**
   * Reads {@code file} into {@code type} with the process environment and no explicit overrides.
   *
   * @throws ConfigException if the file is missing or unreadable, or a key is unknown or invalid
   */
  public static <T> T load(Path file, Class<T> type) {
    return load(file, type, System.getenv(), Map.of());
  }

  /**
   * Reads {@code file} into {@code type}.
   *
   * @param env environment variables (normally {@link System#getenv()})
   * @param overrides dotted key to value, e.g. {@code "server.port" -> "9090"}; applied last
   * @throws ConfigException if the file is missing or unreadable, or a key is unknown or invalid
   */
  public static <T> T load(Path file, Class<T> type, Map<String, String> env, Map<String, String> overrides) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read config: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = YAML.createObjectNode();
    }
    if (!root.isObject()) {
      throw new ConfigException(file + ": top level must be a mapping of keys");
    }
    ObjectNode tree = (ObjectNode) root;
    for (String path : leafPaths(tree, "")) {
      String value = env.get(envName(path));
      if (value != null) {
        set(tree, path, value, file);
      }
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      if (!leafPaths(tree, "").contains(o.getKey())) {
        throw new ConfigException(file + ": unknown key '" + o.getKey() + "' in override");
      }
      set(tree, o.getKey(), o.getValue(), file);
    }
    return bind(tree, type, file);
  }

  /**
   * {@code config} (a typed config record) as YAML with snake_case keys, readable again by {@link
   * #load}: how a model version records the effective config it was trained with.
   *
   * @throws ConfigException if the record cannot be serialized
   */
  public static String toYaml(Object config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (IOException e) {
      throw new ConfigException("cannot write " + config.getClass().getSimpleName() + " as YAML: " + e.getMessage(), e);
    }
  }

  /**
   * The environment variables {@link #load} reads for {@code file}: {@link #envName} of every key
   * present in the file, in file order, mapped to its dotted path. Any other {@code MARQUEE_*}
   * variable is ignored by {@link #load}, so a deployment can check its variable names against this.
   *
   * @throws ConfigException if the file is missing, unreadable or not YAML
   */
  public static Map<String, String> envOverrides(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read config: " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (root != null && root.isObject()) {
      for (String path : leafPaths(root, "")) {
        out.put(envName(path), path);
      }
    }
    return out;
  }

  /** The environment variable that overrides dotted key {@code path}. */
  public static String envName(String path) {
    return ENV_PREFIX + path.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  private static <T> T bind(JsonNode tree, Class<T> type, Path file) {
    try {
      return YAML.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          file + ": unknown key '" + keyPath(e) + "' (known keys here: " + e.getKnownPropertyIds() + ")", e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException(file + ": invalid value: " + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      throw new ConfigException(file + ": invalid value for key '" + keyPath(e) + "': " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  private static String keyPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static List<String> leafPaths(JsonNode node, String prefix) {
    List<String> out = new ArrayList<>();
    if (node.isObject() && !node.isEmpty()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.addAll(leafPaths(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey()));
      }
    } else if (!prefix.isEmpty()) {
      out.add(prefix);
    }
    return out;
  }

  private static void set(ObjectNode root, String path, String value, Path file) {
    String[] parts = path.split("\\.");
    ObjectNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = parent.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        throw new ConfigException(file + ": unknown key '" + path + "'");
      }
      parent = (ObjectNode) child;
    }
    String leaf = parts[parts.length - 1];
    if (parent.get(leaf) instanceof ArrayNode) {
      ArrayNode arr = parent.putArray(leaf);
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          arr.add(new TextNode(item.strip()));
        }
      }
    } else {
      parent.set(leaf, new TextNode(value));
    }
  }
}
