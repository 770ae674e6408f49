package io.slipstream.strategy.gradient;

import io.slipstream.portfolio.TargetWeights;
import io.slipstream.portfolio.WeightScheme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankBookTest {
  private static final double NaN = Double.NaN;
  private static final long T = 1_700_000_000_000L;

  private static GradientConfig config(double concentrationPct, WeightScheme scheme, double gross, double maxPct) {
    // ADV floor: 10,000 USD / 2.5 % = 400,000 USD
    return new GradientConfig(BarInterval.H4, concentrationPct, 4, scheme, List.of(2, 4), 24, 10, 10_000, 2.5, gross,
        maxPct);
  }

  /**
   * Columns deliberately not in name order. Universe: A, B, C, D, E (E's ADV is exactly the floor, so it is in);
   * out: F (ADV 399,999.99 below the floor), G (score NaN), H (sigma 0). N = 5.
   * Scores: B 2, A 1, C 1 (ties A: name order puts A first), E 0.5, D -1.
   * Sorted: B, A, C, E, D.
   */
  private static final List<String> COINS = List.of("E", "B", "A", "D", "C", "F", "G", "H");
  private static final double[] SCORE = {0.5, 2.0, 1.0, -1.0, 1.0, 5.0, NaN, 3.0};
  private static final double[] SIGMA = {0.01, 0.02, 0.04, 0.03, 0.05, 0.01, 0.01, 0.0};
  private static final double[] ADV = {400_000, 1e9, 1e9, 1e9, 1e9, 399_999.99, 1e9, 1e9};

  private static double w(TargetWeights tw, String coin) {
    return tw.weight(tw.coins().indexOf(coin));
  }

  @Test
  void build_handExample40Pct_inverseVolBooks() {
    // n = floor(40 * 5 / 100 + 1e-9) = 2: long B, A; short E, D (the last two).
    // longs: 1/sigma = 50 (B), 25 (A), sum 75 -> B = 0.5 * 50/75 = 1/3, A = 0.5 * 25/75 = 1/6
    // shorts: 1/sigma = 100 (E), 33.33 (D), sum 133.33 -> E = -0.5 * 0.75 = -0.375, D = -0.5 * 0.25 = -0.125
    RankBook book = new RankBook(config(40, WeightScheme.INVERSE_VOL, 1.0, 100), COINS);

    TargetWeights tw = book.build(T, SCORE, SIGMA, ADV);

    assertThat(tw.decisionTimeMs()).isEqualTo(T);
    assertThat(tw.nLong()).isEqualTo(2);
    assertThat(tw.nShort()).isEqualTo(2);
    assertThat(w(tw, "B")).isCloseTo(1.0 / 3.0, within(1e-15));
    assertThat(w(tw, "A")).isCloseTo(1.0 / 6.0, within(1e-15));
    assertThat(w(tw, "E")).isCloseTo(-0.375, within(1e-15));
    assertThat(w(tw, "D")).isCloseTo(-0.125, within(1e-15));
    for (String out : List.of("C", "F", "G", "H")) {
      assertThat(w(tw, out)).as(out).isEqualTo(0.0);
    }
    assertThat(w(tw, "B") + w(tw, "A")).isCloseTo(0.5, within(1e-15));
    assertThat(w(tw, "E") + w(tw, "D")).isCloseTo(-0.5, within(1e-15));
    assertThat(tw.grossLeverage()).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void build_tieOnScore_brokenByCoinNameAscending() {
    // n = floor(20 * 5 / 100 + 1e-9) = 1: long B; of the tie A/C at 1.0 neither is at an end.
    // Make the tie decide both ends: every score equal -> sorted by name A, B, C, D, E -> long A, short E.
    double[] flat = {1, 1, 1, 1, 1, 1, NaN, 1};
    RankBook book = new RankBook(config(20, WeightScheme.EQUAL, 1.0, 100), COINS);

    TargetWeights tw = book.build(T, flat, SIGMA, ADV);

    assertThat(w(tw, "A")).isEqualTo(0.5);
    assertThat(w(tw, "E")).isEqualTo(-0.5);
    assertThat(Arrays.stream(tw.weights()).filter(x -> x != 0).count()).isEqualTo(2);
  }

  @Test
  void build_tieBetweenLongCandidates_longsTheEarlierName() {
    // n = floor(50 * 5 / 100 + 1e-9) = 2 with scores B 2, A 1, C 1: the second long is A (A < C), not C.
    RankBook book = new RankBook(config(50, WeightScheme.EQUAL, 1.0, 100), COINS);

    TargetWeights tw = book.build(T, SCORE, SIGMA, ADV);

    assertThat(w(tw, "B")).isEqualTo(0.25);
    assertThat(w(tw, "A")).isEqualTo(0.25);
    assertThat(w(tw, "C")).isEqualTo(0.0);
    assertThat(w(tw, "E")).isEqualTo(-0.25);
    assertThat(w(tw, "D")).isEqualTo(-0.25);
  }

  @Test
  void build_clipping_capsWithoutRedistribution() {
    // same books as the hand example, cap 30 %: B 1/3 -> 0.3, E -0.375 -> -0.3; A and D keep 1/6 and -0.125
    RankBook book = new RankBook(config(40, WeightScheme.INVERSE_VOL, 1.0, 30), COINS);

    TargetWeights tw = book.build(T, SCORE, SIGMA, ADV);

    assertThat(w(tw, "B")).isEqualTo(0.3);
    assertThat(w(tw, "A")).isCloseTo(1.0 / 6.0, within(1e-15));
    assertThat(w(tw, "E")).isEqualTo(-0.3);
    assertThat(w(tw, "D")).isCloseTo(-0.125, within(1e-15));
    assertThat(w(tw, "B") + w(tw, "A")).isLessThan(0.5);
  }

  @Test
  void build_equalScheme_splitsEachSideEvenly() {
    // gross 2 -> each side 1.0 over 2 coins -> +-0.5 each
    RankBook book = new RankBook(config(40, WeightScheme.EQUAL, 2.0, 100), COINS);

    TargetWeights tw = book.build(T, SCORE, SIGMA, ADV);

    assertThat(w(tw, "B")).isEqualTo(0.5);
    assertThat(w(tw, "A")).isEqualTo(0.5);
    assertThat(w(tw, "E")).isEqualTo(-0.5);
    assertThat(w(tw, "D")).isEqualTo(-0.5);
  }

  @Test
  void build_grossLeverage2_inverseVolSidesSumTo1() {
    RankBook book = new RankBook(config(40, WeightScheme.INVERSE_VOL, 2.0, 100), COINS);

    TargetWeights tw = book.build(T, SCORE, SIGMA, ADV);

    assertThat(w(tw, "B")).isCloseTo(2.0 / 3.0, within(1e-15));
    assertThat(w(tw, "D")).isCloseTo(-0.25, within(1e-15));
  }

  private static List<String> names(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(String.format("K%02d", i));
    }
    return out;
  }

  private static TargetWeights distinct(double pct, int n) {
    double[] score = new double[n];
    double[] sigma = new double[n];
    double[] adv = new double[n];
    for (int i = 0; i < n; i++) {
      score[i] = n - i;
      sigma[i] = 0.01;
      adv[i] = 1e9;
    }
    return new RankBook(config(pct, WeightScheme.EQUAL, 1.0, 100), names(n)).build(T, score, sigma, adv);
  }

  @Test
  void build_35PctOf20_holds7PerSide() {
    // 35 * 20 / 100 = 7 (exactly 7.0 in doubles) -> n = 7: K00..K06 long, K13..K19 short
    TargetWeights tw = distinct(35, 20);

    assertThat(tw.nLong()).isEqualTo(7);
    assertThat(tw.nShort()).isEqualTo(7);
    for (int i = 0; i < 20; i++) {
      double expected = i < 7 ? 0.5 / 7 : i >= 13 ? -0.5 / 7 : 0.0;
      assertThat(tw.weight(i)).as("K%02d", i).isEqualTo(expected);
    }
  }

  @Test
  void build_35PctOf2_noPositions() {
    // 35 * 2 / 100 = 0.7 -> n = 0 < 1 -> all weights zero
    TargetWeights tw = distinct(35, 2);

    assertThat(tw.nLong()).isZero();
    assertThat(tw.nShort()).isZero();
    assertThat(tw.weights()).containsOnly(0.0);
  }

  @Test
  void build_productJustBelowInteger_epsilonRoundsUp() {
    // 33.33333333333333 * 3 / 100 = 0.9999999999999999 in doubles; + 1e-9 -> floor 1
    TargetWeights tw = distinct(33.33333333333333, 3);

    assertThat(tw.nLong()).isEqualTo(1);
    assertThat(tw.weight(0)).isEqualTo(0.5);
    assertThat(tw.weight(2)).isEqualTo(-0.5);
  }

  @Test
  void build_emptyUniverse_noPositions() {
    double[] nan = {NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN};
    TargetWeights tw = new RankBook(config(50, WeightScheme.INVERSE_VOL, 1.0, 100), COINS)
        .build(T, nan, SIGMA, ADV);

    assertThat(tw.weights()).containsOnly(0.0);
    assertThat(tw.nLong()).isZero();
  }

  @Test
  void build_inputs_areNotModified() {
    double[] score = SCORE.clone();
    double[] sigma = SIGMA.clone();
    double[] adv = ADV.clone();
    new RankBook(config(40, WeightScheme.INVERSE_VOL, 1.0, 100), COINS).build(T, score, sigma, adv);

    assertThat(score).containsExactly(SCORE);
    assertThat(sigma).containsExactly(SIGMA);
    assertThat(adv).containsExactly(ADV);
  }

  @Test
  void build_reusedBook_givesSameResultTwice() {
    RankBook book = new RankBook(config(40, WeightScheme.INVERSE_VOL, 1.0, 100), COINS);
    double[] first = book.build(T, SCORE, SIGMA, ADV).weights();
    book.build(T, new double[] {9, 8, 7, 6, 5, 4, 3, 2}, SIGMA, ADV);

    assertThat(book.build(T, SCORE, SIGMA, ADV).weights()).containsExactly(first);
  }
}
