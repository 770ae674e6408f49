package io.slipstream.strategy.breakout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.strategy.breakout.BollingerBreakoutConfig.ExitAt;
import io.slipstream.strategy.sizing.Bars;
import io.slipstream.strategy.sizing.BookParams;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked bars: band of 3 closes, 1 sample sd; volume mean of the 2 bars before; spike = 2x; 4h bars (tradable
 * from row 5). A: 100/101 alternating, then 105 on volume 30 at row 6 (window 100, 101, 105: middle 102,
 * sd sqrt(7) = 2.6458, upper 104.65: long), 104 (middle 103.33: held), 103 (middle 104: exit at the middle).
 * B: A's closes but volume 15 at row 6 (< 2 x 10: no entry). C: A mirrored (99/100, 95 on volume 30: short), then
 * falling, so it stays below the middle until the 4-bar time stop at row 10.
 */
class BollingerBreakoutStrategyTest {
  private static final long H4 = 4 * 3_600_000L;
  private static final double[][] CLOSE = {
      {100, 100, 100}, {101, 101, 99}, {100, 100, 100}, {101, 101, 99}, {100, 100, 100}, {101, 101, 99},
      {105, 105, 95}, {104, 104, 94}, {103, 103, 93}, {102, 102, 92}, {101, 101, 91}, {100, 100, 90}};

  static BollingerBreakoutConfig config(ExitAt exitAt) {
    return new BollingerBreakoutConfig(BarInterval.H4, 3, 1.0, 2, 2.0, exitAt, 4, true,
        new BookParams(2, 1.0, 100, 0, 2.5));
  }

  private static double[][] volume() {
    double[][] v = new double[CLOSE.length][3];
    for (double[] row : v) {
      java.util.Arrays.fill(row, 10);
    }
    v[6] = new double[] {30, 15, 30};
    return v;
  }

  @Test
  void breakoutOnVolumeEntersAndExitsAtTheMiddleOrTheTimeStop() {
    BollingerBreakoutStrategy s = new BollingerBreakoutStrategy(config(ExitAt.MIDDLE), List.of("A", "B", "C"));
    List<Optional<TargetWeights>> out = Bars.feed(s, H4, CLOSE, volume(), null);
    for (int t = 0; t < 6; t++) {
      assertThat(out.get(t)).as("row %d", t).isEmpty();
    }
    double ia = 1 / Bars.sigmaSpan2(CLOSE, 0, 6);
    double ic = 1 / Bars.sigmaSpan2(CLOSE, 2, 6);
    double[] w6 = out.get(6).orElseThrow().weights();
    assertThat(w6[0]).isCloseTo(ia / (ia + ic), within(1e-12));
    assertThat(w6[1]).isZero();
    assertThat(w6[2]).isCloseTo(-ic / (ia + ic), within(1e-12));
    assertThat(out.get(7)).isEmpty();
    assertThat(out.get(8).orElseThrow().weights()).containsExactly(0.0, 0.0, -1.0);
    assertThat(out.get(9)).isEmpty();
    assertThat(out.get(10).orElseThrow().weights()).containsExactly(0.0, 0.0, 0.0);
    assertThat(out.get(11)).isEmpty();
  }

  @Test
  void bandExitLeavesAsSoonAsTheCloseIsBackInside() {
    // row 7, A: window 101, 105, 104: middle 103.33, sd 2.0817, upper 105.41 > 104: back inside, exit
    BollingerBreakoutStrategy s = new BollingerBreakoutStrategy(config(ExitAt.BAND), List.of("A", "B", "C"));
    List<Optional<TargetWeights>> out = Bars.feed(s, H4, java.util.Arrays.copyOf(CLOSE, 8),
        java.util.Arrays.copyOf(volume(), 8), null);
    assertThat(out.get(7).orElseThrow().weights()).containsExactly(0.0, 0.0, 0.0);
    assertThat(s.signals(0)[0]).isCloseTo(310.0 / 3, within(1e-12));
    assertThat(s.signals(0)[1]).isCloseTo(310.0 / 3 + Math.sqrt(13.0 / 3), within(1e-12));
  }

  private static ObjectNode section() {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("band_bars", 20).put("band_std", 2.0).put("volume_bars", 20).put("volume_multiple", 2.0)
        .put("exit_at", "middle").put("max_hold_bars", 30).put("allow_short", true).put("vol_span", 30)
        .put("gross_leverage", 1.0).put("max_position_pct", 10).put("liquidity_threshold_usd", 10000)
        .put("liquidity_impact_pct", 2.5);
    return o;
  }

  @Test
  void configRoundTripsAndBadValuesNameKeyAndValue() {
    BollingerBreakoutSpec spec = new BollingerBreakoutSpec();
    String p = "bollinger_breakout.";
    BollingerBreakoutConfig c = spec.parse(section(), p, BarInterval.H1);
    assertThat(spec.parse(spec.toJson(c), p, BarInterval.H1)).isEqualTo(c);
    assertThat(spec.parse(section().put("exit_at", "band"), p, BarInterval.H1).exitAt()).isEqualTo(ExitAt.BAND);
    assertThatThrownBy(() -> spec.parse(section().put("exit_at", "top"), p, BarInterval.H1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bollinger_breakout.exit_at")
        .hasMessageContaining("top");
    assertThatThrownBy(() -> spec.parse(section().put("band_bars", 1), p, BarInterval.H1))
        .hasMessageContaining("bollinger_breakout.band_bars").hasMessageContaining("1");
    assertThatThrownBy(() -> spec.parse(section().put("band_std", 0), p, BarInterval.H1))
        .hasMessageContaining("bollinger_breakout.band_std").hasMessageContaining("0");
    assertThatThrownBy(() -> spec.parse(section().put("volume_multiple", -2), p, BarInterval.H1))
        .hasMessageContaining("bollinger_breakout.volume_multiple").hasMessageContaining("-2");
    assertThatThrownBy(() -> spec.parse(section().put("allow_short", "yes"), p, BarInterval.H1))
        .hasMessageContaining("bollinger_breakout.allow_short").hasMessageContaining("yes");
    assertThatThrownBy(() -> spec.parse(section().put("volume_bars", 0), p, BarInterval.H1))
        .hasMessageContaining("bollinger_breakout.volume_bars").hasMessageContaining("0");
    assertThatThrownBy(() -> spec.parse(section().put("stop", 1), p, BarInterval.H1))
        .hasMessageContaining("bollinger_breakout.stop").hasMessageContaining("unknown");
  }
}
