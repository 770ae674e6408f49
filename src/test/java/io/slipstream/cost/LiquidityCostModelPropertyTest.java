package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.data.MarketData;
import java.util.OptionalDouble;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Costs of the liquidity model are non-negative and monotone (more |dw|, a larger Y or a larger NAV never cost
 * less), and the model is causal (changing bars after the decision row never changes {@code at(row)}), on seeded
 * random markets (STYLE.md section 9).
 */
class LiquidityCostModelPropertyTest {
  private static final FeeModel FEES = new FeeModel(1.5, 4.5, 0.5, 1.0);

  private static CostConfig config(Random rnd, double y) {
    OptionalDouble hs = rnd.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(rnd.nextDouble() * 20);
    return new CostConfig(FEES, hs, 2 + rnd.nextInt(20), y, 0, 24, 2 + rnd.nextInt(30));
  }

  @Property(tries = 60, seed = "21")
  void cost_isNonNegativeAndMonotoneInTradeYAndNav(@ForAll @LongRange long seed) {
    Random rnd = new Random(seed);
    int coins = 1 + rnd.nextInt(6);
    MarketData md = SyntheticMarket.random(seed, 80 + rnd.nextInt(40), coins);
    CostConfig cfg = config(rnd, rnd.nextDouble() * 2);
    LiquidityCostModel m = LiquidityCostModel.of(md, cfg);
    LiquidityCostModel larger = LiquidityCostModel.of(md, cfg.withImpactCoefficient(cfg.impactCoefficient() + 0.5));
    int row = m.firstValidRow() + rnd.nextInt(md.rows() - m.firstValidRow());
    double nav = Math.exp(rnd.nextDouble() * 16);
    double[] dw = new double[coins];
    double[] more = new double[coins];
    for (int i = 0; i < coins; i++) {
      dw[i] = rnd.nextGaussian() * 0.1;
      more[i] = dw[i] + Math.copySign(rnd.nextDouble() * 0.1, dw[i]); // same sign, larger |dw|
    }
    TradeCosts tc = m.at(row, nav);

    assertThat(tc.cost(dw)).isGreaterThanOrEqualTo(0.0);
    assertThat(tc.cost(more)).isGreaterThanOrEqualTo(tc.cost(dw));
    assertThat(m.at(row, nav * (1 + rnd.nextDouble())).cost(dw)).isGreaterThanOrEqualTo(tc.cost(dw));
    assertThat(larger.at(row, nav).cost(dw)).isGreaterThanOrEqualTo(tc.cost(dw));
    for (int i = 0; i < coins; i++) {
      assertThat(tc.linear(i)).isGreaterThanOrEqualTo(FEES.feeRate()).isFinite();
      assertThat(tc.impact(i)).isFinite();
      assertThat(tc.impact(i) > 0).isEqualTo(cfg.impactCoefficient() > 0);
    }
  }

  @Property(tries = 40, seed = "22")
  void at_changingLaterBars_neverChangesEarlierCosts(@ForAll @LongRange long seed) {
    Random rnd = new Random(seed);
    int coins = 1 + rnd.nextInt(5);
    MarketData md = SyntheticMarket.random(seed, 90, coins);
    CostConfig cfg = config(rnd, 0.1 + rnd.nextDouble());
    LiquidityCostModel m = LiquidityCostModel.of(md, cfg);
    int row = m.firstValidRow() + rnd.nextInt(md.rows() - m.firstValidRow());
    MarketData changed = SyntheticMarket.scrambleAfter(md, row, seed + 1);
    LiquidityCostModel m2 = LiquidityCostModel.of(changed, cfg);
    double nav = 1e4 + rnd.nextDouble() * 1e6;

    assertThat(m2.firstValidRow()).isEqualTo(m.firstValidRow());
    for (int t = m.firstValidRow(); t <= row; t++) {
      assertThat(m2.at(t, nav).linear()).containsExactly(m.at(t, nav).linear());
      assertThat(m2.at(t, nav).impact()).containsExactly(m.at(t, nav).impact());
    }
  }
}
