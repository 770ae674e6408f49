package io.slipstream.backtest.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.backtest.search.Objective;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.data.Panel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Window layout by hand on a 4h grid of 600 bars opening from 2024-01-01T00:00Z, booked from 2024-01-11 (row 60) to
 * the end: m = 540 bars = 90 days; 1 day = 6 bars.
 */
class WalkForward_LayoutTest {
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final Panel GRID = Panel.of(BarInterval.H4, T0, 600, List.of("X"), new double[600]);
  private static final Optional<Instant> START = Optional.of(Instant.parse("2024-01-11T00:00:00Z"));

  private static WalkForwardConfig cfg(int train, int test, int step, boolean anchored, int purge, int embargo) {
    return new WalkForwardConfig(Duration.ofDays(train), Duration.ofDays(test), Duration.ofDays(step), anchored, purge,
        embargo, Objective.SHARPE, 1);
  }

  private static Instant at(int row) {
    return Instant.ofEpochMilli(T0 + row * 4L * 3_600_000L);
  }

  @Test
  void layout_rolling_byHand() {
    List<Window> w = WalkForward.layout(GRID, START, Optional.empty(), cfg(20, 10, 10, false, 0, 0), 0);
    assertThat(w).hasSize(7);
    for (int k = 0; k < 7; k++) {
      // train [60 + 60k, 180 + 60k), test [180 + 60k, 240 + 60k)
      assertThat(w.get(k)).isEqualTo(new Window(k, 60 + 60 * k, 180 + 60 * k, 180 + 60 * k, 240 + 60 * k,
          180 + 60 * k, at(60 + 60 * k), at(180 + 60 * k), at(180 + 60 * k), at(240 + 60 * k)));
    }
    assertThat(w.get(0).trainStart()).isEqualTo(Instant.parse("2024-01-11T00:00:00Z"));
    assertThat(w.get(0).trainEnd()).isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
    assertThat(w.get(0).testEnd()).isEqualTo(Instant.parse("2024-02-10T00:00:00Z"));
    assertThat(w.get(6).trainStart()).isEqualTo(Instant.parse("2024-03-11T00:00:00Z"));
    assertThat(w.get(6).testStart()).isEqualTo(Instant.parse("2024-03-31T00:00:00Z"));
    assertThat(w.get(6).testEnd()).isEqualTo(Instant.parse("2024-04-10T00:00:00Z"));
  }

  @Test
  void layout_anchoredWithPurgeEmbargoAndGaps_byHand() {
    List<Window> w = WalkForward.layout(GRID, START, Optional.empty(), cfg(20, 10, 15, true, 6, 3), 100);
    assertThat(w).hasSize(5);
    for (int k = 0; k < 5; k++) {
      int tf = 180 + 90 * k;
      assertThat(w.get(k)).isEqualTo(new Window(k, 60, tf - 6, tf, tf + 60, tf + 3, at(60), at(tf - 6), at(tf),
          at(tf + 60)));
    }
    assertThat(w.get(4).trainBars()).isEqualTo(474);
    assertThat(w.get(4).testToRow()).isEqualTo(600);
  }

  @Test
  void layout_lastWindow_cutAtTheEndOrDroppedWhenShorterThanHalfATest() {
    // end at the close of row 579: m = 520, the 7th test window [540, 580) keeps 40 >= 30 bars
    List<Window> cut = WalkForward.layout(GRID, START, Optional.of(at(580)), cfg(20, 10, 10, false, 0, 0), 0);
    assertThat(cut).hasSize(7);
    assertThat(cut.get(6).testFromRow()).isEqualTo(540);
    assertThat(cut.get(6).testToRow()).isEqualTo(580);
    assertThat(cut.get(6).testEnd()).isEqualTo(at(580));
    // end at the close of row 559: m = 500, the 7th would hold 20 < 30 bars and is dropped
    List<Window> dropped = WalkForward.layout(GRID, START, Optional.of(at(560)), cfg(20, 10, 10, false, 0, 0), 0);
    assertThat(dropped).hasSize(6);
    assertThat(dropped.get(5).testToRow()).isEqualTo(540);
  }

