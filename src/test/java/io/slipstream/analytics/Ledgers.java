package io.slipstream.analytics;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.cost.FeeModel;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetWeights;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Ledgers for the analytics tests, all built through the real {@link Backtester}: a one-coin buy-and-hold with zero
 * costs (so the net returns are the coin's simple returns), and the real gradient 4h run of {@code config/gradient.json}
 * on the lake of the {@code slipstream.data} property (loaded once per JVM).
 */
public final class Ledgers {
  /** 2024-01-01T00:00Z, open time of the first bar of the hand ledgers. */
  public static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static BacktestResult gradient;
  private static MarketData gradientData;

  private Ledgers() {
  }

  /**
   * Weight 1 on one coin decided at the close of row 0, zero costs, no funding, booked from the bar after it.
   *
   * @param interval bar interval
   * @param close closes of the coin, first bar opens at {@link #T0}
   * @return the ledger: {@code close.length - 1} bars with net returns {@code close[i+1] / close[i] - 1}
   */
  public static BacktestResult holdOne(BarInterval interval, double... close) {
    return holdOne(interval, T0, close);
  }

  /** As {@link #holdOne(BarInterval, double...)} with the first bar opening at {@code t0Ms}. */
  public static BacktestResult holdOne(BarInterval interval, long t0Ms, double... close) {
    List<String> coins = List.of("A");
    Panel p = Panel.of(interval, t0Ms, close.length, coins, close);
    double[] ones = new double[close.length];
    Arrays.fill(ones, 1.0);
    MarketData md = new MarketData(p, p, p, p, p.withValues(ones), p.withValues(new double[close.length]));
    TargetWeights w = new TargetWeights(p.closeTimeMs(0), coins, new double[] {1.0}, 1, 0);
    return Backtester.run(md, row -> row == 0 ? Optional.of(w) : Optional.empty(), FeeModel.ZERO, false,
        Optional.of(p.closeTime(0)), Optional.empty());
  }

  /**
   * A buy-and-hold ledger whose net returns are {@code returns} (up to rounding of the closes).
   *
   * @param interval bar interval
   * @param returns simple returns per bar
   * @return the ledger
   */
  public static BacktestResult ofReturns(BarInterval interval, double... returns) {
    double[] close = new double[returns.length + 1];
    close[0] = 100;
    for (int i = 0; i < returns.length; i++) {
      close[i + 1] = close[i] * (1 + returns[i]);
    }
    return holdOne(interval, close);
  }

  /** @return the real gradient 4h run of {@code config/gradient.json} (start 2023-06-01, to the data end) */
  public static synchronized BacktestResult gradient4h() {
    if (gradient == null) {
      Path dir = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
      BacktestConfig cfg = ConfigParser.parse(Path.of("config/gradient.json"));
      MarketData md = Lake.load(dir, cfg.interval(), cfg.funding());
      gradient = Backtester.run(md, cfg);
      gradientData = md;
    }
    return gradient;
  }

  /** @return the market data of {@link #gradient4h()} (4h candles and funding of the lake) */
  public static synchronized MarketData gradient4hData() {
    gradient4h();
    return gradientData;
  }
}
