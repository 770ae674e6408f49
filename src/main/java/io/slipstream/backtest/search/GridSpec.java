package io.slipstream.backtest.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.ConfigException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parameter grid over config keys: a JSON object whose keys are config keys (nested ones written with a dot, e.g.
 * {@code "costs.taker_fee_bps"} or {@code "beta_neutral.horizon_hours"}) and whose values are non-empty arrays of
 * the values to try, e.g. {@code {"concentration_pct": [10, 20, 30], "lookback_spans": [[3, 6, 12], [6, 12, 24]]}}.
 * The grid is the Cartesian product, enumerated in mixed radix with the <em>last</em> key varying fastest:
 * configuration {@code i} takes value {@code (i / stride_k) mod size_k} of key {@code k}, where
 * {@code stride_k} is the product of the sizes of the keys after {@code k}. Configuration ids are these indices;
 * they are stable for a given grid file, which is what lets an interrupted run resume.
 *
 * <p>The keys {@code strategy}, {@code interval}, {@code start} and {@code end} cannot be searched (they change the
 * data or the evaluation window, which the search holds fixed), nor can {@code description} or the live-only keys.
 */
public final class GridSpec {
  private static final Set<String> FIXED = Set.of("strategy", "interval", "start", "end", "description",
      "execution", "dry_run", "api", "protection", "alerts");
  private final List<String> keys;
  private final List<List<JsonNode>> values;
  private final long size;
  private final long[] strides;

  private GridSpec(List<String> keys, List<List<JsonNode>> values) {
    this.keys = List.copyOf(keys);
    List<List<JsonNode>> v = new ArrayList<>();
    for (List<JsonNode> l : values) {
      v.add(List.copyOf(l));
    }
    this.values = List.copyOf(v);
    int k = keys.size();
    this.strides = new long[k];
    long s = 1;
    for (int i = k - 1; i >= 0; i--) {
      strides[i] = s;
      s = Math.multiplyExact(s, values.get(i).size());
    }
    this.size = s;
  }

  /**
   * Parses a grid object and checks it against a base config: every key must be a config key of the base
   * config's strategy, and every listed value must give a valid config when set alone on the base config.
   *
   * @param grid the grid JSON object
   * @param base the base config tree (not modified)
   * @param source a name for messages (the grid file)
   * @return the grid
   * @throws ConfigException ({@code grid.<key>}) for an empty grid, a key that is not a config key or cannot be
   *     searched, a value list that is not a non-empty array, or a value the config parser rejects
   */
  public static GridSpec parse(ObjectNode grid, ObjectNode base, String source) {
    if (grid.isEmpty()) {
      throw new ConfigException("grid", source + " is empty: give at least one key with a list of values");
    }
    List<String> keys = new ArrayList<>();
    List<List<JsonNode>> values = new ArrayList<>();
    for (Iterator<String> it = grid.fieldNames(); it.hasNext();) {
      String key = it.next();
      JsonNode list = grid.get(key);
      String name = "grid." + key;
      if (FIXED.contains(key)) {
        throw new ConfigException(name, "cannot be searched (the grid holds the strategy, interval and window "
            + "of the base config fixed)");
      }
      if (!list.isArray() || list.isEmpty()) {
        // the type only: the key may not be a config key, and its value may be a secret pasted in the wrong place
        throw new ConfigException(name, "must be a non-empty array of values, was "
            + (list.isArray() ? "an empty array" : "a " + list.getNodeType().toString().toLowerCase(Locale.ROOT)));
      }
      String[] path = key.split("\\.", -1);
      JsonNode parent = base;
      for (int i = 0; i < path.length - 1; i++) {
        parent = parent.get(path[i]);
        if (parent == null || !parent.isObject()) {
          throw new ConfigException(name, "is not a config key: the base config has no object \""
              + String.join(".", java.util.Arrays.copyOf(path, i + 1)) + "\"");
        }
      }
      List<JsonNode> vals = new ArrayList<>();
      for (JsonNode v : list) {
        vals.add(v.deepCopy());
      }
      keys.add(key);
      values.add(vals);
    }
    GridSpec spec = new GridSpec(keys, values);
    for (int k = 0; k < keys.size(); k++) {
      for (JsonNode v : spec.values.get(k)) {
        ObjectNode copy = base.deepCopy();
        set(copy, keys.get(k), v);
        try {
          ConfigParser.parse(copy, source);
        } catch (ConfigException e) {
          String reason = e.getMessage();
          if (reason.contains("unknown key")) {
            throw new ConfigException("grid." + keys.get(k), "is not a config key of strategy \""
                + text(base, "strategy") + "\" (" + reason + ")");
          }
          throw new ConfigException("grid." + keys.get(k), "value " + v + " is not valid: " + reason);
        }
      }
    }
    return spec;
  }

