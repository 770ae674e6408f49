package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.signal.DollarAdv;
import io.slipstream.signal.EwVolatility;
import io.slipstream.signal.LogReturns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost package's restated kernels agree bit for bit with the signal package (DESIGN.md conventions 2, 4, 6). */
class CostKernelsTest {
  private static final double NaN = Double.NaN;

  @Test
  void dailyDollarVolume_24h_equalsSignalDollarAdvBitForBit() {
    MarketData md = SyntheticMarket.random(11, 300, 7);
    double[] ours = CostKernels.dailyDollarVolume(md.close(), md.volume(), 24);
    double[] theirs = DollarAdv.of(md.close(), md.volume()).toColumnMajor();
    assertThat(ours).containsExactly(theirs);
  }

  @Test
  void dailyVolatility_equalsEwVolatilityOfLogReturnsTimesSqrtBarsPerDay() {
    MarketData md = SyntheticMarket.random(12, 300, 7);
    double[] ours = CostKernels.dailyVolatility(md.close(), 20);
    double[] sigma = EwVolatility.of(LogReturns.of(md.close()), 20).toColumnMajor();
    for (int i = 0; i < sigma.length; i++) {
      sigma[i] *= Math.sqrt(6.0);
    }
    assertThat(ours).containsExactly(sigma);
  }

  @Test
  void dailyDollarVolume_48hWindow_sumsTwelveBarsAndHalves() {
    // 4h bars, 48 h = 12 bars; dollar volume 1 per bar -> 12 per 48 h -> 6 USD per day
    double[] ones = new double[14];
    java.util.Arrays.fill(ones, 1.0);
    ones[13] = NaN;
    Panel p = Panel.of(BarInterval.H4, 0L, 14, List.of("A"), ones);
    double[] adv = CostKernels.dailyDollarVolume(p, p, 48);
    assertThat(adv[10]).isNaN();
    assertThat(adv[11]).isEqualTo(6.0);
    assertThat(adv[12]).isEqualTo(6.0);
    assertThat(adv[13]).isNaN();
  }

  @Test
  void advWindowBars_notAMultipleOfTheInterval_throws() {
    assertThat(CostKernels.advWindowBars(BarInterval.H1, 24)).isEqualTo(24);
    assertThat(CostKernels.advWindowBars(BarInterval.D1, 24)).isEqualTo(1);
    assertThatThrownBy(() -> CostKernels.advWindowBars(BarInterval.H4, 10)).hasMessageContaining("adv_window_hours")
        .hasMessageContaining("10");
    assertThatThrownBy(() -> CostKernels.advWindowBars(BarInterval.D1, 12)).hasMessageContaining("adv_window_hours");
  }
}