  @Test
  void layout_trainPlusTestExactlyTheWindow_oneWindow_oneBarMoreThrows() {
    assertThat(WalkForward.layout(GRID, START, Optional.empty(), cfg(80, 10, 10, false, 0, 0), 0)).hasSize(1);
    assertThatThrownBy(() -> WalkForward.layout(GRID, START, Optional.empty(), cfg(81, 10, 10, false, 0, 0), 0))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'train'").hasMessageContaining("546 bars")
        .hasMessageContaining("540 bars");
  }

  @Test
  void layout_trainShorterThanWarmup_throwsNamingTheWarmup() {
    assertThat(WalkForward.layout(GRID, START, Optional.empty(), cfg(20, 10, 10, false, 0, 0), 120)).hasSize(7);
    assertThatThrownBy(() -> WalkForward.layout(GRID, START, Optional.empty(), cfg(20, 10, 10, false, 0, 0), 121))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'train'").hasMessageContaining("warm-up of 121");
    assertThatThrownBy(() -> WalkForward.layout(GRID, START, Optional.empty(), cfg(20, 10, 10, false, 1, 0), 120))
        .isInstanceOf(ConfigException.class).hasMessageContaining("purge_bars 1");
  }

  @Test
  void layout_embargoAsLongAsTheTest_throws() {
    assertThatThrownBy(() -> WalkForward.layout(GRID, START, Optional.empty(), cfg(20, 10, 10, false, 0, 60), 0))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'embargo_bars'").hasMessageContaining("60");
  }

  @Property(tries = 300)
  void layout_invariants(@ForAll @IntRange(min = 1, max = 60) int train, @ForAll @IntRange(min = 1, max = 30) int test,
      @ForAll @IntRange(min = 0, max = 20) int extraStep, @ForAll boolean anchored,
      @ForAll @IntRange(min = 0, max = 5) int purge, @ForAll @IntRange(min = 0, max = 5) int embargo,
      @ForAll @IntRange(min = 0, max = 200) int cutBars) {
    int b0 = 60;
    int m = 540 - cutBars;
    int t = 6 * train;
    int s = 6 * test;
    int p = 6 * (test + extraStep);
    List<Window> w;
    try {
      w = WalkForward.layout(GRID, START, Optional.of(at(b0 + m)), cfg(train, test, test + extraStep, anchored, purge,
          embargo), 0);
    } catch (ConfigException e) {
      assertThat(t + s > m || t - purge < 2 || embargo >= s).as(e.getMessage()).isTrue();
      return;
    }
    assertThat(t + s <= m && t - purge >= 2 && embargo < s).isTrue();
    int minLast = Math.max(embargo + 1, (s + 1) / 2);
    for (int k = 0; k < w.size(); k++) {
      Window x = w.get(k);
      assertThat(x.index()).isEqualTo(k);
      assertThat(x.testFromRow()).isEqualTo(b0 + t + k * p);
      assertThat(x.trainToRow()).isEqualTo(x.testFromRow() - purge);
      assertThat(x.trainFromRow()).isEqualTo(anchored ? b0 : b0 + k * p);
      assertThat(x.scoredFromRow()).isEqualTo(x.testFromRow() + embargo);
      assertThat(x.testToRow()).isLessThanOrEqualTo(b0 + m);
      assertThat(x.testBars()).isBetween(minLast, s);
      if (k + 1 < w.size()) {
        assertThat(x.testBars()).isEqualTo(s);
        assertThat(x.testToRow()).isLessThanOrEqualTo(w.get(k + 1).testFromRow());
      }
      assertThat(x.trainEnd()).isBeforeOrEqualTo(x.testStart());
    }
    // maximal: one more window would start past the end or be too short
    int next = b0 + t + w.size() * p;
    assertThat(next >= b0 + m || Math.min(next + s, b0 + m) - next < minLast).isTrue();
  }
}
