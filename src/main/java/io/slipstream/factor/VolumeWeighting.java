package io.slipstream.factor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the H-hour log returns are weighted by trading volume before the PCA (config names {@code none},
 * {@code sqrt}, {@code log}, {@code sqrt_dollar}). The raw weight of coin {@code i} at base row {@code s} is a
 * function of {@code vbar_{s,i}}, the mean H-hour base-asset volume over the last {@code volumeWindowPeriods}
 * H-periods (see {@link VolumeWeights#meanHorizonVolume}), and of the close {@code C_{s,i}} (USD); the raw
 * weights are then normalised to mean 1 per row over the estimation set ({@link VolumeWeights#normalise}).
 *
 * <p>Caution: {@code vbar} is in base-asset units, which differ across coins by many orders of magnitude (1 BTC vs
 * 1,000 PEPE in {@code kPEPE}), so {@link #SQRT} and {@link #LOG} weight low-priced coins far more than large
 * ones (on the Hyperliquid 4h data in mid 2025, {@code sqrt} gives PUMP a weight of about 47 and BTC about 0.03,
 * mean 1), and the weighted covariance, with its PC1 share, is dominated by a few such coins.
 * {@link #SQRT_DOLLAR} is the unit-free choice.
 */
public enum VolumeWeighting {
  /** No weighting: every raw weight is 1. */
  NONE("none"),
  /** {@code sqrt(vbar)}. */
  SQRT("sqrt"),
  /** {@code log1p(vbar)}. */
  LOG("log"),
  /** {@code sqrt(C_s * vbar)}: square root of the mean H-hour dollar volume (USD). */
  SQRT_DOLLAR("sqrt_dollar");

  private final String configName;

  VolumeWeighting(String configName) {
    this.configName = configName;
  }

  /** @return the config / command-line name, e.g. {@code "sqrt_dollar"} */
  public String configName() {
    return configName;
  }

  /**
   * The raw (not yet normalised) weight.
   *
   * @param meanHorizonVolume {@code vbar}, mean H-hour base-asset volume; NaN = not available
   * @param close the close at the same row, USD; NaN = not available (used by {@link #SQRT_DOLLAR} only)
   * @return the raw weight ({@code >= 0}); NaN when an input it needs is NaN ({@link #NONE}: always 1)
   */
  public double rawWeight(double meanHorizonVolume, double close) {
    return switch (this) {
      case NONE -> 1.0;
      case SQRT -> Math.sqrt(meanHorizonVolume);
      case LOG -> Math.log1p(meanHorizonVolume);
      case SQRT_DOLLAR -> Math.sqrt(close * meanHorizonVolume);
    };
  }

  /**
   * Parses a config name.
   *
   * @param configName one of {@code "none", "sqrt", "log", "sqrt_dollar"} (case-insensitive, trimmed)
   * @return the weighting
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static VolumeWeighting of(String configName) {
    String n = configName == null ? "null" : configName.trim().toLowerCase(Locale.ROOT);
    for (VolumeWeighting w : values()) {
      if (w.configName.equals(n)) {
        return w;
      }
    }
    throw new IllegalArgumentException("weight method must be one of "
        + Arrays.stream(values()).map(VolumeWeighting::configName).collect(Collectors.joining(", ")) + ", was '"
        + configName + "'");
  }
}
