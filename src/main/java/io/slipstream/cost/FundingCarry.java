package io.slipstream.cost;

import io.slipstream.core.Checks;

/**
 * Funding as a holding cost of perpetual futures. Sign convention (Hyperliquid, and DESIGN.md convention 8): a
 * positive funding rate means longs pay shorts, so a position {@code w_i} (signed NAV fraction, long > 0) held over
 * a period with funding {@code F_i} (decimal fraction of notional over that period, e.g. the sum of the hourly rates
 * of the next bar as in {@code MarketData.funding}) costs {@code w_i F_i} of NAV; a negative product is income.
 * The optimizer uses it through the alpha: {@code alpha_total_i = alpha_price_i - F_hat_i} ({@link #netAlpha}), with
 * {@code F_hat} a forecast of the funding over the same horizon as the price alpha.
 */
public final class FundingCarry {
  private FundingCarry() {
  }

  /**
   * Funding cost of a book: {@code sum_i w_i F_i}.
   *
   * @param weights signed NAV fractions, finite. Not modified.
   * @param fundingForecast funding per coin over the holding period, decimal fraction of notional (positive = longs
   *     pay), finite, same length. Not modified.
   * @return the cost as a NAV fraction over that period (negative = income)
   * @throws IllegalArgumentException on a length mismatch or a non-finite value (naming the index)
   */
  public static double cost(double[] weights, double[] fundingForecast) {
    Checks.sameLength(fundingForecast.length, weights.length, "fundingForecast");
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += finite(weights[i], "weights", i) * finite(fundingForecast[i], "fundingForecast", i);
    }
    return s;
  }

  /**
   * Alpha net of funding: {@code alpha_total_i = alpha_price_i - F_hat_i}, so that {@code w' alpha_total} is the
   * expected price return minus the funding paid, {@link #cost}.
   *
   * @param alphaPrice expected price return per coin over the horizon, decimal fraction, finite. Not modified.
   * @param fundingForecast funding per coin over the same horizon (positive = longs pay), finite. Not modified.
   * @return a new array, {@code alphaPrice[i] - fundingForecast[i]}
   * @throws IllegalArgumentException on a length mismatch or a non-finite value (naming the index)
   */
  public static double[] netAlpha(double[] alphaPrice, double[] fundingForecast) {
    Checks.sameLength(fundingForecast.length, alphaPrice.length, "fundingForecast");
    double[] out = new double[alphaPrice.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = finite(alphaPrice[i], "alphaPrice", i) - finite(fundingForecast[i], "fundingForecast", i);
    }
    return out;
  }

  private static double finite(double x, String name, int i) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("Argument '" + name + "[" + i + "]' must be finite, was " + x);
    }
    return x;
  }
}
