package io.slipstream.cost;

import io.slipstream.core.Checks;

/**
 * Transaction-cost coefficients of a set of coins at one decision time, the object the optimizer and the backtest
 * ledger share (cvxportfolio's single cost model):
 * <pre>
 *   C(dw) = sum_i c_i |dw_i| + sum_i lambda_i |dw_i|^1.5
 * </pre>
 * with {@code dw} the trade in signed NAV fractions, {@code c_i} the linear cost (fee blend plus half-spread, a
 * fraction of traded notional) and {@code lambda_i} the square-root-law impact coefficient in NAV-fraction units
 * (cost of trading the whole NAV once). {@code C} is convex, zero at {@code dw = 0} and non-decreasing in every
 * {@code |dw_i|}. Immutable; arrays are copied in and out.
 */
public final class TradeCosts {
  private final double[] linear;
  private final double[] impact;
  private final boolean uniformLinear;

  private TradeCosts(double[] linear, double[] impact) {
    Checks.sameLength(impact.length, linear.length, "impact");
    for (int i = 0; i < linear.length; i++) {
      if (!(linear[i] >= 0) || Double.isInfinite(linear[i])) {
        throw new IllegalArgumentException("linear cost of coin " + i + " must be finite and >= 0: " + linear[i]);
      }
      if (!(impact[i] >= 0) || Double.isInfinite(impact[i])) {
        throw new IllegalArgumentException("impact coefficient of coin " + i + " must be finite and >= 0: "
            + impact[i]);
      }
    }
    this.linear = linear;
    this.impact = impact;
    boolean uni = true;
    for (int i = 0; i < linear.length; i++) {
      uni &= linear[i] == linear[0] && impact[i] == 0.0;
    }
    this.uniformLinear = uni;
  }

  /**
   * @param linear {@code c_i} per coin, fractions of traded notional, finite and {@code >= 0}. Not modified.
   * @param impact {@code lambda_i} per coin, NAV-fraction units, finite and {@code >= 0}. Not modified.
   * @return the coefficients
   * @throws IllegalArgumentException on a length mismatch or a negative or non-finite coefficient
   */
  public static TradeCosts of(double[] linear, double[] impact) {
    return new TradeCosts(linear.clone(), impact.clone());
  }

  /**
   * @param n number of coins
   * @param rate linear cost per unit of turnover (e.g. {@link FeeModel#feeRate()}), {@code >= 0}
   * @return {@code c_i = rate}, no impact: {@code C(dw) = rate x sum |dw_i|}
   */
  public static TradeCosts uniform(int n, double rate) {
    double[] c = new double[n];
    java.util.Arrays.fill(c, rate);
    return new TradeCosts(c, new double[n]);
  }

  /** @return number of coins */
  public int size() {
    return linear.length;
  }

  /** @return {@code c_i}, a fraction of traded notional */
  public double linear(int i) {
    return linear[i];
  }

  /** @return {@code lambda_i}, NAV-fraction units */
  public double impact(int i) {
    return impact[i];
  }

  /** @return a copy of all {@code c_i} */
  public double[] linear() {
    return linear.clone();
  }

  /** @return a copy of all {@code lambda_i} */
  public double[] impact() {
    return impact.clone();
  }

  /** @return whether every {@code lambda_i} is zero and every {@code c_i} equal */
  public boolean isUniformLinear() {
    return uniformLinear;
  }

  /**
   * @param i coin
   * @param dw trade in NAV fractions
   * @return {@code c_i |dw| + lambda_i |dw|^1.5}, a NAV fraction
   */
  public double cost(int i, double dw) {
    double a = Math.abs(dw);
    return linear[i] * a + impact[i] * a * Math.sqrt(a);
  }

  /**
   * @param dw trade per coin in NAV fractions, same length as {@link #size()}
   * @return {@code C(dw)} as a NAV fraction; when the coefficients are uniform and linear this is computed as
   *     {@code c x sum |dw_i|} (one multiplication, as DESIGN.md convention 8 writes it)
   */
  public double cost(double[] dw) {
    Checks.sameLength(dw.length, linear.length, "dw");
    if (uniformLinear) {
      double turnover = 0;
      for (double d : dw) {
        turnover += Math.abs(d);
      }
      return linear.length == 0 ? 0.0 : turnover * linear[0];
    }
    double s = 0;
    for (int i = 0; i < dw.length; i++) {
      s += cost(i, dw[i]);
    }
    return s;
  }

  /**
   * @param columns indices into this object's coins
   * @return the coefficients of those coins, in that order
   */
  public TradeCosts subset(int[] columns) {
    double[] c = new double[columns.length];
    double[] l = new double[columns.length];
    for (int k = 0; k < columns.length; k++) {
      c[k] = linear[columns[k]];
      l[k] = impact[columns[k]];
    }
    return new TradeCosts(c, l);
  }

  /**
   * @param factor multiplier, finite and {@code >= 0}
   * @return all coefficients times {@code factor}
   */
  public TradeCosts scaled(double factor) {
    Checks.nonNegative(factor, "factor");
    double[] c = linear.clone();
    double[] l = impact.clone();
    for (int i = 0; i < c.length; i++) {
      c[i] *= factor;
      l[i] *= factor;
    }
    return new TradeCosts(c, l);
  }
}
