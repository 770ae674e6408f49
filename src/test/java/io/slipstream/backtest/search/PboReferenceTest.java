package io.slipstream.backtest.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.DataException;
import org.junit.jupiter.api.Test;

/**
 * CSCV against tools/overfit_reference.py (numpy + scipy on the raw 480 x 20 matrix of
 * src/test/resources/io/slipstream/backtest/search/cscv_returns.csv: two drifted trials, a duplicated trial
 * (exact ties) and an all-zero trial (undefined Sharpe ratios)), and hand-made cases.
 * Tolerances: counts and PBO exact; logits 1e-12 (they are logs of exact half-integer ranks); degradation line
 * 1e-9 (Python uses two-pass moments, Java sufficient statistics). The script also prints the smallest gap between
 * the selected trial's Sharpe ratio and any other distinct value (>= 1.9e-8), far above the 1e-14 by which the
 * two Sharpe computations can differ, so the selections and ranks cannot flip.
 */
class PboReferenceTest {
  /** Printed by tools/overfit_reference.py ("all logits", S = 8). */
  private static final double[] LOGITS_S8 = {
      1.7917594692280545, 2.2512917986064953, -1.1631508098056809, 2.2512917986064953, 2.2512917986064953,
      0.69314718055994518, 2.2512917986064953, 1.1631508098056806, 2.2512917986064953, 1.4469189829363254,
      1.1631508098056806, 1.4469189829363254, 2.2512917986064953, 1.4469189829363254, 2.2512917986064953,
      1.4469189829363254, 2.2512917986064953, -1.2992829841302609, 2.2512917986064953, 1.4469189829363254,
      1.4469189829363254, 1.7917594692280545, 1.4469189829363254, 1.7917594692280545, 2.2512917986064953,
      1.4469189829363254, 0.69314718055994518, 1.7917594692280545, 1.7917594692280545, 1.7917594692280545,
      2.2512917986064953, 0.91629073187415511, 0.91629073187415511, 1.7917594692280545, 1.4469189829363254,
      1.1631508098056806, -1.791759469228055, 1.4469189829363254, -1.4469189829363254, -1.1631508098056809,
      1.1631508098056806, 1.4469189829363254, -2.2512917986064953, -1.791759469228055, -1.791759469228055,
      1.4469189829363254, 0.095310179804324935, 1.4469189829363254, 2.2512917986064953, -1.4469189829363254,
      2.2512917986064953, 1.4469189829363254, 1.4469189829363254, 1.4469189829363254, 1.4469189829363254,
      2.2512917986064953, 0.69314718055994518, 2.2512917986064953, 1.7917594692280545, 2.2512917986064953,
      2.2512917986064953, 2.2512917986064953, 2.2512917986064953, 2.2512917986064953, 2.2512917986064953,
      1.1631508098056806, 2.2512917986064953, 1.7917594692280545, 2.2512917986064953, 1.7917594692280545};

