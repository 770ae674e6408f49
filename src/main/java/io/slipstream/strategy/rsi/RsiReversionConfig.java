package io.slipstream.strategy.rsi;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.sizing.BookParams;

/**
 * Parameters of {@link RsiReversionStrategy}; config keys of the {@code rsi_reversion} section in parentheses.
 *
 * @param interval bar interval of the data ({@code interval}, top level)
 * @param rsiBars Wilder RSI period, bars ({@code rsi_bars}, {@code >= 1}; classic 14)
 * @param entryUpper short when RSI is above this ({@code entry_upper}, in {@code (exit_level, 100)})
 * @param entryLower long when RSI is below this ({@code entry_lower}, in {@code (0, exit_level)})
 * @param exitLevel a long exits when RSI is {@code >= exit_level}, a short when {@code <= exit_level}
 *     ({@code exit_level}; classic 50)
 * @param maxHoldBars time stop: a position held this many bars is closed ({@code max_hold_bars}, {@code >= 1})
 * @param book sizing and universe ({@link BookParams})
 */
public record RsiReversionConfig(BarInterval interval, int rsiBars, double entryUpper, double entryLower,
    double exitLevel, int maxHoldBars, BookParams book) implements StrategyParams {
  /** Validates. @throws IllegalArgumentException naming the config key and value */
  public RsiReversionConfig {
    Checks.notNull(interval, "interval");
    Checks.positive(rsiBars, "rsi_bars");
    if (!(exitLevel > 0 && exitLevel < 100)) {
      throw new IllegalArgumentException("Argument 'exit_level' must be in (0, 100), was " + exitLevel);
    }
    if (!(entryUpper > exitLevel && entryUpper < 100)) {
      throw new IllegalArgumentException("Argument 'entry_upper' must be in (exit_level " + exitLevel
          + ", 100), was " + entryUpper);
    }
    if (!(entryLower > 0 && entryLower < exitLevel)) {
      throw new IllegalArgumentException("Argument 'entry_lower' must be in (0, exit_level " + exitLevel + "), was "
          + entryLower);
    }
    Checks.positive(maxHoldBars, "max_hold_bars");
    Checks.notNull(book, "book");
  }

  @Override
  public double grossLeverage() {
    return book.grossLeverage();
  }

  @Override
  public double maxPositionPct() {
    return book.maxPositionPct();
  }
}
