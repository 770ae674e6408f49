package io.slipstream.live.mm;

/**
 * One Hyperliquid public trade (the {@code trades} channel).
 *
 * @param coin the coin
 * @param px trade price, USD, {@code > 0}
 * @param sz trade size, HL units, {@code > 0}
 * @param buyerAggressor true when the taker bought (side {@code B}: it lifted asks), false when it sold
 * @param eventTimeMs exchange time, epoch ms UTC
 * @param receiveTimeMs local receive time, epoch ms UTC
 */
public record Trade(String coin, double px, double sz, boolean buyerAggressor, long eventTimeMs, long receiveTimeMs) {
  /** Checks the fields. */
  public Trade {
    if (coin == null || !(px > 0) || !(sz > 0) || Double.isInfinite(px) || Double.isInfinite(sz)) {
      throw new IllegalArgumentException("Trade " + coin + " needs px > 0 and sz > 0, was " + sz + "@" + px);
    }
  }
}
