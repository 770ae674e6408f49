package io.slipstream.core;

/**
 * A run configuration that is invalid: an unknown or missing key, an out-of-range value, start after end,
 * an interval without a data file. The message names the key and the value. The CLI maps it to exit code 2.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /**
   * @param key the offending config key (snake_case, dotted for nested keys such as {@code costs.maker_fee_bps})
   * @param message the rule that was broken and the value that broke it
   */
  public ConfigException(String key, String message) {
    super("config key '" + key + "': " + message);
    this.key = key;
  }

  /** @return the offending config key */
  public String key() {
    return key;
  }
}
