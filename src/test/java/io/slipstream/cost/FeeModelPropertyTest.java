package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Costs are non-negative and monotone in turnover (STYLE.md section 9), on seeded random fee models. */
class FeeModelPropertyTest {
  /** Draws each field from 0 (one time in five) or uniformly from its range, from a seeded {@link java.util.Random}. */
  private static double draw(java.util.Random rnd, double max) {
    return rnd.nextInt(5) == 0 ? 0.0 : rnd.nextDouble() * max;
  }

  @Property(tries = 200, seed = "55")
  void cost_anyModel_isNonNegativeAndMonotoneInTurnover(@ForAll @LongRange long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    FeeModel m = new FeeModel(draw(rnd, 50), draw(rnd, 50), rnd.nextInt(4) == 0 ? 1.0 : draw(rnd, 1), draw(rnd, 50));
    double turnover = draw(rnd, 10);
    double more = draw(rnd, 10);

    assertThat(m.feeRate()).isGreaterThanOrEqualTo(0.0);
    assertThat(m.cost(turnover)).isGreaterThanOrEqualTo(0.0);
    assertThat(m.cost(turnover + more)).isGreaterThanOrEqualTo(m.cost(turnover));
  }
}
