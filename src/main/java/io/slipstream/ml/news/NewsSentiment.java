package io.slipstream.ml.news;

import io.slipstream.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Aggregates scored headlines into a causal per-bar sentiment series with exponential decay.
 *
 * <p>Formula, at each bar close {@code t} (epoch ms UTC), over the headlines {@code i} published <b>strictly before</b>
 * {@code t} ("a headline affects only bars that close after it"; one published exactly at a close counts from the next
 * bar on):
 * <pre>
 *   w_i(t) = exp(-ln2 * (t - time_i) / halfLife)            (1 for a fresh headline, 1/2 one half-life later)
 *   W(t)   = sum_i w_i(t)
 *   value(t) = sum_i s_i w_i(t) / (W(t) + priorWeight)        if W(t) >= minWeight, else NaN
 * </pre>
 * (see {@link NewsSentimentConfig}). Scores {@code s_i} are in [-1, 1], so the value is too (clamped to [-1, 1]
 * against rounding only). With no prior the value
 * stays at the last decayed mean while no news arrives and becomes NaN once {@code W} decays below {@code minWeight}.
 * Headlines before the first bar close warm the state up; headlines at or after the last close are ignored.
 *
 * <p>Cost {@code O(n + m)} for {@code n} bars and {@code m} headlines sorted by time (else {@code O(m log m)} for the
 * sort), with running sums {@code S, W} decayed by {@code exp(-ln2 * step / halfLife)} from one close to the next.
 * The running form equals the formula up to floating-point rounding (relative ~1e-15); adding headlines at or after a
 * close never changes any value at or before it (bit for bit).
 *
 * <p>Count per bar: headlines published in {@code [t - step, t)}, {@code step} = the bar spacing.
 */
public final class NewsSentiment {
  private NewsSentiment() {
  }

