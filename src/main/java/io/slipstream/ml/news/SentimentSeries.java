package io.slipstream.ml.news;

import java.time.Instant;

/**
 * A per-bar headline-sentiment series for one coin, the output of {@link NewsSentiment}: for each bar close time
 * {@code t} (epoch ms UTC, ascending, equal spacing {@code step}) the decayed sentiment value in [-1, 1] or NaN, the
 * total decay weight {@code W} (dimensionless, one fresh headline = 1) and the number of headlines published in
 * {@code [t - step, t)}. Only headlines published strictly before {@code t} enter the row of {@code t}.
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class SentimentSeries {
  private final long[] barCloseMs;
  private final double[] values;
  private final double[] weights;
  private final int[] counts;
  private final int headlines;
  private final NewsSentimentConfig config;

  SentimentSeries(long[] barCloseMs, double[] values, double[] weights, int[] counts, int headlines,
      NewsSentimentConfig config) {
    this.barCloseMs = barCloseMs;
    this.values = values;
    this.weights = weights;
    this.counts = counts;
    this.headlines = headlines;
    this.config = config;
  }

  /** @return the number of bars */
  public int size() {
    return values.length;
  }

  /**
   * @param t bar index
   * @return the close time of bar {@code t}, epoch ms UTC
   */
  public long barCloseMs(int t) {
    return barCloseMs[t];
  }

  /**
   * @param t bar index
   * @return the close time of bar {@code t}
   */
  public Instant barClose(int t) {
    return Instant.ofEpochMilli(barCloseMs[t]);
  }

  /**
   * @param t bar index
   * @return the sentiment at the close of bar {@code t}, in [-1, 1]; NaN when the total weight is below
   *     {@link NewsSentimentConfig#minWeight()}
   */
  public double value(int t) {
    return values[t];
  }

  /**
   * @param t bar index
   * @return the total decay weight {@code W = sum 2^(-(t - time_i)/halfLife)} over headlines before the close, {@code >= 0}
   */
  public double weight(int t) {
    return weights[t];
  }

  /**
   * @param t bar index
   * @return the number of headlines published in {@code [close - step, close)}
   */
  public int count(int t) {
    return counts[t];
  }

  /** @return bar close times, epoch ms UTC (a copy) */
  public long[] barCloseMs() {
    return barCloseMs.clone();
  }

  /** @return sentiment per bar, NaN where unavailable (a copy) */
  public double[] values() {
    return values.clone();
  }

  /** @return total decay weight per bar (a copy) */
  public double[] weights() {
    return weights.clone();
  }

  /** @return headline count per bar (a copy) */
  public int[] counts() {
    return counts.clone();
  }

  /** @return how many headlines were given to the aggregation (including those after the last bar) */
  public int headlines() {
    return headlines;
  }

  /** @return the parameters used */
  public NewsSentimentConfig config() {
    return config;
  }

  /** @return the number of bars with a non-NaN value */
  public int validBars() {
    int n = 0;
    for (double v : values) {
      if (v == v) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "SentimentSeries[bars=" + values.length + ", valid=" + validBars() + ", headlines=" + headlines + ", "
        + config + "]";
  }
}
