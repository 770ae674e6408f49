package io.slipstream.live.hl;

/**
 * The exchange's per-order answer to an {@code order} action ({@code response.data.statuses[i]}).
 */
public sealed interface OrderAck {
  /** The order rests on the book. @param oid exchange order id */
  record Resting(long oid) implements OrderAck {
  }

  /**
   * The order filled (in part, for an Ioc; the rest is cancelled).
   *
   * @param totalSz filled size, base asset
   * @param avgPx average fill price, USD
   * @param oid exchange order id
   */
  record Filled(double totalSz, double avgPx, long oid) implements OrderAck {
  }

  /** The order was rejected. @param error the exchange's error text, verbatim */
  record Rejected(String error) implements OrderAck {
  }
}