  private static String text(ObjectNode base, String key) {
    JsonNode v = base.get(key);
    return v == null ? "gradient" : v.asText();
  }

  /** @return the keys, in grid-file order */
  public List<String> keys() {
    return keys;
  }

  /** @return the values of key {@code k} */
  public List<JsonNode> values(int k) {
    return values.get(k);
  }

  /** @return the number of configurations (product of the list sizes) */
  public long size() {
    return size;
  }

  /**
   * @param index configuration id in {@code [0, size)}
   * @param k key position
   * @return position of the value key {@code k} takes in configuration {@code index}
   */
  public int valueIndex(long index, int k) {
    checkIndex(index);
    return (int) ((index / strides[k]) % values.get(k).size());
  }

  /**
   * @param index configuration id
   * @return the values of configuration {@code index}, one per key
   */
  public List<JsonNode> valuesAt(long index) {
    List<JsonNode> out = new ArrayList<>(keys.size());
    for (int k = 0; k < keys.size(); k++) {
      out.add(values.get(k).get(valueIndex(index, k)));
    }
    return out;
  }

  /**
   * @param index configuration id
   * @return the configuration's grid values as a JSON object text, keys in grid order (e.g.
   *     {@code {"concentration_pct":10,"vol_span":30}})
   */
  public String paramsJson(long index) {
    ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    List<JsonNode> v = valuesAt(index);
    for (int k = 0; k < keys.size(); k++) {
      o.set(keys.get(k), v.get(k));
    }
    return o.toString();
  }

  /**
   * @param base the base config tree (not modified)
   * @param index configuration id
   * @return a copy of {@code base} with the grid values of configuration {@code index} set
   */
  public ObjectNode apply(ObjectNode base, long index) {
    ObjectNode copy = base.deepCopy();
    List<JsonNode> v = valuesAt(index);
    for (int k = 0; k < keys.size(); k++) {
      set(copy, keys.get(k), v.get(k));
    }
    return copy;
  }

  /**
   * @param base the base config tree
   * @param index configuration id
   * @param source a name for messages
   * @return the parsed config of configuration {@code index}
   * @throws ConfigException ({@code grid}) when this combination of values is invalid together
   */
  public BacktestConfig config(ObjectNode base, long index, String source) {
    try {
      return ConfigParser.parse(apply(base, index), source);
    } catch (ConfigException e) {
      throw new ConfigException("grid", "configuration " + index + " " + paramsJson(index) + " is not valid: "
          + e.getMessage());
    }
  }

  /** @return whether every value of key {@code k} is a JSON number (such keys are stored as numeric columns) */
  public boolean isNumeric(int k) {
    for (JsonNode v : values.get(k)) {
      if (!v.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("configuration id must be in [0, " + size + "), was " + index);
    }
  }

  private static void set(ObjectNode root, String key, JsonNode value) {
    String[] path = key.split("\\.", -1);
    ObjectNode node = root;
    for (int i = 0; i < path.length - 1; i++) {
      node = (ObjectNode) node.get(path[i]);
    }
    node.set(path[path.length - 1], value.deepCopy());
  }
}
