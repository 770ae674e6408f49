package io.slipstream.live.mm;

/** The two venues Brawler listens to. */
public enum Feed {
  /** The anchor: Binance USD-M futures {@code bookTicker}. */
  CEX,
  /** The quoted venue: Hyperliquid {@code l2Book} / {@code trades}. */
  HL;

  /** @return the lower-case name used in files and messages ({@code cex}, {@code hl}) */
  public String label() {
    return this == CEX ? "cex" : "hl";
  }
}
