package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost package on the real Hyperliquid 4h data (186 coins, 2022-11..2025-07): the spread estimator and the
 * impact calibration against the independent pandas scripts {@code tools/cost_spread_reference.py} and
 * {@code tools/cost_impact_reference.py} (their printed output pasted below), and the liquidity cost model's
 * coefficients at a 2025 decision.
 */
class CostRealDataTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static MarketData md;

  @BeforeAll
  static void load() {
    md = Lake.load(DIR, BarInterval.H4, false);
  }

  private static int row(String openIso) {
    long ms = Instant.parse(openIso).toEpochMilli();
    return (int) ((ms - md.close().firstOpenMs()) / BarInterval.H4.millis());
  }

  private static int col(String coin) {
    return md.close().columnOf(coin).orElseThrow();
  }

  @Test
  void spreadEstimator_realBars_matchesPandasReference() {
    // python3 tools/cost_spread_reference.py, real-data part (window 180 pairs, all valid)
    Object[][] ref = {
        {"BTC", "2024-01-01T00:00:00Z", 2381, 0.0},
        {"BTC", "2025-01-01T00:00:00Z", 4577, 0.002136852120683716},
        {"BTC", "2025-06-30T20:00:00Z", 5662, 0.0},
        {"SOL", "2024-01-01T00:00:00Z", 2381, 0.001340392934884457},
        {"SOL", "2025-01-01T00:00:00Z", 4577, 0.0034538146334768894},
        {"SOL", "2025-06-30T20:00:00Z", 5662, 0.0},
        {"HYPE", "2024-01-01T00:00:00Z", 2381, Double.NaN},
        {"HYPE", "2025-01-01T00:00:00Z", 4577, Double.NaN},
        {"HYPE", "2025-06-30T20:00:00Z", 5662, 0.004947112731789229},
        {"kPEPE", "2024-01-01T00:00:00Z", 2381, 0.005126244606908293},
        {"kPEPE", "2025-01-01T00:00:00Z", 4577, 0.007096092141179539},
        {"kPEPE", "2025-06-30T20:00:00Z", 5662, 0.0}};
    Panel hs = SpreadEstimator.abdiRanaldo(md.high(), md.low(), md.close(), 180);
    for (Object[] r : ref) {
      int t = row((String) r[1]);
      assertThat(t).isEqualTo((int) r[2]);
      double expected = (double) r[3];
      double actual = hs.get(t, col((String) r[0]));
      if (Double.isNaN(expected)) {
        assertThat(actual).as("%s %s", r[0], r[1]).isNaN();
      } else {
        assertThat(actual).as("%s %s", r[0], r[1]).isCloseTo(expected, within(1e-12));
      }
    }
  }

  @Test
  void impactCalibration_realBars_matchesPandasReference() {
    // python3 tools/cost_impact_reference.py:
    // span 180: Y = 0.6003751224997077, SE = 0.0009082967530890493, clustered SE = 0.01329498150633199,
    // R2 = 0.47889452301229896, N = 475419, coins = 183, bars = 5095
    ImpactCalibration.Result r = ImpactCalibration.estimate(md, 180, 24, 0, md.rows());

    assertThat(r.observations()).isEqualTo(475_419L);
    assertThat(r.coins()).isEqualTo(183);
    assertThat(r.bars()).isEqualTo(5095);
    assertThat(r.impactCoefficient()).isCloseTo(0.6003751224997077, within(1e-10));
    assertThat(r.standardError()).isCloseTo(0.0009082967530890493, within(1e-12));
    assertThat(r.clusteredStandardError()).isCloseTo(0.01329498150633199, within(1e-11));
    assertThat(r.rSquared()).isCloseTo(0.47889452301229896, within(1e-10));
  }

  @Test
  void liquidityCostModel_realBars_coefficientsAreFiniteOrderedAndPlausible() {
    FeeModel fees = new FeeModel(1.5, 4.5, 0.5, 1.0);
    CostConfig cfg = new CostConfig(fees, OptionalDouble.empty(), 180, 0.6, 10.0, 24, 180);
    LiquidityCostModel m = LiquidityCostModel.of(md, cfg);
    int t = row("2025-03-03T00:00:00Z");
    int btc = col("BTC");

    TradeCosts small = m.at(t, 1e4);
    TradeCosts large = m.at(t, 1e6);

    int firstTraded = md.rows();
    for (int c = 0; c < md.coins().size(); c++) {
      for (int r = 0; r < firstTraded; r++) {
        if (!Double.isNaN(md.close().get(r, c))) {
          firstTraded = r;
        }
      }
    }
    // 180 valid returns need 181 bars; a 180-pair spread window needs 181 bars; ADV 6 bars
    assertThat(m.firstValidRow()).isBetween(firstTraded + 180, firstTraded + 400);
    for (int i = 0; i < md.coins().size(); i++) {
      assertThat(small.linear(i)).isGreaterThanOrEqualTo(fees.feeRate()).isLessThan(0.05);
      assertThat(small.impact(i)).isPositive().isFinite();
      assertThat(large.impact(i)).isCloseTo(small.impact(i) * 10, within(1e-12 * large.impact(i)));
    }
    // BTC: 100,000 USD (10% of a 1M USD book): Y sigma sqrt(Q / ADV) with sigma ~ 2-4% a day and ADV ~ 1e9 USD:
    // well under 5 bps of the traded notional; and the deepest market is the cheapest to trade
    double btcImpact = large.cost(btc, 0.1) / 0.1 - large.linear(btc);
    assertThat(btcImpact).isBetween(1e-6, 5e-4);
    double[] lambda = large.impact();
    java.util.Arrays.sort(lambda);
    assertThat(large.impact(btc)).isLessThanOrEqualTo(lambda[2]);
    // the last bar of the file is accepted; nothing NaN anywhere after warm-up
    TradeCosts last = m.at(md.rows() - 1, 1e5);
    for (int i = 0; i < md.coins().size(); i++) {
      assertThat(last.linear(i)).isFinite();
      assertThat(last.impact(i)).isPositive().isFinite();
    }
  }
}
