package io.slipstream.live.fake;

import io.slipstream.live.hl.WireFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Hyperliquid perp price and size rules (API.md "Price rule (perps)") and the fake's number formatting.
 *
 * <p>A price is valid when it is an integer, or has at most 5 significant figures and at most
 * {@code 6 - szDecimals} decimals. A size is valid when it is positive with at most {@code szDecimals} decimals.
 * The smallest valid price step ("tick") at a price {@code p} is {@code 10^-k} with
 * {@code k = max(0, min(6 - szDecimals, 4 - floor(log10 p)))}.
 */
final class PriceGrid {
  private static final int USD_DECIMALS = 6;
  private static final int PX_DECIMALS = 8;

  private PriceGrid() {
  }

  /**
   * @param px a positive price
   * @param szDecimals the coin's size decimals
   * @return the number of decimals a valid price of this magnitude may carry (0 = integers only)
   */
  static int allowedScale(BigDecimal px, int szDecimals) {
    int exponent = px.precision() - px.scale() - 1; // floor(log10 px) for px > 0
    return Math.max(0, Math.min(6 - szDecimals, 4 - exponent));
  }

  /**
   * @param px a positive price
   * @param szDecimals size decimals
   * @return the smallest valid price step at {@code px}
   */
  static BigDecimal tick(BigDecimal px, int szDecimals) {
    return BigDecimal.ONE.scaleByPowerOfTen(-allowedScale(px, szDecimals));
  }

  /**
   * @param px a price as sent
   * @param szDecimals size decimals
   * @return whether the price satisfies the 5-significant-figure and decimals rules (integers always do)
   */
  static boolean validPrice(BigDecimal px, int szDecimals) {
    if (px.signum() <= 0) {
      return false;
    }
    BigDecimal stripped = px.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      return true;
    }
    return stripped.scale() <= 6 - szDecimals && stripped.precision() <= 5;
  }

  /**
   * @param sz a size as sent
   * @param szDecimals size decimals
   * @return whether the size is positive with at most {@code szDecimals} decimals
   */
  static boolean validSize(BigDecimal sz, int szDecimals) {
    return sz.signum() > 0 && sz.stripTrailingZeros().scale() <= szDecimals;
  }

  /** @return the largest valid price at or below {@code px} (px &gt; 0) */
  static BigDecimal floorValid(BigDecimal px, int szDecimals) {
    return px.setScale(allowedScale(px, szDecimals), RoundingMode.FLOOR);
  }

  /** @return the smallest valid price at or above {@code px} (px &gt; 0) */
  static BigDecimal ceilValid(BigDecimal px, int szDecimals) {
    return px.setScale(allowedScale(px, szDecimals), RoundingMode.CEILING);
  }

  /** @return {@code x} rounded half-even to {@code decimals} decimals */
  static double round(double x, int decimals) {
    return BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** @return a USD amount rounded to 6 decimals (USDC precision) */
  static double roundUsd(double x) {
    return round(x, USD_DECIMALS);
  }

  /** @return an on-grid price or size in wire form ({@link WireFormat#toWire}) */
  static String wire(double x) {
    return WireFormat.toWire(x);
  }

  /** @return a USD amount as a string with at most 6 decimals, trailing zeros stripped */
  static String usd(double x) {
    return plain(BigDecimal.valueOf(x).setScale(USD_DECIMALS, RoundingMode.HALF_EVEN));
  }

  /** @return a computed price (average, entry) as a string with at most 8 decimals, trailing zeros stripped */
  static String px8(double x) {
    return plain(BigDecimal.valueOf(x).setScale(PX_DECIMALS, RoundingMode.HALF_EVEN));
  }

  /**
   * @return a scripted market-data value (candle, funding rate, mid) as the shortest decimal string that parses
   *     back to the same double
   */
  static String exact(double x) {
    return plain(BigDecimal.valueOf(x));
  }

  private static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }
}
