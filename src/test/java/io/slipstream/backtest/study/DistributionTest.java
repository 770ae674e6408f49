package io.slipstream.backtest.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link Distribution} against numpy ({@code tools/random_study_reference.py}) and its order invariants. */
class DistributionTest {
  @Test
  void of_fixedSample_matchesNumpy() {
    // sample and expected values: tools/random_study_reference.py (numpy mean, std ddof 1, quantile method linear)
    double[] x = {0.031, -0.012, Double.NaN, 0.0, 0.054, -0.087, 0.002, 0.019, -0.003, 0.11, -0.045};
    double[] copy = x.clone();
    Distribution d = Distribution.of(x);
    assertThat(x).as("input not modified").usingElementComparator(Double::compare).containsExactly(copy);
    assertThat(d.count()).isEqualTo(10);
    assertThat(d.mean()).isCloseTo(0.006900000000000001, within(1e-15));
    assertThat(d.std()).isCloseTo(0.05334676914094965, within(1e-15));
    assertThat(d.median()).isCloseTo(0.001, within(1e-15));
    assertThat(d.q05()).isCloseTo(-0.0681, within(1e-15));
    assertThat(d.q95()).isCloseTo(0.08479999999999994, within(1e-15));
    assertThat(d.sharePositive()).isEqualTo(0.5);
  }

  @Test
  void of_degenerateSamples_areNaNWhereUndefined() {
    Distribution empty = Distribution.of(new double[] {Double.NaN});
    assertThat(empty.count()).isZero();
    assertThat(empty.mean()).isNaN();
    assertThat(empty.sharePositive()).isNaN();
    Distribution one = Distribution.of(new double[] {-0.5});
    assertThat(one.mean()).isEqualTo(-0.5);
    assertThat(one.std()).isNaN();
    assertThat(one.median()).isEqualTo(-0.5);
    assertThat(one.q05()).isEqualTo(-0.5);
    assertThat(one.q95()).isEqualTo(-0.5);
    assertThat(one.sharePositive()).isZero();
  }

  @Property(tries = 200)
  void quantiles_areOrderedAndInsideTheSample(@ForAll @Size(min = 1, max = 50) double[] raw,
      @ForAll @DoubleRange(min = -1, max = 1) double shift) {
    double[] x = raw.clone();
    for (int i = 0; i < x.length; i++) {
      x[i] = Double.isFinite(x[i]) ? Math.max(-1e6, Math.min(1e6, x[i])) + shift : Double.NaN;
    }
    Distribution d = Distribution.of(x);
    if (d.count() == 0) {
      return;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (v == v) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    assertThat(d.q05()).isBetween(min, max);
    assertThat(d.median()).isBetween(d.q05(), d.q95());
    assertThat(d.q95()).isLessThanOrEqualTo(max);
    assertThat(d.mean()).isBetween(min - 1e-9 * Math.abs(min), max + 1e-9 * Math.abs(max));
    assertThat(d.sharePositive()).isBetween(0.0, 1.0);
  }
}
