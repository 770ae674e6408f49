package io.slipstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.core.BarInterval;
import io.slipstream.cost.FeeModel;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.strategy.gradient.GradientConfig;
import io.slipstream.strategy.gradient.GradientStrategy;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.portfolio.WeightScheme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Ledger properties on random market data with gaps (seeded, bounded tries). */
class BacktesterPropertyTest {
  private static final BarInterval IV = BarInterval.H4;
  /** 2024-01-01T00:00Z, on the 4h grid. */
  private static final long FIRST_OPEN = 1_704_067_200_000L;

  /** Random walk closes with late listings, gaps and delistings; volume NaN where close is NaN; random funding. */
  private static MarketData randomMarket(Random rnd, int rows, int coins) {
    List<String> names = new ArrayList<>();
    double[] close = new double[rows * coins];
    double[] volume = new double[rows * coins];
    double[] funding = new double[rows * coins];
    for (int c = 0; c < coins; c++) {
      names.add("K" + c);
      int listed = rnd.nextInt(3) == 0 ? rnd.nextInt(rows) : 0;
      int delisted = rnd.nextInt(5) == 0 ? listed + rnd.nextInt(rows - listed) + 1 : rows;
      double gapP = rnd.nextDouble() * 0.15;
      double p = 0.01 + rnd.nextDouble() * 100;
      for (int t = 0; t < rows; t++) {
        int i = c * rows + t;
        p *= Math.exp(rnd.nextGaussian() * 0.05);
        boolean missing = t < listed || t >= delisted || rnd.nextDouble() < gapP;
        close[i] = missing ? Double.NaN : p;
        volume[i] = missing ? Double.NaN : rnd.nextDouble() * 1e5;
        funding[i] = rnd.nextGaussian() * 1e-4;
      }
    }
    Panel cp = Panel.of(IV, FIRST_OPEN, rows, names, close);
    return new MarketData(cp, cp, cp, cp, cp.withValues(volume), cp.withValues(funding));
  }

  /** Random targets at random decision rows, only on coins with a known (forward-filled) price by then. */
  private static TargetSource randomTargets(Random rnd, MarketData md) {
    int rows = md.rows();
    int n = md.coins().size();
    Map<Integer, TargetWeights> byRow = new HashMap<>();
    for (int t = 0; t < rows; t++) {
      if (rnd.nextInt(3) != 0) {
        continue;
      }
      double[] w = new double[n];
      for (int c = 0; c < n; c++) {
        boolean priced = false;
        for (int s = 0; s <= t && !priced; s++) {
          priced = md.close().get(s, c) == md.close().get(s, c);
        }
        if (priced && rnd.nextBoolean()) {
          w[c] = rnd.nextGaussian() * 0.4;
        }
      }
      byRow.put(t, new TargetWeights(md.close().closeTimeMs(t), md.coins(), w, 1, 1));
    }
    return row -> Optional.ofNullable(byRow.get(row));
  }

  private static final GradientConfig GRADIENT = new GradientConfig(IV, 35, 4, WeightScheme.INVERSE_VOL,
      List.of(2, 4, 8), 4, 5, 0, 2.5, 1.0, 50);

