package io.slipstream.factor;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;

/**
 * Parameters of the timescale-matched PCA factor model.
 *
 * @param horizonHours {@code H}: the return horizon in hours; must be a positive multiple of the base bar
 *     interval's hours when used on a panel ({@link #horizonBars(BarInterval)})
 * @param lookbackPeriods {@code K}: the lookback in H-periods; the window holds {@code T = K * h} overlapping
 *     H-hour observations ({@code K x H} hours); {@code >= 1}
 * @param weighting the volume weighting of the returns
 * @param volumeWindowPeriods the number of H-periods averaged for the mean H-hour volume {@code vbar}
 *     (60 by default); {@code >= 1}
 * @param nFactors the number of principal components kept ({@code >= 1}; 3 by default)
 * @param ridge {@code eps}: the covariance gets {@code eps * trace(C) / N * I} added (1e-10 by default);
 *     finite, {@code >= 0}
 */
public record PcaConfig(int horizonHours, int lookbackPeriods, VolumeWeighting weighting, int volumeWindowPeriods,
    int nFactors, double ridge) {
  /** Default {@code K}. */
  public static final int DEFAULT_LOOKBACK_PERIODS = 30;
  /** Default volume window in H-periods. */
  public static final int DEFAULT_VOLUME_WINDOW_PERIODS = 60;
  /** Default number of factors. */
  public static final int DEFAULT_FACTORS = 3;
  /** Default ridge {@code eps}. */
  public static final double DEFAULT_RIDGE = 1e-10;

  /**
   * Validates every field.
   *
   * @throws IllegalArgumentException naming the field and the value
   */
  public PcaConfig {
    Checks.positive(horizonHours, "horizonHours");
    Checks.positive(lookbackPeriods, "lookbackPeriods");
    Checks.notNull(weighting, "weighting");
    Checks.positive(volumeWindowPeriods, "volumeWindowPeriods");
    Checks.positive(nFactors, "nFactors");
    Checks.nonNegative(ridge, "ridge");
  }

  /**
   * The defaults for one horizon: {@code K = 30}, {@link VolumeWeighting#SQRT}, a 60-period volume window,
   * 3 factors, ridge {@code 1e-10}.
   *
   * @param horizonHours {@code H} in hours, {@code > 0}
   * @return the config
   * @throws IllegalArgumentException if {@code horizonHours <= 0}
   */
  public static PcaConfig of(int horizonHours) {
    return new PcaConfig(horizonHours, DEFAULT_LOOKBACK_PERIODS, VolumeWeighting.SQRT, DEFAULT_VOLUME_WINDOW_PERIODS,
        DEFAULT_FACTORS, DEFAULT_RIDGE);
  }

  /** @return a copy with {@code K = lookbackPeriods} */
  public PcaConfig withLookbackPeriods(int lookbackPeriods) {
    return new PcaConfig(horizonHours, lookbackPeriods, weighting, volumeWindowPeriods, nFactors, ridge);
  }

  /** @return a copy with another weighting */
  public PcaConfig withWeighting(VolumeWeighting weighting) {
    return new PcaConfig(horizonHours, lookbackPeriods, weighting, volumeWindowPeriods, nFactors, ridge);
  }

  /** @return a copy with another volume window (H-periods) */
  public PcaConfig withVolumeWindowPeriods(int volumeWindowPeriods) {
    return new PcaConfig(horizonHours, lookbackPeriods, weighting, volumeWindowPeriods, nFactors, ridge);
  }

  /** @return a copy keeping {@code nFactors} components */
  public PcaConfig withNFactors(int nFactors) {
    return new PcaConfig(horizonHours, lookbackPeriods, weighting, volumeWindowPeriods, nFactors, ridge);
  }

  /** @return a copy with another ridge {@code eps} */
  public PcaConfig withRidge(double ridge) {
    return new PcaConfig(horizonHours, lookbackPeriods, weighting, volumeWindowPeriods, nFactors, ridge);
  }

  /**
   * {@code h = H / interval hours}: the number of base bars in one H-period.
   *
   * @param interval the base bar interval
   * @return {@code h >= 1}
   * @throws IllegalArgumentException naming {@code horizonHours} when {@code H} is not a multiple of the interval
   */
  public int horizonBars(BarInterval interval) {
    Checks.notNull(interval, "interval");
    if (horizonHours % interval.hours() != 0) {
      throw new IllegalArgumentException("Argument 'horizonHours' must be a positive multiple of the "
          + interval.label() + " bar interval (" + interval.hours() + " h), was " + horizonHours);
    }
    return horizonHours / interval.hours();
  }

  /**
   * {@code T = K * h}: observations in one estimation window.
   *
   * @param interval the base bar interval
   * @return {@code K * h}
   * @throws IllegalArgumentException as {@link #horizonBars(BarInterval)}, or when {@code T} overflows an int
   */
  public int windowObservations(BarInterval interval) {
    long t = (long) lookbackPeriods * horizonBars(interval);
    if (t > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("Argument 'lookbackPeriods' is too large: K * h = " + t);
    }
    return (int) t;
  }
}
