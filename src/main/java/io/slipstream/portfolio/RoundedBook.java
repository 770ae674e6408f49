package io.slipstream.portfolio;

import java.util.List;

/**
 * The result of {@link LotRounder#round}: exchange sizes per coin and what it took to reach them. Columns follow
 * {@link #coins()}. Sizes and orders are in coins (base-asset units, signed, long > 0), weights in signed NAV
 * fractions, beta exposures {@code |beta' w|} in NAV fractions. Immutable; arrays are copied in and out.
 */
public final class RoundedBook {
  private final List<String> coins;
  private final double[] sizes;
  private final double[] weights;
  private final double[] orders;
  private final boolean[] skipped;
  private final double betaExposureTarget;
  private final double betaExposureRounded;
  private final double betaExposureRepaired;
  private final int moves;

  RoundedBook(List<String> coins, double[] sizes, double[] weights, double[] orders, boolean[] skipped,
      double betaExposureTarget, double betaExposureRounded, double betaExposureRepaired, int moves) {
    this.coins = List.copyOf(coins);
    this.sizes = sizes;
    this.weights = weights;
    this.orders = orders;
    this.skipped = skipped;
    this.betaExposureTarget = betaExposureTarget;
    this.betaExposureRounded = betaExposureRounded;
    this.betaExposureRepaired = betaExposureRepaired;
    this.moves = moves;
  }

  /** @return the coins, in column order */
  public List<String> coins() {
    return coins;
  }

  /** @return the final sizes in coins, multiples of each coin's lot {@code 10^-szDecimals} (a copy) */
  public double[] sizes() {
    return sizes.clone();
  }

  /**
   * @param i column
   * @return the final size of column {@code i} in coins
   */
  public double size(int i) {
    return sizes[i];
  }

  /** @return the final weights {@code size x price / navUsd}, signed NAV fractions (a copy) */
  public double[] weights() {
    return weights.clone();
  }

  /** @return the orders to send, {@code size - current} in coins, 0 = nothing to send (a copy) */
  public double[] orders() {
    return orders.clone();
  }

  /**
   * @param i column
   * @return whether the rounded order of coin {@code i} was worth less than the minimum order value and was not
   *     sent (its size stayed at the current one before any beta repair)
   */
  public boolean skipped(int i) {
    return skipped[i];
  }

  /** @return number of orders not sent because they were below the minimum order value */
  public int skippedOrders() {
    int k = 0;
    for (boolean s : skipped) {
      k += s ? 1 : 0;
    }
    return k;
  }

  /** @return {@code |beta' w|} of the target weights (before any rounding), NAV fraction */
  public double betaExposureTarget() {
    return betaExposureTarget;
  }

  /** @return {@code |beta' w|} after rounding to lots and dropping orders below the minimum, NAV fraction */
  public double betaExposureRounded() {
    return betaExposureRounded;
  }

  /** @return {@code |beta' w|} of the final book, after the beta repair; {@code <= betaExposureRounded()} */
  public double betaExposureRepaired() {
    return betaExposureRepaired;
  }

  /** @return number of single-lot moves the beta repair made */
  public int moves() {
    return moves;
  }

  @Override
  public String toString() {
    return "RoundedBook[" + coins.size() + " coins, |beta'w| target " + betaExposureTarget + ", rounded "
        + betaExposureRounded + ", repaired " + betaExposureRepaired + ", " + moves + " moves, "
        + skippedOrders() + " orders skipped]";
  }
}
