package io.slipstream.live.hl;

/**
 * The trigger of a Hyperliquid trigger order ({@code t.trigger} on the wire, API.md "Exchange actions"; the python
 * SDK's {@code TriggerOrderType}): the order stays off the book until the mark price reaches {@code triggerPx},
 * then it is sent as a market order ({@code isMarket}, filled with the exchange's market slippage but never beyond
 * the order's limit price {@code p}) or as a limit order at {@code p}.
 *
 * <p>Which way the price must move is set by {@code tpsl} and the order's side: a stop-loss ({@link Tpsl#SL})
 * selling a long fires when the price falls to or below {@code triggerPx}, one buying back a short when it rises to
 * or above it; a take-profit ({@link Tpsl#TP}) fires the other way.
 *
 * @param triggerPx the trigger price, USD, positive and on the asset's price grid (5 significant figures, at most
 *     {@code 6 - szDecimals} decimals; {@link PriceRules})
 * @param isMarket true for a trigger-market order (STOP_MARKET / TAKE_PROFIT_MARKET), false for a trigger-limit
 * @param tpsl take-profit or stop-loss
 */
public record Trigger(double triggerPx, boolean isMarket, Tpsl tpsl) {
  /** Checks the fields. */
  public Trigger {
    if (!(triggerPx > 0) || Double.isInfinite(triggerPx)) {
      throw new IllegalArgumentException("Argument 'triggerPx' must be positive and finite, was " + triggerPx);
    }
    if (tpsl == null) {
      throw new IllegalArgumentException("Argument 'tpsl' must not be null");
    }
  }

  /** Take-profit or stop-loss ({@code tpsl} on the wire). */
  public enum Tpsl {
    /** Take-profit: fires when the price moves in the position's favour. */
    TP("tp"),
    /** Stop-loss: fires when the price moves against the position. */
    SL("sl");

    private final String wire;

    Tpsl(String wire) {
      this.wire = wire;
    }

    /** @return {@code "tp"} or {@code "sl"} */
    public String wire() {
      return wire;
    }

    /**
     * @param wire {@code "tp"} or {@code "sl"}
     * @return the constant
     * @throws IllegalArgumentException naming the value when unknown
     */
    public static Tpsl ofWire(String wire) {
      for (Tpsl t : values()) {
        if (t.wire.equals(wire)) {
          return t;
        }
      }
      throw new IllegalArgumentException("tpsl must be \"tp\" or \"sl\", was \"" + wire + "\"");
    }
  }

  /**
   * Whether a price reaches this trigger for an order on the given side (the rule of the class comment).
   *
   * @param isBuy the order's side (a buy closes a short)
   * @param px a mark price, USD
   * @return true when the order fires at {@code px}
   */
  public boolean firesAt(boolean isBuy, double px) {
    boolean fallsTo = tpsl == Tpsl.SL ? !isBuy : isBuy;
    return fallsTo ? px <= triggerPx : px >= triggerPx;
  }
}
