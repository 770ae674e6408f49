package io.slipstream.backtest.search;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a search maximises, read from {@link PeriodStats}. NaN (undefined, e.g. a configuration that never trades)
 * ranks below every number.
 */
public enum Objective {
  /** Annualised net Sharpe ratio (the default). */
  SHARPE("sharpe"),
  /** Annualised net Sortino ratio. */
  SORTINO("sortino"),
  /** Compound annual growth rate. */
  CAGR("cagr"),
  /** Total net return. */
  TOTAL_RETURN("total_return"),
  /** CAGR over max drawdown. */
  CALMAR("calmar");

  private final String key;

  Objective(String key) {
    this.key = key;
  }

  /** @return the name used on the command line and in result columns */
  public String key() {
    return key;
  }

  /**
   * @param s the stats of a period
   * @return the objective's value (NaN when undefined)
   */
  public double of(PeriodStats s) {
    return switch (this) {
      case SHARPE -> s.sharpe();
      case SORTINO -> s.sortino();
      case CAGR -> s.cagr();
      case TOTAL_RETURN -> s.totalReturn();
      case CALMAR -> s.calmar();
    };
  }

  /**
   * @param a a value
   * @param b another value
   * @return whether {@code a} is strictly better than {@code b} (NaN is worst)
   */
  public static boolean better(double a, double b) {
    if (a != a) {
      return false;
    }
    return b != b || a > b;
  }

  /**
   * @param name a key such as {@code "sharpe"}
   * @return the objective
   * @throws IllegalArgumentException naming the value and the known keys
   */
  public static Objective of(String name) {
    for (Objective o : values()) {
      if (o.key.equals(name.toLowerCase(Locale.ROOT))) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown objective \"" + name + "\" (known: "
        + String.join(", ", Arrays.stream(values()).map(Objective::key).toList()) + ")");
  }
}