  /**
   * Aggregates already-scored headlines.
   *
   * @param barCloseMs bar close times, epoch ms UTC, at least 2, strictly ascending, equally spaced. Not modified.
   * @param headlineMs publication times of the headlines, epoch ms UTC, any order. Not modified.
   * @param scores sentiment scores in [-1, 1], same length as {@code headlineMs}. Not modified.
   * @param config half-life, minimum weight, prior
   * @return the series on the given bars
   * @throws IllegalArgumentException if the bars are fewer than 2, not ascending or not equally spaced (naming the
   *     index), the lengths differ, or a score is NaN or outside [-1, 1] (naming the index and value)
   */
  public static SentimentSeries aggregate(long[] barCloseMs, long[] headlineMs, double[] scores,
      NewsSentimentConfig config) {
    Checks.notNull(barCloseMs, "barCloseMs");
    Checks.notNull(headlineMs, "headlineMs");
    Checks.notNull(scores, "scores");
    Checks.notNull(config, "config");
    long step = checkGrid(barCloseMs);
    Checks.sameLength(scores.length, headlineMs.length, "scores");
    for (int i = 0; i < scores.length; i++) {
      checkScore(scores[i], "scores[" + i + "]");
    }
    int m = headlineMs.length;
    long[] times = headlineMs;
    double[] s = scores;
    if (!isSorted(headlineMs)) {
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingLong(i -> headlineMs[i]));
      times = new long[m];
      s = new double[m];
      for (int i = 0; i < m; i++) {
        times[i] = headlineMs[order[i]];
        s[i] = scores[order[i]];
      }
    }
    int n = barCloseMs.length;
    double lambda = config.decayPerMs();
    double stepDecay = Math.exp(-lambda * step);
    double[] values = new double[n];
    double[] weights = new double[n];
    int[] counts = new int[n];
    double sum = 0.0;
    double weight = 0.0;
    int i = 0;
    for (int k = 0; k < n; k++) {
      long t = barCloseMs[k];
      if (k > 0) {
        sum *= stepDecay;
        weight *= stepDecay;
      }
      long countFrom = t - step;
      int c = 0;
      while (i < m && times[i] < t) {
        double w = Math.exp(-lambda * (double) (t - times[i]));
        sum += s[i] * w;
        weight += w;
        if (times[i] >= countFrom) {
          c++;
        }
        i++;
      }
      counts[k] = c;
      weights[k] = weight;
      if (weight >= config.minWeight()) {
        double v = sum / (weight + config.priorWeight());
        values[k] = Math.max(-1.0, Math.min(1.0, v));
      } else {
        values[k] = Double.NaN;
      }
    }
    return new SentimentSeries(barCloseMs.clone(), values, weights, counts, m, config);
  }

  /**
   * The whole pipeline for one coin: keeps the headlines whose title mentions {@code coin} ({@link CoinMapper}),
   * scores their titles in one call of {@code scorer}, and aggregates them ({@link #aggregate}).
   *
   * @param barCloseMs bar close times, epoch ms UTC, at least 2, strictly ascending, equally spaced. Not modified.
   * @param headlines headlines, any order
   * @param coin a coin (or bucket) of {@code mapper}
   * @param mapper the keyword mapping
   * @param scorer titles -> one score in [-1, 1] per title, in order (e.g. an adapted {@code ml.nlp.SentimentScorer})
   * @param config decay parameters
   * @return the coin's series; {@link SentimentSeries#headlines()} is the number of matching headlines
   * @throws IllegalArgumentException on a bad grid, an unknown coin, or scorer output of the wrong length or with a
   *     score outside [-1, 1] or NaN (naming the headline's file and line)
   */
  public static SentimentSeries forCoin(long[] barCloseMs, List<Headline> headlines, String coin, CoinMapper mapper,
      Function<List<String>, double[]> scorer, NewsSentimentConfig config) {
    Checks.notNull(mapper, "mapper");
    List<Headline> mine = mapper.filter(headlines, coin);
    double[] scores = score(mine, scorer);
    long[] times = new long[mine.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = mine.get(i).timeMs();
    }
    return aggregate(barCloseMs, times, scores, config);
  }

  /**
   * Scores headline titles in one batch and checks the scorer's output.
   *
   * @param headlines the headlines
   * @param scorer titles -> scores in [-1, 1], one per title, in order
   * @return the scores, {@code scores[i]} for {@code headlines.get(i)}
   * @throws IllegalArgumentException if the scorer returns null, the wrong number of scores, or a score that is NaN or
   *     outside [-1, 1] (naming the headline's file and line)
   */
  public static double[] score(List<Headline> headlines, Function<List<String>, double[]> scorer) {
    Checks.notNull(headlines, "headlines");
    Checks.notNull(scorer, "scorer");
    List<String> titles = new ArrayList<>(headlines.size());
    for (Headline h : headlines) {
      titles.add(h.title());
    }
    double[] out = scorer.apply(List.copyOf(titles));
    if (out == null) {
      throw new IllegalArgumentException("Scorer returned null for " + titles.size() + " titles");
    }
    Checks.sameLength(out.length, titles.size(), "scorer output");
    double[] copy = out.clone();
    for (int i = 0; i < copy.length; i++) {
      checkScore(copy[i], "score of " + headlines.get(i).origin());
    }
    return copy;
  }

  private static void checkScore(double v, String name) {
    if (!(v >= -1.0 && v <= 1.0)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be in [-1, 1], was " + v);
    }
  }

  private static boolean isSorted(long[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] < a[i - 1]) {
        return false;
      }
    }
    return true;
  }

  /** @return the spacing of a valid grid */
  private static long checkGrid(long[] bars) {
    if (bars.length < 2) {
      throw new IllegalArgumentException("Argument 'barCloseMs' must hold at least 2 bar closes, was "
          + bars.length);
    }
    long step = bars[1] - bars[0];
    if (step <= 0) {
      throw new IllegalArgumentException("Argument 'barCloseMs' must be strictly ascending, was " + bars[0]
          + " then " + bars[1] + " at index 1");
    }
    for (int k = 2; k < bars.length; k++) {
      if (bars[k] - bars[k - 1] != step) {
        throw new IllegalArgumentException("Argument 'barCloseMs' must be equally spaced by " + step
            + " ms, was " + (bars[k] - bars[k - 1]) + " ms at index " + k);
      }
    }
    return step;
  }
}
