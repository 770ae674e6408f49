package io.slipstream.strategy.carry;

import static io.slipstream.core.ConfigNodes.checkKeys;
import static io.slipstream.core.ConfigNodes.nonNegative;
import static io.slipstream.core.ConfigNodes.openClosed;
import static io.slipstream.core.ConfigNodes.positiveInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.signal.DollarAdv;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.Strategy;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.StrategySpec;
import io.slipstream.strategy.sizing.BookParams;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code funding_carry} strategy's spec (section {@code funding_carry}, all keys required; see
 * {@link FundingCarryConfig} and {@link FundingCarryStrategy}). Reads funding. Bar-by-bar only (the default
 * {@code batch}).
 */
public final class FundingCarrySpec implements StrategySpec {
  /** Registry name. */
  public static final String NAME = "funding_carry";
  private static final LinkedHashMap<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("funding_span_hours", "EWMA span of per-bar funding and its sign, hours, a multiple of the interval");
    KEYS.put("min_sign_consistency", "EWMA of sign(funding) at least this (shorts) / at most minus this (longs), "
        + "in (0, 1]");
    KEYS.put("min_abs_funding_apr_pct", "entry threshold on |annualised funding EWMA|, percent per year, >= 0");
    KEYS.put("max_per_side", "coins per side at most, most extreme funding first, >= 1");
    KEYS.put("rebalance_hours", "decisions every this many hours, a multiple of the interval");
    BookParams.describe(KEYS);
  }

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public FundingCarrySpec() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "funding carry: short persistently high funding, long persistently negative, inverse-vol sized, dollar "
        + "neutral, rebalanced every rebalance_hours";
  }

  @Override
  public LinkedHashMap<String, String> keys() {
    return new LinkedHashMap<>(KEYS);
  }

  @Override
  public FundingCarryConfig parse(JsonNode s, String p, BarInterval interval) {
    checkKeys(s, KEYS.keySet(), Set.of(), p);
    int span = multiple(s, "funding_span_hours", p, interval);
    double cons = openClosed(s, "min_sign_consistency", p, 0, 1);
    double apr = nonNegative(s, "min_abs_funding_apr_pct", p);
    int perSide = positiveInt(s, "max_per_side", p);
    int rebalance = multiple(s, "rebalance_hours", p, interval);
    return new FundingCarryConfig(interval, span, cons, apr, perSide, rebalance, BookParams.parse(s, p));
  }

  private static int multiple(JsonNode s, String key, String p, BarInterval interval) {
    int h = positiveInt(s, key, p);
    if (h % interval.hours() != 0) {
      throw new ConfigException(p + key, "must be a multiple of the " + interval.label() + " interval, was " + h);
    }
    return h;
  }

  @Override
  public ObjectNode toJson(StrategyParams params) {
    FundingCarryConfig c = of(params);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("funding_span_hours", c.fundingSpanHours());
    o.put("min_sign_consistency", c.minSignConsistency());
    o.put("min_abs_funding_apr_pct", c.minAbsFundingAprPct());
    o.put("max_per_side", c.maxPerSide());
    o.put("rebalance_hours", c.rebalanceHours());
    c.book().write(o);
    return o;
  }

  @Override
  public Set<String> gridKeys() {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    KEYS.keySet().forEach(k -> out.add(NAME + "." + k));
    return out;
  }

  @Override
  public LinkedHashMap<String, String> reportParameters(StrategyParams params) {
    FundingCarryConfig c = of(params);
    LinkedHashMap<String, String> p = new LinkedHashMap<>();
    p.put("funding_span_hours", String.valueOf(c.fundingSpanHours()));
    p.put("min_sign_consistency", String.valueOf(c.minSignConsistency()));
    p.put("min_abs_funding_apr_pct", String.valueOf(c.minAbsFundingAprPct()));
    p.put("max_per_side", String.valueOf(c.maxPerSide()));
    p.put("rebalance_hours", String.valueOf(c.rebalanceHours()));
    c.book().report(p);
    return p;
  }

  @Override
  public Requirements requirements(StrategyParams params) {
    return requirementsOf(of(params));
  }

  /**
   * @param c parameters
   * @return closes, volumes and funding; warm-up {@code max(funding span, vol_span + 1, ADV window)} bars; decisions
   *     every {@code rebalance_hours}
   */
  static Requirements requirementsOf(FundingCarryConfig c) {
    int warmup = Math.max(Math.max(c.fundingSpanBars(), c.book().volSpan() + 1), DollarAdv.windowBars(c.interval()));
    return new Requirements(c.interval(), warmup, true, false, c.rebalanceHours());
  }

  @Override
  public Strategy create(StrategyParams params, List<String> coins) {
    return new FundingCarryStrategy(of(params), coins);
  }

  private static FundingCarryConfig of(StrategyParams params) {
    if (params instanceof FundingCarryConfig c) {
      return c;
    }
    throw new IllegalArgumentException("not funding_carry parameters: " + params.getClass().getSimpleName());
  }
}
