package io.slipstream.strategy.carry;

import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.DollarAdv;
import io.slipstream.signal.Ewma;
import io.slipstream.strategy.BarContext;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.Strategy;
import io.slipstream.strategy.sizing.InverseVolBook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Funding carry ({@code funding_carry}): short the perps whose funding is persistently high, long those whose
 * funding is persistently negative, dollar neutral.
 *
 * <p><b>Thesis.</b> Perp funding transfers from the crowded side to the other; persistent positive funding means
 * levered longs pay to hold, and the short collects it while the long leg collects negative funding. Funding is
 * autocorrelated (it is a premium for demand that does not clear at once), so its recent average forecasts the next
 * payments. <b>Expected edge</b>: the funding received (a few to tens of percent a year on the selected gross) minus
 * the price drift of crowded coins (crowded longs often keep rising in the short run: the price leg can swamp the
 * carry) minus trading costs; it is a slow signal, so rebalancing daily or less keeps the fee drag low.
 * <b>Data</b>: closes, volumes and the hourly funding rates ({@code readsFunding}). <b>Risks</b>: squeezes of the
 * short leg (high funding coins are the momentum names), funding regime flips, delistings, the sign convention of the
 * data (positive = longs pay, DESIGN.md convention 8), and a thin long side (negative funding is rare: with no
 * candidate on one side the book is flat).
 *
 * <p><b>Rules.</b> At every bar, per listed coin (finite close): {@code m_t = EWMA(f)} and {@code s_t = EWMA(sign f)}
 * ({@link Ewma}, span {@code funding_span_hours / interval hours} bars) of the per-bar funding {@code f}
 * ({@link BarContext#funding()}, fraction of notional, positive = longs pay); a bar with a NaN close is skipped. At
 * each rebalance close (every {@code rebalance_hours}), among coins in the liquid universe ({@link InverseVolBook})
 * with at least a span of funding observations and with {@code APR = 100 m_t x periods per year}:
 * short candidates have {@code APR > min_abs_funding_apr_pct} and {@code s_t >= min_sign_consistency}, long
 * candidates {@code APR < -min_abs_funding_apr_pct} and {@code s_t <= -min_sign_consistency}; the
 * {@code max_per_side} most extreme of each side (by {@code |m_t|}, ties by column) are held, sized by inverse
 * volatility to {@code gross_leverage / 2} per side with the {@code max_position_pct} cap, dollar neutral
 * ({@link InverseVolBook#weights}). With no candidate on one side the book is flat. Every rebalance returns the full
 * book. Registered by {@link FundingCarrySpec}.
 */
public final class FundingCarryStrategy implements Strategy {
  private static final List<String> SIGNALS = List.of("funding_apr_pct", "sign_consistency", "sigma", "adv_usd");

  private final FundingCarryConfig config;
  private final List<String> coins;
  private final InverseVolBook book;
  private final Ewma[] mean;
  private final Ewma[] sign;
  private final int[] count;
  private final double perYear;

  /**
   * @param config parameters
   * @param coins the coins, in the column order of the contexts that will be fed
   */
  public FundingCarryStrategy(FundingCarryConfig config, List<String> coins) {
    this.config = config;
    this.coins = List.copyOf(coins);
    int n = this.coins.size();
    this.book = new InverseVolBook(config.book(), this.coins, DollarAdv.windowBars(config.interval()));
    this.mean = new Ewma[n];
    this.sign = new Ewma[n];
    for (int c = 0; c < n; c++) {
      mean[c] = new Ewma(config.fundingSpanBars());
      sign[c] = new Ewma(config.fundingSpanBars());
    }
    this.count = new int[n];
    this.perYear = config.interval().periodsPerYear();
  }

  @Override
  public String name() {
    return FundingCarrySpec.NAME;
  }

  @Override
  public List<String> coins() {
    return coins;
  }

  @Override
  public Requirements requirements() {
    return FundingCarrySpec.requirementsOf(config);
  }

  @Override
  public Optional<TargetWeights> onBar(BarContext bar) {
    double[] close = bar.close();
    double[] f = bar.funding();
    book.update(close, bar.volume());
    for (int c = 0; c < coins.size(); c++) {
      if (close[c] == close[c]) {
        mean[c].update(f[c]);
        sign[c].update(Math.signum(f[c]));
        count[c]++;
      }
    }
    if (!requirements().isDecisionTime(bar.closeTimeMs())) {
      return Optional.empty();
    }
    List<Integer> shorts = new ArrayList<>();
    List<Integer> longs = new ArrayList<>();
    for (int c = 0; c < coins.size(); c++) {
      if (count[c] < config.fundingSpanBars() || !book.tradable(c)) {
        continue;
      }
      double apr = apr(c);
      double s = sign[c].mean();
      if (apr > config.minAbsFundingAprPct() && s >= config.minSignConsistency()) {
        shorts.add(c);
      } else if (apr < -config.minAbsFundingAprPct() && s <= -config.minSignConsistency()) {
        longs.add(c);
      }
    }
    Comparator<Integer> extreme = Comparator.comparingDouble((Integer c) -> -Math.abs(mean[c].mean()))
        .thenComparingInt(c -> c);
    int[] side = new int[coins.size()];
    shorts.stream().sorted(extreme).limit(config.maxPerSide()).forEach(c -> side[c] = -1);
    longs.stream().sorted(extreme).limit(config.maxPerSide()).forEach(c -> side[c] = 1);
    return Optional.of(book.size(bar.closeTimeMs(), side, true));
  }

  private double apr(int c) {
    return 100.0 * mean[c].mean() * perYear;
  }

  @Override
  public List<String> signalNames() {
    return SIGNALS;
  }

  @Override
  public double[] signals(int coin) {
    return new double[] {count[coin] > 0 ? apr(coin) : Double.NaN, sign[coin].mean(), book.sigma(coin),
        book.adv(coin)};
  }
}
