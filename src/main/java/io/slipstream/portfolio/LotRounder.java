package io.slipstream.portfolio;

import io.slipstream.core.Checks;
import java.util.List;

/**
 * Turns target weights into exchange order sizes and repairs the beta drift the rounding causes. Used by the
 * backtest strategy and by the live adapter, so both trade the same lot grid.
 *
 * <p>Steps, per coin {@code i} with price {@code p_i} (USD), lot {@code l_i = 10^-szDecimals_i} coins and current
 * size {@code q0_i} (coins, on the lot grid):
 * <ol>
 *   <li>Rounding: target size {@code w_i navUsd / p_i} rounded to the nearest multiple of {@code l_i} (ties to the
 *       even number of lots, {@link Math#rint}).</li>
 *   <li>Minimum order: an order {@code q_i - q0_i} worth {@code |q_i - q0_i| p_i < minOrderUsd} is not sent and the
 *       size stays {@code q0_i} (Hyperliquid: "Order must have minimum value of $10"), except a full close to
 *       zero when {@code closeBelowMinimum} is set. That exception assumes the venue accepts closing a whole
 *       position worth less than the minimum (a reduce-only close); the live adapter must confirm it, or build the
 *       rounder with {@code closeBelowMinimum = false}, which keeps such dust positions.</li>
 *   <li>Beta repair: with {@code w_i = q_i p_i / navUsd} and {@code b = beta' w}, while {@code |b| > betaTolerance}
 *       and fewer than {@code maxMoves} moves were made, every move of one lot ({@code +l_i} or {@code -l_i}) on
 *       every coin is considered that keeps that coin's order either 0, worth {@code >= minOrderUsd}, or a full
 *       close (as above). Among the moves that reduce {@code |b|}, one that does not add risk
 *       ({@code Delta(w'Sw) <= 0}) ranks first (the largest reduction of {@code |b|} among them); otherwise the
 *       move with the largest {@code reduction of |b| / Delta(w'Sw)} is made. The repair stops when the tolerance
 *       is met, no move reduces {@code |b|}, or {@code maxMoves} is reached.</li>
 * </ol>
 * Guarantees: sizes are multiples of the lot; every order is 0, worth at least {@code minOrderUsd}, or a full close
 * (when allowed); the final {@code |beta' w| <= |beta' w|} after step 2, so it is {@code <= max(betaTolerance,
 * |beta' w| after rounding)}; at most {@code maxMoves} moves. Each move costs {@code O(n)}.
 *
 * @param minOrderUsd minimum order value in USD, finite and {@code >= 0} (Hyperliquid: 10)
 * @param betaTolerance stop the repair once {@code |beta' w| <= betaTolerance}, NAV fraction, finite and
 *     {@code >= 0}
 * @param maxMoves most single-lot moves of the repair, {@code >= 0} (0 = no repair)
 * @param closeBelowMinimum whether a full close to zero is sent even when worth less than {@code minOrderUsd}
 */
public record LotRounder(double minOrderUsd, double betaTolerance, int maxMoves, boolean closeBelowMinimum) {
  /** Hyperliquid's 10 USD minimum, tolerance {@code 1e-4} of NAV, at most 10,000 moves, full closes allowed. */
  public static final LotRounder DEFAULT = new LotRounder(10.0, 1e-4, 10_000, true);

  /** Largest number of lots a size may hold: sizes stay exact integers in a double. */
  private static final double MAX_LOTS = 0x1p52;

  /**
   * Validates ranges.
   *
   * @throws IllegalArgumentException naming the field and the value
   */
  public LotRounder {
    Checks.nonNegative(minOrderUsd, "minOrderUsd");
    Checks.nonNegative(betaTolerance, "betaTolerance");
    if (maxMoves < 0) {
      throw new IllegalArgumentException("Argument 'maxMoves' must be >= 0, was " + maxMoves);
    }
  }

