package io.slipstream.backtest.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * PSR, SR_0 and DSR against the numerical example of Bailey and Lopez de Prado (2014) and against
 * tools/overfit_reference.py (scipy.stats.norm; skew and kurtosis by scipy.stats.skew/kurtosis with bias=True,
 * fisher=False). Commons Math's normal CDF and quantile agree with scipy to about 1e-15 relative; tolerances 1e-12.
 */
class DeflatedSharpeTest {

  @Test
  void paperExample_sr0AndDsrMatchThePaper() {
    // N = 100 trials, V[annual SR] = 1/2, best annual SR 2.5, T = 1250 days (250 a year), skew -3, kurtosis 10.
    // Paper: SR_0 = 0.1132 per day, DSR = 0.9004; scipy (tools/overfit_reference.py): 0.11317200186513214,
    // 0.90039683444939034.
    double sr0 = DeflatedSharpe.expectedMaxSharpe(100, 0.5 / 250);
    double dsr = DeflatedSharpe.probabilistic(2.5 / Math.sqrt(250), sr0, 1250, -3, 10);

    assertThat(sr0).isCloseTo(0.1132, within(5e-5)).isCloseTo(0.11317200186513214, within(1e-12));
    assertThat(dsr).isCloseTo(0.9004, within(5e-5)).isCloseTo(0.90039683444939034, within(1e-12));
  }

  @Test
  void probabilistic_spotValues_matchScipy() {
    assertThat(DeflatedSharpe.probabilistic(0.1, 0.05, 250, -0.5, 5.0)).isCloseTo(0.77826049557661015,
        within(1e-12));
    assertThat(DeflatedSharpe.probabilistic(0.02, 0.0, 1000, 0.3, 3.5)).isCloseTo(0.73694800515077696,
        within(1e-12));
    assertThat(DeflatedSharpe.probabilistic(-0.05, 0.0, 60, 0.0, 3.0)).isCloseTo(0.35055686703158084,
        within(1e-12));
    assertThat(DeflatedSharpe.probabilistic(0.1, 0.1, 100, 1.0, 4.0)).isEqualTo(0.5);
  }

  @Test
  void probabilistic_normalReturns_isTheTTestOfTheSharpeRatio() {
    // skew 0, kurtosis 3: z = SR sqrt(T - 1) / sqrt(1 + SR^2 / 2); SR 0.1, T 101 -> z = 1 / sqrt(1.005)
    double z = 0.1 * 10 / Math.sqrt(1.005);
    double phi = 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));

    assertThat(DeflatedSharpe.probabilistic(0.1, 0, 101, 0, 3)).isCloseTo(phi, within(1e-15));
  }

  @Test
  void expectedMaxSharpe_spotValues_matchScipy() {
    assertThat(DeflatedSharpe.expectedMaxSharpe(2, 1.0)).isCloseTo(0.51975534428059389, within(1e-12));
    assertThat(DeflatedSharpe.expectedMaxSharpe(10, 0.25)).isCloseTo(0.78729915067287504, within(1e-12));
    assertThat(DeflatedSharpe.expectedMaxSharpe(1000, 0.01)).isCloseTo(0.32551215136527234, within(1e-12));
    assertThat(DeflatedSharpe.expectedMaxSharpe(1_000_000, 1.0)).isCloseTo(4.8678600378468442, within(1e-9));
    assertThat(DeflatedSharpe.expectedMaxSharpe(1, 1.0)).isZero();
    assertThat(DeflatedSharpe.expectedMaxSharpe(50, 0.0)).isZero();
  }

  @Test
  void of_fixtureBestTrial_matchesScipy() {
    // best full-sample Sharpe of the fixture: trial 2; V over the 19 trials with a defined Sharpe (trial 19 is
    // all zeros), ddof 1; N = 20 trials
    double[][] m = PboFixtures.fixtureByTrial();
    BlockReturns b = BlockReturns.of(m, 2);
    double[] sharpes = new double[19];
    for (int i = 0; i < 19; i++) {
      sharpes[i] = b.sharpe(i);
    }
    double v = DeflatedSharpe.sharpeVariance(sharpes);

    DeflatedSharpe.Result r = DeflatedSharpe.of(m[2], 20, v);

    assertThat(b.sharpe(19)).isNaN();
    assertThat(b.sharpe(0)).isCloseTo(0.12597531821049307, within(1e-13));
    assertThat(v).isCloseTo(0.0032960598528397173, within(1e-14));
    assertThat(r.sharpe()).isCloseTo(0.12759576040712428, within(1e-13));
    assertThat(r.skew()).isCloseTo(0.23705415844740968, within(1e-12));
    assertThat(r.kurtosis()).isCloseTo(5.5339198142642054, within(1e-12));
    assertThat(r.benchmarkSharpe()).isCloseTo(0.10912215553539502, within(1e-12));
    assertThat(r.deflatedSharpe()).isCloseTo(0.65789316750495574, within(1e-11));
    assertThat(r.observations()).isEqualTo(480);
    assertThat(r.trials()).isEqualTo(20);
  }

  @Test
  void of_handSeries_momentsByHand() {
    // x = {1, 2, 3, 10}: mean 4, deviations -3 -2 -1 6; m2 = 50/4, m3 = (-27 - 8 - 1 + 216)/4 = 45,
    // m4 = (81 + 16 + 1 + 1296)/4 = 348.5; skew = 45 / 12.5^1.5, kurtosis = 348.5 / 156.25;
    // Sharpe = 4 / sqrt(50/3)
    DeflatedSharpe.Result r = DeflatedSharpe.of(new double[] {1, 2, 3, 10}, 1, 0);

    assertThat(r.sharpe()).isCloseTo(4 / Math.sqrt(50.0 / 3), within(1e-15));
    assertThat(r.skew()).isCloseTo(45 / Math.pow(12.5, 1.5), within(1e-15));
    assertThat(r.kurtosis()).isCloseTo(348.5 / 156.25, within(1e-15));
    assertThat(r.benchmarkSharpe()).isZero();
    assertThat(r.deflatedSharpe()).isCloseTo(
        DeflatedSharpe.probabilistic(r.sharpe(), 0, 4, r.skew(), r.kurtosis()), within(1e-15));
  }

  @Test
  void of_constantReturns_giveNaNNotAnException() {
    DeflatedSharpe.Result r = DeflatedSharpe.of(new double[] {0, 0, 0}, 10, 0.01);

    assertThat(r.sharpe()).isNaN();
    assertThat(r.deflatedSharpe()).isNaN();
    assertThat(r.benchmarkSharpe()).isPositive();
  }

  @Test
  void badInput_throwsNamingFieldAndValue() {
    assertThatThrownBy(() -> DeflatedSharpe.probabilistic(0.1, 0, 100, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kurtosis").hasMessageContaining("excess");
    assertThatThrownBy(() -> DeflatedSharpe.probabilistic(Double.NaN, 0, 100, 0, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sharpe").hasMessageContaining("NaN");
    assertThatThrownBy(() -> DeflatedSharpe.probabilistic(0.1, 0, 1, 0, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observations");
    assertThatThrownBy(() -> DeflatedSharpe.expectedMaxSharpe(0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trials").hasMessageContaining("0");
    assertThatThrownBy(() -> DeflatedSharpe.expectedMaxSharpe(10, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sharpeVariance");
    assertThatThrownBy(() -> DeflatedSharpe.of(new double[] {0.1, Double.NaN, 0.2}, 10, 0.01))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t 1");
    assertThatThrownBy(() -> DeflatedSharpe.sharpeVariance(new double[] {0.1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sharpes");
  }
}
