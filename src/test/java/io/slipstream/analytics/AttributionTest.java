package io.slipstream.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.core.BarInterval;
import io.slipstream.cost.FeeModel;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttributionTest {
  @Test
  void realGradient4h_partsSumToTotalPnl_within1e12() {
    BacktestResult r = Ledgers.gradient4h();
    MarketData md = Ledgers.gradient4hData();

    Attribution a = Attribution.of(r, md.close(), md.funding(), true);

    double byCoin = a.byCoin().stream().mapToDouble(Attribution.CoinPnl::net).sum();
    double[] l = a.longLeg();
    double[] s = a.shortLeg();
    assertThat(a.totalPnl()).isEqualTo(r.nav()[r.size() - 1] - 1);
    assertThat(Math.abs(a.residual())).isLessThan(1e-12);
    assertThat(byCoin).isCloseTo(a.totalPnl(), within(1e-12));
    assertThat(l[3] + s[3]).isCloseTo(a.totalPnl(), within(1e-12));
    // fees and funding by coin add up to the ledger's, each bar's share scaled by the NAV before it
    double fees = 0;
    double funding = 0;
    double[] nav = r.nav();
    double[] fee = r.feeCosts();
    double[] fund = r.fundingCosts();
    for (int i = 0; i < r.size(); i++) {
      double scale = i == 0 ? 1 : nav[i - 1];
      fees -= scale * fee[i];
      funding -= scale * fund[i];
    }
    assertThat(l[2] + s[2]).isCloseTo(fees, within(1e-12));
    assertThat(l[1] + s[1]).isCloseTo(funding, within(1e-12));
    assertThat(a.longPositions()).hasSize(r.size());
    int[] nl = r.nLong();
    assertThat(a.longPositions()[r.size() - 1]).isLessThanOrEqualTo(nl[r.size() - 1]);
  }

  @Test
  void twoCoinsByHand_feesSplitByTradedWeight_legsAndHoldingPeriods() {
    // A long 0.5, B short -0.5 decided at row 0; at row 2 A goes to 0.25 and B is closed. Fee rate 10 bps.
    // closes: A 100, 110, 121, 121; B 100, 90, 99, 99 (4h bars)
    List<String> coins = List.of("A", "B");
    double[] cm = {100, 110, 121, 121, 100, 90, 99, 99};
    Panel p = Panel.of(BarInterval.H4, Ledgers.T0, 4, coins, cm);
    double[] ones = new double[8];
    Arrays.fill(ones, 1.0);
    MarketData md = new MarketData(p, p, p, p, p.withValues(ones), p.withValues(new double[8]));
    TargetWeights w0 = new TargetWeights(p.closeTimeMs(0), coins, new double[] {0.5, -0.5}, 1, 1);
    TargetWeights w2 = new TargetWeights(p.closeTimeMs(2), coins, new double[] {0.25, 0}, 1, 0);
    BacktestResult r = Backtester.run(md, row -> row == 0 ? Optional.of(w0) : row == 2 ? Optional.of(w2)
        : Optional.empty(), new FeeModel(10, 10, 0, 0), false, Optional.of(p.closeTime(0)), Optional.empty());

    Attribution a = Attribution.of(r, md.close(), md.funding(), false);

    // bar 1: gross = 0.5 x 0.1 - 0.5 x (-0.1) = 0.1, fee = 1.0 x 0.001 => net 0.099, nav 1.099
    //   A: +0.05 price, fee -0.0005; B: +0.05 price, fee -0.0005
    // drift: A 0.5 x 1.1 / 1.1 = 0.5, B -0.5 x 0.9 / 1.1 = -0.40909...
    // bar 2: gross = 0.5 x 0.1 + (-0.40909) x 0.1 = 0.0090909..., no fee; scaled by nav 1.099
    // drift: A 0.5 x 1.1 / 1.0090909 ; B -0.40909 x 1.1 / 1.0090909; bar 3 trades A to 0.25 and closes B
    double gross2 = 0.5 * 0.1 - 0.5 * 0.9 / 1.1 * 0.1;
    double nav2 = 1.099 * (1 + gross2);
    double aDrift = 0.5 * 1.1 / (1 + gross2);
    double bDrift = -0.5 * 0.9 / 1.1 * 1.1 / (1 + gross2);
    double fee3 = (Math.abs(0.25 - aDrift) + Math.abs(bDrift)) * 0.001;
    Attribution.CoinPnl pa = a.byCoin().stream().filter(c -> c.coin().equals("A")).findFirst().orElseThrow();
    Attribution.CoinPnl pb = a.byCoin().stream().filter(c -> c.coin().equals("B")).findFirst().orElseThrow();
    assertThat(pa.price()).isCloseTo(0.05 + 1.099 * 0.05, within(1e-15));
    assertThat(pb.price()).isCloseTo(0.05 + 1.099 * (-0.5 * 0.9 / 1.1) * 0.1, within(1e-15));
    assertThat(pa.fees()).isCloseTo(-0.0005 - nav2 * Math.abs(0.25 - aDrift) * 0.001, within(1e-15));
    assertThat(pb.fees()).isCloseTo(-0.0005 - nav2 * Math.abs(bDrift) * 0.001, within(1e-15));
    assertThat(pa.fees() + pb.fees()).isCloseTo(-0.001 - nav2 * fee3, within(1e-15));
    assertThat(a.longLeg()[3]).isCloseTo(pa.net(), within(1e-15));
    assertThat(a.shortLeg()[3]).isCloseTo(pb.net(), within(1e-15));
    assertThat(Math.abs(a.residual())).isLessThan(1e-15);
    assertThat(a.longPositions()).containsExactly(1, 1, 1);
    assertThat(a.shortPositions()).containsExactly(1, 1, 0);
    assertThat(a.universeSize()).containsExactly(2, 2, 2);
    // A held long over all 3 bars (one run, open at the end); B short over 2 bars: 2 x 4h
    assertThat(a.holdingDaysLong()).containsExactly(0.5);
    assertThat(a.holdingDaysShort()).containsExactly(2 * 4 / 24.0);
  }
}
