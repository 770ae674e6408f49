package io.slipstream.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Panel;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiquidityUniverseTest {
  private static final double NaN = Double.NaN;
  /** 10,000 USD at 2.5 % of ADV -> ADV floor 10000 / 0.025 = 400,000 USD. */
  private final LiquidityUniverse universe = new LiquidityUniverse(10_000, 2.5);

  @Test
  void minAdvUsd_thresholdOverImpact_is400k() {
    assertThat(universe.minAdvUsd()).isEqualTo(400_000.0);
  }

  @Test
  void contains_eachRule_excludes() {
    assertThat(universe.contains(0.5, 0.02, 400_000)).isTrue();
    assertThat(universe.contains(-3.0, 0.02, 1e9)).isTrue();
    assertThat(universe.contains(NaN, 0.02, 1e9)).isFalse();
    assertThat(universe.contains(0.5, 0.0, 1e9)).isFalse();
    assertThat(universe.contains(0.5, NaN, 1e9)).isFalse();
    assertThat(universe.contains(0.5, 0.02, 399_999.99)).isFalse();
    assertThat(universe.contains(0.5, 0.02, NaN)).isFalse();
  }

  @Test
  void mask_panel_isOneInsideZeroOutsideNeverNaN() {
    // rows: 0 in, 1 score NaN, 2 sigma 0, 3 ADV below floor
    Panel score = Panel.of(BarInterval.H4, 0L, 4, List.of("A"), new double[] {1, NaN, 1, 1});
    Panel sigma = score.withValues(new double[] {0.1, 0.1, 0.0, 0.1});
    Panel adv = score.withValues(new double[] {5e5, 5e5, 5e5, 1e5});

    Panel m = universe.mask(score, sigma, adv);

    assertThat(m.column(0)).containsExactly(1, 0, 0, 0);
  }

  @Test
  void constructor_zeroThreshold_admitsAnyFiniteAdv() {
    LiquidityUniverse u = new LiquidityUniverse(0, 2.5);
    assertThat(u.contains(1, 0.1, 0.0)).isTrue();
    assertThat(u.contains(1, 0.1, NaN)).isFalse();
  }

  @Test
  void constructor_badArguments_throw() {
    assertThatThrownBy(() -> new LiquidityUniverse(-1, 2.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LiquidityUniverse(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
