/**
 * Trading costs, one model for the optimizer and the backtest ledger (cvxportfolio's single cost model):
 * {@link io.slipstream.cost.TradeCosts} ({@code C(dw) = sum c_i |dw_i| + sum lambda_i |dw_i|^1.5}) produced at each
 * decision by a {@link io.slipstream.cost.CostModel}: the flat fee model of DESIGN.md convention 8
 * ({@link io.slipstream.cost.FeeModel}) or the {@link io.slipstream.cost.LiquidityCostModel} (fees, a configured or
 * estimated half-spread ({@link io.slipstream.cost.SpreadEstimator}), square-root impact calibrated by
 * {@link io.slipstream.cost.ImpactCalibration}), configured by {@link io.slipstream.cost.CostConfig}; funding as a
 * holding cost ({@link io.slipstream.cost.FundingCarry}).
 */
package io.slipstream.cost;
