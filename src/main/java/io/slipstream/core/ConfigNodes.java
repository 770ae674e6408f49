package io.slipstream.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict reading of JSON config objects (Jackson trees) shared by the config parsers of the backtest, the live
 * adapter and the ML strategy, and the project's one JSON reader ({@link #strictReader()}) on which a key given
 * twice in one object is an error naming the key. Every failure is a {@link ConfigException} naming the dotted key
 * ({@code prefix + key}, e.g. {@code costs.maker_fee_bps}) and the offending value; the value of a key that is not
 * a known key is never shown (it may be a secret pasted into the wrong field).
 *
 * <p>Two layers: the {@code *Value} methods check a value already looked up (possibly {@code null} = absent) under
 * its full dotted key; the {@code (node, key, prefix)} methods look {@code key} up in {@code node} first and treat an
 * absent key as {@code "missing key"} (a JSON {@code null} is present and fails the type check). Callers with other
 * rules for absent keys (defaults, another message) look the value up themselves and use the first layer.
 */
public final class ConfigNodes {
  private ConfigNodes() {
  }

  /**
   * The project's one JSON reader for input it did not write itself (configs, grids, model descriptions): a key
   * given twice in one object is an error (Jackson's {@code STRICT_DUPLICATE_DETECTION}), never "the last one
   * wins", and so is text after the value. Immutable and thread-safe.
   */
  private static final ObjectReader STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().reader();

  /**
   * Parses JSON text that must hold one object, with the shared strict reader.
   *
   * @param json the JSON text
   * @param source a name for messages (the file path)
   * @return the root object
   * @throws ConfigException with key {@code (file)} when the text is not valid JSON or its root is not an object;
   *     naming the dotted key ({@code costs.maker_fee_bps}) when a key is given twice in one object
   */
  public static ObjectNode readObject(String json, String source) {
    return asObject(read(STRICT, json, source), source);
  }

