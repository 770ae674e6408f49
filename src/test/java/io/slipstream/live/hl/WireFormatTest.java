package io.slipstream.live.hl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link WireFormat#toWire} against API.md "Wire numbers" (the SDKs' {@code float_to_wire}): 8 decimals, refused
 * when that moves the value by 1e-12 or more, trailing zeros stripped. Expected strings are Python's
 * {@code f"{x:.8f}"} with the zeros stripped by hand.
 */
class WireFormatTest {
  @Test
  void toWire_integersAndDecimals_strippedOfTrailingZeros() {
    assertThat(WireFormat.toWire(100.0)).isEqualTo("100");
    assertThat(WireFormat.toWire(1670.1)).isEqualTo("1670.1");
    assertThat(WireFormat.toWire(0.0147)).isEqualTo("0.0147");
    assertThat(WireFormat.toWire(1.0)).isEqualTo("1");
    assertThat(WireFormat.toWire(10.50)).isEqualTo("10.5");
    assertThat(WireFormat.toWire(0.00000001)).isEqualTo("0.00000001");
  }

  @Test
  void toWire_zeroes_areZero() {
    assertThat(WireFormat.toWire(0.0)).isEqualTo("0");
    assertThat(WireFormat.toWire(-0.0)).isEqualTo("0");
  }

  @Test
  void toWire_binaryNoise_isRoundedAway() {
    // 0.1 + 0.2 = 0.30000000000000004: "0.30000000", off by 4.4e-17 < 1e-12
    assertThat(WireFormat.toWire(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(WireFormat.toWire(1.1 * 3)).isEqualTo("3.3"); // 3.3000000000000003
  }

  @Test
  void toWire_tooManyDecimals_refusedNamingTheValue() {
    assertThatThrownBy(() -> WireFormat.toWire(1e-9)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0E-9");
    assertThatThrownBy(() -> WireFormat.toWire(123.456789012)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("123.456789012");
    // 5e-9 rounds to 0.00000001 (its binary value is just above the tie), off by 5e-9
    assertThatThrownBy(() -> WireFormat.toWire(5e-9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WireFormat.toWire(-0.000000001)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toWire_nonFinite_refused() {
    assertThatThrownBy(() -> WireFormat.toWire(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> WireFormat.toWire(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    assertThatThrownBy(() -> WireFormat.toWire(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toWire_negativeNumbers_keepTheirSign() {
    assertThat(WireFormat.toWire(-1670.1)).isEqualTo("-1670.1");
    assertThat(WireFormat.toWire(-0.5)).isEqualTo("-0.5");
    assertThat(WireFormat.toWire(-100.0)).isEqualTo("-100");
  }

  @Test
  void toWire_largeValues_plainNotScientific() {
    assertThat(WireFormat.toWire(1e15)).isEqualTo("1000000000000000");
    assertThat(WireFormat.toWire(1e20)).isEqualTo("100000000000000000000");
    assertThat(WireFormat.toWire(123456.0)).isEqualTo("123456");
    // binary 123456789.123456776...: "123456789.12345678"
    assertThat(WireFormat.toWire(123456789.12345678)).isEqualTo("123456789.12345678");
  }
}
