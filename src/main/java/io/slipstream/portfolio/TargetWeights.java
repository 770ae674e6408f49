package io.slipstream.portfolio;

import io.slipstream.core.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Target weights decided at one bar close: signed fractions of NAV per coin (long > 0), in the column order of
 * {@link #coins()}, and the book sizes chosen. Immutable; arrays are copied in and out.
 */
public final class TargetWeights {
  private final long decisionTimeMs;
  private final List<String> coins;
  private final double[] weights;
  private final int nLong;
  private final int nShort;

  /**
   * @param decisionTimeMs the bar close at which the decision is made, epoch ms UTC
   * @param coins column names
   * @param weights one signed NAV fraction per coin, finite. Not modified.
   * @param nLong number of coins chosen long
   * @param nShort number of coins chosen short
   * @throws IllegalArgumentException on a length mismatch or a non-finite weight
   */
  public TargetWeights(long decisionTimeMs, List<String> coins, double[] weights, int nLong, int nShort) {
    this.decisionTimeMs = decisionTimeMs;
    this.coins = List.copyOf(coins);
    Checks.sameLength(weights.length, this.coins.size(), "weights");
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight of " + this.coins.get(i) + " is not finite: " + weights[i]);
      }
    }
    this.weights = weights.clone();
    this.nLong = nLong;
    this.nShort = nShort;
  }

  /** @return decision time, epoch ms UTC */
  public long decisionTimeMs() {
    return decisionTimeMs;
  }

  /** @return decision time */
  public Instant decisionTime() {
    return Instant.ofEpochMilli(decisionTimeMs);
  }

  /** @return coins in column order */
  public List<String> coins() {
    return coins;
  }

  /** @return a copy of the weights (signed NAV fractions) */
  public double[] weights() {
    return weights.clone();
  }

  /** @return the weight of column {@code c} */
  public double weight(int c) {
    return weights[c];
  }

  /** @return long book size */
  public int nLong() {
    return nLong;
  }

  /** @return short book size */
  public int nShort() {
    return nShort;
  }

  /** @return {@code sum |w|} */
  public double grossLeverage() {
    double s = 0;
    for (double w : weights) {
      s += Math.abs(w);
    }
    return s;
  }
}
