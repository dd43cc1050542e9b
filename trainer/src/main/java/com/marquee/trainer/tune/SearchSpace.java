package com.marquee.trainer.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.marquee.trainer.config.TrainingConfig;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hyperparameter space of a search over the keys of {@code model:} in the training config, and
 * the trials a strategy draws from it.
 *
 * <p>Generic over the model keys: the searchable keys are the components of {@link
 * TrainingConfig.Model} (snake_case, as in the YAML), discovered by reflection, so a key added to that
 * record is searchable without code changes here. A value's Java type follows the component: {@code
 * int}/{@code long} keys get integers, {@code double} keys doubles, {@code boolean} keys booleans, and
 * anything else (enums such as {@code solver}) its YAML text; whether a value is valid is decided by the
 * record's own constructor when a trial's config is built.
 *
 * <p>Each key's spec is one of:
 *
 * <ul>
 *   <li>a list {@code [32, 64, 128]} (or one scalar): grid takes every value, random picks one uniformly;
 *   <li>{@code {uniform: [lo, hi]}}: random draws {@code lo + u (hi - lo)}, u ~ U[0, 1);
 *   <li>{@code {log_uniform: [lo, hi]}} ({@code 0 < lo}): random draws {@code exp(ln lo + u (ln hi - ln lo))}.
 * </ul>
 *
 * Ranges are for random search only. A drawn double is rounded to 4 significant digits (so the logged
 * value, pasted into the YAML, reproduces the trial exactly); on an integer key it is rounded to the
 * nearest integer (kept inside {@code [ceil lo, floor hi]}).
 *
 * <p>Random trials come from one {@link SplittableRandom} seeded with the search seed, drawing the keys
 * in spec order, trial after trial: the same seed and space give the same trials, and the first n trials
 * of a longer search are those of a shorter one.
 */
public final class SearchSpace {

  /** Significant digits kept of a drawn double. */
  public static final int SIGNIFICANT_DIGITS = 4;

  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  /** One searched key. */
  public sealed interface Dimension {
    /** The model key, snake_case, e.g. {@code reg_exponent}. */
    String key();
  }

  /** A list of values. @param values typed per the model key, at least one */
  public record Choice(String key, List<Object> values) implements Dimension {}

  /**
   * A continuous range, closed.
   *
   * @param log true for log-uniform
   * @param integer true when the model key is an integer
   */
  public record Range(String key, double lo, double hi, boolean log, boolean integer) implements Dimension {}

  private final List<Dimension> dimensions;

  private SearchSpace(List<Dimension> dimensions) {
    this.dimensions = List.copyOf(dimensions);
  }

  /**
   * Parses a {@code search.space} block over the keys of {@link TrainingConfig.Model}.
   *
   * @throws IllegalArgumentException naming {@code search.space.<key>} for an unknown key, an empty
   *     list, a malformed range or a value of the wrong type
   */
  public static SearchSpace of(Map<String, JsonNode> spec) {
    return of(spec, TrainingConfig.Model.class);
  }

