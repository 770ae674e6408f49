package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LotRounderTest {
  private static final double NaN = Double.NaN;

  private static double[] diag(double... v) {
    double[] s = new double[v.length * v.length];
    for (int i = 0; i < v.length; i++) {
      s[i * v.length + i] = v[i];
    }
    return s;
  }

  @Test
  void round_sizesToLotsSkipsSmallOrdersAndClosesDust() {
    // nav 10,000 USD. A: BTC-like 100,000 USD, 5 decimals (lot 1 USD): 0.30 -> 3,000 USD = 0.03 coins.
    // B: 2,000 USD, 4 decimals (lot 0.2 USD): -0.15 -> -0.75 coins. C: 0.5 USD, 0 decimals: 0.00123 -> 24.6
    // coins -> 25 (order 12.5 USD, sent). D: 20 USD, 2 decimals: 0.0008 -> 8 USD = 0.4 coins, below 10 USD:
    // skipped, stays 0. E: 1 USD, 0 decimals, holds 3 coins, target 0: a full close of 3 USD, sent.
    List<String> coins = List.of("A", "B", "C", "D", "E");
    double[] w = {0.30, -0.15, 0.00123, 0.0008, 0.0};
    double[] px = {100_000, 2_000, 0.5, 20, 1};
    int[] dec = {5, 4, 0, 2, 0};
    double[] cur = {0, 0, 0, 0, 3};
    double[] beta = {0, 0, 0, 0, 0}; // no beta: no repair

    RoundedBook b = LotRounder.DEFAULT.round(coins, w, 10_000, px, dec, cur, beta, diag(1, 1, 1, 1, 1));

    assertThat(b.sizes()).containsExactly(0.03, -0.75, 25.0, 0.0, 0.0);
    assertThat(b.orders()).containsExactly(0.03, -0.75, 25.0, 0.0, -3.0);
    assertThat(b.skipped(3)).isTrue();
    assertThat(b.skippedOrders()).isEqualTo(1);
    assertThat(b.weights()[2]).isCloseTo(25 * 0.5 / 10_000, within(1e-18));
    assertThat(b.moves()).isZero();
    assertThat(b.coins()).isEqualTo(coins);

    // without the close exception the 3 USD close is below the minimum and the dust stays
    RoundedBook keep = new LotRounder(10, 1e-4, 100, false).round(coins, w, 10_000, px, dec, cur, beta,
        diag(1, 1, 1, 1, 1));
    assertThat(keep.sizes()[4]).isEqualTo(3.0);
    assertThat(keep.skipped(4)).isTrue();
  }

  @Test
  void round_roundsToTheNearestLotTiesToEven() {
    // price 1, 0 decimals, nav 1000: 0.0125 -> 12.5 coins -> 12 (even); 0.0135 -> 13.5 -> 14; -0.0125 -> -12
    LotRounder r = new LotRounder(0, 0, 0, true);
    RoundedBook b = r.round(List.of("A", "B", "C"), new double[] {0.0125, 0.0135, -0.0125}, 1000,
        new double[] {1, 1, 1}, new int[] {0, 0, 0}, new double[3], new double[3], diag(1, 1, 1));
    assertThat(b.sizes()).containsExactly(12.0, 14.0, -12.0);
  }

  @Test
  void round_betaDrift_oneLotRepairsIt() {
    // nav 1000, prices 1, 0 decimals: a lot is 0.001 of NAV. A 0.1 (beta 1), B -0.2008 (beta 0.5) -> -201 lots:
    // beta'w = 0.1 - 0.1005 = -0.0005 > 1e-4. Only B + 1 lot reduces |beta'w| (to 0); A + 1 gives +0.0005.
    RoundedBook b = new LotRounder(10, 1e-4, 100, true).round(List.of("A", "B"), new double[] {0.1, -0.2008}, 1000,
        new double[] {1, 1}, new int[] {0, 0}, new double[2], new double[] {1, 0.5}, diag(0.04, 0.01));

    assertThat(b.betaExposureTarget()).isCloseTo(0.0004, within(1e-15));
    assertThat(b.betaExposureRounded()).isCloseTo(0.0005, within(1e-15));
    assertThat(b.sizes()).containsExactly(100.0, -200.0);
    assertThat(b.moves()).isEqualTo(1);
    assertThat(b.betaExposureRepaired()).isZero();
  }

  @Test
  void round_equalReductions_prefersTheMoveThatLowersRisk() {
    // A 0.3 and B -0.2985 -> -298 (tie to even): beta'w = 0.002 (betas 1). Selling a lot of A or of B both cut
    // |beta'w| by 0.001; selling A lowers risk (long A, variance 0.04), selling B adds risk (B is short): A twice.
    RoundedBook b = new LotRounder(0, 1e-4, 100, true).round(List.of("A", "B"), new double[] {0.3, -0.2985}, 1000,
        new double[] {1, 1}, new int[] {0, 0}, new double[2], new double[] {1, 1}, diag(0.04, 0.01));

    assertThat(b.sizes()).containsExactly(298.0, -298.0);
    assertThat(b.moves()).isEqualTo(2);
    assertThat(b.betaExposureRepaired()).isZero();

    RoundedBook one = new LotRounder(0, 1e-4, 1, true).round(List.of("A", "B"), new double[] {0.3, -0.2985}, 1000,
        new double[] {1, 1}, new int[] {0, 0}, new double[2], new double[] {1, 1}, diag(0.04, 0.01));
    assertThat(one.moves()).isEqualTo(1);
    assertThat(one.sizes()).containsExactly(299.0, -298.0);
    assertThat(one.betaExposureRepaired()).isCloseTo(0.001, within(1e-15));
  }

  @Test
  void round_allMovesAddRisk_choosesTheLeastRiskPerBetaReduction() {
    // A 0.1, B 0.1 (long, betas 1, variances 0.04 and 0.01), C held at -201 lots (target -0.201): beta'w = -0.001.
    // C cannot move (a 1-lot order is 1 USD < 10 USD). Buying a lot of A or B cuts |beta'w| by 0.001; added
    // variance 2 x 0.001 x 0.004 + 1e-6 x 0.04 = 8.04e-6 for A, 2.01e-6 for B: B is chosen.
    RoundedBook b = new LotRounder(10, 1e-4, 100, true).round(List.of("A", "B", "C"),
        new double[] {0.1, 0.1, -0.201}, 1000, new double[] {1, 1, 1}, new int[] {0, 0, 0},
        new double[] {0, 0, -201}, new double[] {1, 1, 1}, diag(0.04, 0.01, 0.01));

    assertThat(b.sizes()).containsExactly(100.0, 101.0, -201.0);
    assertThat(b.orders()).containsExactly(100.0, 101.0, 0.0);
    assertThat(b.moves()).isEqualTo(1);
    assertThat(b.betaExposureRepaired()).isLessThan(1e-15);
  }

  @Test
  void round_fineLots_walksDownToTheTolerance() {
    // price 0.1 USD, 1 decimal: a lot is 0.01 USD = 1e-5 of a 1000 USD NAV. Target 0.0004 -> 4 coins exactly:
    // beta'w = 0.0004; each lot sold lowers it (and the risk) by 1e-5: 30 moves reach the tolerance 1e-4
    RoundedBook c = new LotRounder(0, 1e-4, 100, true).round(List.of("A"), new double[] {0.0004}, 1000,
        new double[] {0.1}, new int[] {1}, new double[1], new double[] {1}, diag(0.01));
    assertThat(c.betaExposureRounded()).isCloseTo(0.0004, within(1e-15));
    assertThat(c.moves()).isEqualTo(30);
    assertThat(c.sizes()).containsExactly(1.0);
    assertThat(c.betaExposureRepaired()).isLessThanOrEqualTo(1e-4);

    RoundedBook capped = new LotRounder(0, 1e-4, 7, true).round(List.of("A"), new double[] {0.0004}, 1000,
        new double[] {0.1}, new int[] {1}, new double[1], new double[] {1}, diag(0.01));
    assertThat(capped.moves()).isEqualTo(7);
    assertThat(capped.sizes()).containsExactly(3.3);
  }

  @Test
  void round_coarseLot_noImprovingMove_keepsTheRoundedBook() {
    // price 1, 0 decimals, nav 1000 (a lot = 0.001 of NAV); A 0.1004 -> 100 lots, beta 1: beta'w = 0.1;
    // B short -0.0996 -> -100 lots, beta 0.996 -> beta'w = 0.1 - 0.0996 = 0.0004; one lot of A or B moves it by
    // 0.001 or 0.000996: |beta'w| would grow to >= 0.000596, so no move is made
    RoundedBook b = new LotRounder(0, 1e-4, 100, true).round(List.of("A", "B"), new double[] {0.1004, -0.0996}, 1000,
        new double[] {1, 1}, new int[] {0, 0}, new double[2], new double[] {1, 0.996}, diag(0.01, 0.01));
    assertThat(b.betaExposureRounded()).isCloseTo(0.0004, within(1e-15));
    assertThat(b.moves()).isZero();
    assertThat(b.betaExposureRepaired()).isEqualTo(b.betaExposureRounded());
  }

  @Test
  void round_badInput_throwsNamingTheField() {
    List<String> c2 = List.of("A", "B");
    LotRounder r = LotRounder.DEFAULT;
    double[] w = {0.1, -0.1};
    double[] px = {1, 1};
    int[] d = {0, 0};
    double[] cur = {0, 0};
    double[] beta = {1, 1};
    double[] s = diag(1, 1);
    assertThatThrownBy(() -> r.round(c2, w, 1000, new double[] {1, NaN}, d, cur, beta, s))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pricesUsd[1]").hasMessageContaining("B");
    assertThatThrownBy(() -> r.round(c2, w, 1000, new double[] {-1, 1}, d, cur, beta, s))
        .hasMessageContaining("pricesUsd[0]");
    assertThatThrownBy(() -> r.round(c2, w, 1000, px, new int[] {0, -1}, cur, beta, s))
        .hasMessageContaining("szDecimals[1]");
    assertThatThrownBy(() -> r.round(c2, new double[] {NaN, 0}, 1000, px, d, cur, beta, s))
        .hasMessageContaining("targetWeights[0]").hasMessageContaining("A");
    assertThatThrownBy(() -> r.round(c2, new double[] {0.1}, 1000, px, d, cur, beta, s))
        .hasMessageContaining("targetWeights");
    assertThatThrownBy(() -> r.round(c2, w, 1000, px, d, cur, beta, diag(1, 1, 1)))
        .hasMessageContaining("covariance");
    assertThatThrownBy(() -> r.round(c2, w, 0, px, d, cur, beta, s)).hasMessageContaining("navUsd");
    assertThatThrownBy(() -> r.round(c2, w, -5, px, d, cur, beta, s)).hasMessageContaining("navUsd");
    assertThatThrownBy(() -> r.round(c2, w, 1000, px, d, new double[] {0.5, 0}, beta, s))
        .hasMessageContaining("currentSizes[0]");
    assertThatThrownBy(() -> r.round(c2, w, 1000, px, d, cur, new double[] {1, NaN}, s))
        .hasMessageContaining("betas[1]");
    assertThatThrownBy(() -> r.round(c2, w, 1000, px, d, cur, beta, new double[] {1, 0.5, 0.4, 1}))
        .hasMessageContaining("symmetric");
    assertThatThrownBy(() -> r.round(c2, w, 1000, px, d, cur, beta, new double[] {1, 0, 0, NaN}))
        .hasMessageContaining("covariance[3]");
    assertThatThrownBy(() -> new LotRounder(-1, 1e-4, 10, true)).hasMessageContaining("minOrderUsd");
    assertThatThrownBy(() -> new LotRounder(10, NaN, 10, true)).hasMessageContaining("betaTolerance");
    assertThatThrownBy(() -> new LotRounder(10, 1e-4, -1, true)).hasMessageContaining("maxMoves");
  }
}
