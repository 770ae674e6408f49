package io.slipstream.live.hl;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Hyperliquid wire numbers (API.md "Wire numbers", the SDKs' {@code float_to_wire}): a price or size is sent as a
 * decimal string formatted with 8 decimals, refused when that changes the value by 1e-12 or more, then stripped of
 * trailing zeros: {@code 100.0 -> "100"}, {@code 1670.1 -> "1670.1"}, {@code -0.0 -> "0"}.
 */
public final class WireFormat {
  private static final double TOLERANCE = 1e-12;

  private WireFormat() {
  }

  /**
   * @param x a finite price or size
   * @return the wire string
   * @throws IllegalArgumentException naming the value when it is not finite or 8 decimals cannot carry it
   */
  public static String toWire(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("wire number must be finite, was " + x);
    }
    // the SDKs' f"{x:.8f}": round half-even on the exact binary value
    BigDecimal rounded = new BigDecimal(x).setScale(8, RoundingMode.HALF_EVEN);
    if (Math.abs(rounded.doubleValue() - x) >= TOLERANCE) {
      throw new IllegalArgumentException("wire number " + x + " needs more than 8 decimals (rounds to "
          + rounded.toPlainString() + ")");
    }
    if (rounded.signum() == 0) {
      return "0";
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
