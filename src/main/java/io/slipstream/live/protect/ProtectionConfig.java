package io.slipstream.live.protect;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipstream.core.ConfigException;
import io.slipstream.core.ConfigNodes;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The optional {@code protection} section of a live config: exchange-side stop-loss and take-profit trigger orders
 * on every open position.
 *
 * <pre>
 * "protection": {"stop_loss_pct": 8, "take_profit_pct": 25, "order_type": "market", "slippage_pct": 5}
 * </pre>
 * For a position of signed size {@code q} with entry price {@code E} (the exchange's {@code entryPx}; the mid when
 * the exchange gives none), the stop-loss triggers at {@code E x (1 - stop_loss_pct/100)} for a long and
 * {@code E x (1 + stop_loss_pct/100)} for a short, the take-profit at {@code E x (1 + take_profit_pct/100)} for a
 * long and {@code E x (1 - take_profit_pct/100)} for a short, each rounded to the nearest valid price
 * ({@code PriceRules.roundPrice}); both close {@code |q|}, reduce-only. The order's limit price is the trigger price
 * moved {@code slippage_pct} against the close ({@code PriceRules.slippagePrice}: a sell below, a buy above): the
 * worst fill of a market trigger, the resting price of a limit trigger.
 *
 * @param stopLossPct {@code stop_loss_pct}: percent of the entry price, in {@code (0, 100)}; empty for no stop-loss
 * @param takeProfitPct {@code take_profit_pct}: percent of the entry price, in {@code (0, 100)} (a short's target
 *     must stay above 0); empty for no take-profit
 * @param market {@code order_type}: {@code "market"} (default; trigger-market, i.e. STOP_MARKET /
 *     TAKE_PROFIT_MARKET) or {@code "limit"} (trigger-limit)
 * @param slippagePct {@code slippage_pct} (default 5): percent, in {@code (0, 50]}
 */
public record ProtectionConfig(OptionalDouble stopLossPct, OptionalDouble takeProfitPct, boolean market,
    double slippagePct) {
  private static final Set<String> KEYS = Set.of("stop_loss_pct", "take_profit_pct", "order_type", "slippage_pct");

  /**
   * Parses the section.
   *
   * @param section the {@code protection} object
   * @return the config
   * @throws ConfigException naming the dotted key (and the value of a known key) when a key is unknown, a value is
   *     out of range, or neither {@code stop_loss_pct} nor {@code take_profit_pct} is given
   */
  public static ProtectionConfig parse(JsonNode section) {
    JsonNode p = ConfigNodes.objectValue(section, "protection");
    ConfigNodes.rejectUnknownKeys(p, KEYS, "protection.", "known");
    OptionalDouble sl = pct(p, "stop_loss_pct");
    OptionalDouble tp = pct(p, "take_profit_pct");
    if (sl.isEmpty() && tp.isEmpty()) {
      throw new ConfigException("protection", "needs stop_loss_pct and/or take_profit_pct (or leave the section out)");
    }
    boolean market = true;
    if (p.has("order_type")) {
      String t = ConfigNodes.textValue(p.get("order_type"), "protection.order_type");
      if (!t.equals("market") && !t.equals("limit")) {
        throw new ConfigException("protection.order_type", "must be \"market\" or \"limit\", was \"" + t + "\"");
      }
      market = t.equals("market");
    }
    double slip = 5.0;
    if (p.has("slippage_pct")) {
      slip = ConfigNodes.numberValue(p.get("slippage_pct"), "protection.slippage_pct");
      if (!(slip > 0 && slip <= 50)) {
        throw new ConfigException("protection.slippage_pct", "must be in (0, 50], was " + slip);
      }
    }
    return new ProtectionConfig(sl, tp, market, slip);
  }

  private static OptionalDouble pct(JsonNode p, String key) {
    JsonNode v = p.get(key);
    if (v == null || v.isNull()) {
      return OptionalDouble.empty();
    }
    double d = ConfigNodes.numberValue(v, "protection." + key);
    if (!(d > 0 && d < 100)) {
      throw new ConfigException("protection." + key, "must be in (0, 100) percent of the entry price, was " + d);
    }
    return OptionalDouble.of(d);
  }
}
