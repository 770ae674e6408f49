package io.slipstream.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SplitsTest {

  private static int[] range(int from, int to) {
    return IntStream.range(from, to).toArray();
  }

  @Test
  void trainTest_default7030_isTimeOrdered() {
    Splits.Split s = Splits.trainTest(10, Splits.DEFAULT_TRAIN_FRACTION);
    assertThat(s.trainIdx()).containsExactly(range(0, 7));
    assertThat(s.testIdx()).containsExactly(range(7, 10));
  }

  @Test
  void trainTest_purge_dropsLastTrainSamples() {
    Splits.Split s = Splits.trainTest(10, 0.7, 2);
    assertThat(s.trainIdx()).containsExactly(range(0, 5));
    assertThat(s.testIdx()).containsExactly(range(7, 10));
  }

  @Test
  void trainTest_badInput_throws() {
    assertThatThrownBy(() -> Splits.trainTest(10, 1.0)).hasMessageContaining("'trainFraction'");
    assertThatThrownBy(() -> Splits.trainTest(1, 0.5)).hasMessageContaining("'n'");
    assertThatThrownBy(() -> Splits.trainTest(10, 0.3, 3)).hasMessageContaining("leaves 0 training");
  }

  @Test
  void walkForward_anchored_handWorked() {
    // n = 20, 3 folds: testSize = 5, initial window 5; purge 2
    List<Splits.Split> s = Splits.purgedWalkForward(20, 3, 2, 1, true);
    assertThat(s).hasSize(3);
    assertThat(s.get(0).trainIdx()).containsExactly(range(0, 3));
    assertThat(s.get(0).testIdx()).containsExactly(range(5, 10));
    assertThat(s.get(1).trainIdx()).containsExactly(range(0, 8));
    assertThat(s.get(1).testIdx()).containsExactly(range(10, 15));
    assertThat(s.get(2).trainIdx()).containsExactly(range(0, 13));
    assertThat(s.get(2).testIdx()).containsExactly(range(15, 20));
  }

  @Test
  void walkForward_rolling_handWorked() {
    // n = 22, 3 folds: testSize = 5, initial window 7 (remainder included); purge 1
    List<Splits.Split> s = Splits.purgedWalkForward(22, 3, 1, 0, false);
    assertThat(s.get(0).trainIdx()).containsExactly(range(0, 6));
    assertThat(s.get(0).testIdx()).containsExactly(range(7, 12));
    assertThat(s.get(1).trainIdx()).containsExactly(range(5, 11));
    assertThat(s.get(2).trainIdx()).containsExactly(range(10, 16));
    assertThat(s.get(2).testIdx()).containsExactly(range(17, 22));
  }

  @Test
  void purgedKFold_handWorked_purgeAndEmbargoAfterTest() {
    // n = 12, 3 folds of 4; purge 1, embargo 2
    List<Splits.Split> s = Splits.purgedKFold(12, 3, 1, 2);
    assertThat(s.get(0).testIdx()).containsExactly(range(0, 4));
    assertThat(s.get(0).trainIdx()).containsExactly(range(7, 12)); // 4 purged, 5..6 embargoed
    assertThat(s.get(1).testIdx()).containsExactly(range(4, 8));
    assertThat(s.get(1).trainIdx()).containsExactly(0, 1, 2, 11); // 3 purged before; 8 purged, 9..10 embargoed
    assertThat(s.get(2).trainIdx()).containsExactly(range(0, 7)); // 7 purged
  }

  @Test
  void walkForward_badInput_throws() {
    assertThatThrownBy(() -> Splits.purgedWalkForward(3, 3, 0, 0, true)).hasMessageContaining("folds + 1 = 4");
    assertThatThrownBy(() -> Splits.purgedWalkForward(20, 3, 5, 0, true)).hasMessageContaining("emptied by purge");
    assertThatThrownBy(() -> Splits.purgedWalkForward(20, 3, -1, 0, true)).hasMessageContaining("'purge'");
    assertThatThrownBy(() -> Splits.purgedKFold(5, 5, 2, 2)).hasMessageContaining("no training sample");
  }

  @Property(tries = 1200)
  void walkForward_noLeakageAndOrderedDisjointTests(@ForAll @IntRange(min = 2, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 8) int folds, @ForAll @IntRange(min = 0, max = 12) int purge,
      @ForAll @IntRange(min = 0, max = 12) int embargo, @ForAll boolean anchored) {
    int testSize = n / (folds + 1);
    if (testSize < 1 || n - folds * testSize - purge < 1) {
      assertThatThrownBy(() -> Splits.purgedWalkForward(n, folds, purge, embargo, anchored))
          .isInstanceOf(IllegalArgumentException.class);
      return;
    }
    List<Splits.Split> splits = Splits.purgedWalkForward(n, folds, purge, embargo, anchored);
    assertThat(splits).hasSize(folds);
    checkSplits(splits, n, purge, embargo);
    for (Splits.Split s : splits) {
      assertThat(s.trainIdx()[s.trainIdx().length - 1]).isLessThan(s.testStart() - purge);
    }
    assertThat(splits.get(folds - 1).testEnd()).isEqualTo(n);
  }

  @Property(tries = 500)
  void purgedKFold_noLeakageAndOrderedDisjointTests(@ForAll @IntRange(min = 2, max = 400) int n,
      @ForAll @IntRange(min = 2, max = 8) int folds, @ForAll @IntRange(min = 0, max = 12) int purge,
      @ForAll @IntRange(min = 0, max = 12) int embargo) {
    if (n < folds) {
      return;
    }
    List<Splits.Split> splits;
    try {
      splits = Splits.purgedKFold(n, folds, purge, embargo);
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageContaining("no training sample");
      return;
    }
    checkSplits(splits, n, purge, embargo);
    assertThat(splits.get(0).testStart()).isZero();
    assertThat(splits.get(folds - 1).testEnd()).isEqualTo(n);
    // test blocks tile [0, n)
    for (int k = 1; k < folds; k++) {
      assertThat(splits.get(k).testStart()).isEqualTo(splits.get(k - 1).testEnd());
    }
  }

  /** No train index within purge before, or purge + embargo after, any test index; tests disjoint and ordered. */
  private static void checkSplits(List<Splits.Split> splits, int n, int purge, int embargo) {
    int prevEnd = 0;
    for (Splits.Split s : splits) {
      int[] test = s.testIdx();
      int[] train = s.trainIdx();
      assertThat(s.testStart()).isGreaterThanOrEqualTo(prevEnd);
      assertThat(test.length).isEqualTo(s.testEnd() - s.testStart()); // contiguous block
      prevEnd = s.testEnd();
      boolean[] isTest = new boolean[n];
      for (int u : test) {
        isTest[u] = true;
      }
      for (int t : train) {
        assertThat(t).isBetween(0, n - 1);
        assertThat(isTest[t]).as("train index %d is a test index", t).isFalse();
        for (int u : test) {
          if (t >= u - purge && t < u) {
            fail("train %d within purge %d before test %d", t, purge, u);
          }
          if (t > u && t <= u + purge + embargo) {
            fail("train %d within purge %d + embargo %d after test %d", t, purge, embargo, u);
          }
        }
      }
    }
  }
}
