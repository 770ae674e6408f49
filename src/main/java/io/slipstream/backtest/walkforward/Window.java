package io.slipstream.backtest.walkforward;

import java.time.Instant;

/**
 * One train/test split of a walk-forward study, in rows of the data's bar grid (half-open row ranges; a row is a bar
 * by open time) and as instants. A run over {@code (start, end]} books the bars whose open time is {@code >= start}
 * and whose close time is {@code <= end} (DESIGN.md convention 9), so the train run of this window books exactly rows
 * {@code [trainFromRow, trainToRow)} and the test window is rows {@code [testFromRow, testToRow)}.
 *
 * @param index window number, from 0
 * @param trainFromRow first train row
 * @param trainToRow one past the last train row ({@code testFromRow - purge_bars})
 * @param testFromRow first test row
 * @param testToRow one past the last test row
 * @param scoredFromRow first test row counted in the out-of-sample stats ({@code testFromRow + embargo_bars})
 * @param trainStart open time of {@code trainFromRow}
 * @param trainEnd close time of row {@code trainToRow - 1}
 * @param testStart open time of {@code testFromRow}
 * @param testEnd close time of row {@code testToRow - 1}
 */
public record Window(int index, int trainFromRow, int trainToRow, int testFromRow, int testToRow, int scoredFromRow,
    Instant trainStart, Instant trainEnd, Instant testStart, Instant testEnd) {
  /** Validates the row order. @throws IllegalArgumentException unless the ranges are ordered and non-empty */
  public Window {
    if (!(index >= 0 && trainFromRow >= 0 && trainFromRow < trainToRow && trainToRow <= testFromRow
        && testFromRow <= scoredFromRow && scoredFromRow < testToRow)) {
      throw new IllegalArgumentException("window " + index + " rows out of order: train [" + trainFromRow + ", "
          + trainToRow + "), test [" + testFromRow + ", " + testToRow + "), scored from " + scoredFromRow);
    }
  }

  /** @return bars in the train window */
  public int trainBars() {
    return trainToRow - trainFromRow;
  }

  /** @return bars in the test window */
  public int testBars() {
    return testToRow - testFromRow;
  }
}
