package io.slipstream.strategy.sizing;

import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.DollarAdv;
import io.slipstream.signal.EwVolatility;
import io.slipstream.signal.LiquidityUniverse;
import io.slipstream.signal.LogReturns;
import java.util.List;

/**
 * Per-coin volatility and liquidity state plus inverse-volatility sizing, shared by the signal strategies
 * ({@code rsi_reversion}, {@code funding_carry}, {@code bollinger_breakout}).
 *
 * <p>State per coin, fed one bar at a time: log return ({@link LogReturns}), EW volatility {@code sigma_t}
 * ({@link EwVolatility}, span {@code vol_span}, decimal per bar, NaN during warm-up and at a NaN bar) and dollar ADV
 * over the last 24 hours ({@link DollarAdv.Window}, USD). A coin is tradable at a bar when
 * {@link LiquidityUniverse#contains} holds for it ({@code sigma > 0}, {@code ADV >= threshold / impact}) and its
 * close is finite.
 *
 * <p>Sizing ({@link #size}): with sides {@code s_i in {-1, 0, +1}}, {@code raw_i = s_i / sigma_i}; not dollar
 * neutral: {@code w = L raw / sum |raw|}; dollar neutral: longs scaled to {@code sum w+ = L/2} and shorts to
 * {@code sum |w-| = L/2} (no book unless both sides hold a coin). Then {@code |w_i|} is capped at
 * {@code max_position_pct / 100}; when dollar neutral, the heavier side is then scaled down to the lighter one, so
 * {@code sum w = 0} stays exact up to rounding. Capped books have {@code sum |w| < L}: no redistribution (a cap is a
 * risk limit, not a reallocation).
 */
public final class InverseVolBook {
  private final BookParams params;
  private final LiquidityUniverse universe;
  private final EwVolatility[] vol;
  private final DollarAdv.Window[] adv;
  private final double[] prevClose;
  private final double[] sigma;
  private final double[] advUsd;
  private final List<String> coins;

  /**
   * @param params sizing and universe parameters
   * @param coins the coins (column order)
   * @param advWindowBars bars in 24 hours ({@link DollarAdv#windowBars})
   */
  public InverseVolBook(BookParams params, List<String> coins, int advWindowBars) {
    this.params = params;
    this.coins = List.copyOf(coins);
    int n = this.coins.size();
    this.universe = new LiquidityUniverse(params.liquidityThresholdUsd(), params.liquidityImpactPct());
    this.vol = new EwVolatility[n];
    this.adv = new DollarAdv.Window[n];
    this.prevClose = new double[n];
    this.sigma = new double[n];
    this.advUsd = new double[n];
    for (int c = 0; c < n; c++) {
      vol[c] = new EwVolatility(params.volSpan());
      adv[c] = new DollarAdv.Window(advWindowBars);
      prevClose[c] = Double.NaN;
    }
  }

  /**
   * Feeds one bar's closes and volumes.
   *
   * @param close closes per coin, USD (NaN = missing). Not modified.
   * @param volume base volumes per coin (NaN = missing). Not modified.
   */
  public void update(double[] close, double[] volume) {
    for (int c = 0; c < vol.length; c++) {
      sigma[c] = vol[c].update(LogReturns.of(close[c], prevClose[c]));
      prevClose[c] = close[c];
      adv[c].update(volume[c] * close[c]);
      advUsd[c] = adv[c].value();
    }
  }

  /**
   * @param c column
   * @return whether the coin is tradable at the last bar fed (finite close, {@code sigma > 0}, ADV over the floor)
   */
  public boolean tradable(int c) {
    return universe.contains(prevClose[c], sigma[c], advUsd[c]);
  }

  /** @param c column @return EW volatility at the last bar, decimal per bar (NaN when not available) */
  public double sigma(int c) {
    return sigma[c];
  }

  /** @param c column @return dollar ADV at the last bar, USD (NaN when incomplete) */
  public double adv(int c) {
    return advUsd[c];
  }

  /**
   * Sizes the sides at the last bar fed (see the class comment).
   *
   * @param closeTimeMs decision time, epoch ms UTC
   * @param side per coin -1, 0 or +1; a non-zero side must be on a coin with {@code sigma > 0}. Not modified.
   * @param dollarNeutral whether each side gets half the gross
   * @return the targets (zero where the side is 0)
   * @throws IllegalArgumentException when a non-zero side has no positive finite sigma
   */
  public TargetWeights size(long closeTimeMs, int[] side, boolean dollarNeutral) {
    return new TargetWeights(closeTimeMs, coins, weights(side, sigma, params, dollarNeutral), count(side, 1),
        count(side, -1));
  }

  /**
   * The sizing rule alone (see the class comment).
   *
   * @param side per coin -1, 0 or +1. Not modified.
   * @param sigma per coin volatility, decimal per bar, positive where the side is non-zero. Not modified.
   * @param p gross leverage and cap
   * @param dollarNeutral whether each side gets half the gross
   * @return weights, NAV fractions
   * @throws IllegalArgumentException when a non-zero side has no positive finite sigma
   */
  public static double[] weights(int[] side, double[] sigma, BookParams p, boolean dollarNeutral) {
    int n = side.length;
    double[] w = new double[n];
    double sumLong = 0;
    double sumShort = 0;
    for (int c = 0; c < n; c++) {
      if (side[c] == 0) {
        continue;
      }
      if (!(sigma[c] > 0 && Double.isFinite(sigma[c]))) {
        throw new IllegalArgumentException("coin " + c + " has side " + side[c] + " but sigma " + sigma[c]);
      }
      w[c] = side[c] / sigma[c];
      if (w[c] > 0) {
        sumLong += w[c];
      } else {
        sumShort -= w[c];
      }
    }
    double cap = p.maxPositionPct() / 100.0;
    double gross = p.grossLeverage();
    if (dollarNeutral && (sumLong == 0 || sumShort == 0)) {
      return new double[n];
    }
    double capLong = 0;
    double capShort = 0;
    for (int c = 0; c < n; c++) {
      if (w[c] == 0) {
        continue;
      }
      double scaled = dollarNeutral ? (w[c] > 0 ? w[c] * (gross / 2) / sumLong : w[c] * (gross / 2) / sumShort)
          : w[c] * gross / (sumLong + sumShort);
      w[c] = Math.max(-cap, Math.min(cap, scaled));
      if (w[c] > 0) {
        capLong += w[c];
      } else {
        capShort -= w[c];
      }
    }
    if (dollarNeutral && capLong != capShort) {
      boolean scaleLong = capLong > capShort;
      double f = scaleLong ? capShort / capLong : capLong / capShort;
      for (int c = 0; c < n; c++) {
        if (scaleLong ? w[c] > 0 : w[c] < 0) {
          w[c] *= f;
        }
      }
    }
    return w;
  }

  private static int count(int[] side, int s) {
    int k = 0;
    for (int v : side) {
      k += v == s ? 1 : 0;
    }
    return k;
  }
}
