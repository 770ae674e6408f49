package io.slipstream.strategy.gradient;

import static io.slipstream.core.ConfigNodes.checkKeys;
import static io.slipstream.core.ConfigNodes.intValue;
import static io.slipstream.core.ConfigNodes.nonNegative;
import static io.slipstream.core.ConfigNodes.openClosed;
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
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.WeightScheme;
import io.slipstream.signal.GradientSignals;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.SignalCache;
import io.slipstream.strategy.Strategy;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.StrategySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code gradient} strategy's spec (cross-sectional momentum, DESIGN.md conventions 2 to 7): its keys stand at
 * the config's top level (DESIGN.md CLI contract), all required. Signals depend only on {@code lookback_spans},
 * {@code vol_span} and {@code warmup_bars}, so configurations that differ downstream share one computation. The
 * batch path precomputes whole-panel signals ({@link GradientStrategy#batch(MarketData, GradientSignals)}), equal
 * bit for bit to the bar-by-bar path.
 */
public final class GradientSpec implements StrategySpec {
  /** Registry name. */
  public static final String NAME = "gradient";
  private static final LinkedHashMap<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("concentration_pct", "share of the liquid universe held per side, percent in (0, 50]");
    KEYS.put("rebalance_freq_hours", "rebalance when the close time in epoch hours is a multiple of this, >= 1");
    KEYS.put("weight_scheme", "weights within a side: inverse_vol | equal");
    KEYS.put("lookback_spans", "momentum EWMA spans, bars (non-empty list of positive integers)");
    KEYS.put("vol_span", "EW volatility span, bars, >= 1");
    KEYS.put("warmup_bars", "valid z values before a coin's score is valid, bars, >= 0");
    KEYS.put("liquidity_threshold_usd", "trade size the liquidity filter protects, USD, >= 0");
    KEYS.put("liquidity_impact_pct", "largest share of 24h dollar ADV a trade may be, percent in (0, 100]");
    KEYS.put("gross_leverage", "sum |w| before clipping, NAV multiple in (0, 100]");
    KEYS.put("max_position_pct", "cap on |w| per coin, percent of NAV in (0, 100]");
  }

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public GradientSpec() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "cross-sectional momentum: long the top, short the bottom concentration_pct of the liquid universe by "
        + "multi-span EWMA of vol-normalised returns, inverse-vol or equal weights";
  }

  @Override
  public LinkedHashMap<String, String> keys() {
    return new LinkedHashMap<>(KEYS);
  }

  @Override
  public boolean topLevelKeys() {
    return true;
  }

  @Override
  public GradientConfig parse(JsonNode section, String prefix, BarInterval interval) {
    checkKeys(section, KEYS.keySet(), Set.of(), prefix);
    double concentration = openClosed(section, "concentration_pct", prefix, 0, 50);
    double maxPos = openClosed(section, "max_position_pct", prefix, 0, 100);
    int rebalance = positiveInt(section, "rebalance_freq_hours", prefix);
    WeightScheme scheme;
    try {
      scheme = WeightScheme.of(text(section, "weight_scheme", prefix));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(prefix + "weight_scheme", e.getMessage());
    }
    List<Integer> spans = positiveIntList(section, "lookback_spans", prefix);
    int volSpan = positiveInt(section, "vol_span", prefix);
    int warmup = intValue(section, "warmup_bars", prefix);
    if (warmup < 0) {
      throw new ConfigException(prefix + "warmup_bars", "must be >= 0, was " + warmup);
    }
    double liqUsd = nonNegative(section, "liquidity_threshold_usd", prefix);
    double liqPct = openClosed(section, "liquidity_impact_pct", prefix, 0, 100);
    double gross = openClosed(section, "gross_leverage", prefix, 0, 100);
    return new GradientConfig(interval, concentration, rebalance, scheme, spans, volSpan, warmup, liqUsd, liqPct,
        gross, maxPos);
  }

  @Override
  public ObjectNode toJson(StrategyParams params) {
    GradientConfig g = of(params);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("concentration_pct", g.concentrationPct());
    o.put("rebalance_freq_hours", g.rebalanceFreqHours());
    o.put("weight_scheme", g.weightScheme().key());
    g.lookbackSpans().forEach(o.putArray("lookback_spans")::add);
    o.put("vol_span", g.volSpan());
    o.put("warmup_bars", g.warmupBars());
    o.put("liquidity_threshold_usd", g.liquidityThresholdUsd());
    o.put("liquidity_impact_pct", g.liquidityImpactPct());
    o.put("gross_leverage", g.grossLeverage());
    o.put("max_position_pct", g.maxPositionPct());
    return o;
  }

  @Override
  public Set<String> gridKeys() {
    return KEYS.keySet();
  }

  @Override
  public Set<String> signalKeys() {
    return Set.of("lookback_spans", "vol_span", "warmup_bars");
  }

  @Override
  public Optional<Object> signalCacheKey(StrategyParams params) {
    GradientConfig g = of(params);
    return Optional.of(List.of(NAME, g.lookbackSpans(), g.volSpan(), g.warmupBars()));
  }

  @Override
  public LinkedHashMap<String, String> reportParameters(StrategyParams params) {
    GradientConfig g = of(params);
    LinkedHashMap<String, String> p = new LinkedHashMap<>();
    p.put("concentration_pct", String.valueOf(g.concentrationPct()));
    p.put("rebalance_freq_hours", String.valueOf(g.rebalanceFreqHours()));
    p.put("weight_scheme", g.weightScheme().key());
    p.put("lookback_spans", g.lookbackSpans().toString());
    p.put("vol_span", String.valueOf(g.volSpan()));
    p.put("warmup_bars", String.valueOf(g.warmupBars()));
    p.put("liquidity_threshold_usd", String.valueOf(g.liquidityThresholdUsd()));
    p.put("liquidity_impact_pct", String.valueOf(g.liquidityImpactPct()));
    p.put("gross_leverage", String.valueOf(g.grossLeverage()));
    p.put("max_position_pct", String.valueOf(g.maxPositionPct()));
    return p;
  }

  @Override
  public Requirements requirements(StrategyParams params) {
    return requirementsOf(of(params));
  }

  /**
   * @param g parameters
   * @return closes and volumes only, warm-up {@code warmup_bars}, decisions every {@code rebalance_freq_hours}
   */
  static Requirements requirementsOf(GradientConfig g) {
    return new Requirements(g.interval(), g.warmupBars(), false, false, g.rebalanceFreqHours());
  }

  @Override
  public Strategy create(StrategyParams params, List<String> coins) {
    return new GradientStrategy(of(params), coins);
  }

  @Override
  public TargetSource batch(StrategyParams params, MarketData data, CostModel costs, SignalCache cache) {
    GradientConfig g = of(params);
    GradientSignals s = cache.get(signalCacheKey(g).orElseThrow(), () -> GradientStrategy.signals(g, data));
    return new GradientStrategy(g, data.coins()).batch(data, s);
  }

  private static GradientConfig of(StrategyParams params) {
    if (params instanceof GradientConfig g) {
      return g;
    }
    throw new IllegalArgumentException("not gradient parameters: " + params.getClass().getSimpleName());
  }
}
