package io.slipstream.portfolio;

import java.util.Locale;

/** How a side of the book is weighted (config key {@code weight_scheme}). */
public enum WeightScheme {
  /** Weights proportional to {@code 1 / sigma_t} (config value {@code "inverse_vol"}). */
  INVERSE_VOL("inverse_vol"),
  /** Equal weights (config value {@code "equal"}). */
  EQUAL("equal");

  private final String key;

  WeightScheme(String key) {
    this.key = key;
  }

  /** @return the config value */
  public String key() {
    return key;
  }

  /**
   * @param key {@code "inverse_vol"} or {@code "equal"}
   * @return the scheme
   * @throws IllegalArgumentException naming the value otherwise
   */
  public static WeightScheme of(String key) {
    String k = key == null ? "" : key.toLowerCase(Locale.ROOT);
    for (WeightScheme w : values()) {
      if (w.key.equals(k)) {
        return w;
      }
    }
    throw new IllegalArgumentException("must be \"inverse_vol\" or \"equal\", was \"" + key + "\"");
  }
}
