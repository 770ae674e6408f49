package io.slipstream.strategy.breakout;

import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.DollarAdv;
import io.slipstream.signal.RollingWindow;
import io.slipstream.strategy.BarContext;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.Strategy;
import io.slipstream.strategy.breakout.BollingerBreakoutConfig.ExitAt;
import io.slipstream.strategy.sizing.InverseVolBook;
import java.util.List;
import java.util.Optional;

/**
 * Bollinger-band breakout confirmed by a volume spike ({@code bollinger_breakout}).
 *
 * <p><b>Thesis.</b> A close beyond a volatility band on unusually high volume marks new information or forced flow
 * that a crowd has not finished trading on (time-series momentum at the shortest horizon; volume confirmation
 * filters the noise breaks of a quiet tape). <b>Expected edge</b>: positively skewed trades (many small losses on
 * failed breaks cut at the middle band, a few large trend legs), concentrated in trending regimes; turnover is
 * event-driven, so costs are moderate. <b>Data</b>: closes and volumes (no funding, no high/low). <b>Risks</b>:
 * false breakouts in ranges (whipsaw), gap-through-stop losses on the exit (exits are checked at bar closes only),
 * crowding with other breakout traders, funding paid on longs in euphoric markets, and a regime dependence that a
 * short sample can hide.
 *
 * <p><b>Rules at every bar close t</b> (decisions every bar), per coin:
 * <ol>
 *   <li>{@code middle = SMA_n(close)} and {@code sd} = sample standard deviation ({@code ddof = 1}) over bars
 *       {@code t-n+1..t} ({@link RollingWindow}, the convention of {@link io.slipstream.signal.Indicators#bollinger}),
 *       {@code upper/lower = middle +- band_std sd}; {@code vbar} = mean volume over bars {@code t-m..t-1}
 *       ({@code m = volume_bars}, the signal bar excluded);</li>
 *   <li>exit a held long when {@code close <= middle} ({@code exit_at = middle}) or {@code close <= upper}
 *       ({@code band}); a held short when {@code close >= middle} or {@code close >= lower}; exit after
 *       {@code max_hold_bars} bars held, and when the coin leaves the universe ({@link InverseVolBook}) or its band is
 *       NaN;</li>
 *   <li>enter a flat coin in the universe long when {@code close > upper} and {@code volume > volume_multiple x vbar};
 *       short when {@code close < lower} with the same spike (only with {@code allow_short});</li>
 *   <li>when any position opened or closed at t, every open position is re-sized by inverse volatility to
 *       {@code gross_leverage} with the {@code max_position_pct} cap ({@link InverseVolBook#weights}, not dollar
 *       neutral); otherwise no target is returned (the drifted book is held).</li>
 * </ol>
 * Registered by {@link BollingerBreakoutSpec}.
 */
public final class BollingerBreakoutStrategy implements Strategy {
  private static final List<String> SIGNALS = List.of("middle", "upper", "lower", "volume_mean", "side", "bars_held");

  private final BollingerBreakoutConfig config;
  private final List<String> coins;
  private final InverseVolBook book;
  private final RollingWindow[] closes;
  private final RollingWindow[] volumes;
  private final double[] middle;
  private final double[] sd;
  private final double[] vbar;
  private final int[] side;
  private final int[] held;

  /**
   * @param config parameters
   * @param coins the coins, in the column order of the contexts that will be fed
   */
  public BollingerBreakoutStrategy(BollingerBreakoutConfig config, List<String> coins) {
    this.config = config;
    this.coins = List.copyOf(coins);
    int n = this.coins.size();
    this.book = new InverseVolBook(config.book(), this.coins, DollarAdv.windowBars(config.interval()));
    this.closes = new RollingWindow[n];
    this.volumes = new RollingWindow[n];
    for (int c = 0; c < n; c++) {
      closes[c] = new RollingWindow(config.bandBars());
      volumes[c] = new RollingWindow(config.volumeBars());
    }
    this.middle = new double[n];
    this.sd = new double[n];
    this.vbar = new double[n];
    this.side = new int[n];
    this.held = new int[n];
  }

  @Override
  public String name() {
    return BollingerBreakoutSpec.NAME;
  }

  @Override
  public List<String> coins() {
    return coins;
  }

  @Override
  public Requirements requirements() {
    return BollingerBreakoutSpec.requirementsOf(config);
  }

  @Override
  public Optional<TargetWeights> onBar(BarContext bar) {
    double[] close = bar.close();
    double[] volume = bar.volume();
    book.update(close, volume);
    double k = config.bandStd();
    boolean changed = false;
    for (int c = 0; c < coins.size(); c++) {
      double x = close[c];
      vbar[c] = volumes[c].mean();
      volumes[c].update(volume[c]);
      closes[c].update(x);
      middle[c] = closes[c].mean();
      sd[c] = closes[c].std();
      double upper = middle[c] + k * sd[c];
      double lower = middle[c] - k * sd[c];
      boolean ok = upper == upper && book.tradable(c);
      if (side[c] != 0) {
        held[c]++;
        boolean back = config.exitAt() == ExitAt.MIDDLE
            ? (side[c] > 0 ? x <= middle[c] : x >= middle[c])
            : (side[c] > 0 ? x <= upper : x >= lower);
        if (!ok || back || held[c] >= config.maxHoldBars()) {
          side[c] = 0;
          held[c] = 0;
          changed = true;
        }
        continue;
      }
      if (!ok || !(volume[c] > config.volumeMultiple() * vbar[c])) {
        continue;
      }
      if (x > upper) {
        side[c] = 1;
        changed = true;
      } else if (config.allowShort() && x < lower) {
        side[c] = -1;
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
    double k = config.bandStd();
    return new double[] {middle[coin], middle[coin] + k * sd[coin], middle[coin] - k * sd[coin], vbar[coin],
        side[coin], held[coin]};
  }
}
