package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CostConfigTest {
  private static final FeeModel FEES = new FeeModel(1.5, 4.5, 0.5, 1.0);

  @Test
  void feesOnly_noSpreadNoImpactNoMinimum() {
    CostConfig c = CostConfig.feesOnly(FEES);
    assertThat(c.fees()).isEqualTo(FEES);
    assertThat(c.halfSpreadBps()).isEqualTo(OptionalDouble.of(0.0));
    assertThat(c.estimatesSpread()).isFalse();
    assertThat(c.impactCoefficient()).isZero();
    assertThat(c.minTradeUsd()).isZero();
    assertThat(c.advWindowHours()).isEqualTo(24);
    assertThat(c.spreadWindowBars()).isEqualTo(180);
    assertThat(c.volSpanBars()).isEqualTo(180);
  }

  @Test
  void withers_changeOneField() {
    CostConfig c = CostConfig.feesOnly(FEES).withHalfSpreadBps(OptionalDouble.empty()).withImpactCoefficient(0.7)
        .withMinTradeUsd(10);
    assertThat(c.estimatesSpread()).isTrue();
    assertThat(c.impactCoefficient()).isEqualTo(0.7);
    assertThat(c.minTradeUsd()).isEqualTo(10.0);
    assertThat(c.fees()).isEqualTo(FEES);
  }

  @Test
  void constructor_badValues_throwNamingTheKey() {
    assertThatThrownBy(() -> new CostConfig(FEES, OptionalDouble.of(-1), 180, 0, 0, 24, 180))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half_spread_bps")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new CostConfig(FEES, OptionalDouble.of(Double.NaN), 180, 0, 0, 24, 180))
        .hasMessageContaining("half_spread_bps");
    assertThatThrownBy(() -> new CostConfig(FEES, OptionalDouble.empty(), 0, 0, 0, 24, 180))
        .hasMessageContaining("spread_window_bars");
    assertThatThrownBy(() -> new CostConfig(FEES, OptionalDouble.empty(), 180, -0.1, 0, 24, 180))
        .hasMessageContaining("impact_coefficient");
    assertThatThrownBy(() -> new CostConfig(FEES, OptionalDouble.empty(), 180, Double.POSITIVE_INFINITY, 0, 24, 180))
        .hasMessageContaining("impact_coefficient");
    assertThatThrownBy(() -> new CostConfig(FEES, OptionalDouble.empty(), 180, 0, -10, 24, 180))
        .hasMessageContaining("min_trade_usd");
    assertThatThrownBy(() -> new CostConfig(FEES, OptionalDouble.empty(), 180, 0, 0, 0, 180))
        .hasMessageContaining("adv_window_hours");
    assertThatThrownBy(() -> new CostConfig(FEES, OptionalDouble.empty(), 180, 0, 0, 24, 0))
        .hasMessageContaining("vol_span_bars");
    assertThatThrownBy(() -> new CostConfig(null, OptionalDouble.empty(), 180, 0, 0, 24, 180))
        .hasMessageContaining("fees");
  }
}
