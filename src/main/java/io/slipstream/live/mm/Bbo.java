package io.slipstream.live.mm;

/**
 * One best-bid/offer update of one venue, in Hyperliquid units (CEX prices and sizes already converted through the
 * {@link SymbolMap}).
 *
 * @param coin the Hyperliquid coin (e.g. {@code BTC}, {@code kPEPE})
 * @param feed the venue
 * @param bidPx best bid, USD per HL unit, {@code > 0}
 * @param bidSz displayed size at the best bid, HL units, {@code >= 0}
 * @param askPx best ask, USD per HL unit, {@code > bidPx}
 * @param askSz displayed size at the best ask, HL units, {@code >= 0}
 * @param eventTimeMs the venue's event time, epoch ms UTC
 * @param receiveTimeMs when this process received it, epoch ms UTC
 */
public record Bbo(String coin, Feed feed, double bidPx, double bidSz, double askPx, double askSz, long eventTimeMs,
    long receiveTimeMs) {
  /** Checks the prices and sizes. */
  public Bbo {
    if (coin == null || feed == null) {
      throw new IllegalArgumentException("Bbo coin and feed must not be null");
    }
    if (!(bidPx > 0) || !(askPx > bidPx) || !(bidSz >= 0) || !(askSz >= 0) || Double.isInfinite(askPx)
        || Double.isInfinite(bidSz) || Double.isInfinite(askSz)) {
      throw new IllegalArgumentException("Bbo " + feed.label() + " " + coin + " needs 0 < bid < ask and sizes >= 0,"
          + " was bid " + bidSz + "@" + bidPx + " ask " + askSz + "@" + askPx);
    }
  }

  /** @return (bid + ask) / 2, USD */
  public double mid() {
    return (bidPx + askPx) / 2;
  }
}
