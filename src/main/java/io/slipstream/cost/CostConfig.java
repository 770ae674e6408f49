package io.slipstream.cost;

import io.slipstream.core.Checks;
import java.util.OptionalDouble;

/**
 * Parameters of the liquidity cost model {@link LiquidityCostModel} (the {@code costs} block of a run config):
 * <pre>
 *   C(dw) = sum_i c_i |dw_i| + sum_i lambda_i |dw_i|^1.5,   c_i = feeRate + halfSpread_i,
 *   lambda_i = impactCoefficient x sigma_i x sqrt(navUsd / ADV_i)
 * </pre>
 * Config keys (snake_case) map to the components: {@code maker_fee_bps, taker_fee_bps, passive_fill_fraction,
 * slippage_bps} to {@link #fees()}, {@code half_spread_bps} (a number, or the string {@code "estimate"} for an empty
 * value) to {@link #halfSpreadBps()}, {@code spread_window_bars, impact_coefficient, min_trade_usd,
 * adv_window_hours, vol_span_bars} to the components of the same name.
 *
 * @param fees the linear fee model (maker/taker blend and slippage), in bps of traded notional
 * @param halfSpreadBps half of the bid-ask spread in bps of the mid price, the same for every coin and bar,
 *     finite and {@code >= 0}; empty = estimated per coin from OHLC bars with {@link SpreadEstimator} (Abdi and
 *     Ranaldo 2017)
 * @param spreadWindowBars rolling window of the spread estimator in bars, {@code >= 1} (only used when
 *     {@code halfSpreadBps} is empty); default {@link #DEFAULT_SPREAD_WINDOW_BARS}
 * @param impactCoefficient the dimensionless prefactor {@code Y} of the square-root law (Almgren et al. 2005;
 *     Toth et al. 2011), finite and {@code >= 0}; 0 = no impact. {@link ImpactCalibration} estimates it from data
 * @param minTradeUsd trades below this notional in USD are not sent, finite and {@code >= 0} (Hyperliquid's
 *     minimum order value is 10 USD); 0 = no minimum
 * @param advWindowHours window of the dollar volume in hours, a multiple of the bar interval, {@code >= 1};
 *     the sum over the window is scaled to USD per day ({@code x 24 / advWindowHours}); 24 = DESIGN.md
 *     convention 6 (the {@code signal.DollarAdv} definition)
 * @param volSpanBars EW span in bars of the volatility {@code sigma_i} (DESIGN.md convention 4 on log returns,
 *     scaled to one day), {@code >= 1}; default {@link #DEFAULT_VOL_SPAN_BARS}
 */
public record CostConfig(FeeModel fees, OptionalDouble halfSpreadBps, int spreadWindowBars, double impactCoefficient,
    double minTradeUsd, int advWindowHours, int volSpanBars) {

  /** Default spread-estimator window: 180 bars (30 days of 4h bars). */
  public static final int DEFAULT_SPREAD_WINDOW_BARS = 180;
  /** Default EW span of the daily volatility in the impact formula: 180 bars (30 days of 4h bars). */
  public static final int DEFAULT_VOL_SPAN_BARS = 180;
  /** Default ADV window: 24 hours (DESIGN.md convention 6). */
  public static final int DEFAULT_ADV_WINDOW_HOURS = 24;

  /**
   * Validates every field.
   *
   * @throws IllegalArgumentException naming the config key and the value
   */
  public CostConfig {
    Checks.notNull(fees, "fees");
    Checks.notNull(halfSpreadBps, "half_spread_bps");
    if (halfSpreadBps.isPresent()) {
      Checks.nonNegative(halfSpreadBps.getAsDouble(), "half_spread_bps");
    }
    Checks.positive(spreadWindowBars, "spread_window_bars");
    Checks.nonNegative(impactCoefficient, "impact_coefficient");
    Checks.nonNegative(minTradeUsd, "min_trade_usd");
    Checks.positive(advWindowHours, "adv_window_hours");
    Checks.positive(volSpanBars, "vol_span_bars");
  }

  /**
   * The Gradient convention 8 as a cost config: fees only, no spread, no impact, no minimum trade. A
   * {@link LiquidityCostModel} built on it charges exactly {@code fees.feeRate()} per unit of turnover, like
   * {@link CostModel#flat(FeeModel, int)}.
   *
   * @param fees the fee model
   * @return the config
   */
  public static CostConfig feesOnly(FeeModel fees) {
    return new CostConfig(fees, OptionalDouble.of(0.0), DEFAULT_SPREAD_WINDOW_BARS, 0.0, 0.0,
        DEFAULT_ADV_WINDOW_HOURS, DEFAULT_VOL_SPAN_BARS);
  }

  /**
   * @param bps half-spread in bps, {@code >= 0}; empty = estimate from data
   * @return a copy with {@code half_spread_bps} set
   */
  public CostConfig withHalfSpreadBps(OptionalDouble bps) {
    return new CostConfig(fees, bps, spreadWindowBars, impactCoefficient, minTradeUsd, advWindowHours, volSpanBars);
  }

  /**
   * @param y the square-root-law prefactor, {@code >= 0}
   * @return a copy with {@code impact_coefficient} set
   */
  public CostConfig withImpactCoefficient(double y) {
    return new CostConfig(fees, halfSpreadBps, spreadWindowBars, y, minTradeUsd, advWindowHours, volSpanBars);
  }

  /**
   * @param usd minimum trade notional in USD, {@code >= 0}
   * @return a copy with {@code min_trade_usd} set
   */
  public CostConfig withMinTradeUsd(double usd) {
    return new CostConfig(fees, halfSpreadBps, spreadWindowBars, impactCoefficient, usd, advWindowHours, volSpanBars);
  }

  /** @return whether the half-spread is estimated from the bars ({@code half_spread_bps = "estimate"}) */
  public boolean estimatesSpread() {
    return halfSpreadBps.isEmpty();
  }
}
