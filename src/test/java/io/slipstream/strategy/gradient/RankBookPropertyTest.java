package io.slipstream.strategy.gradient;

import io.slipstream.portfolio.TargetWeights;
import io.slipstream.portfolio.WeightScheme;
import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.core.BarInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Constraints of the rank book on random cross-sections (seeded, bounded tries). */
class RankBookPropertyTest {

  private record Section(List<String> coins, double[] score, double[] sigma, double[] adv) {
  }

  private static Section section(long seed, int n) {
    Random rnd = new Random(seed);
    List<String> coins = new ArrayList<>();
    double[] score = new double[n];
    double[] sigma = new double[n];
    double[] adv = new double[n];
    for (int i = 0; i < n; i++) {
      coins.add("C" + Long.toString(rnd.nextLong() & 0xffffff, 36) + "_" + i);
      score[i] = rnd.nextInt(5) == 0 ? Double.NaN : rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextGaussian();
      sigma[i] = rnd.nextInt(10) == 0 ? 0.0 : 0.001 + rnd.nextDouble() * 0.1;
      adv[i] = rnd.nextInt(6) == 0 ? 1e5 : 1e6 + rnd.nextDouble() * 1e9;
    }
    return new Section(coins, score, sigma, adv);
  }

  private static GradientConfig config(double pct, WeightScheme scheme, double gross, double maxPct) {
    return new GradientConfig(BarInterval.H1, pct, 1, scheme, List.of(2), 2, 0, 10_000, 2.5, gross, maxPct);
  }

  @Property(tries = 100, seed = "777")
  void build_noClippingBinds_eachSideSumsToHalfGross(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 0, max = 60) int n) {
    Section s = section(seed, n);
    Random rnd = new Random(~seed);
    double pct = 0.5 + rnd.nextDouble() * 49.5;
    double gross = 0.01 + rnd.nextDouble() * 1.99;
    boolean equal = rnd.nextBoolean();
    WeightScheme scheme = equal ? WeightScheme.EQUAL : WeightScheme.INVERSE_VOL;

    TargetWeights tw = new RankBook(config(pct, scheme, gross, 100), s.coins()).build(0L, s.score(), s.sigma(),
        s.adv());

    int universe = 0;
    for (int i = 0; i < n; i++) {
      if (s.score()[i] == s.score()[i] && s.sigma()[i] > 0 && s.adv()[i] >= 400_000) {
        universe++;
      }
    }
    int expectedN = (int) Math.floor(pct * universe / 100.0 + 1e-9);
    double longSum = 0;
    double shortSum = 0;
    int longs = 0;
    int shorts = 0;
    for (double w : tw.weights()) {
      if (w > 0) {
        longSum += w;
        longs++;
      } else if (w < 0) {
        shortSum += w;
        shorts++;
      }
    }
    if (expectedN < 1) {
      assertThat(longs + shorts).isZero();
      assertThat(tw.nLong()).isZero();
      return;
    }
    assertThat(tw.nLong()).isEqualTo(expectedN);
    assertThat(tw.nShort()).isEqualTo(expectedN);
    assertThat(longs).isEqualTo(expectedN);
    assertThat(shorts).isEqualTo(expectedN);
    assertThat(longSum).isCloseTo(gross / 2, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(shortSum).isCloseTo(-gross / 2, org.assertj.core.data.Offset.offset(1e-12));
    for (int i = 0; i < n; i++) {
      if (tw.weight(i) != 0) {
        assertThat(s.score()[i]).isNotNaN();
        assertThat(s.sigma()[i]).isPositive();
        assertThat(s.adv()[i]).isGreaterThanOrEqualTo(400_000);
      }
    }
  }

  @Property(tries = 100, seed = "778")
  void build_anyCap_absoluteWeightAtMostCapAndLongsOutrankShorts(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 0, max = 60) int n) {
    Section s = section(seed, n);
    Random rnd = new Random(~seed);
    double pct = rnd.nextInt(4) == 0 ? 50.0 : 0.5 + rnd.nextDouble() * 49.5;
    double gross = 0.01 + rnd.nextDouble() * 9.99;
    double maxPct = rnd.nextInt(4) == 0 ? 100.0 : 0.1 + rnd.nextDouble() * 99.9;
    boolean equal = rnd.nextBoolean();
    WeightScheme scheme = equal ? WeightScheme.EQUAL : WeightScheme.INVERSE_VOL;

    TargetWeights tw = new RankBook(config(pct, scheme, gross, maxPct), s.coins()).build(0L, s.score(), s.sigma(),
        s.adv());

    double minLongScore = Double.POSITIVE_INFINITY;
    double maxShortScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double w = tw.weight(i);
      assertThat(Math.abs(w)).isLessThanOrEqualTo(maxPct / 100.0);
      if (w > 0) {
        minLongScore = Math.min(minLongScore, s.score()[i]);
      } else if (w < 0) {
        maxShortScore = Math.max(maxShortScore, s.score()[i]);
      }
    }
    if (tw.nLong() > 0) {
      assertThat(minLongScore).isGreaterThanOrEqualTo(maxShortScore);
    }
    assertThat(tw.grossLeverage()).isLessThanOrEqualTo(gross + 1e-12);
  }
}
