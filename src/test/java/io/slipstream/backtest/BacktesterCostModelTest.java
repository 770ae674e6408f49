package io.slipstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.cost.CostModel;
import io.slipstream.cost.TradeCosts;
import io.slipstream.data.MarketData;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The ledger with a general {@link CostModel}: impact costs, the NAV in USD handed to the model and to the target
 * source, and the minimum trade size. Two coins, 1h bars; A: 100, 110, 99, 99; B: 50, 50, 50, 50; no funding.
 */
class BacktesterCostModelTest {
  private static final long H = 3_600_000L;
  private static final List<String> COINS = List.of("A", "B");

  private static MarketData data() {
    double[] close = {100, 110, 99, 99, 50, 50, 50, 50};
    return BacktesterTest.market(BarInterval.H1, 0L, 4, COINS, close, new double[8]);
  }

  @Test
  void impactCost_isChargedOnTheTradeAtTheDecisionNav() {
    // c = (10 bps, 20 bps), lambda = 1e-3 x sqrt(navUsd / 1e6) for both coins
    List<Double> navsSeen = new ArrayList<>();
    CostModel model = (row, navUsd) -> {
      navsSeen.add(navUsd);
      double l = 1e-3 * Math.sqrt(navUsd / 1e6);
      return TradeCosts.of(new double[] {10e-4, 20e-4}, new double[] {l, l});
    };
    List<double[]> booksSeen = new ArrayList<>();
    TargetSource targets = new TargetSource() {
      @Override
      public Optional<TargetWeights> targetsAt(int row) {
        throw new AssertionError("the ledger must call the three-argument form");
      }

      @Override
      public Optional<TargetWeights> targetsAt(int row, double navUsd, double[] current) {
        booksSeen.add(current.clone());
        return switch (row) {
          case 0 -> Optional.of(new TargetWeights((row + 1) * H, COINS, new double[] {0.5, -0.5}, 1, 1));
          case 1 -> Optional.of(new TargetWeights((row + 1) * H, COINS, new double[] {0.25, -0.5}, 1, 1));
          default -> Optional.empty();
        };
      }
    };
    BacktestResult r = Backtester.run(data(), targets, model, false, 1_000_000, Optional.empty(), Optional.empty());
    // booked bar 1 (index 1): trade (0.5, -0.5) at nav 1 -> navUsd 1e6, lambda = 1e-3
    double fee1 = 10e-4 * 0.5 + 20e-4 * 0.5 + 2 * 1e-3 * Math.pow(0.5, 1.5);
    double g1 = 0.5 * 0.1;
    double nav1 = 1 + g1 - fee1;
    assertThat(r.feeCosts()[1]).isCloseTo(fee1, within(1e-15));
    assertThat(r.nav()[1]).isCloseTo(nav1, within(1e-15));
    // drifted book at the close of row 1: A 0.5*1.1/(1.05), B -0.5/(1.05)
    double wa = 0.5 * 1.1 / 1.05;
    double wb = -0.5 / 1.05;
    assertThat(booksSeen.get(1)).containsExactly(new double[] {wa, wb}, within(1e-15));
    assertThat(navsSeen.get(1)).isCloseTo(1e6 * nav1, within(1e-6));
    double l2 = 1e-3 * Math.sqrt(nav1);
    double fee2 = 10e-4 * Math.abs(0.25 - wa) + 20e-4 * Math.abs(-0.5 - wb)
        + l2 * (Math.pow(Math.abs(0.25 - wa), 1.5) + Math.pow(Math.abs(-0.5 - wb), 1.5));
    assertThat(r.feeCosts()[2]).isCloseTo(fee2, within(1e-15));
    assertThat(r.turnover()[2]).isCloseTo(Math.abs(0.25 - wa) + Math.abs(-0.5 - wb), within(1e-15));
  }

  @Test
  void tradesBelowTheMinimum_areNotMade_butClosesAlwaysAre() {
    CostModel model = new CostModel() {
      @Override
      public TradeCosts at(int row, double navUsd) {
        return TradeCosts.uniform(2, 1e-3);
      }

      @Override
      public double minTradeUsd() {
        return 100;
      }
    };
    // $10,000 account: row 0 buys A 0.5 and shorts B 0.5; row 1 asks A to move by 0.5% of NAV ($50 < $100: not
    // made) and B to close (always made)
    TargetSource targets = row -> switch (row) {
      case 0 -> Optional.of(new TargetWeights((row + 1) * H, COINS, new double[] {0.5, -0.5}, 1, 1));
      case 1 -> Optional.of(new TargetWeights((row + 1) * H, COINS, new double[] {0.5 * 1.1 / 1.05 + 0.005, 0}, 1, 0));
      default -> Optional.empty();
    };
    BacktestResult r = Backtester.run(data(), targets, model, false, 10_000, Optional.empty(), Optional.empty());
    double wb = -0.5 / 1.05;
    assertThat(r.turnover()[2]).isCloseTo(Math.abs(wb), within(1e-15));
    assertThat(r.feeCosts()[2]).isCloseTo(Math.abs(wb) * 1e-3, within(1e-15));
    // bar 2: only A is held, with its drifted weight
    double wa = 0.5 * 1.1 / 1.05;
    assertThat(r.grossReturns()[2]).isCloseTo(wa * (99.0 / 110 - 1), within(1e-15));
  }
}
