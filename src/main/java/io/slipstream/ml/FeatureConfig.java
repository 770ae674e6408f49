package io.slipstream.ml;

import io.slipstream.core.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Parameters of {@link FeatureBuilder}; every window is in bars of the data's interval. The feature names that a
 * configuration produces, in column order, are {@link #featureNames()}:
 * <pre>
 * ret_{h}            for h in returnHorizonsBars
 * sma_ratio_{n}      for n in smaWindowsBars
 * macd, macd_signal, macd_hist
 * bb_pct_b, bb_width
 * rsi_{rsiWindowBars}
 * roc_{rocLagBars}
 * realised_vol_{realisedVolWindowBars}
 * ew_vol_{ewVolSpanBars}
 * vol_z_{n}          for n in volumeZWindowsBars
 * funding, funding_chg, funding_sum_{fundingSumWindowBars}
 * btc_ret_1, btc_corr_{btcCorrWindowBars}      (when btcFeatures)
 * hour, dow                                    (when calendarFeatures)
 * </pre>
 *
 * @param returnHorizonsBars log-return horizons {@code h >= 1}, unique
 * @param smaWindowsBars SMA windows {@code n >= 1} for {@code close/SMA_n - 1}, unique
 * @param macdFastSpanBars MACD fast EMA span {@code >= 1}
 * @param macdSlowSpanBars MACD slow EMA span {@code > macdFastSpanBars}
 * @param macdSignalSpanBars MACD signal EMA span {@code >= 1}
 * @param bollingerWindowBars Bollinger window {@code >= 2}
 * @param bollingerWidthStd Bollinger half-width in standard deviations, finite {@code > 0}
 * @param rsiWindowBars Wilder RSI period {@code >= 1}
 * @param rocLagBars rate-of-change lag {@code >= 1}
 * @param realisedVolWindowBars window {@code >= 2} of the rolling std of 1-bar log returns
 * @param ewVolSpanBars span {@code >= 1} of the EW volatility of 1-bar log returns
 * @param volumeZWindowsBars windows {@code >= 2} of the log-volume z-scores, unique
 * @param fundingSumWindowBars window {@code >= 1} of the rolling funding sum
 * @param btcFeatures whether to add BTC's 1-bar log return and the rolling correlation to BTC (BTC must then be
 *     in the data)
 * @param btcCorrWindowBars window {@code >= 2} of the rolling correlation to BTC
 * @param calendarFeatures whether to add hour of day and day of week
 */
