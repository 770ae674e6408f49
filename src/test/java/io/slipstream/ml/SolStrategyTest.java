package io.slipstream.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.core.BarInterval;
import io.slipstream.cost.FeeModel;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.ml.SolStrategy.Decision;
import io.slipstream.ml.SolStrategy.Reason;
import io.slipstream.ml.SolStrategy.Rules;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trading rules of {@link SolStrategy} on synthetic series (thresholds, regime gating, sentiment block, sizing
 * cap, rebalance band, stop-loss, missing inputs), and its bookings through the ledger compared with DESIGN.md
 * convention 8 computed here by hand.
 */
class SolStrategyTest {
  private static final double NaN = Double.NaN;
  private static final List<String> COINS = List.of("BTC", "SOL");
  /** upper 0.55, lower 0.45, block -0.70, 1% a bar, leverage 1, stop 5%, no band. */
  private static final Rules RULES = new Rules(0.55, 0.45, -0.70, 0.01, 1.0, 5.0, 0.0);

  /** Two coins; SOL's closes as given, BTC flat at 1; funding zero unless given. */
  static MarketData market(double[] solClose, double[] solFunding) {
    int n = solClose.length;
    double[] close = new double[2 * n];
    double[] vol = new double[2 * n];
    double[] fund = new double[2 * n];
    for (int t = 0; t < n; t++) {
      close[t] = 1.0;
      close[n + t] = solClose[t];
      vol[t] = 1.0;
      vol[n + t] = solClose[t] == solClose[t] ? 1.0 : NaN;
      fund[n + t] = solFunding == null ? 0.0 : solFunding[t];
    }
    Panel c = Panel.of(BarInterval.H1, 0L, n, COINS, close);
    return new MarketData(c, c, c, c, c.withValues(vol), c.withValues(fund));
  }

