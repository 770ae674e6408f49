package io.slipstream.strategy.rsi;

import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.DollarAdv;
import io.slipstream.signal.WilderRsi;
import io.slipstream.strategy.BarContext;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.Strategy;
import io.slipstream.strategy.sizing.InverseVolBook;
import java.util.List;
import java.util.Optional;

/**
 * RSI mean reversion, cross-sectional over the liquid universe ({@code rsi_reversion}).
 *
 * <p><b>Thesis.</b> Short-horizon over-extension in perps is partly liquidity-driven (liquidation cascades, funding
 * squeezes, one-sided flow) and partly reverts once the forced flow is absorbed: a coin whose Wilder RSI is extreme
 * has, on average, overshot. <b>Expected edge</b>: small per trade (tens of bps), positive only where the reversion
 * beats the round-trip cost (about 2 x (fee + half spread + impact)); strongest on higher-frequency bars and in
 * range-bound regimes. <b>Data</b>: closes and volumes only (no funding, no high/low). <b>Risks</b>: trends (an RSI
 * above 75 can stay there for weeks: the short bleeds until the time stop), listing/delisting shocks, crowded
 * liquidation days where every coin is extreme at once (the book is then one-sided: it is not dollar neutral),
 * turnover and fees on 1h bars.
 *
 * <p><b>Rules at every bar close t</b> (decisions every bar), per coin, from data closed at or before t:
 * <ol>
 *   <li>RSI_t = Wilder RSI of closes over {@code rsi_bars} ({@link WilderRsi}); sigma_t, ADV_t and the universe as
 *       in {@link InverseVolBook};</li>
 *   <li>exit a held long when {@code RSI_t >= exit_level}, a held short when {@code RSI_t <= exit_level}; exit any
 *       position held {@code max_hold_bars} bars (time stop: entry at bar e, exit at bar {@code e + max_hold_bars});
 *       exit when the coin leaves the universe or its RSI is NaN (missing bar, flat window);</li>
 *   <li>after any exit the coin is disarmed until its RSI is back inside {@code [entry_lower, entry_upper]} (no
 *       re-entry into the same extreme straight after a time stop);</li>
 *   <li>enter a flat, armed coin in the universe: short when {@code RSI_t > entry_upper}, long when
 *       {@code RSI_t < entry_lower};</li>
 *   <li>when any position opened or closed at t, every open position is re-sized by inverse volatility to
 *       {@code gross_leverage} with the {@code max_position_pct} cap ({@link InverseVolBook#weights}, not dollar
 *       neutral); otherwise no target is returned (the drifted book is held: no trade).</li>
 * </ol>
 * The state (side and bars held per coin) lives in the strategy, so a backtest replays exactly what a live runner
 * would do. Registered by {@link RsiReversionSpec}.
 */
public final class RsiReversionStrategy implements Strategy {
  private static final List<String> SIGNALS = List.of("rsi", "sigma", "adv_usd", "side", "bars_held");

  private final RsiReversionConfig config;
  private final List<String> coins;
  private final InverseVolBook book;
  private final WilderRsi[] rsiState;
  private final double[] rsi;
  private final int[] side;
  private final int[] held;
  private final boolean[] disarmed;

  /**
   * @param config parameters
   * @param coins the coins, in the column order of the contexts that will be fed
   */
  public RsiReversionStrategy(RsiReversionConfig config, List<String> coins) {
    this.config = config;
    this.coins = List.copyOf(coins);
    int n = this.coins.size();
    this.book = new InverseVolBook(config.book(), this.coins, DollarAdv.windowBars(config.interval()));
    this.rsiState = new WilderRsi[n];
    for (int c = 0; c < n; c++) {
      rsiState[c] = new WilderRsi(config.rsiBars());
    }
    this.rsi = new double[n];
    this.side = new int[n];
    this.held = new int[n];
    this.disarmed = new boolean[n];
  }

  @Override
  public String name() {
    return RsiReversionSpec.NAME;
  }

  @Override
  public List<String> coins() {
    return coins;
  }

  @Override
  public Requirements requirements() {
    return RsiReversionSpec.requirementsOf(config);
  }

  @Override
  public Optional<TargetWeights> onBar(BarContext bar) {
    double[] close = bar.close();
    book.update(close, bar.volume());
    boolean changed = false;
    for (int c = 0; c < coins.size(); c++) {
      double r = rsiState[c].update(close[c]);
      rsi[c] = r;
      boolean ok = r == r && book.tradable(c);
      if (side[c] != 0) {
        held[c]++;
        boolean revert = side[c] > 0 ? r >= config.exitLevel() : r <= config.exitLevel();
        if (!ok || revert || held[c] >= config.maxHoldBars()) {
          side[c] = 0;
          held[c] = 0;
          disarmed[c] = true;
          changed = true;
        }
        continue;
      }
      if (disarmed[c] && r >= config.entryLower() && r <= config.entryUpper()) {
        disarmed[c] = false;
      }
      if (!ok || disarmed[c]) {
        continue;
      }
      if (r > config.entryUpper()) {
        side[c] = -1;
        changed = true;
      } else if (r < config.entryLower()) {
        side[c] = 1;
        changed = true;
      }
    }
    if (!changed) {
      return Optional.empty();
    }
    return Optional.of(book.size(bar.closeTimeMs(), side, false));
  }

  @Override
  public List<String> signalNames() {
    return SIGNALS;
  }

  @Override
  public double[] signals(int coin) {
    return new double[] {rsi[coin], book.sigma(coin), book.adv(coin), side[coin], held[coin]};
  }
}
