package io.slipstream.ml.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole news pipeline on the real cryptopanic file: load, map to SOL, score with a trivial keyword scorer
 * (+1 "surge", -1 "crash", else 0), aggregate to 1h bar closes 2024-08-28T01:00Z .. 2025-02-08T00:00Z (the bars of
 * 2024-08-28 .. 2025-02-07) with a 6 h half-life, and check it against an independent brute-force evaluation of the
 * formula, plus range and look-ahead facts.
 */
class NewsPipelineRealDataTest {
  private static final long H = 3_600_000L;
  private static final NewsSentimentConfig CONFIG = NewsSentimentConfig.of(6.0);
  private static final Function<List<String>, double[]> TRIVIAL = titles -> titles.stream()
      .mapToDouble(t -> {
        String l = t.toLowerCase(Locale.ROOT);
        return l.contains("surge") ? 1.0 : l.contains("crash") ? -1.0 : 0.0;
      }).toArray();

  private static List<Headline> all;
  private static long[] bars;

  @BeforeAll
  static void load() {
    all = NewsLoader.loadCryptoPanic(TextData.cryptoPanic()).headlines();
    long first = Instant.parse("2024-08-28T01:00:00Z").toEpochMilli();
    long last = Instant.parse("2025-02-08T00:00:00Z").toEpochMilli();
    bars = new long[(int) ((last - first) / H) + 1];
    for (int k = 0; k < bars.length; k++) {
      bars[k] = first + k * H;
    }
  }

  @Test
  void solPipeline_matchesBruteForceAndIsCausal() {
    SentimentSeries s = NewsSentiment.forCoin(bars, all, "SOL", CoinMapper.DEFAULT, TRIVIAL, CONFIG);
    assertThat(s.size()).isEqualTo(164 * 24); // 2024-08-28 .. 2025-02-07: 164 days

    // independent: SOL headlines by a plain case-insensitive/ticker scan, scored with the same trivial rule
    List<Long> times = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (Headline h : all) {
      String t = h.title();
      boolean sol = t.toLowerCase(Locale.ROOT).matches("(?s).*(^|[^\\p{L}\\p{N}])solana($|[^\\p{L}\\p{N}]).*")
          || t.matches("(?s).*(^|[^\\p{L}\\p{N}])SOL($|[^\\p{L}\\p{N}]).*");
      if (sol) {
        times.add(h.timeMs());
        scores.add(TRIVIAL.apply(List.of(t))[0]);
      }
    }
    assertThat(s.headlines()).isEqualTo(times.size());
    assertThat(times.size()).isBetween(40, 400);
    assertThat(scores).contains(1.0, 0.0);

    double lambda = Math.log(2) / (6.0 * H);
    int valid = 0;
    int counted = 0;
    for (int k = 0; k < bars.length; k++) {
      double sum = 0;
      double w = 0;
      for (int i = 0; i < times.size(); i++) {
        if (times.get(i) < bars[k]) {
          double wi = Math.exp(-lambda * (bars[k] - times.get(i)));
          sum += scores.get(i) * wi;
          w += wi;
        }
      }
      counted += s.count(k);
      if (w >= CONFIG.minWeight()) {
        valid++;
        assertThat(s.value(k)).as("bar %s", s.barClose(k)).isCloseTo(sum / w, within(1e-12));
        assertThat(s.value(k)).isBetween(-1.0, 1.0);
      } else {
        assertThat(s.value(k)).as("bar %s", s.barClose(k)).isNaN();
      }
    }
    assertThat(s.validBars()).isEqualTo(valid);
    // every SOL headline lies in [first close - 1h, last close) and so is counted once
    assertThat(counted).isEqualTo(times.size());
    double share = valid / (double) bars.length;
    assertThat(share).isBetween(0.05, 0.95);
    // the first headline of the file (2024-08-28T08:09:37Z) precedes any valid SOL value
    assertThat(s.value(0)).isNaN();
  }

  @Test
  void solPipeline_headlinesAfterACutDoNotChangeEarlierBars() {
    SentimentSeries full = NewsSentiment.forCoin(bars, all, "SOL", CoinMapper.DEFAULT, TRIVIAL, CONFIG);
    int cutBar = 2000;
    long cut = bars[cutBar];
    List<Headline> before = all.stream().filter(h -> h.timeMs() < cut).toList();
    assertThat(before.size()).isLessThan(all.size());
    SentimentSeries truncated = NewsSentiment.forCoin(bars, before, "SOL", CoinMapper.DEFAULT, TRIVIAL, CONFIG);
    for (int k = 0; k <= cutBar; k++) {
      assertThat(Double.doubleToRawLongBits(truncated.value(k)))
          .as("bar %s", full.barClose(k)).isEqualTo(Double.doubleToRawLongBits(full.value(k)));
    }
    // after the cut the truncated series only decays (it can only become NaN or keep its last value)
    boolean differs = false;
    for (int k = cutBar + 1; k < bars.length; k++) {
      differs |= Double.doubleToRawLongBits(truncated.value(k)) != Double.doubleToRawLongBits(full.value(k));
    }
    assertThat(differs).isTrue();
  }
}
