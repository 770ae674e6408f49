package io.slipstream.backtest.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real 4h lake: 30 time-series momentum rules on BTC (lookback L = 1..30 bars; position decided at
 * the close of bar t = sign(c_t - c_{t-L}), return over the next bar = position x (c_{t+1}/c_t - 1)) over the last
 * 4000 bars (all with volume > 0, so no NaN), T = 3969 returns per trial. Reference: tools/overfit_reference.py
 * --real (pyarrow reads the same parquet; the trial returns are bit-identical: one subtraction, one division).
 * A momentum grid on one coin overfits: PBO 0.70, and deflating for 30 trials takes the best rule's PSR from 0.92
 * (against 0) to 0.51.
 */
class PboRealDataTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static double[][] trials;

  @BeforeAll
  static void build() {
    MarketData md = Lake.load(DIR, BarInterval.H4, false);
    Panel close = md.close();
    int col = close.columnOf("BTC").orElseThrow();
    int m = 4000;
    double[] c = new double[m];
    for (int j = 0; j < m; j++) {
      c[j] = close.get(close.rows() - m + j, col);
      assertThat(c[j]).as("BTC close at row %d", close.rows() - m + j).isFinite();
    }
    trials = new double[30][m - 31];
    for (int lag = 1; lag <= 30; lag++) {
      for (int t = 30; t < m - 1; t++) {
        trials[lag - 1][t - 30] = Math.signum(c[t] - c[t - lag]) * (c[t + 1] / c[t] - 1);
      }
    }
  }

  @Test
  void cscv_btcMomentumGrid_matchesPythonReference() {
    PboResult r = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(trials, 16));

    assertThat(r.trials()).isEqualTo(30);
    assertThat(r.combinations()).isEqualTo(12870);
    assertThat(r.pbo()).isEqualTo(9042 / 12870.0);
    double sum = 0;
    for (double l : r.logits()) {
      sum += l;
    }
    assertThat(sum).isCloseTo(-9634.2044804441848, within(1e-8));
    assertThat(r.degradationSlope()).isCloseTo(-0.68587510484084491, within(1e-8));
    assertThat(r.degradationIntercept()).isCloseTo(0.023905072406006523, within(1e-10));
    assertThat(r.probabilityOfOosLoss()).isCloseTo(0.47692307692307695, within(1e-15));
  }

  @Test
  void deflatedSharpe_bestMomentumRule_matchesPythonReference() {
    BlockReturns b = BlockReturns.of(trials, 16);
    double[] sharpes = new double[30];
    int best = 0;
    for (int i = 0; i < 30; i++) {
      sharpes[i] = b.sharpe(i);
      if (sharpes[i] > sharpes[best]) {
        best = i;
      }
    }

    DeflatedSharpe.Result r = DeflatedSharpe.of(trials[best], 30, DeflatedSharpe.sharpeVariance(sharpes));

    assertThat(best + 1).as("best lookback").isEqualTo(17);
    assertThat(r.sharpe()).isCloseTo(0.022514986964388778, within(1e-13));
    assertThat(r.skew()).isCloseTo(0.25147084814416837, within(1e-10));
    assertThat(r.kurtosis()).isCloseTo(9.4830133383393527, within(1e-9));
    assertThat(r.benchmarkSharpe()).isCloseTo(0.022164655057603209, within(1e-12));
    assertThat(r.deflatedSharpe()).isCloseTo(0.50882345105911275, within(1e-9));
    assertThat(DeflatedSharpe.probabilistic(r.sharpe(), 0, r.observations(), r.skew(), r.kurtosis()))
        .isCloseTo(0.92241853780212957, within(1e-9));
  }
}
