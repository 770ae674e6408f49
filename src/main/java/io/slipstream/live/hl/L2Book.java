package io.slipstream.live.hl;

import java.util.List;

/**
 * An {@code l2Book} snapshot (REST reply or WebSocket message): bids best (highest) first, asks best (lowest) first.
 *
 * @param coin the coin
 * @param timeMs snapshot time, epoch ms UTC
 * @param bids bid levels, descending price
 * @param asks ask levels, ascending price
 */
public record L2Book(String coin, long timeMs, List<BookLevel> bids, List<BookLevel> asks) {
  /** Copies the lists. */
  public L2Book {
    bids = List.copyOf(bids);
    asks = List.copyOf(asks);
  }

  /** @return the best bid price, NaN when the bid side is empty */
  public double bestBid() {
    return bids.isEmpty() ? Double.NaN : bids.get(0).px();
  }

  /** @return the best ask price, NaN when the ask side is empty */
  public double bestAsk() {
    return asks.isEmpty() ? Double.NaN : asks.get(0).px();
  }

  /** @return (best bid + best ask) / 2, NaN when a side is empty */
  public double mid() {
    return (bestBid() + bestAsk()) / 2;
  }
}
