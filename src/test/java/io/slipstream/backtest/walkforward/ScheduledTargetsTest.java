package io.slipstream.backtest.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which source decides at which row: the decision at row d trades into bar d + 1. */
class ScheduledTargetsTest {
  /** A source that records the rows it is asked. */
  private static final class Recorder implements TargetSource {
    final List<Integer> rows = new ArrayList<>();

    @Override
    public Optional<TargetWeights> targetsAt(int row) {
      rows.add(row);
      return Optional.empty();
    }
  }

  @Test
  void targetsAt_routesByTheBarTheDecisionTradesInto() {
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    // stretch 0 from bar 10 (source a), stretch 1 from bar 15 (source b), stretch 2 from bar 18 (a again)
    ScheduledTargets s = new ScheduledTargets(new int[] {10, 15, 18}, List.of(a, b, a));
    for (int row = 9; row <= 20; row++) {
      s.targetsAt(row, 1.0, new double[0]);
    }
    // rows 9..13 decide bars 10..14 (a); rows 14..16 decide bars 15..17 (b); rows 17..20 decide bars 18..21 (a)
    assertThat(a.rows).containsExactly(9, 10, 11, 12, 13, 17, 18, 19, 20);
    assertThat(b.rows).containsExactly(14, 15, 16);
    assertThat(s.stretchAt(13)).isZero();
    assertThat(s.stretchAt(14)).isEqualTo(1);
    assertThat(s.stretchAt(17)).isEqualTo(2);
    assertThat(s.stretchAt(3)).isZero();
  }

  @Test
  void targetsAt_decreasingRow_throws() {
    ScheduledTargets s = new ScheduledTargets(new int[] {0}, List.of(new Recorder()));
    s.targetsAt(5);
    assertThatThrownBy(() -> s.targetsAt(4)).isInstanceOf(IllegalStateException.class).hasMessageContaining("4");
  }

  @Test
  void constructor_badSchedule_throws() {
    Recorder a = new Recorder();
    assertThatThrownBy(() -> new ScheduledTargets(new int[] {5, 5}, List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increase");
    assertThatThrownBy(() -> new ScheduledTargets(new int[] {5}, List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScheduledTargets(new int[0], List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
