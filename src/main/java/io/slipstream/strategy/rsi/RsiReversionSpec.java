package io.slipstream.strategy.rsi;

import static io.slipstream.core.ConfigNodes.checkKeys;
import static io.slipstream.core.ConfigNodes.number;
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
 * The {@code rsi_reversion} strategy's spec (section {@code rsi_reversion}, all keys required; see
 * {@link RsiReversionConfig} and {@link RsiReversionStrategy}). Bar-by-bar only (the default {@code batch}).
 */
public final class RsiReversionSpec implements StrategySpec {
  /** Registry name. */
  public static final String NAME = "rsi_reversion";
  private static final LinkedHashMap<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("rsi_bars", "Wilder RSI period, bars, >= 1");
    KEYS.put("entry_upper", "short above this RSI, in (exit_level, 100)");
    KEYS.put("entry_lower", "long below this RSI, in (0, exit_level)");
    KEYS.put("exit_level", "longs exit at RSI >= this, shorts at RSI <= this, in (0, 100)");
    KEYS.put("max_hold_bars", "time stop: bars a position is held at most, >= 1");
    BookParams.describe(KEYS);
  }

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public RsiReversionSpec() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "RSI mean reversion over the liquid universe: short above entry_upper, long below entry_lower, exit at "
        + "exit_level or after max_hold_bars, inverse-vol sized, every bar";
  }

  @Override
  public LinkedHashMap<String, String> keys() {
    return new LinkedHashMap<>(KEYS);
  }

  @Override
  public RsiReversionConfig parse(JsonNode s, String p, BarInterval interval) {
    checkKeys(s, KEYS.keySet(), Set.of(), p);
    int rsiBars = positiveInt(s, "rsi_bars", p);
    double exit = number(s, "exit_level", p);
    if (!(exit > 0 && exit < 100)) {
      throw new ConfigException(p + "exit_level", "must be in (0, 100), was " + exit);
    }
    double upper = number(s, "entry_upper", p);
    if (!(upper > exit && upper < 100)) {
      throw new ConfigException(p + "entry_upper", "must be in (exit_level " + exit + ", 100), was " + upper);
    }
    double lower = number(s, "entry_lower", p);
    if (!(lower > 0 && lower < exit)) {
      throw new ConfigException(p + "entry_lower", "must be in (0, exit_level " + exit + "), was " + lower);
    }
    int hold = positiveInt(s, "max_hold_bars", p);
    return new RsiReversionConfig(interval, rsiBars, upper, lower, exit, hold, BookParams.parse(s, p));
  }

  @Override
  public ObjectNode toJson(StrategyParams params) {
    RsiReversionConfig c = of(params);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("rsi_bars", c.rsiBars());
    o.put("entry_upper", c.entryUpper());
    o.put("entry_lower", c.entryLower());
    o.put("exit_level", c.exitLevel());
    o.put("max_hold_bars", c.maxHoldBars());
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
    RsiReversionConfig c = of(params);
    LinkedHashMap<String, String> p = new LinkedHashMap<>();
    p.put("rsi_bars", String.valueOf(c.rsiBars()));
    p.put("entry_lower / entry_upper", c.entryLower() + " / " + c.entryUpper());
    p.put("exit_level", String.valueOf(c.exitLevel()));
    p.put("max_hold_bars", String.valueOf(c.maxHoldBars()));
    c.book().report(p);
    return p;
  }

  @Override
  public Requirements requirements(StrategyParams params) {
    return requirementsOf(of(params));
  }

  /**
   * @param c parameters
   * @return closes and volumes; warm-up {@code max(rsi_bars + 1, vol_span + 1, ADV window)} bars; decisions every bar
   */
  static Requirements requirementsOf(RsiReversionConfig c) {
    int warmup = Math.max(Math.max(c.rsiBars() + 1, c.book().volSpan() + 1), DollarAdv.windowBars(c.interval()));
    return new Requirements(c.interval(), warmup, false, false, c.interval().hours());
  }

  @Override
  public Strategy create(StrategyParams params, List<String> coins) {
    return new RsiReversionStrategy(of(params), coins);
  }

  private static RsiReversionConfig of(StrategyParams params) {
    if (params instanceof RsiReversionConfig c) {
      return c;
    }
    throw new IllegalArgumentException("not rsi_reversion parameters: " + params.getClass().getSimpleName());
  }
}
