package io.slipstream.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.ml.SolPipeline.Holdout;
import io.slipstream.ml.SolPipeline.Samples;
import io.slipstream.ml.SolPipeline.SentimentResult;
import io.slipstream.ml.SolPipeline.TrainResult;
import io.slipstream.ml.SolPipeline.WalkForwardResult;
import io.slipstream.ml.SolPipeline.WindowLayout;
import io.slipstream.ml.SolStrategyConfig.SentimentSpec;
import io.slipstream.ml.model.ClassificationMetrics;
import io.slipstream.ml.model.Dataset;
import io.slipstream.ml.nlp.LexiconScorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SolPipeline} on the real SOL 1h data over a short window (2025-01-01 .. 2025-03-01, 20-day train and 7-day
 * test windows): sample accounting, the holdout, the walk-forward layout, no look-ahead (perturbing data after a test
 * window leaves its predictions bit-identical; perturbing its train window changes them), reproducibility, and the
 * news-sentiment pipeline on small files written here.
 */
class SolPipelineTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final String CONFIG = """
      {"start": "2025-01-01", "end": "2025-03-01",
       "model": {"n_estimators": 80, "early_stopping_rounds": 10, "nthread": 2},
       "walk_forward": {"train_days": 20, "test_days": 7, "step_days": 7, "purge_bars": 24, "embargo_bars": 6}}""";
  private static MarketData md;
  private static SolStrategyConfig cfg;
  private static SolPipeline pipeline;
  private static WalkForwardResult base;

  @TempDir
  static Path tmp;

  @BeforeAll
  static void load() {
    md = Lake.load(DIR, BarInterval.H1, true);
    cfg = SolStrategyConfig.parse(CONFIG, "test");
    pipeline = SolPipeline.of(cfg, md);
    base = pipeline.walkForwardProbabilities(null);
  }

  @Test
  void of_samples_accountForEveryWindowRow() {
    Samples s = pipeline.samples();
    // closes in (2025-01-01, 2025-03-01]: 59 days of 1h bars
    assertThat(s.windowRows()).isEqualTo(59 * 24);
    assertThat(s.dataset().rows() + s.incompleteFeatureRows() + s.unknownLabelRows()).isEqualTo(s.windowRows());
    assertThat(s.unknownLabelRows()).as("the last row's label needs a close after end").isPositive();
    assertThat(pipeline.data().close().closeTime(pipeline.data().rows() - 1))
        .isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(pipeline.data().close().closeTime(pipeline.firstWindowRow()))
        .isEqualTo(Instant.parse("2025-01-01T01:00:00Z"));
    double[] close = pipeline.data().close().column(pipeline.coinColumn());
    int[] rows = s.rows();
    Dataset d = s.dataset();
    for (int i = 0; i < rows.length; i += 97) {
      int t = rows[i];
      assertThat(d.y(i)).isEqualTo(close[t + 1] > close[t] ? 1.0 : 0.0);
      assertThat(d.timeMs(i)).isEqualTo(pipeline.data().close().closeTimeMs(t));
      assertThat(d.x(i, 0)).isEqualTo(pipeline.features().get(t, 0));
    }
  }

  @Test
  void of_thresholdLabel_dropsSmallMoves() {
    SolStrategyConfig c = SolStrategyConfig.parse(CONFIG.replace("\"start\"",
        "\"label\": {\"horizon_bars\": 1, \"threshold_bps\": 20}, \"start\""), "t");
    Samples s = SolPipeline.of(c, md).samples();
    assertThat(s.windowRows()).isEqualTo(pipeline.samples().windowRows());
    assertThat(s.unknownLabelRows()).isGreaterThan(pipeline.samples().unknownLabelRows() + 100);
    double[] close = pipeline.data().close().column(pipeline.coinColumn());
    int[] rows = s.rows();
    for (int i = 0; i < rows.length; i++) {
      assertThat(Math.abs(close[rows[i] + 1] / close[rows[i]] - 1)).isGreaterThanOrEqualTo(20e-4);
    }
  }

  @Test
  void of_badWindowOrCoin_namesTheKey() {
    assertThatThrownBy(() -> SolPipeline.of(SolStrategyConfig.parse("{\"coin\": \"NOPE\"}", "t"), md))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("coin"));
    assertThatThrownBy(() -> SolPipeline.of(SolStrategyConfig.parse("{\"end\": \"2020-01-01\"}", "t"), md))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("end"));
    assertThatThrownBy(() -> SolPipeline.of(SolStrategyConfig.parse("{\"start\": \"2030-01-01\"}", "t"), md))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("start"));
    assertThatThrownBy(() -> SolPipeline.of(SolStrategyConfig.parse("{\"interval\": \"4h\"}", "t"), md))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("interval"));
  }

  @Test
  void holdout_isTimeOrderedAndPurged() {
    Holdout h = pipeline.holdout();
    int n = pipeline.samples().dataset().rows();
    int nTrain = (int) Math.floor(n * 0.7);
    assertThat(h.test().rows()).isEqualTo(n - nTrain);
    assertThat(h.fit().rows() + h.validation().rows()).isEqualTo(nTrain - 2);
    assertThat(h.validation().rows()).isEqualTo(Math.round((nTrain - 1) * 0.2));
    long hour = 3_600_000L;
    // a gap of at least one purged sample (h = 1) between the parts
    assertThat(h.validation().timeMs(0) - h.fit().timeMs(h.fit().rows() - 1)).isGreaterThanOrEqualTo(2 * hour);
    assertThat(h.test().timeMs(0) - h.validation().timeMs(h.validation().rows() - 1))
        .isGreaterThanOrEqualTo(2 * hour);
    assertThat(h.train().rows()).isEqualTo(h.fit().rows() + h.validation().rows());
    assertThat(h.purgedSamples()).isEqualTo(2);
  }

  @Test
  void train_twice_isBitIdentical_andScoresTheBaselines() {
    TrainResult a = pipeline.train();
    TrainResult b = pipeline.train();
    try (var ma = a.model(); var mb = b.model()) {
      Holdout h = a.holdout();
      double[] pa = ma.predictProba(h.test());
      double[] pb = mb.predictProba(h.test());
      assertThat(pa).containsExactly(pb);
      assertThat(a.xgb()).isEqualTo(b.xgb());
      assertThat(a.xgb()).isEqualTo(ClassificationMetrics.of(h.test().y(), pa));
      assertThat(a.majority().rocAuc()).isEqualTo(0.5);
      assertThat(a.logistic().support()).isEqualTo(h.test().rows());
      assertThat(a.importance().keySet()).containsExactlyInAnyOrderElementsOf(cfg.features().featureNames());
      List<Double> gains = List.copyOf(a.importance().values());
      for (int i = 1; i < gains.size(); i++) {
        assertThat(gains.get(i)).isLessThanOrEqualTo(gains.get(i - 1));
      }
      assertThat(a.model().trainEnd()).isBefore(Instant.ofEpochMilli(h.test().timeMs(0)));
      SolPipeline.Evaluation e = pipeline.evaluate(a.model());
      assertThat(e.model()).isEqualTo(a.xgb());
      assertThat(e.modelSawTestPeriod()).isFalse();
    }
  }

  @Test
  void requireSameFeatures_namesTheFirstDifference() {
    List<String> names = cfg.features().featureNames();
    List<String> other = new java.util.ArrayList<>(names);
    int i = names.indexOf("rsi_14");
    other.set(i, "rsi_10");
    assertThatThrownBy(() -> SolPipeline.requireSameFeatures(names, other))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("features"))
        .hasMessageContaining("position " + i).hasMessageContaining("model 'rsi_14'").hasMessageContaining("'rsi_10'");
    assertThatThrownBy(() -> SolPipeline.requireSameFeatures(names, names.subList(0, names.size() - 1)))
        .hasMessageContaining("model 'dow', config <none>");
    SolPipeline.requireSameFeatures(names, List.copyOf(names));
  }

  @Test
  void walkForwardLayout_rollingWindowsTileTheTestPeriod() {
    List<WindowLayout> ws = pipeline.walkForwardLayout();
    int a = pipeline.firstWindowRow();
    assertThat(ws).hasSize(6); // (1416 - 480) / 168 = 5.57: five full test windows and a partial one
    for (WindowLayout w : ws) {
      assertThat(w.testFromRow()).isEqualTo(a + 480 + 168 * w.index());
      assertThat(w.trainFromRow()).isEqualTo(w.testFromRow() - 480);
      assertThat(w.trainToRow()).isEqualTo(w.testFromRow() - 24);
      assertThat(w.testToRow()).isEqualTo(Math.min(w.testFromRow() + 168, pipeline.data().rows()));
    }
    SolStrategyConfig anchored = cfg.withWalkForward(new SolStrategyConfig.WalkForwardSpec(20, 7, 14, 24, 0, true));
    List<WindowLayout> wa = SolPipeline.of(anchored, md).walkForwardLayout();
    assertThat(wa).extracting(WindowLayout::trainFromRow).containsOnly(a);
    assertThat(wa.get(1).testFromRow() - wa.get(0).testToRow()).as("step 14 days, test 7: a gap").isEqualTo(168);
  }

  @Test
  void walkForwardLayout_tooShort_namesTrainDays() {
    SolStrategyConfig c = cfg.withWalkForward(new SolStrategyConfig.WalkForwardSpec(60, 7, 7, 24, 0, false));
    assertThatThrownBy(() -> SolPipeline.of(c, md).walkForwardLayout())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("walk_forward.train_days"));
  }

  @Test
  void walkForward_probabilitiesOnlyInTestWindows_metricsAfterTheEmbargo() {
    double[] p = base.probability();
    List<WindowLayout> ws = pipeline.walkForwardLayout();
    int first = ws.get(0).testFromRow();
    assertThat(base.firstPredictedRow()).isEqualTo(first);
    for (int t = 0; t < p.length; t++) {
      if (t < first) {
        assertThat(p[t]).isNaN();
      } else {
        assertThat(p[t]).as("row %d", t).isBetween(0.0, 1.0);
      }
    }
    assertThat(base.windows()).hasSize(ws.size());
    int pooled = 0;
    for (SolPipeline.WindowResult r : base.windows()) {
      WindowLayout w = r.layout();
      assertThat(r.predictedRows()).isEqualTo(w.testToRow() - w.testFromRow());
      int labelled = 0;
      for (int t : pipeline.samples().rows()) {
        labelled += t >= w.testFromRow() + 6 && t < w.testToRow() ? 1 : 0;
      }
      assertThat(r.xgb().orElseThrow().support()).isEqualTo(labelled);
      assertThat(r.majority().orElseThrow().support()).isEqualTo(labelled);
      assertThat(r.fitSamples() + r.validationSamples() + 1).isLessThanOrEqualTo(480 - 24);
      assertThat(r.trainEnd()).isBefore(r.testStart());
      pooled += labelled;
    }
    assertThat(base.pooled().orElseThrow().support()).isEqualTo(pooled);
  }

  @Test
  void walkForward_sameDataTwice_isBitIdentical() {
    WalkForwardResult again = pipeline.walkForwardProbabilities(null);
    assertThat(again.probability()).containsExactly(base.probability());
  }

  @Test
  void walkForward_noLookAhead_perturbingAfterATestWindowKeepsItsPredictions() {
    List<WindowLayout> ws = pipeline.walkForwardLayout();
    int e = ws.get(2).testToRow();
    MarketData changed = perturb(md, e, md.rows(), 11);
    double[] p = SolPipeline.of(cfg, changed).walkForwardProbabilities(null).probability();
    double[] b = base.probability();
    assertThat(Arrays.copyOfRange(p, 0, e)).containsExactly(Arrays.copyOfRange(b, 0, e));
    assertThat(Arrays.equals(Arrays.copyOfRange(p, e, p.length), Arrays.copyOfRange(b, e, b.length)))
        .as("the perturbation does reach the later windows").isFalse();
  }

  @Test
  void walkForward_perturbingTheTrainWindowChangesThePredictions() {
    List<WindowLayout> ws = pipeline.walkForwardLayout();
    WindowLayout w = ws.get(2);
    MarketData changed = perturb(md, w.trainFromRow(), w.trainToRow(), 12);
    double[] p = SolPipeline.of(cfg, changed).walkForwardProbabilities(null).probability();
    double[] b = base.probability();
    assertThat(Arrays.equals(Arrays.copyOfRange(p, w.testFromRow(), w.testToRow()),
        Arrays.copyOfRange(b, w.testFromRow(), w.testToRow()))).isFalse();
  }

  /** SOL's closes and volumes in rows {@code [from, to)} scaled by {@code 1 + 2% x N(0,1)} (seeded). */
  private static MarketData perturb(MarketData d, int from, int to, long seed) {
    Random rnd = new Random(seed);
    int col = d.close().columnOf("SOL").orElseThrow();
    int rows = d.rows();
    double[] c = d.close().toColumnMajor();
    double[] v = d.volume().toColumnMajor();
    for (int t = from; t < to; t++) {
      c[col * rows + t] *= 1 + 0.02 * rnd.nextGaussian();
      v[col * rows + t] *= 1 + 0.5 * rnd.nextDouble();
    }
    Panel close = d.close().withValues(c);
    return new MarketData(d.open(), d.high(), d.low(), close, d.volume().withValues(v), d.funding());
  }

  @Test
  void sentiment_lexiconOnSmallFiles_isCausalAndDecayed() throws IOException {
    Path panic = tmp.resolve("panic.csv");
    Files.writeString(panic, "Time,Title,Source,Votes\n"
        + "Wed Jan 01 2025 06:30:00 GMT+0100 (CET),Solana rallies to a record high as demand surges,x.com,\n"
        + "Wed Jan 01 2025 07:00:00 GMT+0000 (UTC),Ethereum upgrade delayed again,x.com,\n"
        + "Wed Jan 01 2025 07:00:00 GMT+0000 (UTC),Solana plunge deepens after exchange hack,y.com,\n",
        StandardCharsets.UTF_8);
    long h = 3_600_000L;
    long t0 = Instant.parse("2025-01-01T01:00:00Z").toEpochMilli();
    long[] bars = new long[100];
    for (int i = 0; i < bars.length; i++) {
      bars[i] = t0 + i * h;
    }
    SentimentSpec spec = new SentimentSpec("lexicon", Optional.empty(), List.of(panic), 12, -0.7);
    SentimentResult r = SolPipeline.sentiment(spec, "SOL", bars);
    assertThat(r.scorerName()).isEqualTo("lexicon");
    assertThat(r.languageModel()).isFalse();
    assertThat(r.headlinesLoaded()).isEqualTo(3);
    assertThat(r.coinHeadlines()).isEqualTo(2);
    double s1;
    double s2;
    try (LexiconScorer lex = LexiconScorer.standard()) {
      s1 = lex.score("Solana rallies to a record high as demand surges").score();
      s2 = lex.score("Solana plunge deepens after exchange hack").score();
    }
    assertThat(s1).isPositive();
    assertThat(s2).isNegative();
    double[] v = r.values();
    // headline 1 at 05:30 UTC counts from the bar closing 06:00; headline 2 at 07:00 from the bar closing 08:00
    for (int i = 0; i <= 4; i++) {
      assertThat(v[i]).as("bar closing %s", Instant.ofEpochMilli(bars[i])).isNaN();
    }
    assertThat(v[5]).isCloseTo(s1, within(1e-12));
    assertThat(v[6]).isCloseTo(s1, within(1e-12));
    double w1 = Math.pow(2, -2.5 / 12);
    double w2 = Math.pow(2, -1.0 / 12);
    assertThat(v[7]).isCloseTo((s1 * w1 + s2 * w2) / (w1 + w2), within(1e-12));
    // more than 5 half-lives (60 h) after the last headline: no value
    assertThat(v[99]).isNaN();
  }

  @Test
  void sentiment_noFiles_allNaN_badFiles_dataErrors() throws IOException {
    long[] bars = {3_600_000L, 7_200_000L};
    SentimentResult none = SolPipeline.sentiment(SentimentSpec.DEFAULT, "SOL", bars);
    assertThat(none.scorerName()).isEqualTo("none");
    assertThat(none.values()).containsOnly(Double.NaN);
    Path odd = tmp.resolve("odd.csv");
    Files.writeString(odd, "when,what\n1,2\n", StandardCharsets.UTF_8);
    SentimentSpec bad = new SentimentSpec("lexicon", Optional.empty(), List.of(odd), 12, -0.7);
    assertThatThrownBy(() -> SolPipeline.sentiment(bad, "SOL", bars)).isInstanceOf(DataException.class)
        .hasMessageContaining("odd.csv").hasMessageContaining("unknown header");
    SentimentSpec missing = new SentimentSpec("lexicon", Optional.empty(), List.of(tmp.resolve("nope.csv")), 12,
        -0.7);
    assertThatThrownBy(() -> SolPipeline.sentiment(missing, "SOL", bars)).isInstanceOf(DataException.class)
        .hasMessageContaining("nope.csv");
    SentimentSpec real = new SentimentSpec("lexicon", Optional.empty(), List.of(odd), 12, -0.7);
    assertThatThrownBy(() -> SolPipeline.sentiment(real, "DOGE", bars)).isInstanceOfSatisfying(
        ConfigException.class, e -> assertThat(e.key()).isEqualTo("coin"));
  }
}
