package io.slipstream.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Bar intervals, as the exchange labels them ({@code "1h"}, {@code "4h"}, ...). All are whole hours, so a bar's
 * close time in epoch hours is an integer (DESIGN.md, rebalance rule 7). Data files are named
 * {@code candles_<label>.parquet}.
 */
public enum BarInterval {
  /** One hour. */
  H1("1h", 1),
  /** Two hours. */
  H2("2h", 2),
  /** Four hours. */
  H4("4h", 4),
  /** Eight hours. */
  H8("8h", 8),
  /** Twelve hours. */
  H12("12h", 12),
  /** One day. */
  D1("1d", 24);

  private final String label;
  private final int hours;

  BarInterval(String label, int hours) {
    this.label = label;
    this.hours = hours;
  }

  /** @return the exchange label, e.g. {@code "4h"} */
  public String label() {
    return label;
  }

  /** @return the length in hours */
  public int hours() {
    return hours;
  }

  /** @return the length in milliseconds */
  public long millis() {
    return hours * 3_600_000L;
  }

  /** @return the length as a {@link Duration} */
  public Duration duration() {
    return Duration.ofHours(hours);
  }

  /** @return bars per 365-day year: {@code 365 * 24 / hours} (DESIGN.md item 10) */
  public double periodsPerYear() {
    return 365.0 * 24.0 / hours;
  }

  /**
   * Parses an exchange label.
   *
   * @param label e.g. {@code "1h"}, {@code "4h"} (case-insensitive)
   * @return the interval
   * @throws IllegalArgumentException naming the label and the accepted ones
   */
  public static BarInterval of(String label) {
    String l = label == null ? "null" : label.trim().toLowerCase(Locale.ROOT);
    for (BarInterval b : values()) {
      if (b.label.equals(l)) {
        return b;
      }
    }
    throw new IllegalArgumentException("interval must be one of "
        + Arrays.stream(values()).map(BarInterval::label).collect(Collectors.joining(", ")) + ", was '" + label + "'");
  }
}
