package io.slipstream.strategy.carry;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.sizing.BookParams;

/**
 * Parameters of {@link FundingCarryStrategy}; config keys of the {@code funding_carry} section in parentheses.
 *
 * @param interval bar interval of the data ({@code interval}, top level)
 * @param fundingSpanHours EWMA span of the per-bar funding and of its sign, hours, a multiple of the interval
 *     ({@code funding_span_hours}); also the warm-up of a coin's funding signal
 * @param minSignConsistency persistence: the EWMA of {@code sign(funding)} must be at least this (shorts) or at most
 *     minus this (longs), in {@code (0, 1]} ({@code min_sign_consistency})
 * @param minAbsFundingAprPct entry threshold on the annualised funding EWMA, percent per year {@code >= 0}
 *     ({@code min_abs_funding_apr_pct})
 * @param maxPerSide at most this many coins per side, the most extreme funding first ({@code max_per_side},
 *     {@code >= 1})
 * @param rebalanceHours decisions when the close time in epoch hours is a multiple of this, a multiple of the
 *     interval ({@code rebalance_hours})
 * @param book sizing and universe ({@link BookParams}); each side gets half of {@code gross_leverage}
 */
public record FundingCarryConfig(BarInterval interval, int fundingSpanHours, double minSignConsistency,
    double minAbsFundingAprPct, int maxPerSide, int rebalanceHours, BookParams book) implements StrategyParams {
  /** Validates. @throws IllegalArgumentException naming the config key and value */
  public FundingCarryConfig {
    Checks.notNull(interval, "interval");
    multipleOfInterval(fundingSpanHours, interval, "funding_span_hours");
    if (!(minSignConsistency > 0 && minSignConsistency <= 1)) {
      throw new IllegalArgumentException("Argument 'min_sign_consistency' must be in (0, 1], was "
          + minSignConsistency);
    }
    Checks.nonNegative(minAbsFundingAprPct, "min_abs_funding_apr_pct");
    Checks.positive(maxPerSide, "max_per_side");
    multipleOfInterval(rebalanceHours, interval, "rebalance_hours");
    Checks.notNull(book, "book");
  }

  private static void multipleOfInterval(int hours, BarInterval interval, String key) {
    if (hours < 1 || hours % interval.hours() != 0) {
      throw new IllegalArgumentException("Argument '" + key + "' must be a positive multiple of the "
          + interval.label() + " interval, was " + hours);
    }
  }

  /** @return the funding EWMA span in bars */
  public int fundingSpanBars() {
    return fundingSpanHours / interval.hours();
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
