package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of {@link LotRounder} on seeded random books (STYLE.md section 9): sizes on each coin's lot grid, every
 * order 0 or worth at least the minimum (or a full close when allowed), the repair never makes {@code |beta'w|}
 * worse than plain rounding (so it ends {@code <= max(tolerance, rounded)}), at most {@code maxMoves} moves, and
 * re-rounding the result onto itself sends no order.
 */
class LotRounderPropertyTest {

  /** One random problem. */
  private record Problem(List<String> coins, double[] w, double nav, double[] px, int[] dec, double[] cur,
      double[] beta, double[] cov, LotRounder rounder) {
  }

  private static Problem draw(long seed) {
    Random rnd = new Random(seed);
    int n = 1 + rnd.nextInt(12);
    List<String> coins = new ArrayList<>();
    double[] w = new double[n];
    double[] px = new double[n];
    int[] dec = new int[n];
    double[] cur = new double[n];
    double[] beta = new double[n];
    double nav = Math.exp(Math.log(100) + rnd.nextDouble() * Math.log(1e6));
    for (int i = 0; i < n; i++) {
      coins.add("K" + i);
      px[i] = Math.exp(-9 + rnd.nextDouble() * 21);
      // the exchange's rule of thumb, give or take one decimal
      dec[i] = Math.max(0, Math.min(6, SzDecimals.estimate(px[i]) + rnd.nextInt(3) - 1));
      w[i] = rnd.nextInt(10) < 3 ? 0.0 : rnd.nextGaussian() * 0.1;
      double pow = Math.pow(10, dec[i]);
      double lots = rnd.nextInt(10) < 4 ? 0 : Math.rint((w[i] + rnd.nextGaussian() * 0.01) * nav / px[i] * pow);
      cur[i] = lots / pow;
      beta[i] = rnd.nextInt(10) == 0 ? 0.0 : -0.5 + 2.5 * rnd.nextDouble();
    }
    if (rnd.nextBoolean()) { // a beta-neutral target, as the optimizer gives: w -= (beta'w / beta'beta) beta
      double bw = 0;
      double bb = 0;
      for (int i = 0; i < n; i++) {
        bw += beta[i] * w[i];
        bb += beta[i] * beta[i];
      }
      for (int i = 0; bb > 0 && i < n; i++) {
        w[i] -= bw / bb * beta[i];
      }
    }
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextGaussian() * 0.03;
    }
    double[] cov = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 1e-4 : 0.0;
        for (int k = 0; k < n; k++) {
          s += a[i * n + k] * a[j * n + k];
        }
        cov[i * n + j] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        cov[i * n + j] = cov[j * n + i];
      }
    }
    double min = new double[] {0, 10, 50 * rnd.nextDouble()}[rnd.nextInt(3)];
    double tol = new double[] {0, 1e-4, Math.exp(Math.log(1e-6) + rnd.nextDouble() * Math.log(1e4))}[rnd.nextInt(3)];
    LotRounder r = new LotRounder(min, tol, rnd.nextInt(200), rnd.nextBoolean());
    return new Problem(coins, w, nav, px, dec, cur, beta, cov, r);
  }

  @Property(tries = 400, seed = "31")
  void round_anyBook_keepsGridMinimumsBetaBoundAndMoveBudget(@ForAll @LongRange long seed) {
    Problem p = draw(seed);
    LotRounder r = p.rounder();

    RoundedBook b = r.round(p.coins(), p.w(), p.nav(), p.px(), p.dec(), p.cur(), p.beta(), p.cov());

    double[] sizes = b.sizes();
    double[] orders = b.orders();
    double[] weights = b.weights();
    double exposure = 0;
    for (int i = 0; i < sizes.length; i++) {
      double pow = Math.pow(10, p.dec()[i]);
      double lots = sizes[i] * pow;
      assertThat(Math.abs(lots - Math.rint(lots))).as("lot grid of coin %d", i)
          .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(lots)));
      assertThat(orders[i]).isCloseTo(sizes[i] - p.cur()[i], org.assertj.core.api.Assertions.within(
          1e-9 * Math.max(1, Math.abs(sizes[i]) + Math.abs(p.cur()[i]))));
      boolean sent = Math.rint(sizes[i] * pow) != Math.rint(p.cur()[i] * pow);
      if (sent) {
        boolean fullClose = sizes[i] == 0.0 && r.closeBelowMinimum();
        assertThat(fullClose || Math.abs(orders[i]) * p.px()[i] >= r.minOrderUsd() * (1 - 1e-9))
            .as("order of coin %d worth %s USD, minimum %s", i, Math.abs(orders[i]) * p.px()[i], r.minOrderUsd())
            .isTrue();
      }
      assertThat(weights[i]).isEqualTo(sizes[i] * p.px()[i] / p.nav());
      exposure += p.beta()[i] * weights[i];
    }
    assertThat(b.betaExposureRepaired()).isEqualTo(Math.abs(exposure));
    assertThat(b.betaExposureRepaired()).isLessThanOrEqualTo(b.betaExposureRounded());
    assertThat(b.betaExposureRepaired()).isLessThanOrEqualTo(Math.max(r.betaTolerance(), b.betaExposureRounded()));
    assertThat(b.moves()).isBetween(0, r.maxMoves());
    if (b.moves() == 0) {
      assertThat(b.betaExposureRepaired()).isEqualTo(b.betaExposureRounded());
    }
  }

  @Property(tries = 200, seed = "32")
  void round_resultOntoItself_sendsNoOrder(@ForAll @LongRange long seed) {
    Problem p = draw(seed);
    RoundedBook b = p.rounder().round(p.coins(), p.w(), p.nav(), p.px(), p.dec(), p.cur(), p.beta(), p.cov());
    LotRounder noRepair = new LotRounder(p.rounder().minOrderUsd(), 0, 0, p.rounder().closeBelowMinimum());

    RoundedBook again = noRepair.round(p.coins(), b.weights(), p.nav(), p.px(), p.dec(), b.sizes(), p.beta(), p.cov());

    assertThat(again.sizes()).containsExactly(b.sizes());
    assertThat(again.orders()).containsOnly(0.0);
    assertThat(again.skippedOrders()).isZero();
  }
}
