package io.slipstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import io.slipstream.cost.FeeModel;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A tiny hand-computed ledger (DESIGN.md convention 8): 1h bars opening at 0h..4h (closing 1h..5h), coins A, B, C.
 * <pre>
 *   close   A: 100, 110, NaN, 121, 121      (row 2 missing: forward-filled 110)
 *           B:  50,  45,  54,  54,  27
 *           C:  10,  10,  10,  10,  10
 *   funding A: 0, 0.001, 0.002, 0, 0
 *           B: 0, -0.002, 0.001, 0, 0.003
 *           C: 0, 0.005, 0, 0.01, 0
 * </pre>
 * Targets: decided at the close of row 0: A 0.5, B -0.5 (1 long / 1 short); at the close of row 2: A 0.5,
 * B -0.25, C 0.25 (2 long / 1 short). Fee rate = (0.5 x 2 + 0.5 x 6 + 1) / 1e4 = 5e-4.
 */
class BacktesterTest {
  private static final double NaN = Double.NaN;
  private static final long H = 3_600_000L;
  private static final List<String> COINS = List.of("A", "B", "C");
  private static final double[] CLOSE = {
      100, 110, NaN, 121, 121,
      50, 45, 54, 54, 27,
      10, 10, 10, 10, 10};
  private static final double[] FUNDING = {
      0, 0.001, 0.002, 0, 0,
      0, -0.002, 0.001, 0, 0.003,
      0, 0.005, 0, 0.01, 0};
  private static final FeeModel FEES = new FeeModel(2, 6, 0.5, 1);
  private static final double EPS = 1e-15;

  static MarketData market(BarInterval interval, long firstOpenMs, int rows, List<String> coins, double[] close,
      double[] funding) {
    Panel c = Panel.of(interval, firstOpenMs, rows, coins, close);
    double[] vol = close.clone();
    for (int i = 0; i < vol.length; i++) {
      vol[i] = vol[i] == vol[i] ? 1.0 : NaN;
    }
    return new MarketData(c, c, c, c, c.withValues(vol), c.withValues(funding));
  }

  private static MarketData data() {
    return market(BarInterval.H1, 0L, 5, COINS, CLOSE, FUNDING);
  }

  private static TargetSource targets() {
    return row -> switch (row) {
      case 0 -> Optional.of(new TargetWeights((row + 1) * H, COINS, new double[] {0.5, -0.5, 0}, 1, 1));
      case 2 -> Optional.of(new TargetWeights((row + 1) * H, COINS, new double[] {0.5, -0.25, 0.25}, 2, 1));
      default -> Optional.empty();
    };
  }

  private static BacktestResult run(Optional<Instant> start, Optional<Instant> end) {
    return Backtester.run(data(), targets(), FEES, true, start, end);
  }

  @Test
  void feeRate_handExample_is5e4() {
    assertThat(FEES.feeRate()).isCloseTo(5e-4, within(1e-18));
  }

