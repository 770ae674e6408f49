package io.slipstream.live.hl;

import java.util.Optional;

/**
 * One open order as the {@code frontendOpenOrders} info request lists it: the fields of {@link OpenOrder} plus what
 * a trigger order needs (the python SDK's {@code Info.frontend_open_orders}: {@code isTrigger, triggerPx,
 * orderType, reduceOnly, isPositionTpsl}). Trigger orders waiting for their price are listed with
 * {@code isTrigger: true}.
 *
 * @param order coin, side, limit price (USD), remaining size (base asset), oid, placement time, cloid
 * @param isTrigger whether it is a trigger order (stop-loss or take-profit) that has not fired
 * @param triggerPx its trigger price, USD (NaN for a plain limit order)
 * @param orderType the exchange's label, e.g. {@code "Limit"}, {@code "Stop Market"}, {@code "Stop Limit"},
 *     {@code "Take Profit Market"}, {@code "Take Profit Limit"}
 * @param reduceOnly the reduce-only flag
 */
public record FrontendOrder(OpenOrder order, boolean isTrigger, double triggerPx, String orderType,
    boolean reduceOnly) {
  /**
   * @return the trigger's kind from {@link #orderType()} ({@code "Stop ..."} is a stop-loss,
   *     {@code "Take Profit ..."} a take-profit); empty for a non-trigger order
   */
  public Optional<Trigger.Tpsl> tpsl() {
    if (!isTrigger) {
      return Optional.empty();
    }
    if (orderType.startsWith("Stop")) {
      return Optional.of(Trigger.Tpsl.SL);
    }
    if (orderType.startsWith("Take Profit")) {
      return Optional.of(Trigger.Tpsl.TP);
    }
    return Optional.empty();
  }

  /** @return whether the trigger fires as a market order ({@code orderType} ends with {@code "Market"}) */
  public boolean isMarket() {
    return orderType.endsWith("Market");
  }
}
