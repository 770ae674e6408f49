package io.slipstream.backtest.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.factor.VolumeWeighting;
import io.slipstream.portfolio.JointAlphaConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The study's statistics, by hand: t-statistic, percentiles, the bootstrap of R^2 over periods. */
class JointStudyTest {
  private static JointStudyConfig config(long seed) {
    return new JointStudyConfig(List.of(24), 30, VolumeWeighting.SQRT_DOLLAR, 3, JointAlphaConfig.of(24), 500, seed,
        Optional.empty());
  }

  @Test
  void tStat_andPercentile_byHand() {
    // mean 2.5, sd (ddof 1) = sqrt(5/3) = 1.2910, t = 2.5 / (1.2910 / 2) = 3.8730
    assertThat(JointStudy.tStat(new double[] {1, 2, 3, 4})).isCloseTo(2.5 / (Math.sqrt(5.0 / 3) / 2), within(1e-12));
    assertThat(JointStudy.tStat(new double[] {1})).isNaN();
    assertThat(JointStudy.tStat(new double[] {2, 2, 2})).isNaN();
    double[] sorted = {0, 10, 20, 30, 40};
    assertThat(JointStudy.percentile(sorted, 0.5)).isEqualTo(20);
    assertThat(JointStudy.percentile(sorted, 0.025)).isCloseTo(1.0, within(1e-12));
    assertThat(JointStudy.percentile(new double[] {1, 2, Double.NaN}, 1.0)).isEqualTo(2);
  }

  @Test
  void bootstrap_pointValueIsPooledR2_andTheIntervalIsSeededAndBracketsIt() {
    // per period [sse, sst]: R^2 = 1 - (1+2+3+1)/(2+4+4+3) = 1 - 7/13
    double[][] sums = {{1, 2}, {2, 4}, {3, 4}, {1, 3}, {0.5, 2}, {2.5, 3}};
    JointStudyResult.Estimate a = JointStudy.bootstrap(sums, 0, 1, config(7));
    JointStudyResult.Estimate b = JointStudy.bootstrap(sums, 0, 1, config(7));
    JointStudyResult.Estimate c = JointStudy.bootstrap(sums, 0, 1, config(8));
    assertThat(a.value()).isCloseTo(1 - 10.0 / 18, within(1e-15));
    assertThat(b).isEqualTo(a);
    assertThat(c.value()).isEqualTo(a.value());
    assertThat(c.lo()).isNotEqualTo(a.lo());
    assertThat(a.lo()).isLessThan(a.value());
    assertThat(a.hi()).isGreaterThan(a.value());
    // the most extreme possible resamples bound the interval
    assertThat(a.lo()).isGreaterThanOrEqualTo(1 - 3.0 / 4);
    assertThat(a.hi()).isLessThanOrEqualTo(1 - 0.5 / 2);
  }
}
