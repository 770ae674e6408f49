package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real Hyperliquid 4h data: at two decision bars one day apart, the coins with complete closes
 * over the trailing 90 days get a shrunk sample covariance of 4h log returns, betas against the equal-weighted
 * market and a momentum alpha; the optimizer rebalances the first day's cost-aware book into the second day's.
 * The covariance and signals are computed here (plain loops), independent of the factor package.
 */
class BetaNeutralOptimizerRealDataTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final int WINDOW = 540;
  /** Forecast horizon in 4h bars (one day): covariance and alpha are per day. */
  private static final int HORIZON = 6;
  private static Panel close;

  @BeforeAll
  static void load() {
    MarketData md = Lake.load(DIR, BarInterval.H4, false);
    close = md.close();
  }

  /** Inputs at decision row {@code t} for the given coins: covariance, beta, alpha (per day). */
  private record Inputs(double[] cov, double[] beta, double[] alpha) {
  }

  private static List<Integer> completeCoins(int t) {
    List<Integer> cols = new ArrayList<>();
    for (int c = 0; c < close.columns(); c++) {
      boolean ok = true;
      for (int r = t - WINDOW; r <= t && ok; r++) {
        ok = close.get(r, c) > 0;
      }
      if (ok) {
        cols.add(c);
      }
    }
    return cols;
  }

  private static Inputs inputs(List<Integer> cols, int t, int bars, double shrink) {
    int n = cols.size();
    double[][] r = new double[n][bars];
    for (int k = 0; k < n; k++) {
      for (int b = 0; b < bars; b++) {
        int row = t - bars + 1 + b;
        r[k][b] = Math.log(close.get(row, cols.get(k)) / close.get(row - 1, cols.get(k)));
      }
    }
    double[] mean = new double[n];
    for (int k = 0; k < n; k++) {
      for (double x : r[k]) {
        mean[k] += x / bars;
      }
    }
    double[] cov = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int b = 0; b < bars; b++) {
          s += (r[i][b] - mean[i]) * (r[j][b] - mean[j]);
        }
        s /= bars - 1;
        cov[i * n + j] = s;
        cov[j * n + i] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cov[i * n + j] *= (i != j ? 1 - shrink : 1.0) * HORIZON;
      }
    }
    double[] mkt = new double[bars];
    for (int b = 0; b < bars; b++) {
      for (int k = 0; k < n; k++) {
        mkt[b] += r[k][b] / n;
      }
    }
    double mm = 0;
    for (double x : mkt) {
      mm += x / bars;
    }
    double vm = 0;
    for (double x : mkt) {
      vm += (x - mm) * (x - mm);
    }
    double[] beta = new double[n];
    double[] alpha = new double[n];
    for (int k = 0; k < n; k++) {
      double c = 0;
      for (int b = 0; b < bars; b++) {
        c += (r[k][b] - mean[k]) * (mkt[b] - mm);
      }
      beta[k] = c / vm;
      double mom = 0;
      for (int b = bars - 30; b < bars; b++) {
        mom += r[k][b];
      }
      alpha[k] = 0.02 * mom; // a shrunk 30-bar momentum forecast over a one-day horizon
    }
    return new Inputs(cov, beta, alpha);
  }

  @Test
  void optimizer_realDataTwoDecisions_neutralWithinLimitsAndKktOptimal() {
    int t1 = close.rows() - 200;
    int t2 = t1 + 6;
    List<Integer> cols = completeCoins(t2);
    cols.retainAll(completeCoins(t1));
    assertThat(cols.size()).as("coins with 90 days of closes").isGreaterThan(100);
    int n = cols.size();
    Inputs day1 = inputs(cols, t1, WINDOW, 0.1);
    Inputs day2 = inputs(cols, t2, WINDOW, 0.1);
    double[] lin = new double[n];
    double[] imp = new double[n];
    java.util.Arrays.fill(lin, 5e-4);
    java.util.Arrays.fill(imp, 3e-3);
    OptimizerConstraints cons = OptimizerConstraints.grossLeverage(1.0).withDollarNeutral(true)
        .withPositionLimit(0.05);
    BetaNeutralOptimizer opt = BetaNeutralOptimizer.DEFAULT;

    OptimizationResult cf = opt.closedForm(day2.cov(), day2.alpha(), day2.beta(),
        OptimizerConstraints.grossLeverage(1.0).withDollarNeutral(true));
    assertThat(Math.abs(dot(day2.beta(), cf.weights()))).isLessThanOrEqualTo(1e-10);
    assertThat(cf.grossLeverage()).isCloseTo(1.0, within(1e-12));
    assertThat(cf.expectedReturn()).isPositive();

    BetaNeutralOptimizerCostAwareTest.Problem p1 = new BetaNeutralOptimizerCostAwareTest.Problem(day1.cov(),
        day1.alpha(), day1.beta(), new double[n], lin, imp, 2.0, cons);
    OptimizationResult r1 = p1.solve(opt);
    BetaNeutralOptimizerCostAwareTest.Problem p2 = new BetaNeutralOptimizerCostAwareTest.Problem(day2.cov(),
        day2.alpha(), day2.beta(), r1.weights(), lin, imp, 2.0, cons);
    OptimizationResult r2 = p2.solve(opt);
    for (var pr : List.of(p1, p2)) {
      OptimizationResult r = pr == p1 ? r1 : r2;
      assertThat(r.converged()).isTrue();
      BetaNeutralOptimizerCostAwareTest.assertFeasible(pr, r.weights());
      assertThat(BetaNeutralOptimizerCostAwareTest.kkt(pr, r))
          .isLessThanOrEqualTo(1e-9 * BetaNeutralOptimizerCostAwareTest.scale(pr));
    }
    // the second decision starts from a live book: it trades less than building one from scratch
    assertThat(r1.turnover()).isGreaterThan(0.5);
    assertThat(r2.turnover()).isLessThan(r1.turnover());
    long untouched = 0;
    for (int i = 0; i < n; i++) {
      untouched += r2.weight(i) == r1.weight(i) ? 1 : 0;
    }
    assertThat(untouched).as("coins left untouched by the rebalance").isPositive();
  }

  @Test
  void optimizer_realSampleCovarianceWithFewerBarsThanCoins_throwsSingular() {
    int t = close.rows() - 200;
    List<Integer> cols = completeCoins(t);
    int bars = 60; // rank <= 59 for > 100 coins
    Inputs in = inputs(cols, t, bars, 0.0);
    assertThatThrownBy(() -> BetaNeutralOptimizer.DEFAULT.closedForm(in.cov(), in.alpha(), in.beta(),
        OptimizerConstraints.grossLeverage(1.0)))
        .isInstanceOf(DataException.class).hasMessageContaining("covariance is");
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