  @Property(tries = 80, seed = "1001")
  void run_zeroCostsAndNoFunding_netEqualsGrossExactly(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 1, max = 120) int rows, @ForAll @IntRange(min = 1, max = 6) int coins) {
    Random rnd = new Random(seed);
    MarketData md = randomMarket(rnd, rows, coins);

    BacktestResult r = Backtester.run(md, randomTargets(rnd, md), FeeModel.ZERO, false, Optional.empty(),
        Optional.empty());

    assertThat(r.netReturns()).containsExactly(r.grossReturns());
    assertThat(r.feeCosts()).containsOnly(0.0);
    assertThat(r.fundingCosts()).containsOnly(0.0);
  }

  @Property(tries = 60, seed = "1002")
  void run_changingDataAfterBarT_leavesEarlierLedgerRowsUnchanged(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 150) int rows, @ForAll @IntRange(min = 1, max = 8) int coins) {
    Random rnd = new Random(seed);
    MarketData md = randomMarket(rnd, rows, coins);
    int cut = rnd.nextInt(rows - 1);
    double[] close = md.close().toColumnMajor();
    double[] volume = md.volume().toColumnMajor();
    double[] funding = md.funding().toColumnMajor();
    for (int c = 0; c < coins; c++) {
      for (int t = cut + 1; t < rows; t++) {
        int i = c * rows + t;
        switch (rnd.nextInt(3)) {
          case 0 -> {
            close[i] = Double.NaN;
            volume[i] = Double.NaN;
          }
          case 1 -> close[i] = (close[i] == close[i] ? close[i] : 5.0) * Math.exp(rnd.nextGaussian() * 0.5);
          default -> funding[i] = rnd.nextGaussian() * 1e-2;
        }
      }
    }
    Panel cp = md.close().withValues(close);
    MarketData changed = new MarketData(cp, cp, cp, cp, cp.withValues(volume), cp.withValues(funding));
    FeeModel fees = new FeeModel(1.5, 4.5, 0.5, 1.0);

    BacktestResult a = Backtester.run(md, new GradientStrategy(GRADIENT, md.coins()).batch(md), fees, true,
        Optional.empty(), Optional.empty());
    BacktestResult b = Backtester.run(changed, new GradientStrategy(GRADIENT, md.coins()).batch(changed), fees, true,
        Optional.empty(), Optional.empty());

    long cutClose = md.close().closeTimeMs(cut);
    int kept = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.closeTimesMs()[i] > cutClose) {
        break;
      }
      kept++;
      assertThat(b.closeTimesMs()[i]).isEqualTo(a.closeTimesMs()[i]);
      assertThat(bits(b.grossReturns()[i])).isEqualTo(bits(a.grossReturns()[i]));
      assertThat(bits(b.fundingCosts()[i])).isEqualTo(bits(a.fundingCosts()[i]));
      assertThat(bits(b.feeCosts()[i])).isEqualTo(bits(a.feeCosts()[i]));
      assertThat(bits(b.netReturns()[i])).isEqualTo(bits(a.netReturns()[i]));
      assertThat(bits(b.nav()[i])).isEqualTo(bits(a.nav()[i]));
      assertThat(bits(b.turnover()[i])).isEqualTo(bits(a.turnover()[i]));
      assertThat(b.nLong()[i]).isEqualTo(a.nLong()[i]);
      assertThat(b.nShort()[i]).isEqualTo(a.nShort()[i]);
    }
    assertThat(kept).isEqualTo(cut + 1);
  }

  @Property(tries = 80, seed = "1003")
  void run_zeroCostBuyAndHoldOfOneCoin_navEqualsPriceRatio(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 150) int rows, @ForAll @IntRange(min = 1, max = 5) int coins) {
    Random rnd = new Random(seed);
    MarketData md = randomMarket(rnd, rows, coins);
    int coin = rnd.nextInt(coins);
    int firstPriced = -1;
    for (int t = 0; t < rows && firstPriced < 0; t++) {
      if (md.close().get(t, coin) == md.close().get(t, coin)) {
        firstPriced = t;
      }
    }
    if (firstPriced < 0 || firstPriced >= rows - 1) {
      return;
    }
    int decision = firstPriced + rnd.nextInt(rows - 1 - firstPriced);
    double[] w = new double[coins];
    w[coin] = 1.0;
    TargetWeights hold = new TargetWeights(md.close().closeTimeMs(decision), md.coins(), w, 1, 0);
    TargetSource once = row -> row == decision ? Optional.of(hold) : Optional.empty();

    BacktestResult r = Backtester.run(md, once, FeeModel.ZERO, false, Optional.empty(), Optional.empty());

    double ratio = lastPrice(md.close(), coin, rows - 1) / lastPrice(md.close(), coin, decision);
    double nav = r.nav()[r.size() - 1];
    assertThat(Math.abs(nav - ratio)).as("nav %s vs ratio %s", nav, ratio)
        .isLessThanOrEqualTo(1e-12 * Math.max(1.0, ratio));
    for (int i = 0; i <= decision; i++) {
      assertThat(r.nav()[i]).isEqualTo(1.0);
    }
    assertThat(r.turnover()[decision + 1]).isEqualTo(1.0);
    for (int i = decision + 2; i < r.size(); i++) {
      assertThat(r.turnover()[i]).isZero();
    }
  }

  private static double lastPrice(Panel close, int coin, int row) {
    for (int t = row; t >= 0; t--) {
      double p = close.get(t, coin);
      if (p == p) {
        return p;
      }
    }
    return Double.NaN;
  }

  private static long bits(double x) {
    return Double.doubleToLongBits(x);
  }
}
