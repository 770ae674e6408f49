package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeeModelTest {

  @Test
  void feeRate_gradientCosts_is4Bps() {
    // (0.5 x 1.5 + 0.5 x 4.5 + 1.0) / 1e4 = 4 bps
    assertThat(new FeeModel(1.5, 4.5, 0.5, 1.0).feeRate()).isCloseTo(4e-4, within(1e-18));
  }

  @Test
  void feeRate_allPassiveOrAllTaker_usesOneFee() {
    assertThat(new FeeModel(2, 6, 1, 0).feeRate()).isCloseTo(2e-4, within(1e-18));
    assertThat(new FeeModel(2, 6, 0, 0).feeRate()).isCloseTo(6e-4, within(1e-18));
    assertThat(new FeeModel(2, 6, 0, 3).feeRate()).isCloseTo(9e-4, within(1e-18));
  }

  @Test
  void cost_turnoverTimesRate() {
    FeeModel m = new FeeModel(2, 6, 0.5, 1);
    assertThat(m.cost(0.0)).isZero();
    assertThat(m.cost(1.5)).isCloseTo(1.5 * 5e-4, within(1e-18));
    assertThat(FeeModel.ZERO.cost(3.0)).isZero();
  }

  @Test
  void constructor_outOfRange_throwsNamingField() {
    assertThatThrownBy(() -> new FeeModel(-1, 4.5, 0.5, 1)).hasMessageContaining("maker_fee_bps");
    assertThatThrownBy(() -> new FeeModel(1.5, -1, 0.5, 1)).hasMessageContaining("taker_fee_bps");
    assertThatThrownBy(() -> new FeeModel(1.5, 4.5, 1.1, 1)).hasMessageContaining("passive_fill_fraction");
    assertThatThrownBy(() -> new FeeModel(1.5, 4.5, 0.5, -0.1)).hasMessageContaining("slippage_bps");
    assertThatThrownBy(() -> new FeeModel(Double.NaN, 4.5, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
