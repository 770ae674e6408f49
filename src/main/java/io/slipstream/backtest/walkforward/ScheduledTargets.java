package io.slipstream.backtest.walkforward;

import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TargetSource} that hands each decision to one of several sources by a schedule of booked bars: the
 * decision at the close of row {@code d} decides the weights held over booked bar {@code d + 1}, and is asked of
 * source {@code k}, the last one whose first bar {@code firstBar[k] <= d + 1} (source 0 for earlier rows). The book
 * itself is the ledger's, so it carries across a switch: the new source's first rebalance trades from the previous
 * source's drifted weights and that turnover is charged like any other; until then the old positions drift on.
 *
 * <p>Rows must be asked in increasing order (as the ledger does); each source is then also asked in increasing row
 * order, and only for the rows of its own stretches. Not thread-safe (one ledger run at a time).
 */
public final class ScheduledTargets implements TargetSource {
  private final int[] firstBar;
  private final TargetSource[] sources;
  private int current;
  private int lastRow = Integer.MIN_VALUE;

  /**
   * @param firstBar first booked bar (data row) of each source's stretch, strictly increasing; not modified
   * @param sources the sources, one per stretch (the same object may appear in several stretches)
   * @throws IllegalArgumentException when the lengths differ, a list is empty or the bars do not increase
   */
  public ScheduledTargets(int[] firstBar, List<TargetSource> sources) {
    if (firstBar.length == 0 || firstBar.length != sources.size()) {
      throw new IllegalArgumentException("need one first bar per source, got " + firstBar.length + " bars for "
          + sources.size() + " sources");
    }
    for (int k = 1; k < firstBar.length; k++) {
      if (firstBar[k] <= firstBar[k - 1]) {
        throw new IllegalArgumentException("first bars must increase, got " + firstBar[k - 1] + " then "
            + firstBar[k]);
      }
    }
    this.firstBar = firstBar.clone();
    this.sources = sources.toArray(new TargetSource[0]);
  }

  /**
   * @param row a decision row
   * @return the stretch whose source decides at {@code row}
   */
  public int stretchAt(int row) {
    long bar = row + 1L;
    int k = 0;
    while (k + 1 < firstBar.length && bar >= firstBar[k + 1]) {
      k++;
    }
    return k;
  }

  @Override
  public Optional<TargetWeights> targetsAt(int row) {
    return source(row).targetsAt(row);
  }

  @Override
  public Optional<TargetWeights> targetsAt(int row, double navUsd, double[] currentWeights) {
    return source(row).targetsAt(row, navUsd, currentWeights);
  }

  private TargetSource source(int row) {
    if (row < lastRow) {
      throw new IllegalStateException("row " + row + " asked after row " + lastRow);
    }
    lastRow = row;
    long bar = row + 1L;
    while (current + 1 < firstBar.length && bar >= firstBar[current + 1]) {
      current++;
    }
    return sources[current];
  }
}
