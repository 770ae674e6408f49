package io.slipstream.strategy.carry;

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
 * 1h bars (ADV window 24 bars: tradable from row 23), funding span 2 bars, decisions every 2 hours (row t closes at
 * hour t + 1: odd rows). Per-bar funding: A +1e-4 (APR 87.6%), B +5e-5 (43.8%), C -1e-4, D 0, E alternating +3e-4
 * (odd rows) / -1e-4 (even rows): its EWMA (about +2e-4 at odd rows) is the most extreme, but its sign EWMA is
 * about 0.5, below the 0.6 persistence.
 */
class FundingCarryStrategyTest {
  private static final long H1 = 3_600_000L;
  private static final int ROWS = 30;

  static FundingCarryConfig config(double capPct, int perSide) {
    return new FundingCarryConfig(BarInterval.H1, 2, 0.6, 10, perSide, 2, new BookParams(2, 1.0, capPct, 0, 2.5));
  }

  private static double[][][] bars(double fundingC) {
    double[][] close = new double[ROWS][5];
    double[][] vol = new double[ROWS][5];
    double[][] f = new double[ROWS][5];
    for (int t = 0; t < ROWS; t++) {
      for (int c = 0; c < 5; c++) {
        close[t][c] = 100 + (t * 7 + c * 3) % 5;
        vol[t][c] = 10;
      }
      f[t] = new double[] {1e-4, 5e-5, fundingC, 0, t % 2 == 1 ? 3e-4 : -1e-4};
    }
    return new double[][][] {close, vol, f};
  }

  @Test
  void shortsThePersistentlyHighLongsThePersistentlyNegativeDollarNeutral() {
    double[][][] b = bars(-1e-4);
    FundingCarryStrategy s = new FundingCarryStrategy(config(100, 1), List.of("A", "B", "C", "D", "E"));
    List<Optional<TargetWeights>> out = Bars.feed(s, H1, b[0], b[1], b[2]);
    assertThat(out.get(22)).as("even close hour: not a decision").isEmpty();
    assertThat(out.get(21).orElseThrow().weights()).as("ADV incomplete: flat").containsOnly(0.0);
    // one coin per side, half the gross each: A short (most extreme persistent), C long; E fails persistence
    assertThat(out.get(23).orElseThrow().weights()).containsExactly(new double[] {-0.5, 0, 0.5, 0, 0}, within(1e-15));
    assertThat(s.signals(0)[0]).isCloseTo(1e-4 * 8760 * 100, within(1e-9));
    assertThat(s.signals(4)[1]).isCloseTo(0.5, within(1e-6));
    // two per side: A and B short by inverse vol to 0.5 together
    FundingCarryStrategy s2 = new FundingCarryStrategy(config(100, 2), List.of("A", "B", "C", "D", "E"));
    double[] w2 = Bars.feed(s2, H1, java.util.Arrays.copyOf(b[0], 24), b[1], b[2]).get(23).orElseThrow().weights();
    double ia = 1 / s2.signals(0)[2];
    double ib = 1 / s2.signals(1)[2];
    assertThat(w2[0]).isCloseTo(-0.5 * ia / (ia + ib), within(1e-12));
    assertThat(w2[1]).isCloseTo(-0.5 * ib / (ia + ib), within(1e-12));
    assertThat(w2[2]).isCloseTo(0.5, within(1e-15));
    assertThat(w2[3] + w2[4]).isZero();
  }

  @Test
  void capKeepsTheBookNeutralAndAnEmptySideIsFlat() {
    double[][][] b = bars(-1e-4);
    FundingCarryStrategy s = new FundingCarryStrategy(config(40, 1), List.of("A", "B", "C", "D", "E"));
    assertThat(Bars.feed(s, H1, b[0], b[1], b[2]).get(25).orElseThrow().weights())
        .containsExactly(new double[] {-0.4, 0, 0.4, 0, 0}, within(1e-15));
    double[][][] noLong = bars(0);
    FundingCarryStrategy flat = new FundingCarryStrategy(config(100, 1), List.of("A", "B", "C", "D", "E"));
    assertThat(Bars.feed(flat, H1, noLong[0], noLong[1], noLong[2]).get(25).orElseThrow().weights())
        .containsOnly(0.0);
  }

  private static ObjectNode section() {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("funding_span_hours", 168).put("min_sign_consistency", 0.6).put("min_abs_funding_apr_pct", 10)
        .put("max_per_side", 10).put("rebalance_hours", 24).put("vol_span", 30).put("gross_leverage", 1.0)
        .put("max_position_pct", 10).put("liquidity_threshold_usd", 10000).put("liquidity_impact_pct", 2.5);
    return o;
  }

  @Test
  void configRoundTripsReadsFundingAndBadValuesNameKeyAndValue() {
    FundingCarrySpec spec = new FundingCarrySpec();
    String p = "funding_carry.";
    FundingCarryConfig c = spec.parse(section(), p, BarInterval.H4);
    assertThat(spec.parse(spec.toJson(c), p, BarInterval.H4)).isEqualTo(c);
    assertThat(c.fundingSpanBars()).isEqualTo(42);
    assertThat(spec.requirements(c).readsFunding()).isTrue();
    assertThat(spec.requirements(c).decisionEveryHours()).isEqualTo(24);
    assertThatThrownBy(() -> spec.parse(section().put("funding_span_hours", 6), p, BarInterval.H4))
        .isInstanceOf(ConfigException.class).hasMessageContaining("funding_carry.funding_span_hours")
        .hasMessageContaining("6");
    assertThatThrownBy(() -> spec.parse(section().put("rebalance_hours", 10), p, BarInterval.H4))
        .hasMessageContaining("funding_carry.rebalance_hours").hasMessageContaining("10");
    assertThatThrownBy(() -> spec.parse(section().put("min_sign_consistency", 1.5), p, BarInterval.H4))
        .hasMessageContaining("funding_carry.min_sign_consistency").hasMessageContaining("1.5");
    assertThatThrownBy(() -> spec.parse(section().put("min_abs_funding_apr_pct", -3), p, BarInterval.H4))
        .hasMessageContaining("funding_carry.min_abs_funding_apr_pct").hasMessageContaining("-3");
    assertThatThrownBy(() -> spec.parse(section().put("max_per_side", 0), p, BarInterval.H4))
        .hasMessageContaining("funding_carry.max_per_side").hasMessageContaining("0");
    assertThatThrownBy(() -> spec.parse(section().put("liquidity_impact_pct", 200), p, BarInterval.H4))
        .hasMessageContaining("funding_carry.liquidity_impact_pct").hasMessageContaining("200");
    assertThatThrownBy(() -> spec.parse(section().put("span", 3), p, BarInterval.H4))
        .hasMessageContaining("funding_carry.span").hasMessageContaining("unknown");
  }
}
