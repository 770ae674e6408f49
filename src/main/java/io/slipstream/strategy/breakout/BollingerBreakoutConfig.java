package io.slipstream.strategy.breakout;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.sizing.BookParams;
import java.util.Locale;

/**
 * Parameters of {@link BollingerBreakoutStrategy}; config keys of the {@code bollinger_breakout} section in
 * parentheses.
 *
 * @param interval bar interval of the data ({@code interval}, top level)
 * @param bandBars Bollinger window n of the closes, bars ({@code band_bars}, {@code >= 2}; classic 20)
 * @param bandStd band half-width k in sample standard deviations ({@code band_std}, {@code > 0}; classic 2)
 * @param volumeBars window of the volume mean the spike is measured against, bars before the signal bar
 *     ({@code volume_bars}, {@code >= 1})
 * @param volumeMultiple a spike is {@code volume_t > volume_multiple x mean volume} ({@code volume_multiple},
 *     {@code > 0})
 * @param exitAt {@code middle} (exit at the middle band) or {@code band} (exit back inside the band)
 *     ({@code exit_at})
 * @param maxHoldBars time stop in bars ({@code max_hold_bars}, {@code >= 1})
 * @param allowShort whether downside breakouts are shorted ({@code allow_short})
 * @param book sizing and universe ({@link BookParams})
 */
public record BollingerBreakoutConfig(BarInterval interval, int bandBars, double bandStd, int volumeBars,
    double volumeMultiple, ExitAt exitAt, int maxHoldBars, boolean allowShort, BookParams book)
    implements StrategyParams {
  /** Where a position exits. */
  public enum ExitAt {
    /** A long exits at {@code close <= middle}, a short at {@code close >= middle}. */
    MIDDLE,
    /** A long exits at {@code close <= upper}, a short at {@code close >= lower} (back inside the band). */
    BAND;

    /**
     * @param key {@code "middle"} or {@code "band"}
     * @return the choice
     * @throws IllegalArgumentException naming the value
     */
    public static ExitAt of(String key) {
      for (ExitAt e : values()) {
        if (e.key().equals(key)) {
          return e;
        }
      }
      throw new IllegalArgumentException("must be \"middle\" or \"band\", was \"" + key + "\"");
    }

    /** @return the config key */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates. @throws IllegalArgumentException naming the config key and value */
  public BollingerBreakoutConfig {
    Checks.notNull(interval, "interval");
    if (bandBars < 2) {
      throw new IllegalArgumentException("Argument 'band_bars' must be >= 2, was " + bandBars);
    }
    Checks.positive(bandStd, "band_std");
    Checks.positive(volumeBars, "volume_bars");
    Checks.positive(volumeMultiple, "volume_multiple");
    Checks.notNull(exitAt, "exit_at");
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