  /**
   * Rounds a book (see the class documentation).
   *
   * @param coins coin names, one per column
   * @param targetWeights target weights, signed NAV fractions, finite. Not modified.
   * @param navUsd account value in USD, finite and {@code > 0}
   * @param pricesUsd prices per coin in USD (e.g. the last close or the mid), finite and {@code > 0}. Not modified.
   * @param szDecimals size decimals per coin, in {@code [0, SzDecimals.MAX_DECIMALS]} (see {@link SzDecimals}).
   *     Not modified.
   * @param currentSizes current positions in coins, signed, finite, multiples of each coin's lot. Not modified.
   * @param betas beta per coin (e.g. to the market factor), finite. Not modified.
   * @param covariance {@code n x n} covariance of the coins' returns, row-major ({@code S[i * n + j]}), finite and
   *     symmetric; {@code w'Sw} is the book's variance with {@code w} in NAV fractions. Not modified.
   * @return the rounded book
   * @throws IllegalArgumentException naming the field (and coin) on a length mismatch, a NaN or infinite value,
   *     a non-positive price or NAV, a negative or too large {@code szDecimals}, a current size off the lot grid, an
   *     asymmetric covariance, or a target too large to count in lots
   */
  public RoundedBook round(List<String> coins, double[] targetWeights, double navUsd, double[] pricesUsd,
      int[] szDecimals, double[] currentSizes, double[] betas, double[] covariance) {
    Checks.notNull(coins, "coins");
    int n = coins.size();
    Checks.sameLength(targetWeights.length, n, "targetWeights");
    Checks.sameLength(pricesUsd.length, n, "pricesUsd");
    Checks.sameLength(szDecimals.length, n, "szDecimals");
    Checks.sameLength(currentSizes.length, n, "currentSizes");
    Checks.sameLength(betas.length, n, "betas");
    Checks.sameLength(covariance.length, n * n, "covariance");
    Checks.positive(navUsd, "navUsd");

    double[] pow = new double[n];
    double[] lotUsd = new double[n];
    double[] lots = new double[n];
    double[] cur = new double[n];
    double[] w = new double[n];
    boolean[] skipped = new boolean[n];
    double targetB = 0;
    for (int i = 0; i < n; i++) {
      String coin = coins.get(i);
      double p = pricesUsd[i];
      if (!(p > 0) || Double.isInfinite(p)) {
        throw new IllegalArgumentException("Argument 'pricesUsd[" + i + "]' (" + coin + ") must be finite and > 0, was "
            + p);
      }
      int d = szDecimals[i];
      if (d < 0 || d > SzDecimals.MAX_DECIMALS) {
        throw new IllegalArgumentException("Argument 'szDecimals[" + i + "]' (" + coin + ") must be in [0, "
            + SzDecimals.MAX_DECIMALS + "], was " + d);
      }
      finite(targetWeights[i], "targetWeights", i, coin);
      finite(betas[i], "betas", i, coin);
      finite(currentSizes[i], "currentSizes", i, coin);
      pow[i] = SzDecimals.POW10[d];
      lotUsd[i] = p / pow[i];
      double c = currentSizes[i] * pow[i];
      cur[i] = Math.rint(c);
      if (Math.abs(c - cur[i]) > 1e-6 + 1e-12 * Math.abs(cur[i]) || Math.abs(cur[i]) > MAX_LOTS) {
        throw new IllegalArgumentException("Argument 'currentSizes[" + i + "]' (" + coin
            + ") must be a multiple of the lot " + (1.0 / pow[i]) + " coins, was " + currentSizes[i]);
      }
      double x = targetWeights[i] * navUsd / p * pow[i];
      if (!(Math.abs(x) <= MAX_LOTS)) {
        throw new IllegalArgumentException("target size of " + coin + " is too large to count in lots: "
            + targetWeights[i] + " x " + navUsd + " USD / " + p + " USD at " + d + " size decimals");
      }
      double tgt = Math.rint(x);
      double order = tgt - cur[i];
      if (order != 0 && Math.abs(order) * lotUsd[i] < minOrderUsd && !(closeBelowMinimum && tgt == 0)) {
        tgt = cur[i];
        skipped[i] = true;
      }
      lots[i] = tgt;
      w[i] = weight(lots[i], pow[i], p, navUsd);
      targetB += betas[i] * targetWeights[i];
    }
    for (int i = 0; i < n * n; i++) {
      if (!Double.isFinite(covariance[i])) {
        throw new IllegalArgumentException("Argument 'covariance[" + i + "]' (" + coins.get(i / n) + ", "
            + coins.get(i % n) + ") must be finite, was " + covariance[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double a = covariance[i * n + j];
        double b = covariance[j * n + i];
        if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b))) {
          throw new IllegalArgumentException("Argument 'covariance' must be symmetric: [" + i + "," + j + "] = " + a
              + " but [" + j + "," + i + "] = " + b);
        }
      }
    }
    double bRounded = dot(betas, w);
    double b = bRounded;
    int moves = 0;
    if (Math.abs(b) > betaTolerance && maxMoves > 0) {
      double[] sw = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += covariance[i * n + j] * w[j];
        }
        sw[i] = s;
      }
      while (Math.abs(b) > betaTolerance && moves < maxMoves) {
        int best = -1;
        double bestStep = 0;
        boolean bestLowersRisk = false;
        double bestKey = 0;
        for (int i = 0; i < n; i++) {
          if (betas[i] == 0) {
            continue;
          }
          for (int step = -1; step <= 1; step += 2) {
            double newLots = lots[i] + step;
            if (!orderAllowed(newLots, cur[i], lotUsd[i])) {
              continue;
            }
            double dw = step * (lotUsd[i] / navUsd);
            double reduction = Math.abs(b) - Math.abs(b + betas[i] * dw);
            if (!(reduction > 0)) {
              continue;
            }
            double dRisk = 2 * dw * sw[i] + dw * dw * covariance[i * n + i];
            boolean lowers = dRisk <= 0;
            double key = lowers ? reduction : reduction / dRisk;
            if (best < 0 || (lowers && !bestLowersRisk) || (lowers == bestLowersRisk && key > bestKey)) {
              best = i;
              bestStep = step;
              bestLowersRisk = lowers;
              bestKey = key;
            }
          }
        }
        if (best < 0) {
          break;
        }
        double oldW = w[best];
        lots[best] += bestStep;
        w[best] = weight(lots[best], pow[best], pricesUsd[best], navUsd);
        double nb = dot(betas, w);
        if (!(Math.abs(nb) < Math.abs(b))) {
          lots[best] -= bestStep;
          w[best] = oldW;
          break;
        }
        double dW = w[best] - oldW;
        for (int j = 0; j < n; j++) {
          sw[j] += covariance[j * n + best] * dW;
        }
        b = nb;
        moves++;
      }
    }
    double[] sizes = new double[n];
    double[] orders = new double[n];
    for (int i = 0; i < n; i++) {
      sizes[i] = lots[i] / pow[i];
      orders[i] = (lots[i] - cur[i]) / pow[i];
    }
    return new RoundedBook(coins, sizes, w, orders, skipped, Math.abs(targetB), Math.abs(bRounded), Math.abs(b),
        moves);
  }

  private boolean orderAllowed(double newLots, double curLots, double lotUsd) {
    double order = newLots - curLots;
    return order == 0 || Math.abs(order) * lotUsd >= minOrderUsd || (closeBelowMinimum && newLots == 0);
  }

  /** @return {@code (lots / 10^d) x price / nav}: the size as a decimal number of coins, valued */
  private static double weight(double lots, double pow, double priceUsd, double navUsd) {
    return lots / pow * priceUsd / navUsd;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void finite(double x, String name, int i, String coin) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("Argument '" + name + "[" + i + "]' (" + coin + ") must be finite, was " + x);
    }
  }
}
