package io.slipstream.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private static final double NaN = Double.NaN;

  @Test
  void nextDirection_handWorked() {
    double[] close = {100, 101, 101, 99, NaN, 98, 98};
    // h = 1: 101>100 up; 101=101 NaN; 99<101 down; NaN ahead; NaN now; 98=98 NaN; last row NaN
    assertThat(Labels.nextDirection(close, 1)).containsExactly(1, NaN, 0, NaN, NaN, NaN, NaN);
    // h = 2: 101>100; 99<101; NaN ahead; 98<99; 98 vs NaN; last 2 rows NaN
    assertThat(Labels.nextDirection(close, 2)).containsExactly(1, 0, NaN, 0, NaN, NaN, NaN);
  }

  @Test
  void thresholdDirection_ignoresSmallMoves() {
    double[] close = {100, 100.1, 100.5, 100.2, 99.0};
    // returns: +0.1%, +0.3996%, -0.2985%, -1.1976%; threshold 0.3%
    assertThat(Labels.thresholdDirection(close, 1, 0.003)).containsExactly(NaN, 1, NaN, 0, NaN);
  }

  @Test
  void forwardReturn_isSimpleReturnAhead() {
    assertThat(Labels.forwardReturn(new double[] {100, 110, 99}, 1)).containsExactly(110.0 / 100 - 1, 99.0 / 110 - 1, NaN);
  }

  @Test
  void badInput_namesFieldAndIndex() {
    assertThatThrownBy(() -> Labels.nextDirection(new double[] {1, -2}, 1))
        .hasMessageContaining("'close'").hasMessageContaining("-2.0 at index 1");
    assertThatThrownBy(() -> Labels.nextDirection(new double[] {1, 2}, 0)).hasMessageContaining("'horizon'");
    assertThatThrownBy(() -> Labels.thresholdDirection(new double[] {1, 2}, 1, -0.1))
        .hasMessageContaining("'thresholdFraction'");
  }

  @Property(tries = 200)
  void zeroThreshold_equalsNextDirection(@ForAll @Size(min = 1, max = 40) double[] raw,
      @ForAll @IntRange(min = 1, max = 5) int h) {
    double[] close = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      close[i] = Double.isFinite(raw[i]) ? 1.0 + Math.abs(raw[i] % 1000) : NaN;
    }
    assertThat(Labels.thresholdDirection(close, h, 0.0)).containsExactly(Labels.nextDirection(close, h));
  }

  @Property(tries = 100)
  void label_dependsOnlyOnCloseAtTAndTPlusH(@ForAll @Size(min = 10, max = 40) double[] raw,
      @ForAll @IntRange(min = 1, max = 5) int h, @ForAll @DoubleRange(min = 1, max = 1000) double replacement) {
    double[] close = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      close[i] = 1.0 + Math.abs(Double.isFinite(raw[i]) ? raw[i] % 1000 : 7);
    }
    double[] base = Labels.nextDirection(close, h);
    int changed = raw.length / 2;
    close[changed] = replacement;
    double[] after = Labels.nextDirection(close, h);
    for (int t = 0; t < close.length; t++) {
      if (t != changed && t + h != changed) {
        assertThat(Double.valueOf(after[t])).as("label %d", t).isEqualTo(Double.valueOf(base[t]));
      }
    }
    // the last h labels are always unknown
    for (int t = close.length - h; t < close.length; t++) {
      assertThat(after[t]).isNaN();
    }
  }
}
