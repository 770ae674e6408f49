package io.slipstream.ml.model;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), the generator of the seeded samples shared with the numpy references
 * {@code tools/ml_metrics_reference.py} and {@code tools/ml_logreg_reference.py}: both produce the same bits.
 */
final class SplitMix64 {
  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** @return a uniform double in [0, 1): the top 53 bits over 2^53 */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** @return an approximately standard normal draw (Box-Muller), for Java-only synthetic data */
  double nextGaussian() {
    double u1 = 1.0 - nextDouble();
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