  @Test
  void run_handLedger_matchesEveryColumn() {
    BacktestResult r = run(Optional.empty(), Optional.empty());

    // row 0 (close 1h): no decision before it -> flat
    // row 1 (close 2h): rebalance from 0 to (0.5, -0.5): turnover 1, fee 5e-4 charged here;
    //   R = (110/100 - 1, 45/50 - 1, 0) = (0.1, -0.1, 0); gross = 0.05 + 0.05 = 0.1;
    //   funding = 0.5 x 0.001 - 0.5 x -0.002 = 0.0015; net = 0.1 - 0.0015 - 0.0005 = 0.098; nav 1.098
    //   drift: A 0.5 x 1.1 / 1.1 = 0.5, B -0.5 x 0.9 / 1.1 = -0.45/1.1
    // row 2 (close 3h): A missing -> forward-filled, R_A = 0; R_B = 54/45 - 1 = 0.2
    //   gross = -0.45/1.1 x 0.2 = -0.09/1.1; funding = 0.5 x 0.002 + (-0.45/1.1) x 0.001
    //   drift: 1 + gross = 1.01/1.1 -> A = 0.55/1.01, B = -0.54/1.01
    // row 3 (close 4h): rebalance to (0.5, -0.25, 0.25): turnover = |0.5 - 0.55/1.01| + |-0.25 + 0.54/1.01| + 0.25
    //   = 0.3325/1.01 + 0.25; R_A = 121/110 - 1 = 0.1 (from the last known 110); gross 0.05;
    //   funding = 0.25 x 0.01 = 0.0025; drift: 1 + gross = 1.05 -> A 0.55/1.05, B -0.25/1.05, C 0.25/1.05
    // row 4 (close 5h): R = (0, 27/54 - 1, 0) = (0, -0.5, 0): gross = 0.125/1.05; funding = -0.25/1.05 x 0.003
    double g2 = -0.09 / 1.1;
    double f2 = 0.5 * 0.002 + (-0.45 / 1.1) * 0.001;
    double turn3 = 0.3325 / 1.01 + 0.25;
    double g4 = 0.125 / 1.05;
    double f4 = -0.25 / 1.05 * 0.003;
    double[] net = {0, 0.098, g2 - f2, 0.05 - 0.0025 - turn3 * 5e-4, g4 - f4};

    assertThat(r.size()).isEqualTo(5);
    assertThat(r.closeTimesMs()).containsExactly(H, 2 * H, 3 * H, 4 * H, 5 * H);
    assertThat(r.time(0)).isEqualTo(Instant.parse("1970-01-01T01:00:00Z"));
    assertThat(r.grossReturns()).containsExactly(new double[] {0, 0.1, g2, 0.05, g4}, within(EPS));
    assertThat(r.fundingCosts()).containsExactly(new double[] {0, 0.0015, f2, 0.0025, f4}, within(EPS));
    assertThat(r.feeCosts()).containsExactly(new double[] {0, 5e-4, 0, turn3 * 5e-4, 0}, within(EPS));
    assertThat(r.turnover()).containsExactly(new double[] {0, 1, 0, turn3, 0}, within(EPS));
    assertThat(r.netReturns()).containsExactly(net, within(EPS));
    double nav = 1;
    for (int i = 0; i < 5; i++) {
      nav *= 1 + net[i];
      assertThat(r.nav()[i]).as("nav %d", i).isCloseTo(nav, within(EPS));
    }
    assertThat(r.nav()[1]).isCloseTo(1.098, within(EPS));
    assertThat(r.rebalanced()).containsExactly(false, true, false, true, false);
    assertThat(r.nLong()).containsExactly(0, 1, 1, 2, 2);
    assertThat(r.nShort()).containsExactly(0, 1, 1, 1, 1);
    assertThat(r.longExposure()).containsExactly(new double[] {0, 0.5, 0.5, 0.75, 0.8 / 1.05}, within(EPS));
    assertThat(r.shortExposure()).containsExactly(new double[] {0, -0.5, -0.45 / 1.1, -0.25, -0.25 / 1.05},
        within(EPS));
  }

  @Test
  void run_handLedger_netIsGrossMinusFundingMinusFeeExactly() {
    BacktestResult r = run(Optional.empty(), Optional.empty());
    for (int i = 0; i < r.size(); i++) {
      assertThat(r.netReturns()[i]).isEqualTo(r.grossReturns()[i] - r.fundingCosts()[i] - r.feeCosts()[i]);
    }
  }

  @Test
  void run_handLedger_weightsHeldOverEachBarAreRecordedSparsely() {
    BacktestResult r = run(Optional.empty(), Optional.empty());

    assertThat(r.weightEntries()).isEqualTo(10);
    assertThat(r.weightRows()).containsExactly(1, 1, 2, 2, 3, 3, 3, 4, 4, 4);
    assertThat(r.weightCoins()).containsExactly(0, 1, 0, 1, 0, 1, 2, 0, 1, 2);
    assertThat(r.weightValues()).containsExactly(new double[] {0.5, -0.5, 0.5, -0.45 / 1.1, 0.5, -0.25, 0.25,
        0.55 / 1.05, -0.25 / 1.05, 0.25 / 1.05}, within(EPS));
  }

  @Test
  void run_fundingOff_ignoresFundingPanel() {
    BacktestResult r = Backtester.run(data(), targets(), FEES, false, Optional.empty(), Optional.empty());

    assertThat(r.fundingCosts()).containsOnly(0.0);
    assertThat(r.netReturns()[1]).isCloseTo(0.1 - 5e-4, within(EPS));
  }