  /**
   * Parses JSON text that must hold one object. Duplicate detection is switched on whatever {@code mapper} says,
   * so every config parser refuses a key given twice.
   *
   * @param mapper the mapper to read with (its other parser features apply)
   * @param json the JSON text
   * @param source a name for messages (the file path)
   * @return the root object
   * @throws ConfigException as {@link #readObject(String, String)}
   */
  public static ObjectNode readObject(ObjectMapper mapper, String json, String source) {
    return asObject(read(mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS), json, source), source);
  }

  /**
   * Parses JSON text of any shape (object, array, value) with the shared strict reader.
   *
   * @param json the JSON text
   * @param source a name for messages (the file path)
   * @return the root node
   * @throws ConfigException as {@link #readObject(String, String)}; an empty text is invalid JSON
   */
  public static JsonNode readTree(String json, String source) {
    JsonNode root = read(STRICT, json, source);
    if (root == null || root.isMissingNode()) {
      throw new ConfigException("(file)", source + " is not valid JSON: it is empty");
    }
    return root;
  }

  /**
   * Reads a JSON file that must hold one object, with the shared strict reader.
   *
   * @param file the file
   * @param option the option or key that named the file (e.g. {@code --config}), for I/O errors
   * @return the root object
   * @throws ConfigException naming {@code option} and saying in words why the file cannot be read (it does not
   *     exist, is a folder, ...), or as {@link #readObject(String, String)}
   */
  public static ObjectNode readObjectFile(Path file, String option) {
    return readObject(IoErrors.readConfigText(file, option), file.toString());
  }

  private static JsonNode read(ObjectReader reader, String json, String source) {
    try {
      return reader.readTree(json);
    } catch (StreamReadException e) {
      String dup = duplicateKey(e);
      if (dup != null) {
        throw new ConfigException(dup, "duplicated key in " + source + " (a key may appear once per object)");
      }
      throw new ConfigException("(file)", source + " is not valid JSON: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException("(file)", source + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** @return the dotted key of a duplicate-key failure ({@code costs.maker_fee_bps}), or null for another failure */
  private static String duplicateKey(StreamReadException e) {
    String msg = e.getOriginalMessage();
    String head = "Duplicate field '";
    if (msg == null || !msg.startsWith(head) || msg.indexOf('\'', head.length()) < 0) {
      return null;
    }
    String key = msg.substring(head.length(), msg.indexOf('\'', head.length()));
    JsonParser p = e.getProcessor();
    if (p == null || p.getParsingContext() == null) {
      return key;
    }
    StringBuilder path = new StringBuilder();
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = p.getParsingContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
      parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
    }
    for (String part : parts) {
      if (path.length() > 0 && !part.startsWith("[")) {
        path.append('.');
      }
      path.append(part);
    }
    return (path.length() == 0 ? "" : path + ".") + key;
  }

  private static ObjectNode asObject(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new ConfigException("(file)", source + " must hold a JSON object");
    }
    return (ObjectNode) root;
  }

  /**
   * Checks that {@code node} has only {@code known} keys and every known key that is not {@code optional}.
   *
   * @param node the object
   * @param known the keys allowed
   * @param optional the keys of {@code known} that may be absent
   * @param prefix dotted path of {@code node} ({@code ""} at the top, else ending in {@code .})
   * @throws ConfigException {@code "unknown key (known: a, b, c)"} for the first key (in document order) not in
   *     {@code known}, else {@code "missing key"} for a required key that is absent. The value of an unknown key
   *     is never in the message: a secret pasted under a misspelt key must not reach a log.
   */
  public static void checkKeys(JsonNode node, Set<String> known, Set<String> optional, String prefix) {
    rejectUnknownKeys(node, known, prefix, "known");
    for (String k : known) {
      if (!optional.contains(k) && !node.has(k)) {
        throw new ConfigException(prefix + k, "missing key");
      }
    }
  }

  /**
   * Checks that {@code node} has only {@code known} keys (absent keys are not checked).
   *
   * @param node the object
   * @param known the keys allowed
   * @param prefix dotted path of {@code node} ({@code ""} at the top, else ending in {@code .})
   * @param knownLabel the words before the list of known keys in the message (e.g. {@code "known"})
   * @throws ConfigException {@code "unknown key (LABEL: a, b, c)"}, the known keys sorted, for the first key (in
   *     document order) not in {@code known}
   */
  public static void rejectUnknownKeys(JsonNode node, Set<String> known, String prefix, String knownLabel) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!known.contains(k)) {
        throw new ConfigException(prefix + k, "unknown key (" + knownLabel + ": " + String.join(", ",
            known.stream().sorted().toList()) + ")");
      }
    }
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the value under {@code key} (a JSON {@code null} included)
   * @throws ConfigException {@code "missing key"} when {@code node} has no {@code key}
   */
  public static JsonNode required(JsonNode node, String key, String prefix) {
    JsonNode v = node.get(key);
    if (v == null) {
      throw new ConfigException(prefix + key, "missing key");
    }
    return v;
  }

  /**
   * @param value the value, {@code null} when absent
   * @param dottedKey the full key, for the message
   * @return {@code value}
   * @throws ConfigException {@code "must be an object, was V"} unless {@code value} is a JSON object
   */
  public static JsonNode objectValue(JsonNode value, String dottedKey) {
    if (value == null || !value.isObject()) {
      throw new ConfigException(dottedKey, "must be an object, was " + value);
    }
    return value;
  }

  /**
   * @param value the value, {@code null} when absent
   * @param dottedKey the full key, for the message
   * @return the string (possibly empty)
   * @throws ConfigException {@code "must be a string, was V"} unless {@code value} is a JSON string
   */
  public static String textValue(JsonNode value, String dottedKey) {
    if (value == null || !value.isTextual()) {
      throw new ConfigException(dottedKey, "must be a string, was " + value);
    }
    return value.asText();
  }

  /**
   * @param value the value, {@code null} when absent
   * @param dottedKey the full key, for the message
   * @return the boolean
   * @throws ConfigException {@code "must be true or false, was V"} unless {@code value} is a JSON boolean
   */
  public static boolean boolValue(JsonNode value, String dottedKey) {
    if (value == null || !value.isBoolean()) {
      throw new ConfigException(dottedKey, "must be true or false, was " + value);
    }
    return value.asBoolean();
  }

  /**
   * A JSON number as a double, not checked for finiteness (a literal beyond the double range reads as infinite).
   *
   * @param value the value, {@code null} when absent
   * @param dottedKey the full key, for the message
   * @return the number
   * @throws ConfigException {@code "must be a number, was V"} unless {@code value} is a JSON number
   */
  public static double numberValue(JsonNode value, String dottedKey) {
    if (value == null || !value.isNumber()) {
      throw new ConfigException(dottedKey, "must be a number, was " + value);
    }
    return value.asDouble();
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the nested object under {@code key}
   * @throws ConfigException {@code "missing key"} or {@code "must be an object, was V"}
   */
  public static JsonNode object(JsonNode node, String key, String prefix) {
    return objectValue(required(node, key, prefix), prefix + key);
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the string under {@code key}
   * @throws ConfigException {@code "missing key"} or {@code "must be a string, was V"}
   */
  public static String text(JsonNode node, String key, String prefix) {
    return textValue(required(node, key, prefix), prefix + key);
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the boolean under {@code key}
   * @throws ConfigException {@code "missing key"} or {@code "must be true or false, was V"}
   */
  public static boolean bool(JsonNode node, String key, String prefix) {
    return boolValue(required(node, key, prefix), prefix + key);
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the finite number under {@code key} (in the key's unit)
   * @throws ConfigException {@code "missing key"}, {@code "must be a number, was V"} or
   *     {@code "must be finite, was V"}
   */
  public static double number(JsonNode node, String key, String prefix) {
    JsonNode v = required(node, key, prefix);
    double d = numberValue(v, prefix + key);
    if (!Double.isFinite(d)) {
      throw new ConfigException(prefix + key, "must be finite, was " + v);
    }
    return d;
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the finite number under {@code key}, {@code > 0}
   * @throws ConfigException as {@link #number}, or {@code "must be > 0, was D"}
   */
  public static double positive(JsonNode node, String key, String prefix) {
    double d = number(node, key, prefix);
    if (!(d > 0)) {
      throw new ConfigException(prefix + key, "must be > 0, was " + d);
    }
    return d;
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the finite number under {@code key}, {@code >= 0}
   * @throws ConfigException as {@link #number}, or {@code "must be >= 0, was D"}
   */
  public static double nonNegative(JsonNode node, String key, String prefix) {
    double d = number(node, key, prefix);
    if (d < 0) {
      throw new ConfigException(prefix + key, "must be >= 0, was " + d);
    }
    return d;
  }

  /**
   * A number in {@code (lo, hi]}; the bounds are whole numbers and print as such in the message.
   *
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @param lo exclusive lower bound
   * @param hi inclusive upper bound
   * @return the number under {@code key}
   * @throws ConfigException as {@link #number}, or {@code "must be in (LO, HI], was D"}
   */
  public static double openClosed(JsonNode node, String key, String prefix, int lo, int hi) {
    double d = number(node, key, prefix);
    if (!(d > lo && d <= hi)) {
      throw new ConfigException(prefix + key, "must be in (" + lo + ", " + hi + "], was " + d);
    }
    return d;
  }

  /**
   * An integer in the int range; a number with a zero fraction ({@code 3.0}) counts as an integer.
   *
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the integer under {@code key}
   * @throws ConfigException {@code "missing key"} or {@code "must be an integer, was V"}
   */
  public static int intValue(JsonNode node, String key, String prefix) {
    JsonNode v = required(node, key, prefix);
    if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
      throw new ConfigException(prefix + key, "must be an integer, was " + v);
    }
    return v.asInt();
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the integer under {@code key}, {@code >= 1}
   * @throws ConfigException as {@link #intValue}, or {@code "must be a positive integer, was I"}
   */
  public static int positiveInt(JsonNode node, String key, String prefix) {
    int i = intValue(node, key, prefix);
    if (i < 1) {
      throw new ConfigException(prefix + key, "must be a positive integer, was " + i);
    }
    return i;
  }

  /**
   * @param node the object
   * @param key the key
   * @param prefix dotted path of {@code node}
   * @return the value under {@code key}: a non-empty array of integers in {@code [1, 1,000,000]} (spans, bars)
   * @throws ConfigException {@code "missing key"}, or naming the value when it is not such an array
   */
  public static java.util.List<Integer> positiveIntList(JsonNode node, String key, String prefix) {
    JsonNode a = required(node, key, prefix);
    if (!a.isArray() || a.isEmpty()) {
      throw new ConfigException(prefix + key, "must be a non-empty array of positive integers, was " + a);
    }
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (JsonNode s : a) {
      if (!s.canConvertToExactIntegral() || s.asLong() < 1 || s.asLong() > 1_000_000) {
        throw new ConfigException(prefix + key, "every span must be a positive integer, was " + s);
      }
      out.add(s.asInt());
    }
    return out;
  }
}