public record FeatureConfig(List<Integer> returnHorizonsBars, List<Integer> smaWindowsBars, int macdFastSpanBars,
    int macdSlowSpanBars, int macdSignalSpanBars, int bollingerWindowBars, double bollingerWidthStd,
    int rsiWindowBars, int rocLagBars, int realisedVolWindowBars, int ewVolSpanBars, List<Integer> volumeZWindowsBars,
    int fundingSumWindowBars, boolean btcFeatures, int btcCorrWindowBars, boolean calendarFeatures) {

  /**
   * The defaults of the ML issue: returns over 1, 4, 24 bars; SMA ratios 10, 50, 200; MACD 12/26/9; Bollinger
   * 20, 2; RSI 14; ROC 10; realised vol 24; EW vol span 24; volume z-scores 24 and 168; funding sum 24; BTC
   * features with a 168-bar correlation; calendar features.
   */
  public static final FeatureConfig DEFAULT = new FeatureConfig(List.of(1, 4, 24), List.of(10, 50, 200), 12, 26, 9,
      20, 2.0, 14, 10, 24, 24, List.of(24, 168), 24, true, 168, true);

  /** Validates every field; the message names the field and the value. */
  public FeatureConfig {
    returnHorizonsBars = windows(returnHorizonsBars, "returnHorizonsBars", 1);
    smaWindowsBars = windows(smaWindowsBars, "smaWindowsBars", 1);
    Checks.positive(macdFastSpanBars, "macdFastSpanBars");
    Checks.positive(macdSignalSpanBars, "macdSignalSpanBars");
    if (macdSlowSpanBars <= macdFastSpanBars) {
      throw new IllegalArgumentException("Argument 'macdSlowSpanBars' must be > macdFastSpanBars ("
          + macdFastSpanBars + "), was " + macdSlowSpanBars);
    }
    atLeast(bollingerWindowBars, 2, "bollingerWindowBars");
    Checks.positive(bollingerWidthStd, "bollingerWidthStd");
    Checks.positive(rsiWindowBars, "rsiWindowBars");
    Checks.positive(rocLagBars, "rocLagBars");
    atLeast(realisedVolWindowBars, 2, "realisedVolWindowBars");
    Checks.positive(ewVolSpanBars, "ewVolSpanBars");
    volumeZWindowsBars = windows(volumeZWindowsBars, "volumeZWindowsBars", 2);
    Checks.positive(fundingSumWindowBars, "fundingSumWindowBars");
    atLeast(btcCorrWindowBars, 2, "btcCorrWindowBars");
  }

  /**
   * @param on whether to add the BTC features
   * @return a copy of this configuration with {@code btcFeatures = on}
   */
  public FeatureConfig withBtcFeatures(boolean on) {
    return new FeatureConfig(returnHorizonsBars, smaWindowsBars, macdFastSpanBars, macdSlowSpanBars,
        macdSignalSpanBars, bollingerWindowBars, bollingerWidthStd, rsiWindowBars, rocLagBars, realisedVolWindowBars,
        ewVolSpanBars, volumeZWindowsBars, fundingSumWindowBars, on, btcCorrWindowBars, calendarFeatures);
  }

  /** @return the names {@link FeatureBuilder#build} gives the columns, in column order (see the class doc) */
  public List<String> featureNames() {
    List<String> n = new ArrayList<>();
    for (int h : returnHorizonsBars) {
      n.add("ret_" + h);
    }
    for (int w : smaWindowsBars) {
      n.add("sma_ratio_" + w);
    }
    n.addAll(List.of("macd", "macd_signal", "macd_hist", "bb_pct_b", "bb_width"));
    n.add("rsi_" + rsiWindowBars);
    n.add("roc_" + rocLagBars);
    n.add("realised_vol_" + realisedVolWindowBars);
    n.add("ew_vol_" + ewVolSpanBars);
    for (int w : volumeZWindowsBars) {
      n.add("vol_z_" + w);
    }
    n.addAll(List.of("funding", "funding_chg", "funding_sum_" + fundingSumWindowBars));
    if (btcFeatures) {
      n.addAll(List.of("btc_ret_1", "btc_corr_" + btcCorrWindowBars));
    }
    if (calendarFeatures) {
      n.addAll(List.of("hour", "dow"));
    }
    return List.copyOf(n);
  }

  /**
   * The warm-up: for a coin (and BTC) with bars without gaps from row {@code s} on, the first row in which every
   * feature is valid is {@code s + warmupBars()}. It is the largest first-valid index over the features:
   * {@code h} for {@code ret_h}, {@code n - 1} for SMA, Bollinger, volume z-scores and the funding sum, the RSI
   * period, the ROC lag, the realised-vol window and the EW-vol span (their 1-bar returns start one bar late),
   * 1 for the funding change and BTC return, the correlation window; MACD and calendar features have none.
   *
   * @return the warm-up in bars
   */
  public int warmupBars() {
    int w = 1;
    for (int h : returnHorizonsBars) {
      w = Math.max(w, h);
    }
    for (int n : smaWindowsBars) {
      w = Math.max(w, n - 1);
    }
    w = Math.max(w, bollingerWindowBars - 1);
    w = Math.max(w, rsiWindowBars);
    w = Math.max(w, rocLagBars);
    w = Math.max(w, realisedVolWindowBars);
    w = Math.max(w, ewVolSpanBars);
    for (int n : volumeZWindowsBars) {
      w = Math.max(w, n - 1);
    }
    w = Math.max(w, fundingSumWindowBars - 1);
    if (btcFeatures) {
      w = Math.max(w, btcCorrWindowBars);
    }
    return w;
  }

  private static List<Integer> windows(List<Integer> values, String name, int min) {
    List<Integer> v = List.copyOf(Checks.notNull(values, name));
    HashSet<Integer> seen = new HashSet<>();
    for (int x : v) {
      atLeast(x, min, name);
      if (!seen.add(x)) {
        throw new IllegalArgumentException("Argument '" + name + "' has duplicate value " + x + ", was " + v);
      }
    }
    return v;
  }

  private static void atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException("Argument '" + name + "' must be >= " + min + ", was " + value);
    }
  }
}