  /** As {@link #of(Map)}, for the components of {@code modelType}. */
  public static SearchSpace of(Map<String, JsonNode> spec, Class<? extends Record> modelType) {
    Map<String, Class<?>> types = modelKeys(modelType);
    List<Dimension> dims = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : spec.entrySet()) {
      String key = e.getKey();
      String where = "search.space." + key;
      Class<?> type = types.get(key);
      if (type == null) {
        throw new IllegalArgumentException(where + ": not a model key (searchable keys: " + types.keySet() + ")");
      }
      dims.add(parse(key, where, type, e.getValue()));
    }
    if (dims.isEmpty()) {
      throw new IllegalArgumentException("search.space must name at least one model key");
    }
    return new SearchSpace(dims);
  }

  /** snake_case component name to its type, in declaration order. */
  static Map<String, Class<?>> modelKeys(Class<? extends Record> modelType) {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    for (RecordComponent c : modelType.getRecordComponents()) {
      out.put(SNAKE.translate(c.getName()), c.getType());
    }
    return out;
  }

  private static Dimension parse(String key, String where, Class<?> type, JsonNode spec) {
    if (spec == null || spec.isNull()) {
      throw new IllegalArgumentException(where + ": needs a list of values or {log_uniform|uniform: [lo, hi]}");
    }
    if (spec.isArray()) {
      if (spec.isEmpty()) {
        throw new IllegalArgumentException(where + ": empty list of values");
      }
      List<Object> values = new ArrayList<>();
      for (JsonNode v : spec) {
        values.add(coerce(where, type, v));
      }
      return new Choice(key, Collections.unmodifiableList(values));
    }
    if (spec.isObject()) {
      if (spec.size() != 1 || !(spec.has("uniform") || spec.has("log_uniform"))) {
        throw new IllegalArgumentException(where + ": a range is {uniform: [lo, hi]} or {log_uniform: [lo, hi]}, got " + spec);
      }
      boolean log = spec.has("log_uniform");
      JsonNode bounds = spec.get(log ? "log_uniform" : "uniform");
      boolean integer = isIntegral(type);
      if (!integer && !isFloating(type)) {
        throw new IllegalArgumentException(where + ": a range needs a numeric key, this one is " + type.getSimpleName());
      }
      if (!bounds.isArray() || bounds.size() != 2) {
        throw new IllegalArgumentException(where + ": range bounds must be [lo, hi], got " + bounds);
      }
      double lo = number(where, bounds.get(0));
      double hi = number(where, bounds.get(1));
      if (!(lo < hi)) {
        throw new IllegalArgumentException(where + ": range needs lo < hi, got [" + lo + ", " + hi + "]");
      }
      if (log && !(lo > 0)) {
        throw new IllegalArgumentException(where + ": log_uniform needs lo > 0, got " + lo);
      }
      if (integer && Math.ceil(lo) > Math.floor(hi)) {
        throw new IllegalArgumentException(where + ": no integer in [" + lo + ", " + hi + "]");
      }
      return new Range(key, lo, hi, log, integer);
    }
    return new Choice(key, List.of(coerce(where, type, spec)));
  }

  private static boolean isIntegral(Class<?> t) {
    return t == int.class || t == Integer.class || t == long.class || t == Long.class;
  }

  private static boolean isFloating(Class<?> t) {
    return t == double.class || t == Double.class || t == float.class || t == Float.class;
  }

  private static double number(String where, JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(n.asText().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": expected a number, got " + n);
    }
  }

  /** A listed value as the key's Java type (text from environment overrides is parsed). */
  private static Object coerce(String where, Class<?> type, JsonNode v) {
    if (!v.isValueNode() || v.isNull()) {
      throw new IllegalArgumentException(where + ": expected a scalar value, got " + v);
    }
    String text = v.asText().strip();
    try {
      if (type == int.class || type == Integer.class) {
        return v.isNumber() ? Math.toIntExact(exactLong(where, v)) : Integer.parseInt(text);
      }
      if (type == long.class || type == Long.class) {
        return v.isNumber() ? exactLong(where, v) : Long.parseLong(text);
      }
      if (isFloating(type)) {
        return v.isNumber() ? v.doubleValue() : Double.parseDouble(text);
      }
      if (type == boolean.class || type == Boolean.class) {
        if (v.isBoolean()) {
          return v.booleanValue();
        }
        if (text.equals("true") || text.equals("false")) {
          return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(where + ": expected true or false, got " + v);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(where + ": expected " + (isFloating(type) ? "a number" : "an integer")
          + ", got " + v);
    }
    return text;
  }

  private static long exactLong(String where, JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    double d = v.doubleValue();
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException(where + ": expected an integer, got " + v);
    }
    return (long) d;
  }

  /** The searched keys in spec order. */
  public List<String> keys() {
    return dimensions.stream().map(Dimension::key).toList();
  }

  /** The dimensions in spec order. */
  public List<Dimension> dimensions() {
    return dimensions;
  }

  /**
   * The trials of {@code strategy}: the grid, or {@code trials} random draws with {@code seed}.
   *
   * @throws IllegalArgumentException for {@code coordinate}, whose trials depend on the results
   *     ({@link #axes}), or a grid over a range
   */
  public List<Map<String, Object>> plan(SearchConfig.Strategy strategy, int trials, long seed) {
    return switch (strategy) {
      case GRID -> grid();
      case RANDOM -> random(trials, seed);
      case COORDINATE -> throw new IllegalArgumentException("a coordinate search has no plan up front");
    };
  }

  /**
   * The keys with their value lists, in spec order: the axes of a coordinate search.
   *
   * @throws IllegalArgumentException if a key has a range instead of a list
   */
  public List<Choice> axes() {
    List<Choice> out = new ArrayList<>();
    for (Dimension d : dimensions) {
      if (!(d instanceof Choice c)) {
        throw new IllegalArgumentException("search.space." + d.key()
            + ": coordinate search needs a list of values (ranges are for strategy: random)");
      }
      out.add(c);
    }
    return out;
  }

  /**
   * The values {@code model} has for the keys of this space (snake_case record components), in spec
   * order: where a coordinate search starts.
   *
   * @throws IllegalArgumentException if a key is not a component of {@code model}
   */
  public Map<String, Object> valuesOf(Record model) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : keys()) {
      java.lang.reflect.RecordComponent rc = java.util.Arrays.stream(model.getClass().getRecordComponents())
          .filter(c -> SNAKE.translate(c.getName()).equals(key)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("search.space." + key + ": not a key of "
              + model.getClass().getSimpleName()));
      try {
        Object v = rc.getAccessor().invoke(model);
        out.put(key, v instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : v);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /**
   * Every combination of the listed values (Cartesian product), the last key varying fastest.
   *
   * @throws IllegalArgumentException if a key has a range instead of a list
   */
  public List<Map<String, Object>> grid() {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Dimension d : dimensions) {
      if (!(d instanceof Choice c)) {
        throw new IllegalArgumentException("search.space." + d.key()
            + ": grid search needs a list of values (ranges are for strategy: random)");
      }
      List<Map<String, Object>> next = new ArrayList<>(out.size() * c.values().size());
      for (Map<String, Object> partial : out) {
        for (Object v : c.values()) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(c.key(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out.stream().map(Collections::unmodifiableMap).toList();
  }

  /** {@code trials} random draws from one {@link SplittableRandom}{@code (seed)}; see the class comment. */
  public List<Map<String, Object>> random(int trials, long seed) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Map<String, Object>> out = new ArrayList<>(trials);
    for (int t = 0; t < trials; t++) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Dimension d : dimensions) {
        m.put(d.key(), draw(d, rnd));
      }
      out.add(Collections.unmodifiableMap(m));
    }
    return out;
  }

  private static Object draw(Dimension d, SplittableRandom rnd) {
    return switch (d) {
      case Choice c -> c.values().get(rnd.nextInt(c.values().size()));
      case Range r -> {
        double u = rnd.nextDouble();
        double x = r.log() ? Math.exp(Math.log(r.lo()) + u * (Math.log(r.hi()) - Math.log(r.lo())))
            : r.lo() + u * (r.hi() - r.lo());
        yield r.integer() ? integerIn(r, x) : Math.min(r.hi(), Math.max(r.lo(), roundSignificant(x)));
      }
    };
  }

  /** The extreme values of every key, one key at a time: what a search can ask the config to accept. */
  public List<Map<String, Object>> extremes() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Dimension d : dimensions) {
      List<Object> vs = switch (d) {
        case Choice c -> c.values();
        case Range r -> r.integer() ? List.of(integerIn(r, r.lo()), integerIn(r, r.hi())) : List.of(r.lo(), r.hi());
      };
      for (Object v : vs) {
        out.add(Map.of(d.key(), v));
      }
    }
    return out;
  }

  private static Object integerIn(Range r, double x) {
    long v = Math.max((long) Math.ceil(r.lo()), Math.min((long) Math.floor(r.hi()), Math.round(x)));
    return v == (int) v ? (Object) (int) v : (Object) v;
  }

  /** {@code x} rounded to {@link #SIGNIFICANT_DIGITS} significant digits. */
  static double roundSignificant(double x) {
    return new BigDecimal(x).round(new MathContext(SIGNIFICANT_DIGITS)).doubleValue();
  }
}
