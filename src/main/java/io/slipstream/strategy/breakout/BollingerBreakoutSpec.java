package io.slipstream.strategy.breakout;

import static io.slipstream.core.ConfigNodes.bool;
import static io.slipstream.core.ConfigNodes.checkKeys;
import static io.slipstream.core.ConfigNodes.positive;
import static io.slipstream.core.ConfigNodes.positiveInt;
import static io.slipstream.core.ConfigNodes.text;

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
import io.slipstream.strategy.breakout.BollingerBreakoutConfig.ExitAt;
import io.slipstream.strategy.sizing.BookParams;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code bollinger_breakout} strategy's spec (section {@code bollinger_breakout}, all keys required; see
 * {@link BollingerBreakoutConfig} and {@link BollingerBreakoutStrategy}). Bar-by-bar only (the default
 * {@code batch}).
 */
public final class BollingerBreakoutSpec implements StrategySpec {
  /** Registry name. */
  public static final String NAME = "bollinger_breakout";
  private static final LinkedHashMap<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("band_bars", "Bollinger window of closes, bars, >= 2");
    KEYS.put("band_std", "band half-width in sample standard deviations, > 0");
    KEYS.put("volume_bars", "window of the mean volume before the signal bar, bars, >= 1");
    KEYS.put("volume_multiple", "volume spike: volume > this x mean volume, > 0");
    KEYS.put("exit_at", "middle (exit at the middle band) | band (exit back inside the band)");
    KEYS.put("max_hold_bars", "time stop: bars a position is held at most, >= 1");
    KEYS.put("allow_short", "short downside breakouts too (boolean)");
    BookParams.describe(KEYS);
  }

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public BollingerBreakoutSpec() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bollinger-band breakout confirmed by a volume spike, exit at the middle band or back inside the band or "
        + "after max_hold_bars, inverse-vol sized, every bar";
  }

  @Override
  public LinkedHashMap<String, String> keys() {
    return new LinkedHashMap<>(KEYS);
  }

  @Override
  public BollingerBreakoutConfig parse(JsonNode s, String p, BarInterval interval) {
    checkKeys(s, KEYS.keySet(), Set.of(), p);
    int bandBars = positiveInt(s, "band_bars", p);
    if (bandBars < 2) {
      throw new ConfigException(p + "band_bars", "must be >= 2, was " + bandBars);
    }
    double bandStd = positive(s, "band_std", p);
    int volumeBars = positiveInt(s, "volume_bars", p);
    double multiple = positive(s, "volume_multiple", p);
    ExitAt exitAt;
    try {
      exitAt = ExitAt.of(text(s, "exit_at", p));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p + "exit_at", e.getMessage());
    }
    int hold = positiveInt(s, "max_hold_bars", p);
    boolean shorts = bool(s, "allow_short", p);
    return new BollingerBreakoutConfig(interval, bandBars, bandStd, volumeBars, multiple, exitAt, hold, shorts,
        BookParams.parse(s, p));
  }

  @Override
  public ObjectNode toJson(StrategyParams params) {
    BollingerBreakoutConfig c = of(params);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("band_bars", c.bandBars());
    o.put("band_std", c.bandStd());
    o.put("volume_bars", c.volumeBars());
    o.put("volume_multiple", c.volumeMultiple());
    o.put("exit_at", c.exitAt().key());
    o.put("max_hold_bars", c.maxHoldBars());
    o.put("allow_short", c.allowShort());
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
    BollingerBreakoutConfig c = of(params);
    LinkedHashMap<String, String> p = new LinkedHashMap<>();
    p.put("band_bars / band_std", c.bandBars() + " / " + c.bandStd());
    p.put("volume_bars / volume_multiple", c.volumeBars() + " / " + c.volumeMultiple());
    p.put("exit_at", c.exitAt().key());
    p.put("max_hold_bars", String.valueOf(c.maxHoldBars()));
    p.put("allow_short", String.valueOf(c.allowShort()));
    c.book().report(p);
    return p;
  }

  @Override
  public Requirements requirements(StrategyParams params) {
    return requirementsOf(of(params));
  }

  /**
   * @param c parameters
   * @return closes and volumes; warm-up {@code max(band_bars, volume_bars + 1, vol_span + 1, ADV window)} bars;
   *     decisions every bar
   */
  static Requirements requirementsOf(BollingerBreakoutConfig c) {
    int warmup = Math.max(Math.max(c.bandBars(), c.volumeBars() + 1),
        Math.max(c.book().volSpan() + 1, DollarAdv.windowBars(c.interval())));
    return new Requirements(c.interval(), warmup, false, false, c.interval().hours());
  }

  @Override
  public Strategy create(StrategyParams params, List<String> coins) {
    return new BollingerBreakoutStrategy(of(params), coins);
  }

  private static BollingerBreakoutConfig of(StrategyParams params) {
    if (params instanceof BollingerBreakoutConfig c) {
      return c;
    }
    throw new IllegalArgumentException("not bollinger_breakout parameters: " + params.getClass().getSimpleName());
  }
}
