package io.slipstream.portfolio;

import io.slipstream.core.Checks;
import io.slipstream.data.Panel;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Size decimals per coin: Hyperliquid accepts order sizes rounded to {@code szDecimals} decimals, so one lot is
 * {@code 10^-szDecimals} coins ({@code /work/shared/hyperliquid/API.md}, "Size rule"). Live, the values come from the
 * exchange's {@code meta} reply ({@link #of(Map)}). Backtests without {@code meta} use an estimate from the price
 * ({@link #estimate(double)}, {@link #fromFirstPrices(Panel)}).
 *
 * <p>The estimate: {@code szDecimals = clamp(ceil(log10(price)), 0, 5)}, i.e. the fewest decimals for which one lot
 * is worth at most 1 USD, evaluated at the coin's first valid close in the data (the closest price to its listing,
 * when the exchange fixed the value). Checked by {@code tools/lots_szdecimals_check.py} against 17 real values
 * (BTC 5, ETH 4, ATOM 2, DYDX 1, SOL 2, AVAX 2, BNB 3, APE 1, OP 1, LTC 2, ARB 1, DOGE 0, INJ 1, SUI 1 from a
 * published {@code meta} reply; HYPE 2, kPEPE 0, TAO 1 from recorded client fixtures): 15 of 17 match. The misses
 * are OP (estimate 0: its first bar with volume in this data is in 2025 at 0.82 USD, far below its listing price)
 * and TAO (estimate 3 at 641 USD, real 1). The alternative rules do worse: {@code floor(log10 p)} matches 2 of 17
 * at the first price and 6 at the last; {@code ceil} at the last price 8. An estimate is only a backtest
 * approximation of the lot grid; live code uses {@code meta}.
 */
public final class SzDecimals {
  /** Largest estimate (BTC's value). */
  public static final int MAX_ESTIMATE = 5;
  /** Largest value accepted: lots below {@code 1e-15} coins are beyond what a double sized position resolves. */
  public static final int MAX_DECIMALS = 15;

  private final Map<String, Integer> values;

  private SzDecimals(Map<String, Integer> values) {
    this.values = values;
  }

  /**
   * Values from the exchange ({@code meta.universe[i].szDecimals} by {@code name}).
   *
   * @param szDecimalsByCoin decimals per coin, each in {@code [0, MAX_DECIMALS]}. Not modified.
   * @return the table
   * @throws IllegalArgumentException naming the coin for a null, negative or too large value
   */
  public static SzDecimals of(Map<String, Integer> szDecimalsByCoin) {
    Checks.notNull(szDecimalsByCoin, "szDecimalsByCoin");
    Map<String, Integer> m = new TreeMap<>();
    for (Map.Entry<String, Integer> e : szDecimalsByCoin.entrySet()) {
      Integer v = e.getValue();
      if (e.getKey() == null || v == null || v < 0 || v > MAX_DECIMALS) {
        throw new IllegalArgumentException("szDecimals of coin '" + e.getKey() + "' must be in [0, " + MAX_DECIMALS
            + "], was " + v);
      }
      m.put(e.getKey(), v);
    }
    return new SzDecimals(m);
  }

  /**
   * The estimate from a price: the smallest {@code d} in {@code [0, 5]} with {@code price x 10^-d <= 1} USD, i.e.
   * {@code clamp(ceil(log10(price)), 0, 5)} (computed without logarithms, so exact at powers of ten).
   *
   * @param priceUsd a price in USD, finite and {@code > 0}
   * @return the estimated size decimals
   * @throws IllegalArgumentException if the price is not finite and positive
   */
  public static int estimate(double priceUsd) {
    Checks.positive(priceUsd, "priceUsd");
    int d = 0;
    double lot = priceUsd;
    while (d < MAX_ESTIMATE && lot > 1.0) {
      d++;
      lot = priceUsd / POW10[d];
    }
    return d;
  }

  /**
   * Estimates every coin of a panel from its first valid close ({@link #estimate(double)}); coins without any valid
   * close are left out. Using the first price is causal for any decision after the coin's first bar.
   *
   * @param close close prices in USD; rows = bars, columns = coins. Not modified.
   * @return the table
   */
  public static SzDecimals fromFirstPrices(Panel close) {
    Map<String, Integer> m = new TreeMap<>();
    for (int c = 0; c < close.columns(); c++) {
      for (int t = 0; t < close.rows(); t++) {
        double p = close.get(t, c);
        if (p > 0 && p < Double.POSITIVE_INFINITY) {
          m.put(close.coins().get(c), estimate(p));
          break;
        }
      }
    }
    return new SzDecimals(m);
  }

  /**
   * @param coin a coin
   * @return its size decimals, empty when unknown
   */
  public OptionalInt find(String coin) {
    Integer v = values.get(coin);
    return v == null ? OptionalInt.empty() : OptionalInt.of(v);
  }

  /**
   * @param coin a coin
   * @return its size decimals
   * @throws IllegalArgumentException naming the coin when it is unknown
   */
  public int get(String coin) {
    Integer v = values.get(coin);
    if (v == null) {
      throw new IllegalArgumentException("no szDecimals for coin '" + coin + "'");
    }
    return v;
  }

  /**
   * @param coins coins, in the order wanted
   * @return their size decimals, same order
   * @throws IllegalArgumentException naming the first unknown coin
   */
  public int[] forCoins(List<String> coins) {
    int[] out = new int[coins.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = get(coins.get(i));
    }
    return out;
  }

  /**
   * @param coin a coin
   * @return one lot in coins, {@code 10^-szDecimals}
   * @throws IllegalArgumentException naming the coin when it is unknown
   */
  public double lotSize(String coin) {
    return 1.0 / POW10[get(coin)];
  }

  /** @return the table as an unmodifiable sorted map */
  public Map<String, Integer> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /** Exact powers of ten as doubles, {@code 10^0 .. 10^MAX_DECIMALS}. */
  static final double[] POW10 = new double[MAX_DECIMALS + 1];

  static {
    POW10[0] = 1.0;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10.0;
    }
  }

  @Override
  public String toString() {
    return "SzDecimals" + values;
  }
}
