package io.slipstream.strategy.betaneutral;

import static io.slipstream.core.ConfigNodes.bool;
import static io.slipstream.core.ConfigNodes.checkKeys;
import static io.slipstream.core.ConfigNodes.nonNegative;
import static io.slipstream.core.ConfigNodes.openClosed;
import static io.slipstream.core.ConfigNodes.positive;
import static io.slipstream.core.ConfigNodes.positiveInt;
import static io.slipstream.core.ConfigNodes.positiveIntList;
import static io.slipstream.core.ConfigNodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.MarketData;
import io.slipstream.factor.VolumeWeighting;
import io.slipstream.portfolio.JointAlphaConfig;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.SignalCache;
import io.slipstream.strategy.Strategy;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.StrategySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code beta_neutral} strategy's spec: keys in the {@code beta_neutral} section, all required (see
 * {@link BetaNeutralConfig}). Batch path: {@link BetaNeutralStrategy} over the whole panels; bar-by-bar:
 * {@link BetaNeutralBarStrategy}. Reads funding (forecasts and covariance).
 */
public final class BetaNeutralSpec implements StrategySpec {
  /** Registry name. */
  public static final String NAME = "beta_neutral";
  private static final String P = NAME + ".";
  private static final LinkedHashMap<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("horizon_hours", "holding period H and decision schedule, hours, a multiple of the interval");
    KEYS.put("lookback_periods", "factor and covariance lookback K, periods of H");
    KEYS.put("weight_method", "PCA volume weighting: none | sqrt | log | sqrt_dollar");
    KEYS.put("n_factors", "principal components; beta is to the first");
    KEYS.put("momentum_spans", "residual-momentum EWMA spans, periods (list)");
    KEYS.put("funding_spans", "funding EWMA spans, periods (list)");
    KEYS.put("vol_span_periods", "volatility span of the forecast features, periods");
    KEYS.put("ridge_penalty", "ridge penalty of the forecasts, >= 0");
    KEYS.put("min_train_periods", "matured samples before the first forecast, periods");
    KEYS.put("funding_covariance", "add the funding covariance to the price covariance (boolean)");
    KEYS.put("optimizer", "closed_form | cost_aware");
    KEYS.put("risk_aversion", "gamma of the cost-aware objective, > 0");
    KEYS.put("gross_leverage", "sum |w| (closed form) or its bound (cost aware), NAV multiple in (0, 100]");
    KEYS.put("max_position_pct", "|w| bound per coin (cost aware), percent of NAV in (0, 100]");
    KEYS.put("dollar_neutral", "add sum w = 0 (boolean)");
    KEYS.put("liquidity_threshold_usd", "liquidity filter trade size, USD, >= 0");
    KEYS.put("liquidity_impact_pct", "largest share of 24h dollar ADV, percent in (0, 100]");
    KEYS.put("lot_rounding", "round targets to exchange lots with beta repair (boolean)");
    KEYS.put("beta_tolerance", "stopping tolerance |beta'w| of the lot rounding, >= 0");
  }

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public BetaNeutralSpec() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "beta- and dollar-neutral book from PCA residual-momentum and funding forecasts through a cost-aware "
        + "optimizer, decisions every horizon_hours";
  }

  @Override
  public LinkedHashMap<String, String> keys() {
    return new LinkedHashMap<>(KEYS);
  }

  @Override
  public BetaNeutralConfig parse(JsonNode bn, String p, BarInterval interval) {
    checkKeys(bn, KEYS.keySet(), Set.of(), p);
    int horizon = positiveInt(bn, "horizon_hours", p);
    if (horizon % interval.hours() != 0) {
      throw new ConfigException(p + "horizon_hours", "must be a multiple of the " + interval.label()
          + " interval, was " + horizon);
    }
    VolumeWeighting weighting;
    try {
      weighting = VolumeWeighting.of(text(bn, "weight_method", p));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p + "weight_method", e.getMessage());
    }
    BetaNeutralConfig.Optimizer optimizer;
    try {
      optimizer = BetaNeutralConfig.Optimizer.of(text(bn, "optimizer", p));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p + "optimizer", e.getMessage());
    }
    double ridge = nonNegative(bn, "ridge_penalty", p);
    double gamma = positive(bn, "risk_aversion", p);
    double gross = openClosed(bn, "gross_leverage", p, 0, 100);
    double maxPos = openClosed(bn, "max_position_pct", p, 0, 100);
    double liqUsd = nonNegative(bn, "liquidity_threshold_usd", p);
    double liqPct = openClosed(bn, "liquidity_impact_pct", p, 0, 100);
    double betaTol = nonNegative(bn, "beta_tolerance", p);
    JointAlphaConfig forecast = new JointAlphaConfig(horizon, positiveIntList(bn, "momentum_spans", p),
        positiveIntList(bn, "funding_spans", p), positiveInt(bn, "vol_span_periods", p), ridge,
        positiveInt(bn, "min_train_periods", p));
    return new BetaNeutralConfig(interval, horizon, positiveInt(bn, "lookback_periods", p), weighting,
        positiveInt(bn, "n_factors", p), forecast, bool(bn, "funding_covariance", p), optimizer, gamma, gross, maxPos,
        bool(bn, "dollar_neutral", p), liqUsd, liqPct, bool(bn, "lot_rounding", p), betaTol);
  }

  @Override
  public ObjectNode toJson(StrategyParams params) {
    BetaNeutralConfig b = of(params);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("horizon_hours", b.horizonHours());
    o.put("lookback_periods", b.lookbackPeriods());
    o.put("weight_method", b.weighting().configName());
    o.put("n_factors", b.nFactors());
    b.forecast().momentumSpans().forEach(o.putArray("momentum_spans")::add);
    b.forecast().fundingSpans().forEach(o.putArray("funding_spans")::add);
    o.put("vol_span_periods", b.forecast().volSpanPeriods());
    o.put("ridge_penalty", b.forecast().ridgePenalty());
    o.put("min_train_periods", b.forecast().minTrainPeriods());
    o.put("funding_covariance", b.fundingCovariance());
    o.put("optimizer", b.optimizer().key());
    o.put("risk_aversion", b.riskAversion());
    o.put("gross_leverage", b.grossLeverage());
    o.put("max_position_pct", b.maxPositionPct());
    o.put("dollar_neutral", b.dollarNeutral());
    o.put("liquidity_threshold_usd", b.liquidityThresholdUsd());
    o.put("liquidity_impact_pct", b.liquidityImpactPct());
    o.put("lot_rounding", b.lotRounding());
    o.put("beta_tolerance", b.betaTolerance());
    return o;
  }

  @Override
  public Set<String> gridKeys() {
    return KEYS.keySet().stream().map(k -> P + k).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  @Override
  public LinkedHashMap<String, String> reportParameters(StrategyParams params) {
    BetaNeutralConfig b = of(params);
    LinkedHashMap<String, String> p = new LinkedHashMap<>();
    p.put("horizon_hours", String.valueOf(b.horizonHours()));
    p.put("lookback_periods (K)", String.valueOf(b.lookbackPeriods()));
    p.put("weight_method", b.weighting().configName());
    p.put("n_factors", String.valueOf(b.nFactors()));
    p.put("momentum_spans / funding_spans (periods)", b.forecast().momentumSpans() + " / "
        + b.forecast().fundingSpans());
    p.put("vol_span_periods", String.valueOf(b.forecast().volSpanPeriods()));
    p.put("ridge_penalty", String.valueOf(b.forecast().ridgePenalty()));
    p.put("min_train_periods", String.valueOf(b.forecast().minTrainPeriods()));
    p.put("funding_covariance", String.valueOf(b.fundingCovariance()));
    p.put("optimizer", b.optimizer().key());
    p.put("risk_aversion", String.valueOf(b.riskAversion()));
    p.put("gross_leverage", String.valueOf(b.grossLeverage()));
    p.put("max_position_pct", String.valueOf(b.maxPositionPct()));
    p.put("dollar_neutral", String.valueOf(b.dollarNeutral()));
    p.put("liquidity_threshold_usd", String.valueOf(b.liquidityThresholdUsd()));
    p.put("liquidity_impact_pct", String.valueOf(b.liquidityImpactPct()));
    p.put("lot_rounding", b.lotRounding() + " (beta tolerance " + b.betaTolerance() + ")");
    return p;
  }

  @Override
  public Requirements requirements(StrategyParams params) {
    return requirementsOf(of(params));
  }

  /**
   * @param b parameters
   * @return closes, volumes and funding; warm-up {@code max(lookback_periods, min_train_periods) x horizon_hours}
   *     hours (factor lookback and forecast training) in whole bars; decisions every {@code horizon_hours}
   */
  static Requirements requirementsOf(BetaNeutralConfig b) {
    long hours = (long) Math.max(b.lookbackPeriods(), b.forecast().minTrainPeriods()) * b.horizonHours();
    int warmup = Math.toIntExact(-Math.floorDiv(-hours, b.interval().hours()));
    return new Requirements(b.interval(), warmup, true, false, b.horizonHours());
  }

  @Override
  public Strategy create(StrategyParams params, List<String> coins) {
    return new BetaNeutralBarStrategy(of(params), coins);
  }

  @Override
  public TargetSource batch(StrategyParams params, MarketData data, CostModel costs, SignalCache cache) {
    return new BetaNeutralStrategy(of(params), data, costs);
  }

  private static BetaNeutralConfig of(StrategyParams params) {
    if (params instanceof BetaNeutralConfig b) {
      return b;
    }
    throw new IllegalArgumentException("not beta_neutral parameters: " + params.getClass().getSimpleName());
  }
}
