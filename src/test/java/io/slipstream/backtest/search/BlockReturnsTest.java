package io.slipstream.backtest.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Block boundaries, sufficient statistics and their validation, by hand. */
class BlockReturnsTest {

  @Test
  void blockBounds_uneven_earlierBlocksGetTheExtraObservation() {
    // 10 = 4 x 2 + 2: sizes 3, 3, 2, 2 (numpy.array_split)
    assertThat(BlockReturns.blockBounds(10, 4)).containsExactly(0, 3, 6, 8, 10);
    assertThat(BlockReturns.blockBounds(8, 4)).containsExactly(0, 2, 4, 6, 8);
    assertThat(BlockReturns.blockBounds(2, 2)).containsExactly(0, 1, 2);
    // 480 = 14 x 34 + 4
    int[] b = BlockReturns.blockBounds(480, 14);
    assertThat(b[4] - b[3]).isEqualTo(35);
    assertThat(b[5] - b[4]).isEqualTo(34);
    assertThat(b[14]).isEqualTo(480);
  }

  @Test
  void blockBounds_badBlocks_throwNamingValue() {
    assertThatThrownBy(() -> BlockReturns.blockBounds(10, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blocks").hasMessageContaining("0");
    assertThatThrownBy(() -> BlockReturns.blockBounds(10, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("even").hasMessageContaining("3");
    assertThatThrownBy(() -> BlockReturns.blockBounds(10, 12)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<= observations (10)").hasMessageContaining("12");
  }

  @Test
  void of_handMatrix_sumsPerBlock() {
    double[][] r = {{1, 2, 3, 4, 5}, {-1, 0, 0.5, 0.5, 2}};

    BlockReturns b = BlockReturns.of(r, 2);

    // blocks [0, 3) and [3, 5)
    assertThat(b.trials()).isEqualTo(2);
    assertThat(b.blocks()).isEqualTo(2);
    assertThat(b.n(0, 0)).isEqualTo(3);
    assertThat(b.n(0, 1)).isEqualTo(2);
    assertThat(b.sum(0, 0)).isEqualTo(6.0);
    assertThat(b.sumSquares(0, 0)).isEqualTo(14.0);
    assertThat(b.sum(0, 1)).isEqualTo(9.0);
    assertThat(b.sumSquares(0, 1)).isEqualTo(41.0);
    assertThat(b.sum(1, 0)).isEqualTo(-0.5);
    assertThat(b.sumSquares(1, 0)).isEqualTo(1.25);
    assertThat(b.sum(1, 1)).isEqualTo(2.5);
    assertThat(b.sumSquares(1, 1)).isEqualTo(4.25);
    // full-sample Sharpe of trial 0: mean 3, var 10/4 -> 3 / sqrt(2.5)
    assertThat(b.sharpe(0)).isCloseTo(3 / Math.sqrt(2.5), within(1e-15));
    assertThat(BlockReturns.blockStats(r[1], 3, 5)).containsExactly(2.0, 2.5, 4.25);
    assertThat(BlockReturns.blockStats(r[1], 2, 2)).containsExactly(0.0, 0.0, 0.0);
  }

  @Test
  void of_nanOrRagged_throwsNamingTrialAndT() {
    assertThatThrownBy(() -> BlockReturns.of(new double[][] {{1, 2, 3, 4}, {1, 2, Double.NaN, 4}}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trial 1").hasMessageContaining("t 2")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> BlockReturns.of(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returns[1]")
        .hasMessageContaining("4").hasMessageContaining("3");
    assertThatThrownBy(() -> BlockReturns.of(new double[0][], 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returns");
    assertThatThrownBy(() -> BlockReturns.blockStats(new double[] {1, Double.POSITIVE_INFINITY}, 0, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t 1");
    assertThatThrownBy(() -> BlockReturns.blockStats(new double[] {1, 2}, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");
  }

  @Test
  void set_roundTripsAndValidates() {
    BlockReturns b = new BlockReturns(3, 4);

    assertThat(b.n(2, 3)).isZero();
    assertThat(b.sum(2, 3)).isZero();
    b.set(2, 3, 7, -0.5, 0.25);
    assertThat(b.n(2, 3)).isEqualTo(7);
    assertThat(b.sum(2, 3)).isEqualTo(-0.5);
    assertThat(b.sumSquares(2, 3)).isEqualTo(0.25);
    assertThat(b.sum(2, 2)).isZero();

    assertThatThrownBy(() -> b.set(3, 0, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trial").hasMessageContaining("3");
    assertThatThrownBy(() -> b.set(0, 4, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block").hasMessageContaining("4");
    assertThatThrownBy(() -> b.set(0, 0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'n'");
    assertThatThrownBy(() -> b.set(0, 0, 2, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum").hasMessageContaining("NaN").hasMessageContaining("trial 0, block 0");
    assertThatThrownBy(() -> b.set(0, 0, 2, 0, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sumSquares");
    assertThatThrownBy(() -> b.set(0, 0, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n = 0");
    assertThatThrownBy(() -> new BlockReturns(0, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trials");
    assertThatThrownBy(() -> new BlockReturns(2, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blocks").hasMessageContaining("5");
  }

  @Test
  void setFromBlockStats_equalsOf() {
    double[][] r = {{0.01, -0.02, 0.03, 0.005, -0.001, 0.002, 0.0}, {0.0, 0.001, -0.004, 0.02, 0.01, -0.01, 0.003}};
    BlockReturns viaOf = BlockReturns.of(r, 2);
    BlockReturns viaSet = new BlockReturns(2, 2);
    int[] bounds = BlockReturns.blockBounds(7, 2);
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        double[] st = BlockReturns.blockStats(r[i], bounds[k], bounds[k + 1]);
        viaSet.set(i, k, (long) st[0], st[1], st[2]);
      }
    }

    assertThat(ProbabilityOfBacktestOverfitting.cscv(viaSet)).isEqualTo(ProbabilityOfBacktestOverfitting.cscv(viaOf));
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        assertThat(viaSet.sum(i, k)).isEqualTo(viaOf.sum(i, k));
        assertThat(viaSet.sumSquares(i, k)).isEqualTo(viaOf.sumSquares(i, k));
        assertThat(viaSet.n(i, k)).isEqualTo(viaOf.n(i, k));
      }
    }
  }
}