  private static PboResult cscv(int s) {
    return ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(PboFixtures.fixtureByTrial(), s));
  }

  @Test
  void cscv_fixtureS8_matchesPythonReference() {
    PboResult r = cscv(8);

    assertThat(r.trials()).isEqualTo(20);
    assertThat(r.blocks()).isEqualTo(8);
    assertThat(r.combinations()).isEqualTo(70);
    assertThat(r.pbo()).isEqualTo(9 / 70.0);
    assertThat(r.logits()).containsExactly(LOGITS_S8, within(1e-12));
    assertThat(r.degradationSlope()).isCloseTo(-0.64370623367517299, within(1e-9));
    assertThat(r.degradationIntercept()).isCloseTo(0.17637388057653625, within(1e-9));
    assertThat(r.probabilityOfOosLoss()).isEqualTo(9 / 70.0);
  }

  @Test
  void cscv_fixtureS14UnevenBlocks_matchesPythonReference() {
    // 480 = 14 x 34 + 4: the first four blocks hold 35 bars
    PboResult r = cscv(14);

    assertThat(r.combinations()).isEqualTo(3432);
    assertThat(r.pbo()).isEqualTo(758 / 3432.0);
    assertThat(sum(r.logits())).isCloseTo(2879.5882431177533, within(1e-9));
    assertThat(r.logits()).startsWith(new double[] {1.7917594692280545, 1.7917594692280545, -0.6931471805599454,
        2.2512917986064953}, within(1e-12));
    assertThat(r.logit(3431)).isCloseTo(1.7917594692280545, within(1e-12));
    assertThat(r.degradationSlope()).isCloseTo(-0.41923288809538234, within(1e-9));
    assertThat(r.degradationIntercept()).isCloseTo(0.12079511235020447, within(1e-9));
    assertThat(r.probabilityOfOosLoss()).isCloseTo(0.19551282051282051, within(1e-15));
  }

  @Test
  void cscv_fixtureS16_matchesPythonReference() {
    PboResult r = cscv(16);

    assertThat(r.combinations()).isEqualTo(12870);
    assertThat(r.pbo()).isEqualTo(2215 / 12870.0);
    assertThat(sum(r.logits())).isCloseTo(14507.528267415144, within(1e-8));
    assertThat(r.logits()).startsWith(new double[] {1.7917594692280545, 1.7917594692280545, 2.2512917986064953,
        2.2512917986064953}, within(1e-12));
    assertThat(r.logit(12869)).isCloseTo(1.7917594692280545, within(1e-12));
    assertThat(r.degradationSlope()).isCloseTo(-0.57120078372966332, within(1e-9));
    assertThat(r.degradationIntercept()).isCloseTo(0.1579449538916074, within(1e-9));
    assertThat(r.probabilityOfOosLoss()).isCloseTo(0.14506604506604506, within(1e-15));
  }

  @Test
  void cscv_fixture_matchesJavaBruteForceLogitByLogit() {
    double[][] m = PboFixtures.fixtureByTrial();
    for (int s : new int[] {2, 4, 10}) {
      PboResult r = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(m, s));
      PboFixtures.Brute b = PboFixtures.bruteForce(m, s);

      assertThat(r.pbo()).as("S = %d", s).isEqualTo(b.pbo());
      assertThat(r.logits()).as("S = %d", s).containsExactly(b.logits(), within(1e-12));
      assertThat(r.probabilityOfOosLoss()).as("S = %d", s).isEqualTo(b.loss());
      if (s > 2) {
        assertThat(r.degradationSlope()).as("S = %d", s).isCloseTo(b.slope(), within(1e-9));
        assertThat(r.degradationIntercept()).as("S = %d", s).isCloseTo(b.intercept(), within(1e-9));
      }
    }
  }

  @Test
  void cscv_trialsOfDifferentLengths_matchBruteForce() {
    // counts differ between trials (general kernel path): trial i loses its last i % 3 bars, trial 5 keeps one bar
    // per block (Sharpe undefined everywhere)
    double[][] m = PboFixtures.fixtureByTrial();
    int s = 8;
    double[][] ragged = new double[m.length][];
    BlockReturns b = new BlockReturns(m.length, s);
    for (int i = 0; i < m.length; i++) {
      ragged[i] = java.util.Arrays.copyOf(m[i], i == 5 ? s : m[i].length - i % 3);
      int[] bounds = BlockReturns.blockBounds(ragged[i].length, s);
      for (int k = 0; k < s; k++) {
        double[] st = BlockReturns.blockStats(ragged[i], bounds[k], bounds[k + 1]);
        b.set(i, k, (long) st[0], st[1], st[2]);
      }
    }

    PboResult r = ProbabilityOfBacktestOverfitting.cscv(b);
    PboFixtures.Brute brute = PboFixtures.bruteForce(ragged, s);

    assertThat(r.pbo()).isEqualTo(brute.pbo());
    assertThat(r.logits()).containsExactly(brute.logits(), within(1e-12));
    assertThat(r.probabilityOfOosLoss()).isEqualTo(brute.loss());
    assertThat(r.degradationSlope()).isCloseTo(brute.slope(), within(1e-9));
    assertThat(r.degradationIntercept()).isCloseTo(brute.intercept(), within(1e-9));
  }

  @Test
  void cscv_handCase_tieRulesAndUndefinedSharpeAsDocumented() {
    // S = 2: combination 0 = in-sample block 0, combination 1 = in-sample block 1.
    // Block 0 / block 1 returns per trial (two bars each), Sharpe = mean / stdev(ddof 1):
    //   trial 0: {1, 3} / {0, 2}  -> 2/sqrt(2) = sqrt(2)      / 1/sqrt(2)
    //   trial 1: {2, 4} / {1, 3}  -> 3/sqrt(2)                / sqrt(2)
    //   trial 2: {0, 0} / {1, 3}  -> undefined (variance 0)   / sqrt(2)
    // Combination 0: trial 1 selected (3/sqrt(2)); OOS Sharpe 1/sqrt(2), sqrt(2), sqrt(2): trial 1 ties trial 2
    //   -> rank 1 + (2 + 1)/2 = 2.5, omega 2.5/4, logit ln(5/3).
    // Combination 1: trials 1 and 2 tie at sqrt(2) in sample -> the lowest index, trial 1 (trial 2 would give
    //   rank 1); OOS Sharpe sqrt(2), 3/sqrt(2), undefined (lowest) -> rank 3, omega 3/4, logit ln 3.
    // Degradation points (3/sqrt(2), sqrt(2)) and (sqrt(2), 3/sqrt(2)): slope -1, intercept 5/sqrt(2).
    double[][] r = {{1, 3, 0, 2}, {2, 4, 1, 3}, {0, 0, 1, 3}};

    PboResult res = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(r, 2));

    assertThat(res.logits()).containsExactly(new double[] {Math.log(5.0 / 3), Math.log(3)}, within(1e-15));
    assertThat(res.pbo()).isZero();
    assertThat(res.probabilityOfOosLoss()).isZero();
    assertThat(res.degradationSlope()).isCloseTo(-1.0, within(1e-12));
    assertThat(res.degradationIntercept()).isCloseTo(5 / Math.sqrt(2), within(1e-12));
  }

  @Test
  void cscv_selectedAtExactMedian_countsAsOverfit() {
    //   trial 0: {1, 3} / {0, 2}   -> sqrt(2) / 1/sqrt(2)
    //   trial 1: {0, 2} / {1, 3}   -> 1/sqrt(2) / sqrt(2)
    //   trial 2: {0, -2} / {0, 2}  -> -1/sqrt(2) / 1/sqrt(2)
    // Combination 0 selects trial 0; its OOS 1/sqrt(2) ties trial 2 at the bottom -> rank 1.5, logit ln(1.5/2.5).
    // Combination 1 selects trial 1; its OOS 1/sqrt(2) is the middle of {sqrt(2), 1/sqrt(2), -1/sqrt(2)} ->
    //   rank 2 = (N + 1)/2, omega 1/2, logit 0: counted as overfit (lambda <= 0). Loss: trial 2 never selected,
    //   OOS means of the selected are 1 and 2: none.
    double[][] r = {{1, 3, 0, 2}, {0, 2, 1, 3}, {0, -2, 0, 2}};

    PboResult res = ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(r, 2));

    assertThat(res.logits()).containsExactly(new double[] {Math.log(1.5 / 2.5), 0.0}, within(1e-15));
    assertThat(res.pbo()).isEqualTo(1.0);
    assertThat(res.probabilityOfOosLoss()).isZero();
  }

  @Test
  void cscv_noDefinedInSampleSharpe_throwsNamingCombination() {
    double[][] r = {{0, 0, 1, 2}, {5, 5, 1, 3}};

    assertThatThrownBy(() -> ProbabilityOfBacktestOverfitting.cscv(BlockReturns.of(r, 2)))
        .isInstanceOf(DataException.class).hasMessageContaining("combination 0").hasMessageContaining("[0]");
  }

  @Test
  void cscv_badArguments_throw() {
    assertThatThrownBy(() -> ProbabilityOfBacktestOverfitting.cscv(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocks");
    assertThatThrownBy(() -> ProbabilityOfBacktestOverfitting.cscv(new BlockReturns(1, 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trials").hasMessageContaining("1");
    assertThatThrownBy(() -> ProbabilityOfBacktestOverfitting.cscv(new BlockReturns(2, 26)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("26");
  }

  @Test
  void inSampleBlocks_lexicographicOrder() {
    assertThat(ProbabilityOfBacktestOverfitting.inSampleBlocks(4, 0)).containsExactly(0, 1);
    assertThat(ProbabilityOfBacktestOverfitting.inSampleBlocks(4, 1)).containsExactly(0, 2);
    assertThat(ProbabilityOfBacktestOverfitting.inSampleBlocks(4, 3)).containsExactly(1, 2);
    assertThat(ProbabilityOfBacktestOverfitting.inSampleBlocks(4, 5)).containsExactly(2, 3);
    assertThat(ProbabilityOfBacktestOverfitting.inSampleBlocks(16, 12869))
        .containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
    assertThatThrownBy(() -> ProbabilityOfBacktestOverfitting.inSampleBlocks(4, 6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("combination");
  }

  @Test
  void pboResult_copiesLogitsAndRejectsBadValues() {
    double[] logits = {0.5, -0.5};
    PboResult r = new PboResult(0.5, 2, 2, 2, logits, 1, 0, 0);
    logits[0] = 9;
    r.logits()[1] = 9;

    assertThat(r.logits()).containsExactly(0.5, -0.5);
    assertThat(r).isEqualTo(new PboResult(0.5, 2, 2, 2, new double[] {0.5, -0.5}, 1, 0, 0));
    assertThatThrownBy(() -> new PboResult(1.5, 2, 2, 2, logits, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbo").hasMessageContaining("1.5");
    assertThatThrownBy(() -> new PboResult(0.5, 2, 2, 3, logits, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logits");
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }
}
