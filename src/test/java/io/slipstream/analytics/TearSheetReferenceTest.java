package io.slipstream.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.data.MarketData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, daily-basis and tail metrics of the real gradient 4h run ({@code config/gradient.json}, 4717 bars) with
 * its default BTC buy-and-hold benchmark, against the independent numpy re-implementation of quantstats 0.0.81's
 * formulas and a numpy least-squares regression: {@code slipstream backtest --config config/gradient.json --out RUN}
 * then {@code python3 tools/tearsheet_benchmark_reference.py RUN 4}; its printed values are pasted here. Tolerance
 * 1e-9 (absolute on per-period values, relative on annualised ratios); sums run in different orders.
 */
class TearSheetReferenceTest {
  private static final double TOL = 1e-9;

  private static BenchmarkStats bench() {
    BacktestResult r = Ledgers.gradient4h();
    MarketData md = Ledgers.gradient4hData();
    return BenchmarkStats.of(r, Benchmark.buyAndHold("BTC", md.close(), r));
  }

  @Test
  void ratiosPerBarAndPerDay_realGradient4h_matchNumpyQuantstats() {
    Metrics m = Metrics.of(Ledgers.gradient4h());
    ReturnStats b = m.perBar();
    ReturnStats d = m.daily();

    assertThat(b.count()).isEqualTo(4717);
    assertThat(b.sharpe()).isCloseTo(-1.7416543660462294, within(TOL));
    assertThat(b.conditionalValueAtRisk95()).isCloseTo(-0.007877554932278676, within(TOL));
    assertThat(b.expectedShortfall95Normal()).isCloseTo(-0.006932322019484384, within(TOL));
    assertThat(b.omega()).isCloseTo(0.9011502881358457, within(TOL));
    assertThat(b.winLossRatio()).isCloseTo(1.0222551006138305, within(TOL));
    assertThat(b.best()).isCloseTo(0.028432051447476847, within(TOL));
    assertThat(b.worst()).isCloseTo(-0.019847129155681528, within(TOL));
    assertThat(d.count()).isEqualTo(787);
    assertThat(d.sharpe()).isCloseTo(-1.8359219324408664, within(TOL));
    assertThat(d.sortino()).isCloseTo(-2.504463762610273, within(TOL));
    assertThat(d.annualVolatility()).isCloseTo(0.1469683457454506, within(TOL));
    assertThat(d.valueAtRisk95()).isCloseTo(-0.013392563527739088, within(TOL));
    assertThat(d.conditionalValueAtRisk95()).isCloseTo(-0.017300120591965628, within(TOL));
    assertThat(d.expectedShortfall95Normal()).isCloseTo(-0.016607018317065306, within(TOL));
    assertThat(d.omega()).isCloseTo(0.7777768477866605, within(TOL));
    assertThat(d.winLossRatio()).isCloseTo(1.0385744258278848, within(TOL));
    assertThat(d.best()).isCloseTo(0.03299540084754016, within(TOL));
    assertThat(d.worst()).isCloseTo(-0.026240438418813627, within(TOL));
    assertThat(m.ulcerIndex()).isCloseTo(0.23839962780684118, within(TOL));
  }

  @Test
  void worstDrawdowns_realGradient4h_matchNumpyEpisodes() {
    List<Drawdowns.Episode> w = Metrics.of(Ledgers.gradient4h()).worstDrawdowns();

    assertThat(w).extracting(Drawdowns.Episode::depth).containsExactly(0.48394017615286955, 0.1106868825231766,
        0.010823568581160847, 0.009773878903148847, 0.009471282866214903);
    assertThat(w.get(0).recovery()).isEmpty();
    assertThat(w.get(0).lengthDays()).isCloseTo(572.3333333333334, within(TOL));
  }

  @Test
  void alphaBeta_realGradient4hVsBtc_matchNumpyCovAndRegression() {
    BenchmarkStats s = bench();
    BenchmarkStats.Greeks b = s.perBar();
    BenchmarkStats.Greeks d = s.daily();

    assertThat(b.pairs()).isEqualTo(4717);
    assertThat(b.beta()).isCloseTo(-0.01780532921613678, within(TOL)).isCloseTo(-0.017805329216136787, within(TOL));
    assertThat(b.alpha()).isCloseTo(-0.2549938547289246, within(TOL)).isCloseTo(-0.25499385472892455, within(TOL));
    assertThat(b.correlation()).isCloseTo(-0.05420768718265869, within(TOL));
    assertThat(b.trackingError()).isCloseTo(0.5029501874630135, within(TOL));
    assertThat(b.informationRatio()).isCloseTo(-0.04500915004105568, within(TOL));
    assertThat(b.informationRatioAnnualised()).isCloseTo(-0.04500915004105568 * Math.sqrt(2190), within(TOL));
    assertThat(d.pairs()).isEqualTo(787);
    assertThat(d.beta()).isCloseTo(-0.0246300080346099, within(TOL)).isCloseTo(-0.02463000803460991, within(TOL));
    assertThat(d.alpha()).isCloseTo(-0.25031936339680994, within(TOL));
    assertThat(d.correlation()).isCloseTo(-0.0797917249712868, within(TOL));
    assertThat(d.trackingError()).isCloseTo(0.5093696702345709, within(TOL));
    assertThat(d.informationRatio()).isCloseTo(-0.10909560739793286, within(TOL));
  }

  @Test
  void rollingSortinoAndBeta_realGradient4h_matchNumpyWindows() {
    BacktestResult r = Ledgers.gradient4h();
    double[] net = r.netReturns();
    double[] so = RollingStats.sortino(net, 180, 2190);
    double[] bb = BenchmarkStats.rollingBeta(net, Benchmark.buyAndHold("BTC", Ledgers.gradient4hData().close(), r)
        .returns(), 540);

    assertThat(so[178]).isNaN();
    assertThat(so[179]).isCloseTo(-5.050495863532731, within(TOL));
    assertThat(so[1000]).isCloseTo(1.8946702401624815, within(TOL));
    assertThat(so[4716]).isCloseTo(-4.4206443348690945, within(TOL));
    assertThat(bb[538]).isNaN();
    assertThat(bb[539]).isCloseTo(0.023371248078405023, within(TOL));
    assertThat(bb[3000]).isCloseTo(-0.014746249711196884, within(TOL));
    assertThat(bb[4716]).isCloseTo(-0.0168224730304083, within(TOL));
  }
}
