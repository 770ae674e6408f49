package io.slipstream.strategy.sizing;

import static io.slipstream.core.ConfigNodes.openClosed;
import static io.slipstream.core.ConfigNodes.nonNegative;
import static io.slipstream.core.ConfigNodes.positiveInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.Checks;
import java.util.LinkedHashMap;

/**
 * The sizing and universe keys shared by the signal strategies of {@code rsi_reversion}, {@code funding_carry} and
 * {@code bollinger_breakout} (one parser, one set of key names): inverse-volatility sizing to a gross leverage with a
 * per-coin cap ({@link InverseVolBook}), over the liquid universe of DESIGN.md convention 6
 * ({@link io.slipstream.signal.LiquidityUniverse}).
 *
 * @param volSpan EW volatility span of the log returns, bars ({@code vol_span}, {@code >= 1}); also the volatility
 *     warm-up
 * @param grossLeverage {@code sum |w|} when no position is capped, NAV multiple in (0, 100] ({@code gross_leverage})
 * @param maxPositionPct cap {@code |w_i| <= max_position_pct / 100}, percent of NAV in (0, 100]
 *     ({@code max_position_pct})
 * @param liquidityThresholdUsd trade size of the liquidity filter, USD {@code >= 0} ({@code liquidity_threshold_usd})
 * @param liquidityImpactPct largest share of the 24h dollar ADV, percent in (0, 100] ({@code liquidity_impact_pct})
 */
public record BookParams(int volSpan, double grossLeverage, double maxPositionPct, double liquidityThresholdUsd,
    double liquidityImpactPct) {
  /** Validates. @throws IllegalArgumentException naming the config key and value */
  public BookParams {
    Checks.positive(volSpan, "vol_span");
    if (!(grossLeverage > 0 && grossLeverage <= 100)) {
      throw new IllegalArgumentException("Argument 'gross_leverage' must be in (0, 100], was " + grossLeverage);
    }
    if (!(maxPositionPct > 0 && maxPositionPct <= 100)) {
      throw new IllegalArgumentException("Argument 'max_position_pct' must be in (0, 100], was " + maxPositionPct);
    }
    Checks.nonNegative(liquidityThresholdUsd, "liquidity_threshold_usd");
    if (!(liquidityImpactPct > 0 && liquidityImpactPct <= 100)) {
      throw new IllegalArgumentException("Argument 'liquidity_impact_pct' must be in (0, 100], was "
          + liquidityImpactPct);
    }
  }

  /** @param keys the section's key descriptions; the shared keys are appended in display order */
  public static void describe(LinkedHashMap<String, String> keys) {
    keys.put("vol_span", "EW volatility span of log returns for inverse-vol sizing, bars, >= 1");
    keys.put("gross_leverage", "sum |w| before per-coin caps, NAV multiple in (0, 100]");
    keys.put("max_position_pct", "|w| cap per coin, percent of NAV in (0, 100]");
    keys.put("liquidity_threshold_usd", "liquidity filter trade size, USD, >= 0");
    keys.put("liquidity_impact_pct", "largest share of 24h dollar ADV, percent in (0, 100]");
  }

  /**
   * Reads the shared keys (the caller checks the key set).
   *
   * @param section the strategy's section
   * @param prefix dotted path of the section
   * @return the parameters
   * @throws io.slipstream.core.ConfigException naming the dotted key and the value
   */
  public static BookParams parse(JsonNode section, String prefix) {
    return new BookParams(positiveInt(section, "vol_span", prefix),
        openClosed(section, "gross_leverage", prefix, 0, 100),
        openClosed(section, "max_position_pct", prefix, 0, 100),
        nonNegative(section, "liquidity_threshold_usd", prefix),
        openClosed(section, "liquidity_impact_pct", prefix, 0, 100));
  }

  /** @param o the section being written; the shared keys are added */
  public void write(ObjectNode o) {
    o.put("vol_span", volSpan);
    o.put("gross_leverage", grossLeverage);
    o.put("max_position_pct", maxPositionPct);
    o.put("liquidity_threshold_usd", liquidityThresholdUsd);
    o.put("liquidity_impact_pct", liquidityImpactPct);
  }

  /** @param p the report parameters; the shared ones are appended */
  public void report(LinkedHashMap<String, String> p) {
    write(p);
  }

  private void write(LinkedHashMap<String, String> p) {
    p.put("vol_span", String.valueOf(volSpan));
    p.put("gross_leverage", String.valueOf(grossLeverage));
    p.put("max_position_pct", String.valueOf(maxPositionPct));
    p.put("liquidity_threshold_usd", String.valueOf(liquidityThresholdUsd));
    p.put("liquidity_impact_pct", String.valueOf(liquidityImpactPct));
  }
}
