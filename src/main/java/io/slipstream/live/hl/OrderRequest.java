package io.slipstream.live.hl;

import java.util.Optional;

/**
 * One order of an {@code order} action: a limit order ({@code t.limit.tif}), or a trigger order
 * ({@code t.trigger}: stop-loss or take-profit, market or limit; {@link Trigger}) when {@code trigger} is present.
 * Price and size must already satisfy the exchange's rounding rules ({@link PriceRules}); the wire form is made by
 * {@link WireFormat} when the action is built, which refuses a value that 8 decimals cannot carry.
 *
 * @param asset asset index ({@code a})
 * @param coin the coin (for logs and the audit trail; not sent)
 * @param isBuy side ({@code b})
 * @param px limit price, USD ({@code p})
 * @param sz size, base asset, positive ({@code s})
 * @param reduceOnly {@code r}
 * @param tif time in force ({@code t.limit.tif}); a trigger order rests until it fires, so it carries
 *     {@link Tif#GTC} (not sent)
 * @param cloid client order id {@code 0x} + 32 lowercase hex ({@code c}), optional
 * @param trigger the trigger of a trigger order ({@code t.trigger}); empty for a limit order
 */
public record OrderRequest(int asset, String coin, boolean isBuy, double px, double sz, boolean reduceOnly, Tif tif,
    Optional<String> cloid, Optional<Trigger> trigger) {
  /**
   * A limit order (no trigger).
   *
   * @param asset asset index
   * @param coin the coin (not sent)
   * @param isBuy side
   * @param px limit price, USD
   * @param sz size, base asset
   * @param reduceOnly reduce-only flag
   * @param tif time in force
   * @param cloid client order id, optional
   * @throws IllegalArgumentException as the canonical constructor
   */
  public OrderRequest(int asset, String coin, boolean isBuy, double px, double sz, boolean reduceOnly, Tif tif,
      Optional<String> cloid) {
    this(asset, coin, isBuy, px, sz, reduceOnly, tif, cloid, Optional.empty());
  }

  /**
   * A STOP_MARKET order: a reduce-only stop-loss trigger that, once the mark reaches {@code triggerPx}, is sent as a
   * market order filled no worse than {@code limitPx} (the python SDK's {@code {"trigger": {"triggerPx",
   * "isMarket": true, "tpsl": "sl"}}}).
   *
   * @param asset asset index
   * @param coin the coin (not sent)
   * @param isBuy side (true buys back a short, false sells a long)
   * @param triggerPx trigger price, USD, on the price grid
   * @param limitPx the worst fill price once triggered, USD, on the price grid
   * @param sz size, base asset
   * @param cloid client order id, optional
   * @return the order
   * @throws IllegalArgumentException when a price or size is not positive and finite, or the cloid is malformed
   */
  public static OrderRequest stopMarket(int asset, String coin, boolean isBuy, double triggerPx, double limitPx,
      double sz, Optional<String> cloid) {
    return new OrderRequest(asset, coin, isBuy, limitPx, sz, true, Tif.GTC, cloid,
        Optional.of(new Trigger(triggerPx, true, Trigger.Tpsl.SL)));
  }

  /** Checks the fields. */
  public OrderRequest {
    if (!(px > 0) || Double.isInfinite(px)) {
      throw new IllegalArgumentException("order px must be positive and finite, was " + px + " (" + coin + ")");
    }
    if (!(sz > 0) || Double.isInfinite(sz)) {
      throw new IllegalArgumentException("order sz must be positive and finite, was " + sz + " (" + coin + ")");
    }
    if (cloid.isPresent() && !cloid.get().matches("0x[0-9a-f]{32}")) {
      throw new IllegalArgumentException("order cloid must be 0x + 32 lowercase hex, was \"" + cloid.get() + "\"");
    }
    if (trigger == null) {
      throw new IllegalArgumentException("order trigger must be an Optional, was null (" + coin + ")");
    }
    if (trigger.isPresent() && tif != Tif.GTC) {
      throw new IllegalArgumentException("a trigger order carries tif Gtc (it rests until it fires), was " + tif
          + " (" + coin + ")");
    }
  }
}
