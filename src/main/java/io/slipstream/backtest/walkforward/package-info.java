/**
 * Walk-forward optimisation: rolling or anchored train/test windows over a config's booked window, a parameter
 * grid searched on each train window, the best configuration traded in the following test window, and the
 * stitched out-of-sample ledger ({@link io.slipstream.backtest.walkforward.WalkForward}).
 */
package io.slipstream.backtest.walkforward;
