package io.slipstream.data;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import java.io.Serializable;
import java.util.List;

/**
 * The market data a strategy and the ledger see, on one regular bar grid: OHLC prices (USD), base-asset volume,
 * and per-bar funding, all {@link Panel}s of the same shape (rows = bars by open time, columns = coins).
 *
 * <p>Masking (DESIGN.md convention 1): a bar that is missing or has {@code volume == 0} is NaN in every price
 * and volume panel. Funding: {@code funding(t, c)} is the sum of the hourly funding rates (decimal fraction,
 * timestamps floored to the hour {@code h}) with {@code open_t < h <= open_t + interval}; rates in the same hour
 * add up and a missing rate counts as 0 (convention 8), so the funding panel holds no NaN.
 *
 * <p>{@link Serializable} (Java serialization; the panels' shapes are checked again when read back), so that a
 * distributed engine can ship it to its workers once (a Spark broadcast).
 */
public record MarketData(Panel open, Panel high, Panel low, Panel close, Panel volume, Panel funding)
    implements Serializable {
  /** Validates that all panels share shape, interval, first open time and coins. */
  public MarketData {
    Checks.notNull(close, "close");
    for (Panel p : List.of(Checks.notNull(open, "open"), Checks.notNull(high, "high"), Checks.notNull(low, "low"),
        Checks.notNull(volume, "volume"), Checks.notNull(funding, "funding"))) {
      if (p.rows() != close.rows() || !p.coins().equals(close.coins()) || p.interval() != close.interval()
          || p.firstOpenMs() != close.firstOpenMs()) {
        throw new IllegalArgumentException("panels differ in shape: " + p + " vs " + close);
      }
    }
  }

  /** @return the bar interval */
  public BarInterval interval() {
    return close.interval();
  }

  /** @return number of bars */
  public int rows() {
    return close.rows();
  }

  /** @return the coins, in column order */
  public List<String> coins() {
    return close.coins();
  }

  /**
   * @param fromRow first row kept (inclusive)
   * @param toRow last row kept (exclusive)
   * @return the same data restricted to rows {@code [fromRow, toRow)}
   */
  public MarketData sliceRows(int fromRow, int toRow) {
    return new MarketData(open.sliceRows(fromRow, toRow), high.sliceRows(fromRow, toRow),
        low.sliceRows(fromRow, toRow), close.sliceRows(fromRow, toRow), volume.sliceRows(fromRow, toRow),
        funding.sliceRows(fromRow, toRow));
  }
}
