package io.slipstream.live.fake;

import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.hl.Trigger;
import java.util.Optional;

/**
 * A snapshot of one order the fake exchange assigned an oid to (every order that passed the structural, price,
 * size and cloid checks, including those rejected afterwards by the Alo, Ioc, minimum-value or reduce-only rules).
 *
 * @param oid exchange order id
 * @param user the account (lowercase address)
 * @param coin the coin
 * @param isBuy side
 * @param limitPx limit price, USD
 * @param origSz original size, base asset
 * @param sz remaining (unfilled, not cancelled) size, base asset; 0 once final
 * @param filledSz total filled size, base asset
 * @param tif time in force
 * @param reduceOnly reduce-only flag
 * @param cloid client order id, lowercase, when set
 * @param status Hyperliquid order status: {@code open, filled, canceled, scheduledCancel, reduceOnlyCanceled,
 *     badAloPxRejected, iocCancelRejected, minTradeNtlRejected, reduceOnlyRejected} ({@code triggered} is pushed
 *     when a trigger order fires, before its final status)
 * @param timestampMs placement time, epoch ms
 * @param statusTimestampMs time of the last status change, epoch ms
 * @param trigger the trigger of a trigger order (stop-loss or take-profit), empty for a limit order
 * @param triggered whether the trigger fired
 */
public record FakeOrder(long oid, String user, String coin, boolean isBuy, double limitPx, double origSz, double sz,
    double filledSz, Tif tif, boolean reduceOnly, Optional<String> cloid, String status, long timestampMs,
    long statusTimestampMs, Optional<Trigger> trigger, boolean triggered) {
  /** @return whether it is a trigger order still waiting for its price (open, but not on the book) */
  public boolean isWaitingTrigger() {
    return trigger.isPresent() && !triggered && isOpen();
  }

  /** @return whether the order rests on the book */
  public boolean isOpen() {
    return "open".equals(status);
  }

  /** @return whether the exchange rejected the order (status ends with {@code Rejected}) */
  public boolean isRejected() {
    return status.endsWith("Rejected");
  }

  /** @return the order in the adapter's vocabulary (remaining size) */
  public OpenOrder toOpenOrder() {
    return new OpenOrder(coin, isBuy, limitPx, sz, oid, timestampMs, cloid);
  }
}
