package io.slipstream.strategy.rsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.strategy.sizing.Bars;
import io.slipstream.strategy.sizing.BookParams;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked bars with RSI period 2 (Wilder: {@code A_t = (A_{t-1} + g_t) / 2} after a 2-change seed), EW volatility
 * span 2 and 4h bars (ADV window 6 bars, threshold 0: every coin is tradable from row 5).
 */
class RsiReversionStrategyTest {
  private static final long H4 = 4 * 3_600_000L;
  // A: up 5 bars (RSI 100 -> short at row 5), 104 at row 6 (AG = AL = 0.5: RSI 50 -> exit at <= 50),
  //    103 (RSI 25: re-armed, not an entry), 102 (RSI 12.5 -> long at row 8), 101 (6.25: held)
  // B: up every bar (RSI 100 -> short at row 5; exit by the time stop at row 8, held 3; never re-armed)
  // C: down every bar (RSI 0 -> long at row 5; time stop at row 8)
  private static final double[][] CLOSE = {
      {100, 100, 100}, {101, 101, 99}, {102, 102, 98}, {103, 103, 97}, {104, 104, 96}, {105, 105, 95},
      {104, 106, 94}, {103, 107, 93}, {102, 108, 92}, {101, 109, 91}};

  static RsiReversionConfig config(double capPct) {
    return new RsiReversionConfig(BarInterval.H4, 2, 75, 25, 50, 3, new BookParams(2, 1.0, capPct, 0, 2.5));
  }

  private static double[][] volume() {
    double[][] v = new double[CLOSE.length][3];
    for (double[] row : v) {
      java.util.Arrays.fill(row, 10);
    }
    return v;
  }

  @Test
  void entriesExitsTimeStopAndReArmOnHandWorkedBars() {
    RsiReversionStrategy s = new RsiReversionStrategy(config(60), List.of("A", "B", "C"));
    List<Optional<TargetWeights>> out = Bars.feed(s, H4, CLOSE, volume(), null);
    for (int t = 0; t < 5; t++) {
      assertThat(out.get(t)).as("row %d: ADV incomplete", t).isEmpty();
    }
    // row 5: A short, B short, C long, inverse vol over all three
    double[] inv = new double[3];
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      inv[c] = 1 / Bars.sigmaSpan2(CLOSE, c, 5);
      sum += inv[c];
    }
    double[] w5 = out.get(5).orElseThrow().weights();
    assertThat(w5[0]).isCloseTo(-inv[0] / sum, within(1e-12));
    assertThat(w5[1]).isCloseTo(-inv[1] / sum, within(1e-12));
    assertThat(w5[2]).isCloseTo(inv[2] / sum, within(1e-12));
    // row 6: A exits at RSI exactly 50; B and C re-sized
    double[] w6 = out.get(6).orElseThrow().weights();
    double b = 1 / Bars.sigmaSpan2(CLOSE, 1, 6);
    double c = 1 / Bars.sigmaSpan2(CLOSE, 2, 6);
    assertThat(w6[0]).isZero();
    assertThat(w6[1]).isCloseTo(-b / (b + c), within(1e-12));
    assertThat(w6[2]).isCloseTo(c / (b + c), within(1e-12));
    // row 7: A's RSI is 25, inside [25, 75]: re-armed but no entry; nothing changes
    assertThat(out.get(7)).isEmpty();
    // row 8: B and C hit the 3-bar time stop, A enters long at RSI 12.5 alone: gross 1 capped at 60%
    assertThat(out.get(8).orElseThrow().weights()).containsExactly(0.6, 0.0, 0.0);
    // row 9: A held (RSI 6.25), B stays disarmed at RSI 100 after its time stop
    assertThat(out.get(9)).isEmpty();
    assertThat(s.signals(0)[3]).isEqualTo(1.0);
    assertThat(s.signals(0)[4]).isEqualTo(1.0);
    assertThat(s.signals(0)[0]).isCloseTo(6.25, within(1e-12));
  }

  @Test
  void aMissingBarClosesThePosition() {
    double[][] close = new double[8][];
    for (int t = 0; t < 8; t++) {
      close[t] = CLOSE[t].clone();
    }
    close[6][2] = Double.NaN;
    RsiReversionStrategy s = new RsiReversionStrategy(config(100), List.of("A", "B", "C"));
    List<Optional<TargetWeights>> out = Bars.feed(s, H4, close, volume(), null);
    assertThat(out.get(5).orElseThrow().weight(2)).isPositive();
    assertThat(out.get(6).orElseThrow().weight(2)).isZero();
  }

  private static ObjectNode section() {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("rsi_bars", 14).put("entry_upper", 75).put("entry_lower", 25).put("exit_level", 50)
        .put("max_hold_bars", 12).put("vol_span", 30).put("gross_leverage", 1.0).put("max_position_pct", 10)
        .put("liquidity_threshold_usd", 10000).put("liquidity_impact_pct", 2.5);
    return o;
  }

  @Test
  void configRoundTripsAndBadValuesNameKeyAndValue() {
    RsiReversionSpec spec = new RsiReversionSpec();
    RsiReversionConfig p = spec.parse(section(), "rsi_reversion.", BarInterval.H4);
    assertThat(spec.parse(spec.toJson(p), "rsi_reversion.", BarInterval.H4)).isEqualTo(p);
    assertThat(spec.requirements(p).warmupBars()).isEqualTo(31);
    assertThatThrownBy(() -> spec.parse(section().put("entry_upper", 40), "rsi_reversion.", BarInterval.H4))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rsi_reversion.entry_upper")
        .hasMessageContaining("40");
    assertThatThrownBy(() -> spec.parse(section().put("entry_lower", 60), "rsi_reversion.", BarInterval.H4))
        .hasMessageContaining("rsi_reversion.entry_lower").hasMessageContaining("60");
    assertThatThrownBy(() -> spec.parse(section().put("exit_level", 100), "rsi_reversion.", BarInterval.H4))
        .hasMessageContaining("rsi_reversion.exit_level").hasMessageContaining("100");
    assertThatThrownBy(() -> spec.parse(section().put("max_hold_bars", 0), "rsi_reversion.", BarInterval.H4))
        .hasMessageContaining("rsi_reversion.max_hold_bars").hasMessageContaining("0");
    assertThatThrownBy(() -> spec.parse(section().put("rsi_bars", 2.5), "rsi_reversion.", BarInterval.H4))
        .hasMessageContaining("rsi_reversion.rsi_bars").hasMessageContaining("2.5");
    assertThatThrownBy(() -> spec.parse(section().put("vol_span", -1), "rsi_reversion.", BarInterval.H4))
        .hasMessageContaining("rsi_reversion.vol_span").hasMessageContaining("-1");
    assertThatThrownBy(() -> spec.parse(section().put("max_position_pct", 0), "rsi_reversion.", BarInterval.H4))
        .hasMessageContaining("rsi_reversion.max_position_pct");
    assertThatThrownBy(() -> spec.parse(section().put("rsi_period", 14), "rsi_reversion.", BarInterval.H4))
        .hasMessageContaining("rsi_reversion.rsi_period").hasMessageContaining("unknown");
    ObjectNode missing = section();
    missing.remove("exit_level");
    assertThatThrownBy(() -> spec.parse(missing, "rsi_reversion.", BarInterval.H4))
        .hasMessageContaining("rsi_reversion.exit_level").hasMessageContaining("missing");
  }
}
