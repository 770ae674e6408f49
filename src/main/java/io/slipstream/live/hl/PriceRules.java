package io.slipstream.live.hl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Hyperliquid perpetuals price and size rules (API.md "Price rule", "Market order"; the python SDK's
 * {@code slippage_price} and {@code examples/rounding.py}).
 *
 * <p>A valid perps price is positive and either an integer (any number of significant figures) or has at most 5
 * significant figures and at most {@code 6 - szDecimals} decimals. The exchange sees the wire string
 * ({@link WireFormat#toWire}), so validity is judged on that decimal, not on the binary double: {@code 1670.1} is
 * valid although no double equals 1670.1 exactly.
 *
 * <p>Rounding mode: every rounding here works on the exact binary value of the double ({@code new
 * BigDecimal(double)}) with {@link RoundingMode#HALF_EVEN}, which is what Python's {@code round(x, n)} and
 * {@code f"{x:.5g}"} do; so {@code 2.675} (binary 2.67499999...) rounds to {@code 2.67}, as in the SDKs. The
 * directional variants use {@link RoundingMode#FLOOR} / {@link RoundingMode#CEILING} on the grid of valid prices.
 *
 * <p>Units: prices in USD per unit of the base asset; sizes in base-asset units; {@code szDecimals} is the asset's
 * size decimals from {@code meta} (0..6 here; the price may carry {@code 6 - szDecimals} decimals).
 */
public final class PriceRules {
  /** The exchange's minimum order value, USD notional: {@code Order must have minimum value of $10.} */
  public static final double MIN_ORDER_VALUE_USD = 10.0;
  /** Perps: price decimals = {@code MAX_DECIMALS - szDecimals}. */
  private static final int MAX_DECIMALS = 6;
  private static final int SIG_FIGS = 5;
  private static final MathContext FIVE_SIG = new MathContext(SIG_FIGS, RoundingMode.HALF_EVEN);

  private PriceRules() {
  }

  /**
   * The valid price nearest to {@code px}: {@code px} itself when {@link #isValidPrice valid}, else rounded
   * (half-even, on the exact binary value) to 5 significant figures and at most {@code 6 - szDecimals} decimals, in
   * one step so no double rounding occurs (the SDKs round twice, see {@link #slippagePrice}); at
   * {@code px >= 10000} to an integer, since integers are always valid (for {@code px >= 100000} this keeps more
   * than 5 significant figures: {@code 123456.7 -> 123457}).
   *
   * @param px price, USD, finite and {@code > 0}
   * @param szDecimals the asset's size decimals, 0..6
   * @return the nearest valid price, USD
   * @throws IllegalArgumentException if {@code px} is not finite and positive, {@code szDecimals} is outside 0..6,
   *     or {@code px} is below half the smallest price step {@code 10^-(6 - szDecimals)} (it would round to 0)
   */
  public static double roundPrice(double px, int szDecimals) {
    checkPrice(px, "px");
    int decimals = priceDecimals(szDecimals);
    if (isValidPrice(px, szDecimals)) {
      return px;
    }
    BigDecimal x = new BigDecimal(px);
    BigDecimal r = x.setScale(gridScale(x, decimals), RoundingMode.HALF_EVEN);
    if (r.signum() == 0) {
      throw new IllegalArgumentException("price " + px + " rounds to 0 with " + decimals + " decimals (szDecimals "
          + szDecimals + "); the smallest valid price is " + BigDecimal.ONE.movePointLeft(decimals).toPlainString());
    }
    return r.doubleValue();
  }

  /**
   * The largest valid price {@code <= px} (a post-only bid that must not cross): {@code px} itself when
   * {@link #isValidPrice valid}, else {@code px} rounded toward zero (FLOOR, on the exact binary value) to the
   * grid of 5 significant figures and at most {@code 6 - szDecimals} decimals (integers at {@code px >= 10000}).
   *
   * @param px price, USD, finite and {@code > 0}
   * @param szDecimals the asset's size decimals, 0..6
   * @return the largest valid price {@code <= px}, USD
   * @throws IllegalArgumentException if {@code px} is not finite and positive, {@code szDecimals} is outside 0..6,
   *     or no valid price is {@code <= px} ({@code px < 10^-(6 - szDecimals)})
   */
  public static double roundPriceDown(double px, int szDecimals) {
    checkPrice(px, "px");
    int decimals = priceDecimals(szDecimals);
    if (isValidPrice(px, szDecimals)) {
      return px; // e.g. 1670.1, whose double is 1670.0999999999999...
    }
    BigDecimal x = new BigDecimal(px);
    BigDecimal down = x.setScale(gridScale(x, decimals), RoundingMode.FLOOR);
    if (down.signum() == 0) {
      throw new IllegalArgumentException("no valid price <= " + px + " with " + decimals + " decimals (szDecimals "
          + szDecimals + "); the smallest valid price is " + BigDecimal.ONE.movePointLeft(decimals).toPlainString());
    }
    return down.doubleValue();
  }

  /**
   * The smallest valid price {@code >= px} (a post-only ask that must not cross): {@code px} itself when
   * {@link #isValidPrice valid}, else {@code px} rounded up (CEILING, on the exact binary value) to the grid of 5
   * significant figures and at most {@code 6 - szDecimals} decimals (integers at {@code px >= 10000}).
   *
   * @param px price, USD, finite and {@code > 0}
   * @param szDecimals the asset's size decimals, 0..6
   * @return the smallest valid price {@code >= px}, USD
   * @throws IllegalArgumentException if {@code px} is not finite and positive or {@code szDecimals} is outside 0..6
   */
  public static double roundPriceUp(double px, int szDecimals) {
    checkPrice(px, "px");
    int decimals = priceDecimals(szDecimals);
    if (isValidPrice(px, szDecimals)) {
      return px;
    }
    BigDecimal x = new BigDecimal(px);
    return x.setScale(gridScale(x, decimals), RoundingMode.CEILING).doubleValue();
  }

  /**
   * Whether the exchange accepts {@code px} as a perps price: its wire string ({@link WireFormat#toWire}) is an
   * integer, or has at most 5 significant figures and at most {@code 6 - szDecimals} decimals; and it is positive.
   *
   * @param px price, USD (any double; NaN, infinities, 0 and negatives are invalid)
   * @param szDecimals the asset's size decimals, 0..6
   * @return true when valid
   * @throws IllegalArgumentException if {@code szDecimals} is outside 0..6
   */
  public static boolean isValidPrice(double px, int szDecimals) {
    int decimals = priceDecimals(szDecimals);
    if (!Double.isFinite(px) || px <= 0) {
      return false;
    }
    String wire;
    try {
      wire = WireFormat.toWire(px);
    } catch (IllegalArgumentException notWireable) {
      return false; // needs more than 8 decimals: certainly too many for a price
    }
    BigDecimal d = new BigDecimal(wire);
    if (d.signum() <= 0) {
      return false;
    }
    if (d.scale() <= 0) {
      return true; // an integer (wire strings carry no trailing zeros)
    }
    return d.scale() <= decimals && d.precision() <= SIG_FIGS;
  }

  /**
   * A size rounded to the asset's size decimals, as the SDKs' {@code round(sz, szDecimals)}: half-even on the
   * exact binary value (so {@code 2.675 -> 2.67} at 2 decimals, binary 2.67499999..., and {@code 0.125 -> 0.12}).
   *
   * @param sz size, base-asset units, finite (the sign is kept; rounding is symmetric)
   * @param szDecimals the asset's size decimals, 0..6
   * @return the rounded size, base-asset units ({@code 0.0} when it rounds to zero)
   * @throws IllegalArgumentException if {@code sz} is not finite or {@code szDecimals} is outside 0..6
   */
  public static double roundSize(double sz, int szDecimals) {
    if (!Double.isFinite(sz)) {
      throw new IllegalArgumentException("Argument 'sz' must be finite, was " + sz);
    }
    checkSzDecimals(szDecimals);
    BigDecimal r = new BigDecimal(sz).setScale(szDecimals, RoundingMode.HALF_EVEN);
    return r.signum() == 0 ? 0.0 : r.doubleValue();
  }

  /**
   * The limit price of a market order (API.md "Market order"; the python SDK's {@code slippage_price}):
   * {@code px = mid * (1 + slippage)} for a buy, {@code mid * (1 - slippage)} for a sell (in doubles), rounded to 5
   * significant figures ({@code f"{px:.5g}"}), then to {@code 6 - szDecimals} decimals ({@code round(px, 6 -
   * szDecimals)}), both half-even on the exact binary value. Unlike {@link #roundPrice} this keeps 5 significant
   * figures also above 100000, exactly as the SDK does (the result is still valid: an integer).
   *
   * @param mid mid price, USD, finite and {@code > 0}
   * @param isBuy true for a buy (price above mid), false for a sell (below)
   * @param slippage fraction, {@code 0 <= slippage < 1} (the SDK's default is 0.05)
   * @param szDecimals the asset's size decimals, 0..6
   * @return the slippage price, USD
   * @throws IllegalArgumentException if an argument is out of range, or the result rounds to 0
   */
  public static double slippagePrice(double mid, boolean isBuy, double slippage, int szDecimals) {
    checkPrice(mid, "mid");
    if (!(slippage >= 0 && slippage < 1)) {
      throw new IllegalArgumentException("Argument 'slippage' must be in [0, 1), was " + slippage);
    }
    int decimals = priceDecimals(szDecimals);
    double px = mid * (isBuy ? 1 + slippage : 1 - slippage);
    double fiveSig = new BigDecimal(px).round(FIVE_SIG).doubleValue();
    BigDecimal r = new BigDecimal(fiveSig).setScale(decimals, RoundingMode.HALF_EVEN);
    if (r.signum() == 0) {
      throw new IllegalArgumentException("slippage price " + px + " (mid " + mid + ") rounds to 0 with " + decimals
          + " decimals (szDecimals " + szDecimals + ")");
    }
    return r.doubleValue();
  }

  /**
   * The number of decimals of the valid-price grid around {@code x}: {@code 4 - floor(log10 x)} (5 significant
   * figures), capped at {@code decimals}, and at least 0 (integers are always valid).
   */
  private static int gridScale(BigDecimal x, int decimals) {
    int exponent = x.precision() - x.scale() - 1; // floor(log10 x) of the exact value
    return Math.max(0, Math.min(decimals, SIG_FIGS - 1 - exponent));
  }

  private static int priceDecimals(int szDecimals) {
    checkSzDecimals(szDecimals);
    return MAX_DECIMALS - szDecimals;
  }

  private static void checkSzDecimals(int szDecimals) {
    if (szDecimals < 0 || szDecimals > MAX_DECIMALS) {
      throw new IllegalArgumentException("Argument 'szDecimals' must be in 0.." + MAX_DECIMALS + ", was "
          + szDecimals);
    }
  }

  private static void checkPrice(double px, String name) {
    if (!Double.isFinite(px) || px <= 0) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite and > 0, was " + px);
    }
  }
}
