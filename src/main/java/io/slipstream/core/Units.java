package io.slipstream.core;

/** Unit conversions, done once at the edge so kernels see decimal fractions only. */
public final class Units {
  private Units() {
  }

  /** Milliseconds in one hour. */
  public static final long HOUR_MS = 3_600_000L;

  /** @return {@code bps / 1e4}: basis points to a decimal fraction (1 bp = 0.0001) */
  public static double bpsToFraction(double bps) {
    return bps / 1e4;
  }

  /** @return {@code pct / 100}: percent to a decimal fraction */
  public static double pctToFraction(double pct) {
    return pct / 100.0;
  }
}