  @Test
  void run_windowStartAtDecisionClose_booksFromThatDecisionWithFlatStart() {
    // start 2h, end 4h: booked closes in (2h, 4h] = 3h and 4h. The decision at 2h (row 1) is none, so 3h is flat;
    // weights decided before start (row 0) are not carried in. At 4h the row-2 decision trades from zero:
    // turnover 1, fee 5e-4, R_A = 121/110 - 1 with the close 110 known before the window, gross 0.05,
    // funding 0.0025, net 0.047.
    BacktestResult r = run(Optional.of(Instant.ofEpochMilli(2 * H)), Optional.of(Instant.ofEpochMilli(4 * H)));

    assertThat(r.closeTimesMs()).containsExactly(3 * H, 4 * H);
    assertThat(r.grossReturns()).containsExactly(new double[] {0, 0.05}, within(EPS));
    assertThat(r.turnover()).containsExactly(new double[] {0, 1}, within(EPS));
    assertThat(r.feeCosts()).containsExactly(new double[] {0, 5e-4}, within(EPS));
    assertThat(r.netReturns()).containsExactly(new double[] {0, 0.047}, within(EPS));
    assertThat(r.nav()).containsExactly(new double[] {1, 1.047}, within(EPS));
    assertThat(r.nLong()).containsExactly(0, 2);
  }

  @Test
  void run_startOffGrid_skipsBarWhoseDecisionClosesBeforeStart() {
    // start 1.5h: the bar closing 2h lies in (start, end] but its decision bar closed at 1h < start -> not booked
    BacktestResult r = run(Optional.of(Instant.ofEpochMilli(3 * H / 2)), Optional.empty());

    assertThat(r.closeTimesMs()).containsExactly(3 * H, 4 * H, 5 * H);
  }

  @Test
  void run_endOffGrid_booksOnlyBarsClosingAtOrBeforeEnd() {
    BacktestResult r = run(Optional.empty(), Optional.of(Instant.ofEpochMilli(9 * H / 2)));

    assertThat(r.closeTimesMs()).containsExactly(H, 2 * H, 3 * H, 4 * H);
  }

  @Test
  void run_endOnBarClose_includesThatBar() {
    BacktestResult r = run(Optional.of(Instant.ofEpochMilli(0)), Optional.of(Instant.ofEpochMilli(5 * H)));

    assertThat(r.size()).isEqualTo(5);
  }

  @Test
  void run_noBarInWindow_throwsConfigExceptionNamingKey() {
    assertThatThrownBy(() -> run(Optional.of(Instant.ofEpochMilli(5 * H)), Optional.empty()))
        .isInstanceOf(ConfigException.class).extracting(e -> ((ConfigException) e).key()).isEqualTo("start");
    assertThatThrownBy(() -> run(Optional.empty(), Optional.of(Instant.ofEpochMilli(H / 2))))
        .isInstanceOf(ConfigException.class).extracting(e -> ((ConfigException) e).key()).isEqualTo("end");
  }

  @Test
  void run_targetOnCoinWithoutAnyPrice_throwsDataException() {
    double[] close = CLOSE.clone();
    close[10] = NaN;
    close[11] = NaN;
    MarketData md = market(BarInterval.H1, 0L, 5, COINS, close, FUNDING);
    TargetSource src = row -> row == 0
        ? Optional.of(new TargetWeights(H, COINS, new double[] {0, 0, 1}, 1, 0)) : Optional.empty();

    assertThatThrownBy(() -> Backtester.run(md, src, FeeModel.ZERO, false, Optional.empty(), Optional.empty()))
        .isInstanceOf(DataException.class).hasMessageContaining("C");
  }

  @Test
  void run_rebalanceToSameDriftedWeights_hasZeroTurnover() {
    // hold A only (weight 1): drift keeps it at exactly 1, so re-targeting 1 trades nothing
    TargetSource src = row -> Optional.of(new TargetWeights((row + 1) * H, COINS, new double[] {1, 0, 0}, 1, 0));
    BacktestResult r = Backtester.run(data(), src, FEES, false, Optional.empty(), Optional.empty());

    assertThat(r.turnover()).containsExactly(0, 1, 0, 0, 0);
    assertThat(r.rebalanced()).containsExactly(false, true, true, true, true);
    // nav = (1 + 0.1 - 5e-4) x (1 + 0) x (1 + 0.1) x (1 + 0)
    assertThat(r.nav()[4]).isCloseTo((1.1 - 5e-4) * 1.1, within(1e-14));
  }
}