  private static double[] fill(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** Asks every row in order, handing back the weight of the last trade as the held weight (no drift). */
  private static List<Decision> drive(SolStrategy s, int rows) {
    double[] held = new double[COINS.size()];
    for (int t = 0; t < rows; t++) {
      Optional<TargetWeights> w = s.targetsAt(t, 1.0, held);
      if (w.isPresent()) {
        held = w.get().weights();
        assertThat(held[0]).as("BTC weight at row %d", t).isZero();
      }
    }
    return s.decisions();
  }

  @Test
  void targetsAt_thresholdsAndRegime_longShortOrFlat() {
    double[] p = {0.56, 0.55, 0.44, 0.45, 0.60, 0.40, NaN, 0.551};
    double[] g = {1, 1, -1, -1, -1, 1, 1, 0};
    int n = p.length;
    SolStrategy s = new SolStrategy(market(fill(n, 100), null), "SOL", p, g, fill(n, NaN), fill(n, 0.02), RULES);
    List<Decision> d = drive(s, n);
    assertThat(d).extracting(Decision::reason).containsExactly(Reason.LONG, Reason.NO_EDGE, Reason.SHORT,
        Reason.NO_EDGE, Reason.REGIME_DISAGREES, Reason.REGIME_DISAGREES, Reason.NO_MODEL, Reason.REGIME_DISAGREES);
    assertThat(d).extracting(Decision::direction).containsExactly(1, 0, -1, 0, 0, 0, 0, 0);
    // size = 0.01 / 0.02 = 0.5
    assertThat(d).extracting(Decision::targetWeight).containsExactly(0.5, 0.0, -0.5, 0.0, 0.0, 0.0, 0.0, 0.0);
    assertThat(d).extracting(Decision::traded).containsExactly(true, true, true, true, false, false, false, false);
  }

  @Test
  void targetsAt_sizing_inverseVolCappedAtMaxLeverage() {
    double[] sigma = {0.005, 0.04, 0.01, NaN, 0.0};
    int n = sigma.length;
    SolStrategy s = new SolStrategy(market(fill(n, 100), null), "SOL", fill(n, 0.9), fill(n, 1), fill(n, NaN),
        sigma, RULES);
    List<Decision> d = drive(s, n);
    // 0.01/0.005 = 2 -> capped at 1; 0.01/0.04 = 0.25; 0.01/0.01 = 1; no sigma -> the book is held as it is
    assertThat(d).extracting(Decision::targetWeight).containsExactly(1.0, 0.25, 1.0, 1.0, 1.0);
    assertThat(d).extracting(Decision::traded).containsExactly(true, true, true, false, false);
    assertThat(d.get(3).reason()).isEqualTo(Reason.NO_VOLATILITY);
    assertThat(d.get(4).reason()).isEqualTo(Reason.NO_VOLATILITY);
  }

  @Test
  void targetsAt_sizing_maxLeverageAndTargetVolFromConfig() {
    SolStrategyConfig cfg = SolStrategyConfig.defaults();
    Rules r = Rules.of(cfg);
    assertThat(r.targetVolPerBar()).isEqualTo(0.5 / Math.sqrt(8760.0));
    assertThat(r.maxLeverage()).isEqualTo(1.0);
    assertThat(r.stopLossPct()).isEqualTo(5.0);
    Rules twoX = new Rules(0.55, 0.45, -0.7, 0.01, 2.0, NaN, 0.0);
    SolStrategy s = new SolStrategy(market(fill(2, 100), null), "SOL", fill(2, 0.1), fill(2, -1), fill(2, NaN),
        new double[] {0.001, 0.008}, twoX);
    List<Decision> d = drive(s, 2);
    assertThat(d.get(0).targetWeight()).isEqualTo(-2.0);
    assertThat(d.get(1).targetWeight()).isCloseTo(-0.01 / 0.008, within(1e-15));
  }

  @Test
  void targetsAt_sentimentBelowBlock_flatBothWays_nanAndEqualNotBlocked() {
    double[] p = {0.9, 0.9, 0.9, 0.1, 0.9};
    double[] g = {1, 1, 1, -1, 1};
    double[] sent = {-0.71, NaN, -0.70, -0.9, -1.0};
    int n = p.length;
    SolStrategy s = new SolStrategy(market(fill(n, 100), null), "SOL", p, g, sent, fill(n, 0.02), RULES);
    List<Decision> d = drive(s, n);
    assertThat(d).extracting(Decision::reason).containsExactly(Reason.SENTIMENT_BLOCK, Reason.LONG, Reason.LONG,
        Reason.SENTIMENT_BLOCK, Reason.SENTIMENT_BLOCK);
    assertThat(d).extracting(Decision::rawDirection).containsExactly(1, 1, 1, -1, 1);
    assertThat(d).extracting(Decision::targetWeight).containsExactly(0.0, 0.5, 0.5, 0.0, 0.0);
    // an open long is closed by the block (row 3)
    assertThat(d).extracting(Decision::traded).containsExactly(false, true, false, true, false);
  }

  @Test
  void targetsAt_stopLoss_exactSequenceWithEntryPrices() {
    double[] close = {100, 97, 95, 94, 96, 96, 96, 92, 91.1, 91};
    double[] p = {0.6, 0.6, 0.6, 0.6, 0.6, 0.5, 0.6, 0.6, 0.6, 0.6};
    int n = close.length;
    SolStrategy s = new SolStrategy(market(close, null), "SOL", p, fill(n, 1), fill(n, NaN), fill(n, 0.02), RULES);
    List<Decision> d = drive(s, n);
    // 92/96 - 1 = -4.17% (held), 91.1/96 - 1 = -5.10% (stop), then stopped out while long persists
    assertThat(d).extracting(Decision::reason).containsExactly(Reason.LONG, Reason.LONG, Reason.STOP_LOSS,
        Reason.STOPPED_OUT, Reason.STOPPED_OUT, Reason.NO_EDGE, Reason.LONG, Reason.LONG, Reason.STOP_LOSS,
        Reason.STOPPED_OUT);
    assertThat(d).extracting(Decision::traded).containsExactly(true, false, true, false, false, false, true, false,
        true, false);
    assertThat(d).extracting(Decision::entryPrice).containsExactly(100.0, 100.0, NaN, NaN, NaN, NaN, 96.0, 96.0, NaN,
        NaN);
  }

  @Test
  void targetsAt_stopLossOnShort_adverseRise_andFlipIsFollowed() {
    // short from 100; +5% -> stop; then the signal flips long in a bull regime: followed at once
    double[] close = {100, 104, 105, 106, 110};
    double[] p = {0.3, 0.3, 0.3, 0.9, 0.9};
    double[] g = {-1, -1, -1, 1, 1};
    int n = close.length;
    SolStrategy s = new SolStrategy(market(close, null), "SOL", p, g, fill(n, NaN), fill(n, 0.02), RULES);
    List<Decision> d = drive(s, n);
    assertThat(d).extracting(Decision::reason).containsExactly(Reason.SHORT, Reason.SHORT, Reason.STOP_LOSS,
        Reason.LONG, Reason.LONG);
    assertThat(d).extracting(Decision::targetWeight).containsExactly(-0.5, -0.5, 0.0, 0.5, 0.5);
    assertThat(d.get(3).entryPrice()).isEqualTo(106.0);

    // stop hit at a bar where the signal has flipped already: the flip is traded, not a stop
    double[] p2 = {0.3, 0.9};
    double[] g2 = {-1, 1};
    SolStrategy s2 = new SolStrategy(market(new double[] {100, 110}, null), "SOL", p2, g2, fill(2, NaN),
        fill(2, 0.02), RULES);
    List<Decision> d2 = drive(s2, 2);
    assertThat(d2).extracting(Decision::reason).containsExactly(Reason.SHORT, Reason.LONG);
    assertThat(d2.get(1).targetWeight()).isEqualTo(0.5);
    assertThat(d2.get(1).entryPrice()).isEqualTo(110.0);
  }

  @Test
  void targetsAt_noStopConfigured_neverStops() {
    Rules noStop = new Rules(0.55, 0.45, -0.7, 0.01, 1.0, NaN, 0.0);
    double[] close = {100, 50, 20};
    SolStrategy s = new SolStrategy(market(close, null), "SOL", fill(3, 0.9), fill(3, 1), fill(3, NaN),
        fill(3, 0.02), noStop);
    assertThat(drive(s, 3)).extracting(Decision::reason).containsOnly(Reason.LONG);
  }

  @Test
  void targetsAt_rebalanceBand_resizesOnlyBeyondTheBand_signChangesAlwaysTrade() {
    Rules banded = new Rules(0.55, 0.45, -0.7, 0.01, 1.0, NaN, 0.05);
    // sizes 0.5, 0.52 (|0.02| <= 0.05: no trade), 0.4 (|0.4 - 0.5| = 0.1: trade), then flat (sign change)
    double[] sigma = {0.02, 0.01 / 0.52, 0.025, 0.02};
    double[] p = {0.9, 0.9, 0.9, 0.5};
    SolStrategy s = new SolStrategy(market(fill(4, 100), null), "SOL", p, fill(4, 1), fill(4, NaN), sigma, banded);
    List<Decision> d = drive(s, 4);
    assertThat(d).extracting(Decision::traded).containsExactly(true, false, true, true);
    assertThat(d.get(2).heldWeight()).isEqualTo(0.5);
    assertThat(d.get(2).targetWeight()).isCloseTo(0.4, within(1e-15));
    assertThat(d.get(3).targetWeight()).isZero();
  }

  @Test
  void targetsAt_missingClose_holdsTheBook() {
    double[] close = {100, NaN, 101};
    SolStrategy s = new SolStrategy(market(close, null), "SOL", fill(3, 0.9), new double[] {1, 0, 1}, fill(3, NaN),
        new double[] {0.02, NaN, 0.04}, RULES);
    List<Decision> d = drive(s, 3);
    assertThat(d).extracting(Decision::reason).containsExactly(Reason.LONG, Reason.NO_PRICE, Reason.LONG);
    assertThat(d).extracting(Decision::traded).containsExactly(true, false, true);
    assertThat(d.get(1).targetWeight()).isEqualTo(0.5);
    assertThat(d.get(2).targetWeight()).isEqualTo(0.25);
  }

  @Test
  void targetsAt_rowsOutOfOrder_throws() {
    SolStrategy s = new SolStrategy(market(fill(3, 100), null), "SOL", fill(3, 0.5), fill(3, 0), fill(3, NaN),
        fill(3, 0.02), RULES);
    s.targetsAt(1, 1.0, new double[2]);
    assertThatThrownBy(() -> s.targetsAt(1, 1.0, new double[2])).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("increasing order");
  }

  @Test
  void constructor_badInputs_nameTheArrayAndRow() {
    MarketData md = market(fill(3, 100), null);
    assertThatThrownBy(() -> new SolStrategy(md, "SOL", new double[] {0.5, 1.5, 0.5}, fill(3, 0), fill(3, NaN),
        fill(3, 0.02), RULES)).hasMessageContaining("probability[1]");
    assertThatThrownBy(() -> new SolStrategy(md, "SOL", fill(3, 0.5), new double[] {0, 0.5, 0}, fill(3, NaN),
        fill(3, 0.02), RULES)).hasMessageContaining("regime[1]");
    assertThatThrownBy(() -> new SolStrategy(md, "SOL", fill(3, 0.5), fill(3, 0), fill(2, NaN), fill(3, 0.02),
        RULES)).hasMessageContaining("sentiment");
    assertThatThrownBy(() -> new SolStrategy(md, "ETH", fill(3, 0.5), fill(3, 0), fill(3, NaN), fill(3, 0.02),
        RULES)).hasMessageContaining("'ETH'");
    assertThatThrownBy(() -> new Rules(0.4, 0.45, -0.7, 0.01, 1, 5, 0)).hasMessageContaining("lower");
  }

  /**
   * The strategy through the ledger on a seeded random walk with funding: every booked bar's fee is the turnover of
   * the decision before it times the fee rate, the turnover is {@code |target - drifted|} as the strategy saw it,
   * the funding is the held weight times the coin's funding of that bar, and the gross return is the weight times
   * the simple return (DESIGN.md convention 8, recomputed here).
   */
  @Test
  void ledger_booksFeesAndFundingByTheConventions() {
    int n = 600;
    Random rnd = new Random(7);
    double[] close = new double[n];
    double[] fund = new double[n];
    double[] p = new double[n];
    double px = 100;
    for (int t = 0; t < n; t++) {
      px *= Math.exp(0.01 * rnd.nextGaussian());
      close[t] = px;
      fund[t] = 1e-5 * rnd.nextGaussian();
      p[t] = rnd.nextDouble();
    }
    MarketData md = market(close, fund);
    double[] sigma = SolStrategy.ewVolatility(close, 24);
    double[] regime = RegimeFilter.of(12).regime(close);
    Rules rules = new Rules(0.55, 0.45, -0.7, 0.008, 1.0, 3.0, 0.02);
    SolStrategy s = new SolStrategy(md, "SOL", p, regime, fill(n, NaN), sigma, rules);
    FeeModel fees = new FeeModel(1.5, 4.5, 0.5, 1.0);
    // booked from the bar after row 0, so the decision of row i is booked in bar i + 1
    BacktestResult r = Backtester.run(md, s, fees, true, Optional.of(md.close().closeTime(0)), Optional.empty());
    double rate = fees.feeRate();
    assertThat(rate).isEqualTo((0.5 * 1.5 + 0.5 * 4.5 + 1.0) / 1e4);

    List<Decision> ds = s.decisions();
    assertThat(ds).hasSize(r.size());
    double[] held = new double[r.size()];
    int[] rowsW = r.weightRows();
    int[] coinsW = r.weightCoins();
    double[] valsW = r.weightValues();
    for (int k = 0; k < rowsW.length; k++) {
      assertThat(coinsW[k]).as("only SOL is ever held").isEqualTo(1);
      held[rowsW[k]] = valsW[k];
    }
    int trades = 0;
    int stops = 0;
    for (int i = 0; i < r.size(); i++) {
      Decision d = ds.get(i);
      int t = d.row() + 1;
      assertThat(r.closeTimesMs()[i]).isEqualTo(md.close().closeTimeMs(t));
      double turnover = d.traded() ? Math.abs(d.targetWeight() - d.heldWeight()) : 0.0;
      assertThat(r.turnover()[i]).as("turnover of bar %d", i).isEqualTo(turnover);
      assertThat(r.feeCosts()[i]).as("fee of bar %d", i).isCloseTo(turnover * rate, within(1e-18));
      double w = d.traded() ? d.targetWeight() : d.heldWeight();
      assertThat(held[i]).as("weight held over bar %d", i).isCloseTo(w, within(1e-15));
      assertThat(r.fundingCosts()[i]).as("funding of bar %d", i).isCloseTo(held[i] * fund[t], within(1e-20));
      assertThat(r.grossReturns()[i]).as("gross of bar %d", i)
          .isCloseTo(held[i] * (close[t] / close[t - 1] - 1), within(1e-15));
      if (i + 1 < r.size()) {
        // the drifted weight the strategy is told next equals w (1 + R) / (1 + w R)
        double rr = close[t] / close[t - 1] - 1;
        assertThat(ds.get(i + 1).heldWeight()).isCloseTo(held[i] * (1 + rr) / (1 + held[i] * rr), within(1e-15));
      }
      trades += d.traded() ? 1 : 0;
      stops += d.reason() == Reason.STOP_LOSS ? 1 : 0;
    }
    assertThat(trades).as("the series trades").isGreaterThan(10);
    assertThat(stops).as("the stop-loss fires on this path").isPositive();
    double navEnd = 1;
    for (double x : r.netReturns()) {
      navEnd *= 1 + x;
    }
    assertThat(r.nav()[r.size() - 1]).isCloseTo(navEnd, within(1e-12));
  }

  @Test
  void buyAndHold_zeroCosts_equalsTheCoinsReturn_withFees_paysOnceOnTurnoverOne() {
    double[] close = {100, 103, 99, 120, 118, 121};
    double[] fund = {0, 0.001, -0.002, 0.0005, 0.001, 0};
    MarketData md = market(close, fund);
    TargetSource bh = SolStrategy.buyAndHold(md, "SOL");
    Optional<java.time.Instant> start = Optional.of(md.close().closeTime(0));
    BacktestResult r = Backtester.run(md, bh, FeeModel.ZERO, false, start, Optional.empty());
    assertThat(r.nav()[r.size() - 1]).isCloseTo(121.0 / 100.0, within(1e-12));
    assertThat(r.rebalanced()).containsExactly(true, false, false, false, false);

    FeeModel fees = new FeeModel(1.5, 4.5, 0.5, 1.0);
    BacktestResult rf = Backtester.run(md, SolStrategy.buyAndHold(md, "SOL"), fees, true, start, Optional.empty());
    assertThat(rf.feeCosts()[0]).isEqualTo(fees.feeRate());
    assertThat(Arrays.stream(rf.feeCosts()).skip(1)).containsOnly(0.0);
    for (int i = 0; i < rf.size(); i++) {
      // weight 1 never drifts for a single coin: funding = 1 x F of the bar
      assertThat(rf.fundingCosts()[i]).isCloseTo(fund[i + 1], within(1e-18));
    }
  }
}
