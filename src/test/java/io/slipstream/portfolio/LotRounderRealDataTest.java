package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real 4h data: at the close of 2025-03-03 00:00, the coins with 180 complete trailing bars,
 * betas to the equal-weight market and the sample covariance of their log returns over those bars, szDecimals
 * estimated from each coin's first price; random beta-neutral books of gross leverage 1 rounded for 10,000 USD and
 * 1,000,000 USD of NAV with the default rounder (10 USD minimum, tolerance 1e-4).
 */
class LotRounderRealDataTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final int WINDOW = 180;
  private static List<String> coins;
  private static double[] prices;
  private static double[] betas;
  private static double[] cov;
  private static int[] dec;

  @BeforeAll
  static void setUp() {
    MarketData md = Lake.load(DIR, BarInterval.H4, false);
    Panel close = md.close();
    int row = (int) ((Instant.parse("2025-03-03T00:00:00Z").toEpochMilli() - close.firstOpenMs())
        / BarInterval.H4.millis());
    List<Integer> cols = new ArrayList<>();
    for (int c = 0; c < close.columns(); c++) {
      boolean complete = true;
      for (int t = row - WINDOW; t <= row; t++) {
        complete &= !Double.isNaN(close.get(t, c));
      }
      if (complete) {
        cols.add(c);
      }
    }
    int n = cols.size();
    coins = new ArrayList<>();
    prices = new double[n];
    double[][] r = new double[n][WINDOW];
    double[] market = new double[WINDOW];
    for (int k = 0; k < n; k++) {
      int c = cols.get(k);
      coins.add(close.coins().get(c));
      prices[k] = close.get(row, c);
      for (int j = 0; j < WINDOW; j++) {
        int t = row - WINDOW + 1 + j;
        r[k][j] = Math.log(close.get(t, c) / close.get(t - 1, c));
        market[j] += r[k][j] / n;
      }
    }
    double mm = mean(market);
    double varM = 0;
    for (double x : market) {
      varM += (x - mm) * (x - mm);
    }
    betas = new double[n];
    cov = new double[n * n];
    double[] means = new double[n];
    for (int k = 0; k < n; k++) {
      means[k] = mean(r[k]);
      double s = 0;
      for (int j = 0; j < WINDOW; j++) {
        s += (r[k][j] - means[k]) * (market[j] - mm);
      }
      betas[k] = s / varM;
    }
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        double s = 0;
        for (int j = 0; j < WINDOW; j++) {
          s += (r[a][j] - means[a]) * (r[b][j] - means[b]);
        }
        cov[a * n + b] = cov[b * n + a] = s / (WINDOW - 1);
      }
    }
    dec = SzDecimals.fromFirstPrices(close).forCoins(coins);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** A random book over all coins: Gaussian weights, beta projected out, scaled to gross leverage 1. */
  private static double[] betaNeutralBook(long seed) {
    Random rnd = new Random(seed);
    int n = coins.size();
    double[] w = new double[n];
    double bw = 0;
    double bb = 0;
    for (int i = 0; i < n; i++) {
      w[i] = rnd.nextGaussian();
      bw += betas[i] * w[i];
      bb += betas[i] * betas[i];
    }
    double gross = 0;
    for (int i = 0; i < n; i++) {
      w[i] -= bw / bb * betas[i];
      gross += Math.abs(w[i]);
    }
    for (int i = 0; i < n; i++) {
      w[i] /= gross;
    }
    return w;
  }

  private static void assertInvariants(RoundedBook b, LotRounder r, double[] cur) {
    for (int i = 0; i < coins.size(); i++) {
      double lots = b.size(i) * Math.pow(10, dec[i]);
      assertThat(Math.abs(lots - Math.rint(lots))).isLessThan(1e-6);
      double order = Math.abs(b.size(i) - cur[i]) * prices[i];
      assertThat(order == 0 || order >= r.minOrderUsd() * (1 - 1e-9) || b.size(i) == 0).isTrue();
    }
    assertThat(b.betaExposureRepaired()).isLessThanOrEqualTo(Math.max(r.betaTolerance(), b.betaExposureRounded()));
  }

  @Test
  void round_betaNeutralBooks_repairReachesTheTolerance() {
    assertThat(coins.size()).isGreaterThan(100);
    double[] flat = new double[coins.size()];
    for (long seed = 1; seed <= 3; seed++) {
      double[] w = betaNeutralBook(seed);

      RoundedBook small = LotRounder.DEFAULT.round(coins, w, 10_000, prices, dec, flat, betas, cov);
      RoundedBook large = LotRounder.DEFAULT.round(coins, w, 1_000_000, prices, dec, flat, betas, cov);
      RoundedBook tight = new LotRounder(10, 1e-7, 10_000, true).round(coins, w, 1_000_000, prices, dec, flat,
          betas, cov);

      assertThat(small.betaExposureTarget()).isLessThan(1e-12);
      assertInvariants(small, LotRounder.DEFAULT, flat);
      assertInvariants(large, LotRounder.DEFAULT, flat);
      // 10,000 USD over ~150 coins: the targets whose rounded order is worth (0, 10) USD are skipped
      int expectedSkips = 0;
      for (int i = 0; i < coins.size(); i++) {
        double pow = Math.pow(10, dec[i]);
        double lots = Math.rint(w[i] * 10_000 / prices[i] * pow);
        expectedSkips += lots != 0 && Math.abs(lots) / pow * prices[i] < 10 ? 1 : 0;
      }
      assertThat(small.skippedOrders()).isEqualTo(expectedSkips).isPositive();
      // rounding and skips leave |beta'w| ~ 3e-3 to 6e-3 at 10,000 USD; 10 to 33 single-lot moves repair it
      assertThat(small.betaExposureRounded()).isGreaterThan(1e-3);
      assertThat(small.betaExposureRepaired()).isLessThanOrEqualTo(1e-4);
      assertThat(small.moves()).isPositive();
      // 1,000,000 USD: the tolerance is met, and even 1e-7 with a handful of single-lot moves
      assertThat(large.betaExposureRepaired()).isLessThanOrEqualTo(1e-4);
      assertThat(tight.betaExposureRepaired()).isLessThanOrEqualTo(1e-7);
      assertThat(tight.moves()).isLessThan(1000);
      // rebalancing the 1M book to a new target from its rounded sizes
      double[] next = betaNeutralBook(seed + 100);
      RoundedBook rebalanced = LotRounder.DEFAULT.round(coins, next, 1_000_000, prices, dec, large.sizes(), betas,
          cov);
      assertInvariants(rebalanced, LotRounder.DEFAULT, large.sizes());
      assertThat(rebalanced.betaExposureRepaired()).isLessThanOrEqualTo(1e-4);
    }
  }
}
