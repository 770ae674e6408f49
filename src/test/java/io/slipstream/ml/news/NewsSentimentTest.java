package io.slipstream.ml.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class NewsSentimentTest {
  private static final long H = 3_600_000L;

  private static long[] hourlyBars(int from, int to) {
    long[] b = new long[to - from + 1];
    for (int i = 0; i < b.length; i++) {
      b[i] = (from + i) * H;
    }
    return b;
  }

  /**
   * Half-life 1 h, bars closing at 1h..8h; headline +1 at 0.5h, headline -1 exactly at 1h (so it only enters from the
   * 2h bar). 1h: W = 2^-0.5, value +1. 2h: W = 2^-1.5 + 2^-1, value = (2^-1.5 - 2^-1)/W = (1 - sqrt2)/(1 + sqrt2)
   * = -(3 - 2 sqrt2). Without news the value stays while W halves each hour: W(6h) = W(2h)/16 = 0.0533 >= 1/32,
   * W(7h) = W(2h)/32 = 0.0267 < 1/32 -> NaN.
   */
  @Test
  void aggregate_handWorkedExample() {
    SentimentSeries s = NewsSentiment.aggregate(hourlyBars(1, 8), new long[] {H / 2, H}, new double[] {1.0, -1.0},
        NewsSentimentConfig.of(1.0));
    double sqrt2 = Math.sqrt(2.0);
    double w2 = Math.pow(2, -1.5) + 0.5;
    assertThat(s.size()).isEqualTo(8);
    assertThat(s.value(0)).isCloseTo(1.0, within(1e-15));
    assertThat(s.weight(0)).isCloseTo(1 / sqrt2, within(1e-15));
    for (int k = 1; k <= 5; k++) {
      assertThat(s.value(k)).as("bar %d", k).isCloseTo(-(3 - 2 * sqrt2), within(1e-14));
      assertThat(s.weight(k)).as("bar %d", k).isCloseTo(w2 / Math.pow(2, k - 1), within(1e-15));
    }
    assertThat(s.value(6)).isNaN();
    assertThat(s.value(7)).isNaN();
    assertThat(s.counts()).containsExactly(1, 1, 0, 0, 0, 0, 0, 0);
    assertThat(s.validBars()).isEqualTo(6);
    assertThat(s.headlines()).isEqualTo(2);
    assertThat(s.barClose(0)).isEqualTo(Instant.ofEpochMilli(H));
  }

  /** Prior weight 1 (score 0): at 1h the value is 2^-0.5 / (2^-0.5 + 1) = sqrt2 - 1. */
  @Test
  void aggregate_priorWeight_shrinksTowardsZero() {
    SentimentSeries s = NewsSentiment.aggregate(hourlyBars(1, 2), new long[] {H / 2}, new double[] {1.0},
        new NewsSentimentConfig(1.0, 0.03125, 1.0));
    assertThat(s.value(0)).isCloseTo(Math.sqrt(2) - 1, within(1e-15));
    assertThat(s.value(1)).isCloseTo(Math.pow(2, -1.5) / (Math.pow(2, -1.5) + 1), within(1e-15));
  }

  @Test
  void aggregate_headlineExactlyAtClose_affectsOnlyLaterBars() {
    SentimentSeries s = NewsSentiment.aggregate(hourlyBars(1, 3), new long[] {2 * H}, new double[] {-0.5},
        NewsSentimentConfig.of(2.0));
    assertThat(s.value(0)).isNaN();
    assertThat(s.value(1)).isNaN();
    assertThat(s.weight(1)).isZero();
    assertThat(s.value(2)).isEqualTo(-0.5);
    assertThat(s.counts()).containsExactly(0, 0, 1);
  }

  @Test
  void aggregate_historyBeforeFirstBarWarmsUpButIsCountedOnlyInItsBar() {
    // headline 3 h before the first close: weight 2^-3 with half-life 1 h; only [t0 - 1h, t0) counts for bar 0
    SentimentSeries s = NewsSentiment.aggregate(hourlyBars(10, 11), new long[] {7 * H, 9 * H + 1},
        new double[] {1.0, 0.0}, NewsSentimentConfig.of(1.0));
    double w1 = 0.125;
    double w2 = Math.pow(2, -(H - 1) / (double) H);
    assertThat(s.weight(0)).isCloseTo(w1 + w2, within(1e-15));
    assertThat(s.value(0)).isCloseTo(w1 / (w1 + w2), within(1e-15));
    assertThat(s.counts()).containsExactly(1, 0);
  }

  @Test
  void aggregate_headlinesAfterLastBarIgnored_noHeadlinesAllNaN() {
    SentimentSeries s = NewsSentiment.aggregate(hourlyBars(1, 3), new long[] {3 * H, 4 * H},
        new double[] {1, 1}, NewsSentimentConfig.of(1.0));
    assertThat(s.values()).containsOnly(Double.NaN);
    assertThat(s.counts()).containsOnly(0);
    SentimentSeries empty = NewsSentiment.aggregate(hourlyBars(1, 3), new long[0], new double[0],
        NewsSentimentConfig.of(1.0));
    assertThat(empty.validBars()).isZero();
  }

  @Test
  void aggregate_badInput_errorsNameFieldAndValue() {
    NewsSentimentConfig c = NewsSentimentConfig.of(1.0);
    assertThatThrownBy(() -> NewsSentiment.aggregate(new long[] {H}, new long[0], new double[0], c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("barCloseMs").hasMessageContaining("2");
    assertThatThrownBy(() -> NewsSentiment.aggregate(new long[] {H, H, 2 * H}, new long[0], new double[0], c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
    assertThatThrownBy(() -> NewsSentiment.aggregate(new long[] {H, 2 * H, 4 * H}, new long[0], new double[0], c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equally spaced")
        .hasMessageContaining("index 2");
    assertThatThrownBy(() -> NewsSentiment.aggregate(hourlyBars(1, 2), new long[] {0}, new double[0], c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores");
    assertThatThrownBy(() -> NewsSentiment.aggregate(hourlyBars(1, 2), new long[] {0, 1}, new double[] {0, 1.5}, c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[1]").hasMessageContaining("1.5");
    assertThatThrownBy(() -> NewsSentiment.aggregate(hourlyBars(1, 2), new long[] {0}, new double[] {Double.NaN}, c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[0]").hasMessageContaining("NaN");
    assertThatThrownBy(() -> new NewsSentimentConfig(0.0, 0.1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("halfLifeHours");
    assertThatThrownBy(() -> new NewsSentimentConfig(1.0, 0.0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minWeight");
    assertThatThrownBy(() -> new NewsSentimentConfig(1.0, 0.1, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priorWeight");
  }

  @Test
  void forCoin_scoresOnlyTheCoinsHeadlinesInOneBatch() {
    List<Headline> hs = List.of(
        new Headline(Instant.ofEpochMilli(H / 2), "Solana surges", "s", "", "f", 2),
        new Headline(Instant.ofEpochMilli(H / 3), "Console sales", "s", "", "f", 3),
        new Headline(Instant.ofEpochMilli(H / 4), "SOL crashes", "s", "", "f", 4));
    List<List<String>> calls = new ArrayList<>();
    Function<List<String>, double[]> scorer = titles -> {
      calls.add(titles);
      return titles.stream().mapToDouble(t -> t.contains("surge") ? 1 : -1).toArray();
    };
    SentimentSeries s = NewsSentiment.forCoin(hourlyBars(1, 2), hs, "SOL", CoinMapper.DEFAULT, scorer,
        NewsSentimentConfig.of(1.0));
    assertThat(calls).containsExactly(List.of("Solana surges", "SOL crashes"));
    double wa = Math.pow(2, -0.5);
    double wc = Math.pow(2, -0.75);
    assertThat(s.value(0)).isCloseTo((wa - wc) / (wa + wc), within(1e-15));
    assertThat(s.headlines()).isEqualTo(2);
  }

  @Test
  void score_badScorerOutput_errorsNameHeadline() {
    List<Headline> hs = List.of(new Headline(Instant.EPOCH, "a", "s", "", "news.csv", 7));
    assertThatThrownBy(() -> NewsSentiment.score(hs, t -> new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scorer output")
        .hasMessageContaining("1").hasMessageContaining("2");
    assertThatThrownBy(() -> NewsSentiment.score(hs, t -> new double[] {-2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("news.csv:7").hasMessageContaining("-2");
    assertThatThrownBy(() -> NewsSentiment.score(hs, t -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
  }

  // ---- properties -------------------------------------------------------------------------------------------

  /** Random grid and headlines; headline times spread from 10 steps before the first close to 3 after the last. */
  private record Case(long[] bars, long[] times, double[] scores, NewsSentimentConfig config) {
    static Case random(Random rnd, int nBars, int nNews) {
      long step = (1 + rnd.nextInt(4)) * H;
      long t0 = 1_700_000_000_000L + rnd.nextInt(1000) * step;
      long[] bars = new long[nBars];
      for (int k = 0; k < nBars; k++) {
        bars[k] = t0 + k * step;
      }
      long lo = t0 - 10 * step;
      long span = bars[nBars - 1] + 3 * step - lo;
      long[] times = new long[nNews];
      double[] scores = new double[nNews];
      for (int i = 0; i < nNews; i++) {
        // a third of the headlines sit exactly on a bar close
        times[i] = rnd.nextInt(3) == 0 ? bars[rnd.nextInt(nBars)] : lo + (long) (rnd.nextDouble() * span);
        scores[i] = rnd.nextInt(5) == 0 ? Math.signum(rnd.nextGaussian()) : 2 * rnd.nextDouble() - 1;
      }
      double halfLife = 0.5 + rnd.nextDouble() * 24;
      double prior = rnd.nextBoolean() ? 0.0 : rnd.nextDouble() * 2;
      return new Case(bars, times, scores, new NewsSentimentConfig(halfLife, 0.01 + rnd.nextDouble() * 0.2, prior));
    }
  }

  @Property(tries = 200, seed = "7")
  void aggregate_addingHeadlinesAtOrAfterAClose_leavesThatCloseAndEarlierUnchanged(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 60) int nBars, @ForAll @IntRange(min = 0, max = 40) int nNews) {
    Random rnd = new Random(seed);
    Case c = Case.random(rnd, nBars, nNews);
    int cutBar = rnd.nextInt(nBars);
    long cut = c.bars[cutBar];
    int extra = 1 + rnd.nextInt(5);
    long[] times = java.util.Arrays.copyOf(c.times, nNews + extra);
    double[] scores = java.util.Arrays.copyOf(c.scores, nNews + extra);
    for (int i = nNews; i < times.length; i++) {
      times[i] = rnd.nextBoolean() ? cut : cut + (long) (rnd.nextDouble() * 50 * H);
      scores[i] = 2 * rnd.nextDouble() - 1;
    }
    SentimentSeries base = NewsSentiment.aggregate(c.bars, c.times, c.scores, c.config);
    SentimentSeries more = NewsSentiment.aggregate(c.bars, times, scores, c.config);
    for (int k = 0; k <= cutBar; k++) {
      assertThat(Double.doubleToRawLongBits(more.value(k))).as("value bar %d", k)
          .isEqualTo(Double.doubleToRawLongBits(base.value(k)));
      assertThat(more.weight(k)).as("weight bar %d", k).isEqualTo(base.weight(k));
      assertThat(more.count(k)).as("count bar %d", k).isEqualTo(base.count(k));
    }
  }

  @Property(tries = 200, seed = "8")
  void aggregate_equalsDirectFormulaAndCountsByBrute(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 60) int nBars, @ForAll @IntRange(min = 0, max = 40) int nNews) {
    Random rnd = new Random(seed);
    Case c = Case.random(rnd, nBars, nNews);
    SentimentSeries s = NewsSentiment.aggregate(c.bars, c.times, c.scores, c.config);
    long step = c.bars[1] - c.bars[0];
    double lambda = Math.log(2) / (c.config.halfLifeHours() * H);
    for (int k = 0; k < nBars; k++) {
      long t = c.bars[k];
      double sum = 0;
      double w = 0;
      int count = 0;
      for (int i = 0; i < nNews; i++) {
        if (c.times[i] < t) {
          double wi = Math.exp(-lambda * (t - c.times[i]));
          sum += c.scores[i] * wi;
          w += wi;
          if (c.times[i] >= t - step) {
            count++;
          }
        }
      }
      assertThat(s.count(k)).as("count bar %d", k).isEqualTo(count);
      assertThat(s.weight(k)).as("weight bar %d", k).isCloseTo(w, within(1e-12 * Math.max(1, w)));
      if (Math.abs(w - c.config.minWeight()) > 1e-9) {
        if (w >= c.config.minWeight()) {
          double expected = sum / (w + c.config.priorWeight());
          assertThat(s.value(k)).as("value bar %d", k).isCloseTo(expected, within(1e-12));
          assertThat(s.value(k)).isBetween(-1.0, 1.0);
        } else {
          assertThat(s.value(k)).as("value bar %d", k).isNaN();
        }
      }
    }
  }

  @Property(tries = 100, seed = "9")
  void aggregate_inputOrderDoesNotMatter(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 2, max = 30) int nBars, @ForAll @IntRange(min = 2, max = 30) int nNews) {
    Random rnd = new Random(seed);
    Case c = Case.random(rnd, nBars, nNews);
    int[] perm = rnd.ints(0, Integer.MAX_VALUE).limit(nNews).toArray();
    Integer[] idx = new Integer[nNews];
    for (int i = 0; i < nNews; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, java.util.Comparator.comparingInt(i -> perm[i]));
    long[] t2 = new long[nNews];
    double[] s2 = new double[nNews];
    for (int i = 0; i < nNews; i++) {
      t2[i] = c.times[idx[i]];
      s2[i] = c.scores[idx[i]];
    }
    SentimentSeries a = NewsSentiment.aggregate(c.bars, c.times, c.scores, c.config);
    SentimentSeries b = NewsSentiment.aggregate(c.bars, t2, s2, c.config);
    assertThat(b.counts()).isEqualTo(a.counts());
    for (int k = 0; k < nBars; k++) {
      if (Double.isNaN(a.value(k))) {
        assertThat(b.value(k)).isNaN();
      } else {
        assertThat(b.value(k)).isCloseTo(a.value(k), within(1e-12));
      }
    }
  }
}
