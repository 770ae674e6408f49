package io.slipstream.strategy.gradient;

import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.DollarAdv;
import io.slipstream.signal.GradientSignalState;
import io.slipstream.signal.GradientSignals;
import io.slipstream.strategy.BarContext;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.Strategy;
import java.util.List;
import java.util.Optional;

/**
 * The Gradient cross-sectional momentum strategy: per coin the {@link GradientSignalState} chain (log return,
 * EW volatility, vol-normalised return, multi-span EWMA momentum, dollar ADV), and at each rebalance close a
 * {@link RankBook} of the liquid universe (DESIGN.md conventions 2 to 7).
 *
 * <p>Two equivalent ways to run it: {@link #onBar(BarContext)} one bar at a time (the live adapter, and
 * {@link io.slipstream.strategy.BarReplay}), and {@link #batch(MarketData)}, which precomputes the signals over whole
 * panels for backtests. Both produce bit-identical target weights (tested by the strategy contract test).
 * Registered as {@code gradient} by {@link GradientSpec}.
 */
public final class GradientStrategy implements Strategy {
  private static final List<String> SIGNALS = List.of("score", "sigma", "adv_usd");

  private final GradientConfig config;
  private final List<String> coins;
  private final GradientSignalState[] states;
  private final RankBook book;
  private final double[] score;
  private final double[] sigma;
  private final double[] adv;

  /**
   * @param config strategy parameters
   * @param coins the coins, in the column order of the bars that will be fed
   */
  public GradientStrategy(GradientConfig config, List<String> coins) {
    this.config = config;
    this.coins = List.copyOf(coins);
    int n = this.coins.size();
    this.states = new GradientSignalState[n];
    int k = DollarAdv.windowBars(config.interval());
    for (int c = 0; c < n; c++) {
      states[c] = new GradientSignalState(config.lookbackSpans(), config.volSpan(), config.warmupBars(), k);
    }
    this.book = new RankBook(config, this.coins);
    this.score = new double[n];
    this.sigma = new double[n];
    this.adv = new double[n];
  }

  @Override
  public String name() {
    return GradientSpec.NAME;
  }

  @Override
  public Requirements requirements() {
    return GradientSpec.requirementsOf(config);
  }

  /** Reads the bar's closes and volumes only (DESIGN.md conventions 2 to 7). */
  @Override
  public Optional<TargetWeights> onBar(BarContext bar) {
    return onBar(bar.closeTimeMs(), bar.close(), bar.volume());
  }

  @Override
  public List<String> signalNames() {
    return SIGNALS;
  }

  /** @return {score, sigma (per bar, fraction), ADV (USD over the last 24 hours)} of the coin after the last bar */
  @Override
  public double[] signals(int coin) {
    GradientSignalState s = states[coin];
    return new double[] {s.score(), s.sigma(), s.adv()};
  }

  @Override
  public List<String> coins() {
    return coins;
  }

  /** @return the parameters */
  public GradientConfig config() {
    return config;
  }

  /**
   * Feeds one bar's closes and volumes (the whole of what this strategy reads).
   *
   * @param closeTimeMs the bars' close time, epoch ms UTC; one interval after the previous call
   * @param close close per coin in USD, NaN when missing or zero-volume. Not modified.
   * @param volume base-asset volume per coin, NaN when missing or zero-volume. Not modified.
   * @return target weights when this close is a rebalance time, else empty
   */
  public Optional<TargetWeights> onBar(long closeTimeMs, double[] close, double[] volume) {
    if (close.length != coins.size() || volume.length != coins.size()) {
      throw new IllegalArgumentException("bar rows have " + close.length + " closes and " + volume.length
          + " volumes for " + coins.size() + " coins");
    }
    for (int c = 0; c < states.length; c++) {
      states[c].update(close[c], volume[c]);
    }
    if (!config.isRebalanceTime(closeTimeMs)) {
      return Optional.empty();
    }
    for (int c = 0; c < states.length; c++) {
      score[c] = states[c].score();
      sigma[c] = states[c].sigma();
      adv[c] = states[c].adv();
    }
    return Optional.of(book.build(closeTimeMs, score, sigma, adv));
  }

  /** @return the signal state of column {@code c} after the last bar fed (for inspection and logging) */
  public GradientSignalState state(int c) {
    return states[c];
  }

  /**
   * Vectorised form for backtests: signals precomputed over the whole panels with {@link GradientSignals}, books
   * built at rebalance rows. Equal bit for bit to feeding the rows one at a time.
   *
   * @param data masked market data; its interval must equal the config's
   * @return targets by decision row
   * @throws IllegalArgumentException if the intervals differ
   */
  public TargetSource batch(MarketData data) {
    return batch(data, signals(config, data));
  }

  /**
   * The whole-panel signals a config's books are built from. They depend only on {@code lookback_spans},
   * {@code vol_span} and {@code warmup_bars} (and the data), so configs that differ only downstream (concentration,
   * rebalance hours, weights, leverage, liquidity, costs) can share one computation (the grid search does).
   *
   * @param config strategy parameters
   * @param data masked market data
   * @return signals over the whole panels, rows = bars, columns = coins
   */
  public static GradientSignals signals(GradientConfig config, MarketData data) {
    return GradientSignals.compute(data.close(), data.volume(), config.lookbackSpans(), config.volSpan(),
        config.warmupBars());
  }

  /**
   * {@link #batch(MarketData)} over signals computed beforehand with {@link #signals(GradientConfig, MarketData)}
   * for a config with this config's {@code lookback_spans}, {@code vol_span} and {@code warmup_bars} and the same
   * data; the result is bit-identical to {@link #batch(MarketData)}. The signals are only read, so one object can
   * serve many strategies on many threads.
   *
   * @param data masked market data; its interval must equal the config's
   * @param s the precomputed signals
   * @return targets by decision row
   * @throws IllegalArgumentException if the intervals differ or the signals' shape differs from the data's
   */
  public TargetSource batch(MarketData data, GradientSignals s) {
    checkInterval(data);
    if (s.rows() != data.rows() || s.columns() != coins.size()) {
      throw new IllegalArgumentException("signals have " + s.rows() + " x " + s.columns() + " values for "
          + data.rows() + " bars x " + coins.size() + " coins");
    }
    Panel close = data.close();
    int n = coins.size();
    return row -> {
      long closeMs = close.closeTimeMs(row);
      if (!config.isRebalanceTime(closeMs)) {
        return Optional.empty();
      }
      for (int c = 0; c < n; c++) {
        score[c] = s.score(row, c);
        sigma[c] = s.sigma(row, c);
        adv[c] = score[c] == score[c] ? s.adv(row, c) : Double.NaN;
      }
      return Optional.of(book.build(closeMs, score, sigma, adv));
    };
  }

  private void checkInterval(MarketData data) {
    if (data.interval() != config.interval()) {
      throw new IllegalArgumentException("data interval " + data.interval().label() + " differs from config interval "
          + config.interval().label());
    }
    if (!data.coins().equals(coins)) {
      throw new IllegalArgumentException("data coins differ from the strategy's coins");
    }
  }
}
