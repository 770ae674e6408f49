package io.slipstream.core;

/**
 * Argument checks that return the value they checked, so a constructor reads
 * {@code this.window = Checks.positive(window, "window");} (Strata style).
 * Every failure is an {@link IllegalArgumentException} whose message names the argument, the rule and the value.
 */
public final class Checks {
  private Checks() {
  }

  /**
   * @return {@code value} when it is strictly positive
   * @throws IllegalArgumentException naming {@code name} otherwise
   */
  public static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException("Argument '" + name + "' must be > 0, was " + value);
    }
    return value;
  }

  /**
   * @return {@code value} when it is finite and strictly positive
   * @throws IllegalArgumentException naming {@code name} otherwise (NaN included)
   */
  public static double positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite and > 0, was " + value);
    }
    return value;
  }

  /**
   * @return {@code value} when it is finite and {@code >= 0}
   * @throws IllegalArgumentException naming {@code name} otherwise (NaN included)
   */
  public static double nonNegative(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite and >= 0, was " + value);
    }
    return value;
  }

  /**
   * @return {@code value} when it lies in the closed range {@code [lo, hi]}
   * @throws IllegalArgumentException naming {@code name} otherwise (NaN included)
   */
  public static double inRange(double value, double lo, double hi, String name) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          "Argument '" + name + "' must be in [" + lo + ", " + hi + "], was " + value);
    }
    return value;
  }

  /**
   * @return {@code value} when it is not null
   * @throws IllegalArgumentException naming {@code name} otherwise
   */
  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException("Argument '" + name + "' must not be null");
    }
    return value;
  }

  /**
   * @throws IllegalArgumentException naming both shapes when {@code actual != expected}
   */
  public static void sameLength(int actual, int expected, String name) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          "Argument '" + name + "' must have length " + expected + ", was " + actual);
    }
  }
}
