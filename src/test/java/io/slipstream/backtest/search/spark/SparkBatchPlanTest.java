package io.slipstream.backtest.search.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * How the Spark engine cuts ids into tasks ({@link SparkGridEngine#plan} and {@link SparkGridEngine#batchSize}):
 * hand-worked examples and the invariants (order kept, size bound, signal groups kept together).
 */
class SparkBatchPlanTest {
  private static List<List<Long>> plan(long[] ids, long[] groups, int target) {
    Map<Long, Long> g = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      g.put(ids[i], groups[i]);
    }
    List<List<Long>> out = new ArrayList<>();
    for (long[] b : SparkGridEngine.plan(ids, g::get, target)) {
      List<Long> l = new ArrayList<>();
      for (long id : b) {
        l.add(id);
      }
      out.add(l);
    }
    return out;
  }

  @Test
  void plan_handExample_packsSmallGroupsAndSplitsLargeOnesEvenly() {
    long[] ids = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    long[] groups = {0, 0, 0, 1, 1, 2, 2, 2, 2, 2};
    // target 3: group 0 fills a batch; group 1 (2 ids) does not fit after it; group 2 (5 ids) > 3 is cut in
    // ceil(5/3) = 2 batches of floor/ceil(5/2) ids
    assertThat(plan(ids, groups, 3)).containsExactly(List.of(0L, 1L, 2L), List.of(3L, 4L), List.of(5L, 6L),
        List.of(7L, 8L, 9L));
    // target 5: groups 0 and 1 share a batch (3 + 2 = 5), group 2 fills the next
    assertThat(plan(ids, groups, 5)).containsExactly(List.of(0L, 1L, 2L, 3L, 4L), List.of(5L, 6L, 7L, 8L, 9L));
    // target 1: one id per batch
    assertThat(plan(ids, groups, 1)).hasSize(10);
    // one group of 7 with target 3: ceil(7/3) = 3 batches of sizes 2, 2, 3 (cuts at floor(7c/3) = 0, 2, 4, 7)
    assertThat(plan(new long[] {9, 8, 7, 6, 5, 4, 3}, new long[7], 3)).containsExactly(List.of(9L, 8L),
        List.of(7L, 6L), List.of(5L, 4L, 3L));
    assertThat(SparkGridEngine.plan(new long[0], id -> 0, 4)).isEmpty();
  }

  @Test
  void plan_targetBelowOne_throws() {
    assertThatThrownBy(() -> SparkGridEngine.plan(new long[] {1}, id -> 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target").hasMessageContaining("0");
  }

  @Test
  void batchSize_isCeilOfFourTasksPerCoreWithinBounds() {
    assertThat(SparkGridEngine.batchSize(8, 2, 64)).isEqualTo(1); // ceil(8 / 8)
    assertThat(SparkGridEngine.batchSize(18, 2, 64)).isEqualTo(3); // ceil(18 / 8)
    assertThat(SparkGridEngine.batchSize(17, 2, 64)).isEqualTo(3); // ceil(17 / 8)
    assertThat(SparkGridEngine.batchSize(100_000, 16, 64)).isEqualTo(64); // ceil(100000 / 64) = 1563, capped
    assertThat(SparkGridEngine.batchSize(1, 200, 64)).isEqualTo(1);
    assertThat(SparkGridEngine.batchSize(Integer.MAX_VALUE, 1, Integer.MAX_VALUE)).isEqualTo(536_870_912);
  }

  /**
   * Invariants: the batches concatenate to the ids in order; each holds 1 .. target ids; a run of equal groups
   * that fits in target lies in one batch; a longer run is split into ceil(len/target) batches of only its ids,
   * sizes within one of each other; a batch mixing groups holds whole runs only.
   */
  @Property(tries = 300)
  void plan_keepsOrderBoundsAndGroups(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 3) Integer> groupList,
      @ForAll @IntRange(min = 1, max = 9) int target) {
    int n = groupList.size();
    long[] ids = new long[n];
    long[] groups = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = 1000L - 7L * i; // distinct, not sorted
      groups[i] = groupList.get(i);
    }
    List<List<Long>> batches = plan(ids, groups, target);
    List<Long> concat = new ArrayList<>();
    int[] batchOf = new int[n];
    for (int b = 0; b < batches.size(); b++) {
      assertThat(batches.get(b)).isNotEmpty().hasSizeLessThanOrEqualTo(target);
      for (int k = 0; k < batches.get(b).size(); k++) {
        batchOf[concat.size()] = b;
        concat.add(batches.get(b).get(k));
      }
    }
    List<Long> expected = new ArrayList<>();
    for (long id : ids) {
      expected.add(id);
    }
    assertThat(concat).isEqualTo(expected);
    // runs of equal groups, computed here independently
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && groups[j] == groups[i]) {
        j++;
      }
      int len = j - i;
      if (len <= target) {
        assertThat(batchOf[j - 1]).as("run [%d, %d) in one batch", i, j).isEqualTo(batchOf[i]);
      } else {
        int k = (len + target - 1) / target;
        assertThat(batchOf[j - 1] - batchOf[i] + 1).as("run [%d, %d) in ceil(len/target) batches", i, j)
            .isEqualTo(k);
        assertThat(i == 0 || batchOf[i - 1] != batchOf[i]).as("long run starts a batch").isTrue();
        assertThat(j == n || batchOf[j] != batchOf[j - 1]).as("long run ends a batch").isTrue();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int b = batchOf[i]; b <= batchOf[j - 1]; b++) {
          min = Math.min(min, batches.get(b).size());
          max = Math.max(max, batches.get(b).size());
        }
        assertThat(max - min).isLessThanOrEqualTo(1);
      }
      i = j;
    }
  }
}
