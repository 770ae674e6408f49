package io.slipstream.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.cost.FeeModel;
import io.slipstream.data.MarketData;
import io.slipstream.ml.SolStrategy.Decision;
import io.slipstream.ml.SolStrategy.NullTest;
import io.slipstream.ml.SolStrategy.Reason;
import io.slipstream.ml.SolStrategy.Rules;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The null-model ablation of {@link SolStrategy}: seeded random probabilities ({@link SolStrategy#randomProbability}),
 * the regime-only series ({@link SolStrategy#regimeOnlyProbability}), re-running the same rules through the ledger
 * ({@link SolStrategy#withProbability}) and the empirical p-value ({@link NullTest}) computed by hand.
 */
class SolStrategy_AblationTest {
  private static final double NaN = Double.NaN;
  private static final Rules RULES = new Rules(0.55, 0.45, -0.7, 0.008, 1.0, 3.0, 0.02);
  private static final FeeModel FEES = new FeeModel(1.5, 4.5, 0.5, 1.0);
  private static final int N = 600;

  /** A seeded random walk for SOL, its regime (12 bars), and a model p that is NaN on the first 100 rows and every 7th. */
  private static final class Fixture {
    final double[] close = new double[N];
    final double[] fund = new double[N];
    final double[] p = new double[N];
    final MarketData md;
    final SolStrategy model;

    Fixture() {
      Random rnd = new Random(11);
      double px = 100;
      for (int t = 0; t < N; t++) {
        px *= Math.exp(0.01 * rnd.nextGaussian());
        close[t] = px;
        fund[t] = 1e-5 * rnd.nextGaussian();
        p[t] = t < 100 || t % 7 == 0 ? NaN : 0.3 + 0.4 * rnd.nextDouble();
      }
      md = SolStrategyTest.market(close, fund);
      double[] sentiment = new double[N];
      Arrays.fill(sentiment, NaN);
      model = new SolStrategy(md, "SOL", p, RegimeFilter.of(12).regime(close), sentiment,
          SolStrategy.ewVolatility(close, 24), RULES);
    }

    BacktestResult run(SolStrategy s) {
      return Backtester.run(md, s, FEES, true, Optional.of(md.close().closeTime(0)), Optional.empty());
    }
  }

  @Test
  void randomProbability_nanExactlyWhereTheModelsIs_drawsInRowOrderFromTheSeed() {
    double[] p = {NaN, 0.2, 0.9, NaN, NaN, 0.5, 0.51};
    double[] u = SolStrategy.randomProbability(p, 42);
    SplittableRandom rng = new SplittableRandom(42);
    double[] expected = {NaN, rng.nextDouble(), rng.nextDouble(), NaN, NaN, rng.nextDouble(), rng.nextDouble()};
    assertThat(u).containsExactly(expected);
    assertThat(p).as("not modified").containsExactly(NaN, 0.2, 0.9, NaN, NaN, 0.5, 0.51);

    Fixture f = new Fixture();
    for (long seed = 1; seed <= 5; seed++) {
      double[] r = SolStrategy.randomProbability(f.p, seed);
      for (int t = 0; t < N; t++) {
        assertThat(Double.isNaN(r[t])).as("row %d, seed %d", t, seed).isEqualTo(Double.isNaN(f.p[t]));
        if (!Double.isNaN(r[t])) {
          assertThat(r[t]).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
      }
    }
  }

  @Test
  void randomProbability_fixedSeed_reproducible_otherSeedDiffers() {
    Fixture f = new Fixture();
    assertThat(SolStrategy.randomProbability(f.p, 7)).containsExactly(SolStrategy.randomProbability(f.p, 7));
    assertThat(SolStrategy.randomProbability(f.p, 8)).isNotEqualTo(SolStrategy.randomProbability(f.p, 7));
  }

  @Test
  void withProbability_fixedSeed_sameLedgerTwice_andTheModelsRunIsUntouched() {
    Fixture f = new Fixture();
    BacktestResult model = f.run(f.model);
    List<Decision> modelDecisions = f.model.decisions();

    SolStrategy a = f.model.withProbability(SolStrategy.randomProbability(f.p, 3));
    SolStrategy b = f.model.withProbability(SolStrategy.randomProbability(f.p, 3));
    assertThat(a.decisions()).as("fresh state").isEmpty();
    BacktestResult ra = f.run(a);
    BacktestResult rb = f.run(b);
    assertThat(ra.netReturns()).containsExactly(rb.netReturns());
    assertThat(ra.feeCosts()).containsExactly(rb.feeCosts());
    assertThat(a.decisions()).isEqualTo(b.decisions());
    assertThat(ra.turnover()).as("the random run trades").matches(x -> Arrays.stream(x).filter(v -> v > 0).count() > 10);
    assertThat(ra.netReturns()).isNotEqualTo(model.netReturns());
    assertThat(f.model.decisions()).isEqualTo(modelDecisions);
    // the same inputs but p: regime, sigma and the rules are those of the model's strategy
    for (Decision d : a.decisions()) {
      Decision m = modelDecisions.get(d.row());
      assertThat(d.regime()).isEqualTo(m.regime());
      assertThat(Double.valueOf(d.sigma())).isEqualTo(Double.valueOf(m.sigma()));
      assertThat(d.reason() == Reason.NO_MODEL).isEqualTo(m.reason() == Reason.NO_MODEL);
    }
    assertThat(a.rules()).isEqualTo(f.model.rules());
  }

  @Test
  void withProbability_badSeries_throwsNamingTheArray() {
    Fixture f = new Fixture();
    assertThatThrownBy(() -> f.model.withProbability(new double[N - 1])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probability");
    double[] bad = new double[N];
    bad[5] = 1.5;
    assertThatThrownBy(() -> f.model.withProbability(bad)).hasMessageContaining("probability[5]")
        .hasMessageContaining("1.5");
  }

  @Test
  void regimeOnlyProbability_oneZeroHalf_nanWhereTheModelsIs() {
    double[] p = {0.3, NaN, 0.7, 0.5, NaN};
    double[] g = {1, 1, -1, 0, -1};
    assertThat(SolStrategy.regimeOnlyProbability(p, g)).containsExactly(1.0, NaN, 0.0, 0.5, NaN);
    assertThatThrownBy(() -> SolStrategy.regimeOnlyProbability(p, new double[] {1, 1, 2, 0, 0}))
        .hasMessageContaining("regime[2]").hasMessageContaining("2.0");
    assertThatThrownBy(() -> SolStrategy.regimeOnlyProbability(p, new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regime");
  }

  @Test
  void regimeOnly_throughTheLedger_alwaysTheRegimesSide_neverAgainstIt() {
    Fixture f = new Fixture();
    double[] g = f.model.regime();
    SolStrategy s = f.model.withProbability(SolStrategy.regimeOnlyProbability(f.p, g));
    BacktestResult r = f.run(s);
    List<Decision> ds = s.decisions();
    assertThat(ds).hasSize(r.size());
    int longs = 0;
    int shorts = 0;
    for (Decision d : ds) {
      int t = d.row();
      if (Double.isNaN(f.p[t])) {
        assertThat(d.reason()).isEqualTo(Reason.NO_MODEL);
        assertThat(d.rawDirection()).isZero();
      } else {
        assertThat(d.rawDirection()).as("raw direction at row %d", t).isEqualTo((int) g[t]);
      }
      if (d.direction() != 0) {
        assertThat(d.direction()).as("row %d", t).isEqualTo((int) g[t]);
      }
      longs += d.direction() > 0 ? 1 : 0;
      shorts += d.direction() < 0 ? 1 : 0;
    }
    assertThat(longs).as("bullish bars are traded long").isGreaterThan(20);
    assertThat(shorts).as("bearish bars are traded short").isGreaterThan(20);
    // the weight held over each bar never has the opposite sign of the regime at the decision before it
    int[] rows = r.weightRows();
    double[] vals = r.weightValues();
    for (int k = 0; k < rows.length; k++) {
      Decision d = ds.get(rows[k]);
      if (d.traded()) {
        assertThat(Math.signum(vals[k]) * g[d.row()]).as("bar %d", rows[k]).isGreaterThanOrEqualTo(0.0);
      }
    }
  }

  @Test
  void nullTest_byHand_tiesCountAgainstTheModel_nanLeftOut() {
    // model 1.0; null values 0.5, 1.0 (tie), 2.0, -1.0, NaN: 4 defined runs, 2 of them >= 1.0
    NullTest t = NullTest.of(1.0, new double[] {0.5, 1.0, 2.0, -1.0, NaN});
    assertThat(t.runs()).isEqualTo(4);
    assertThat(t.atLeast()).isEqualTo(2);
    assertThat(t.undefinedRuns()).isEqualTo(1);
    assertThat(t.pValue()).isEqualTo(3.0 / 5.0);
    assertThat(t.rank()).hasValue(3);

    NullTest best = NullTest.of(0.59, new double[] {0.1, -0.3, 0.58});
    assertThat(best.pValue()).isEqualTo(0.25);
    assertThat(best.rank()).hasValue(1);
    NullTest worst = NullTest.of(-2.0, new double[] {0.1, -0.3, 0.58});
    assertThat(worst.pValue()).isEqualTo(1.0);
    assertThat(worst.rank()).hasValue(4);

    NullTest undefined = NullTest.of(NaN, new double[] {0.1, 0.2});
    assertThat(undefined.pValue()).isNaN();
    assertThat(undefined.rank()).isEmpty();
    assertThatThrownBy(() -> new NullTest(1.0, 2, 3, 0)).hasMessageContaining("atLeast");
  }
}
