package io.slipstream.backtest.search;

import java.io.Serializable;

/**
 * One evaluated configuration of a grid: its id and values, its performance over the whole booked window, in sample
 * and out of sample, and the per-block sufficient statistics of its net bar returns for CSCV.
 *
 * @param configId configuration id in the grid (see {@link GridSpec})
 * @param paramsJson the configuration's grid values, a JSON object text
 * @param full stats over the whole booked window
 * @param inSample stats over the in-sample bars (the first {@code 1 - oos_fraction} of the window)
 * @param outOfSample stats over the remaining bars ({@link PeriodStats#EMPTY} when there are none)
 * @param blockN bars per block (S values)
 * @param blockSum sum of net returns per block
 * @param blockSumSquares sum of squared net returns per block
 * @param error empty when the configuration ran; else the exception's class and message (then every stat is NaN)
 */
public record GridRow(long configId, String paramsJson, PeriodStats full, PeriodStats inSample,
    PeriodStats outOfSample, long[] blockN, double[] blockSum, double[] blockSumSquares, String error)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** @return whether the configuration ran without error */
  public boolean ok() {
    return error.isEmpty();
  }
}
