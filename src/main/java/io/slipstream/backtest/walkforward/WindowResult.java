package io.slipstream.backtest.walkforward;

import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.core.Checks;

/**
 * What one walk-forward window chose and how it did.
 *
 * @param window the window
 * @param configId the grid configuration chosen on the train window (best objective; ties and all-NaN: lowest id)
 * @param paramsJson its grid values as a JSON object text, e.g. {@code {"concentration_pct":20,"vol_span":30}}
 * @param inSample stats of the chosen configuration's own run over the train window (it starts flat at the train
 *     start; signals warm up on all earlier history)
 * @param outOfSample stats of the stitched ledger's slice {@code [scoredFromRow, testToRow)}: the configuration
 *     traded from the book the previous window left
 * @param failedConfigurations configurations whose train run failed at run time (ranked last, NaN stats)
 * @param firstError the first such failure's message, empty when none failed
 */
public record WindowResult(Window window, long configId, String paramsJson, PeriodStats inSample,
    PeriodStats outOfSample, int failedConfigurations, String firstError) {
  /** Validates. @throws IllegalArgumentException for a null field or a negative id or count */
  public WindowResult {
    Checks.notNull(window, "window");
    Checks.notNull(paramsJson, "paramsJson");
    Checks.notNull(inSample, "inSample");
    Checks.notNull(outOfSample, "outOfSample");
    Checks.notNull(firstError, "firstError");
    if (configId < 0 || failedConfigurations < 0) {
      throw new IllegalArgumentException("configId and failedConfigurations must be >= 0, were " + configId + ", "
          + failedConfigurations);
    }
  }
}
