package io.slipstream.backtest.search;

import io.slipstream.core.Checks;
import java.io.Serializable;

/**
 * Everything that defines a grid search apart from the market data, as plain values so that it can be written to a
 * run folder's manifest (resume checks it) and shipped to Spark executors.
 *
 * @param baseConfigJson the base config, JSON text
 * @param gridJson the grid, JSON text (see {@link GridSpec})
 * @param source a name for messages (the config file)
 * @param outOfSampleFraction share of the booked bars, at the end of the window, held out of sample, in
 *     {@code [0, 0.9]}; 0 = no out-of-sample period (the in-sample period is the whole window)
 * @param blocks number of blocks S for combinatorially symmetric cross-validation (PBO), even, {@code >= 2}
 * @param objective what the search maximises in sample
 */
public record GridJob(String baseConfigJson, String gridJson, String source, double outOfSampleFraction, int blocks,
    Objective objective) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates. @throws IllegalArgumentException naming the field and value */
  public GridJob {
    Checks.notNull(baseConfigJson, "baseConfigJson");
    Checks.notNull(gridJson, "gridJson");
    Checks.notNull(source, "source");
    Checks.notNull(objective, "objective");
    if (!(outOfSampleFraction >= 0 && outOfSampleFraction <= 0.9)) {
      throw new IllegalArgumentException("Argument 'oos_fraction' must be in [0, 0.9], was " + outOfSampleFraction);
    }
    if (blocks < 2 || blocks % 2 != 0 || blocks > 32) {
      throw new IllegalArgumentException("Argument 'blocks' must be an even number in [2, 32], was " + blocks);
    }
  }
}
