package io.slipstream.live.mm;

import java.util.Arrays;
import java.util.List;

/**
 * Recorded market events in columnar arrays, each stream sorted by event time (stable): CEX and HL best bid/offer,
 * HL trades and funding rates. Coins are indices into {@link #coins()}. Prices and sizes are in HL units (the
 * recorder converts CEX values through the {@link SymbolMap}). Arrays are owned by the tape: callers must not
 * modify them.
 *
 * @param coins the coins, index = the {@code coin} code of every stream
 * @param cex CEX best bid/offer
 * @param hl HL best bid/offer
 * @param trades HL public trades
 * @param funding HL funding rates ({@code time} = settlement time, fraction per funding interval)
 */
public record MarketTape(List<String> coins, BboStream cex, BboStream hl, TradeStream trades,
    FundingStream funding) {
  /** Copies the coin list. */
  public MarketTape {
    coins = List.copyOf(coins);
  }

  /** @return the total number of BBO and trade events */
  public long events() {
    return (long) cex.size() + hl.size() + trades.size();
  }

  /**
   * Best bid/offer updates of one venue.
   *
   * @param coin coin index per row
   * @param eventMs venue event time, epoch ms
   * @param receiveMs local receive time, epoch ms
   * @param bidPx best bid, USD
   * @param bidSz best bid size, HL units
   * @param askPx best ask, USD
   * @param askSz best ask size, HL units
   */
  public record BboStream(int[] coin, long[] eventMs, long[] receiveMs, double[] bidPx, double[] bidSz,
      double[] askPx, double[] askSz) {
    /** Checks that every column has one length. */
    public BboStream {
      int n = coin.length;
      if (eventMs.length != n || receiveMs.length != n || bidPx.length != n || bidSz.length != n
          || askPx.length != n || askSz.length != n) {
        throw new IllegalArgumentException("BboStream columns differ in length");
      }
    }

    /** @return the number of rows */
    public int size() {
      return coin.length;
    }

    /** @return the rows reordered by event time (stable) */
    public BboStream sorted() {
      int[] o = order(eventMs);
      return new BboStream(pick(coin, o), pick(eventMs, o), pick(receiveMs, o), pick(bidPx, o), pick(bidSz, o),
          pick(askPx, o), pick(askSz, o));
    }
  }

  /**
   * HL public trades.
   *
   * @param coin coin index per row
   * @param eventMs exchange time, epoch ms
   * @param receiveMs local receive time, epoch ms
   * @param px price, USD
   * @param sz size, HL units
   * @param buyerAggressor true when the taker bought
   */
  public record TradeStream(int[] coin, long[] eventMs, long[] receiveMs, double[] px, double[] sz,
      boolean[] buyerAggressor) {
    /** Checks that every column has one length. */
    public TradeStream {
      int n = coin.length;
      if (eventMs.length != n || receiveMs.length != n || px.length != n || sz.length != n
          || buyerAggressor.length != n) {
        throw new IllegalArgumentException("TradeStream columns differ in length");
      }
    }

    /** @return the number of rows */
    public int size() {
      return coin.length;
    }

    /** @return the rows reordered by event time (stable) */
    public TradeStream sorted() {
      int[] o = order(eventMs);
      boolean[] b = new boolean[o.length];
      for (int i = 0; i < o.length; i++) {
        b[i] = buyerAggressor[o[i]];
      }
      return new TradeStream(pick(coin, o), pick(eventMs, o), pick(receiveMs, o), pick(px, o), pick(sz, o), b);
    }
  }

  /**
   * Funding settlements.
   *
   * @param coin coin index per row
   * @param timeMs settlement time, epoch ms
   * @param rate funding rate, fraction of notional per funding interval (longs pay when positive)
   */
  public record FundingStream(int[] coin, long[] timeMs, double[] rate) {
    /** Checks the lengths. */
    public FundingStream {
      if (timeMs.length != coin.length || rate.length != coin.length) {
        throw new IllegalArgumentException("FundingStream columns differ in length");
      }
    }

    /** @return the number of rows */
    public int size() {
      return coin.length;
    }

    /** @return the rows reordered by time (stable) */
    public FundingStream sorted() {
      int[] o = order(timeMs);
      return new FundingStream(pick(coin, o), pick(timeMs, o), pick(rate, o));
    }

    /** @return an empty stream */
    public static FundingStream empty() {
      return new FundingStream(new int[0], new long[0], new double[0]);
    }
  }

  static int[] order(long[] t) {
    boolean sorted = true;
    for (int i = 1; i < t.length && sorted; i++) {
      sorted = t[i] >= t[i - 1];
    }
    int[] o = new int[t.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    if (sorted) {
      return o;
    }
    Integer[] boxed = Arrays.stream(o).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (a, b) -> Long.compare(t[a], t[b]));
    return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
  }

  private static int[] pick(int[] a, int[] o) {
    int[] r = new int[o.length];
    for (int i = 0; i < o.length; i++) {
      r[i] = a[o[i]];
    }
    return r;
  }

  private static long[] pick(long[] a, int[] o) {
    long[] r = new long[o.length];
    for (int i = 0; i < o.length; i++) {
      r[i] = a[o[i]];
    }
    return r;
  }

  private static double[] pick(double[] a, int[] o) {
    double[] r = new double[o.length];
    for (int i = 0; i < o.length; i++) {
      r[i] = a[o[i]];
    }
    return r;
  }
}
