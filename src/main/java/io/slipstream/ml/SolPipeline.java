package io.slipstream.ml;

import io.slipstream.core.Checks;
import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.ml.SolStrategyConfig.SentimentSpec;
import io.slipstream.ml.SolStrategyConfig.WalkForwardSpec;
import io.slipstream.ml.model.ClassificationMetrics;
import io.slipstream.ml.model.Dataset;
import io.slipstream.ml.model.Labels;
import io.slipstream.ml.model.LogisticRegression;
import io.slipstream.ml.model.LogisticRegressionConfig;
import io.slipstream.ml.model.MajorityClassifier;
import io.slipstream.ml.model.ProbabilisticClassifier;
import io.slipstream.ml.model.Splits;
import io.slipstream.ml.model.TrainedModel;
import io.slipstream.ml.model.XgbClassifier;
import io.slipstream.ml.news.CoinMapper;
import io.slipstream.ml.news.Headline;
import io.slipstream.ml.news.LoadReport;
import io.slipstream.ml.news.NewsLoadResult;
import io.slipstream.ml.news.NewsLoader;
import io.slipstream.ml.news.NewsSentiment;
import io.slipstream.ml.news.NewsSentimentConfig;
import io.slipstream.ml.news.SentimentSeries;
import io.slipstream.ml.nlp.DjlSentimentScorer;
import io.slipstream.ml.nlp.LexiconScorer;
import io.slipstream.ml.nlp.Sentiment;
import io.slipstream.ml.nlp.SentimentScorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The data-to-model pipeline of the SOL direction model ({@link SolStrategyConfig}): market data -> features
 * ({@link FeatureBuilder} for the coin) -> labels ({@link Labels#nextDirection}, or
 * {@link Labels#thresholdDirection} with a dead zone, {@code h = label.horizon_bars} bars ahead) -> explicit removal
 * of incomplete rows (counted) -> {@link Dataset}; then either one time-ordered holdout fit ({@link #train()}) or
 * walk-forward retraining that stitches one out-of-sample probability series ({@link #walkForwardProbabilities}).
 *
 * <p><b>Rows and window.</b> The market data is first cut after the last bar that closes at or before the config's
 * {@code end}, so nothing later is ever read. Row {@code t} of every array here is row {@code t} of that data's grid
 * (bars by open time; a row's time is its bar's close). The research window is the rows whose close lies in
 * {@code (start, end]}; features warm up on all rows before it. A <em>sample</em> is a window row whose features are
 * all valid and whose label is known (not NaN: the last {@code h} rows, an unchanged close, a move inside the dead
 * zone, a missing price); the other window rows are dropped and counted ({@link Samples}), never zero-filled.
 *
 * <p><b>Holdout</b> ({@link #holdout()}): samples {@code [0, n_train)} train and {@code [n_train, n)} test, with
 * {@code n_train = floor(n x train_fraction)}; the last {@code h} training samples are purged (their labels would
 * look into the test block; {@link Splits#trainTest(int, double, int)}). Inside the training part the last
 * {@code round(m x validation_fraction)} samples are the early-stopping validation fold and the {@code h} samples
 * before it are purged from the fitting part. Purging by samples removes at least the {@code h} bars needed (samples
 * are a subset of bars).
 *
 * <p><b>Baselines</b>: {@link MajorityClassifier} and L2 {@link LogisticRegression} ({@code lambda = 1},
 * {@link LogisticRegressionConfig#DEFAULT}) are fitted on all training samples (fit and validation folds: they tune
 * nothing on the validation fold); XGBoost fits on the fit fold and early-stops on the validation fold.
 *
 * <p><b>Walk-forward</b> ({@link #walkForwardLayout()}): with {@code a} the first window row with complete features,
 * {@code T, S, P} the train, test and step lengths in bars ({@code days x 24 / interval hours}) and {@code p} the
 * purge, test window {@code k} covers rows {@code [s_k, min(s_k + S, rows))}, {@code s_k = a + T + k P}, as long as
 * {@code s_k < rows}; its training samples are those in rows {@code [s_k - T, s_k - p)} (rolling) or
 * {@code [a, s_k - p)} (anchored). Since {@code p >= h}, every training label is known by the close of row
 * {@code s_k - 1}, before the first test decision: no look-ahead. The model of window {@code k} predicts every
 * row of its test window with complete features (labels are not needed to predict); the stitched series is NaN
 * where no model covers a row (before the first test window, between windows when {@code step > test}, and rows
 * with incomplete features). The window's metrics use its labelled test samples except the first
 * {@code embargo_bars} rows of the window (features over trailing windows make them serially correlated with the
 * last training samples; López de Prado, <i>Advances in Financial Machine Learning</i>, 2018, ch. 7.4.2, adapted
 * to a forward-only walk: they are predicted and traded, only left out of the metrics).
 *
 * <p>Reproducibility: XGBoost with the config's seed and {@code nthread} gives bit-identical probabilities on the
 * same data. Thread-safety: an instance is immutable; {@link #train()} and {@link #walkForwardProbabilities} may
 * run concurrently.
 */
public final class SolPipeline {
  private final SolStrategyConfig config;
  private final MarketData data;
  private final int coinColumn;
  private final FeatureMatrix features;
  private final double[] labels;
  private final int firstWindowRow;
  private final Samples samples;

  private SolPipeline(SolStrategyConfig config, MarketData data, int coinColumn, FeatureMatrix features,
      double[] labels, int firstWindowRow, Samples samples) {
    this.config = config;
    this.data = data;
    this.coinColumn = coinColumn;
    this.features = features;
    this.labels = labels;
    this.firstWindowRow = firstWindowRow;
    this.samples = samples;
  }

  /**
   * The samples of the research window, with the accounting of the rows dropped.
   *
   * @param dataset the complete samples in time order (features of {@link FeatureConfig#featureNames()}, labels 0
   *     or 1, times = bar close times)
   * @param rows for sample {@code i}, its row in the data grid (strictly increasing); copied in and out
   * @param windowRows rows in the research window
   * @param incompleteFeatureRows window rows dropped because a feature is NaN (warm-up, missing bars)
   * @param unknownLabelRows window rows with complete features dropped because the label is NaN
   */
  public record Samples(Dataset dataset, int[] rows, int windowRows, int incompleteFeatureRows,
      int unknownLabelRows) {
    /** @throws IllegalArgumentException when the counts do not add up */
    public Samples {
      Checks.notNull(dataset, "dataset");
      rows = Checks.notNull(rows, "rows").clone();
      Checks.sameLength(rows.length, dataset.rows(), "rows");
      if (windowRows != rows.length + incompleteFeatureRows + unknownLabelRows) {
        throw new IllegalArgumentException("window rows " + windowRows + " != samples " + rows.length
            + " + incomplete features " + incompleteFeatureRows + " + unknown labels " + unknownLabelRows);
      }
    }

    /** @return a copy of the data-grid row of every sample */
    @Override
    public int[] rows() {
      return rows.clone();
    }

    /** @return the number of window rows dropped ({@code incompleteFeatureRows + unknownLabelRows}) */
    public int droppedRows() {
      return incompleteFeatureRows + unknownLabelRows;
    }
  }

  /**
   * The time-ordered holdout.
   *
   * @param fit the samples XGBoost fits on
   * @param validation the early-stopping fold (the last training samples)
   * @param test the test block (the last {@code 1 - train_fraction} of the samples)
   * @param purgedSamples samples removed between the parts ({@code 2h})
   */
  public record Holdout(Dataset fit, Dataset validation, Dataset test, int purgedSamples) {
    /** @throws IllegalArgumentException if a part is null */
    public Holdout {
      Checks.notNull(fit, "fit");
      Checks.notNull(validation, "validation");
      Checks.notNull(test, "test");
    }

    /** @return all training samples: the fit fold followed by the validation fold */
    public Dataset train() {
      return concat(fit, validation);
    }
  }

  /**
   * What {@link #train()} produced: the XGBoost model (close it) and the test-block metrics of it and the baselines.
   *
   * @param model the fitted model (feature list and training window inside)
   * @param holdout the split used
   * @param xgb XGBoost's test metrics
   * @param majority the majority-class baseline's test metrics
   * @param logistic the logistic-regression baseline's test metrics
   * @param importance gain importance per feature, descending (ties by name)
   * @param xgbSeconds wall time of the XGBoost fit, seconds
   */
  public record TrainResult(TrainedModel model, Holdout holdout, ClassificationMetrics xgb,
      ClassificationMetrics majority, ClassificationMetrics logistic, Map<String, Double> importance,
      double xgbSeconds) {
  }

  /**
   * What {@link #evaluate} produced.
   *
   * @param holdout the split (the model is scored on its test block)
   * @param model the given model's test metrics
   * @param majority the majority baseline refitted on the training samples
   * @param logistic the logistic baseline refitted on the training samples
   * @param modelSawTestPeriod true when the model's training window ends at or after the first test sample: its
   *     test metrics are then in-sample and must not be trusted
   */
  public record Evaluation(Holdout holdout, ClassificationMetrics model, ClassificationMetrics majority,
      ClassificationMetrics logistic, boolean modelSawTestPeriod) {
  }

  /**
   * One walk-forward window in rows of the data grid (half-open ranges).
   *
   * @param index 0-based window number
   * @param trainFromRow first row whose samples may train
   * @param trainToRow rows before this train ({@code = testFromRow - purge})
   * @param testFromRow first test row
   * @param testToRow one past the last test row
   */
  public record WindowLayout(int index, int trainFromRow, int trainToRow, int testFromRow, int testToRow) {
  }

  /**
   * The outcome of one walk-forward window.
   *
   * @param layout the rows
   * @param trainStart close time of the first training sample
   * @param trainEnd close time of the last training sample
   * @param testStart close time of the first test row
   * @param testEnd close time of the last test row
   * @param fitSamples samples XGBoost fitted on
   * @param validationSamples early-stopping samples
   * @param predictedRows test rows given a probability
   * @param bestIteration XGBoost's best round (0-based)
   * @param xgb metrics over the labelled test samples after the embargo; empty when there are none
   * @param majority the majority baseline over the same samples
   * @param logistic the logistic baseline over the same samples
   * @param seconds wall time of the window (fits and predictions)
   */
  public record WindowResult(WindowLayout layout, Instant trainStart, Instant trainEnd, Instant testStart,
      Instant testEnd, int fitSamples, int validationSamples, int predictedRows, int bestIteration,
      Optional<ClassificationMetrics> xgb, Optional<ClassificationMetrics> majority,
      Optional<ClassificationMetrics> logistic, double seconds) {
  }

  /**
   * The stitched out-of-sample probabilities.
   *
   * @param probability per data row, the probability of an up move from the model of the window covering it; NaN
   *     where none does. Copied in and out.
   * @param windows per window
   * @param pooled XGBoost metrics over all windows' metric samples together; empty when there are none
   */
  public record WalkForwardResult(double[] probability, List<WindowResult> windows,
      Optional<ClassificationMetrics> pooled) {
    /** Copies. */
    public WalkForwardResult {
      probability = probability.clone();
      windows = List.copyOf(windows);
    }

    /** @return a copy of the probabilities */
    @Override
    public double[] probability() {
      return probability.clone();
    }

    /** @return the first row with a probability */
    public int firstPredictedRow() {
      for (int t = 0; t < probability.length; t++) {
        if (probability[t] == probability[t]) {
          return t;
        }
      }
      throw new IllegalStateException("no row has a probability");
    }
  }

  /**
   * The per-bar news sentiment of the coin.
   *
   * @param values per data row, in {@code [-1, 1]}, NaN = no recent news; copied in and out
   * @param scorerName {@code "lexicon"}, a DJL scorer name, or {@code "none"} when no news file is configured
   * @param languageModel true when a language model scored the headlines, false for the lexicon fallback or none
   * @param headlinesLoaded headlines kept from all files after de-duplication
   * @param coinHeadlines headlines that mention the coin ({@link CoinMapper#DEFAULT})
   * @param reports the load report of every file
   * @param crossFileDuplicates headlines dropped as duplicates across files
   */
  public record SentimentResult(double[] values, String scorerName, boolean languageModel, int headlinesLoaded,
      int coinHeadlines, List<LoadReport> reports, int crossFileDuplicates) {
    /** Copies. */
    public SentimentResult {
      values = values.clone();
      reports = List.copyOf(reports);
    }

    /** @return a copy of the values */
    @Override
    public double[] values() {
      return values.clone();
    }

    /** @return the number of rows with a value (not NaN) */
    public int barsWithValue() {
      int n = 0;
      for (double v : values) {
        if (v == v) {
          n++;
        }
      }
      return n;
    }
  }

  /**
   * Builds features, labels and samples.
   *
   * @param config the configuration
   * @param data market data of {@code config.interval()} with funding (the funding features need it), all coins
   * @return the pipeline
   * @throws ConfigException ({@code interval}, {@code coin}, {@code start}, {@code end}) when the data's interval
   *     differs, the coin (or BTC for the BTC features) is not in the data, or the window holds no bar
   * @throws DataException when a close is not positive, or the window has no complete sample
   */
  public static SolPipeline of(SolStrategyConfig config, MarketData data) {
    Checks.notNull(config, "config");
    Checks.notNull(data, "data");
    if (data.interval() != config.interval()) {
      throw new ConfigException("interval", "the config asks for " + config.interval().label() + " bars, the data has "
          + data.interval().label());
    }
    OptionalInt col = data.close().columnOf(config.coin());
    if (col.isEmpty()) {
      throw new ConfigException("coin", "\"" + config.coin() + "\" is not in the market data (" + data.coins().size()
          + " coins)");
    }
    if (config.features().btcFeatures() && data.close().columnOf(FeatureBuilder.BTC).isEmpty()) {
      throw new ConfigException("features.btc_features", "BTC is not in the market data; set it to false");
    }
    Panel close = data.close();
    int rows = close.rows();
    int last = rows - 1;
    if (config.end().isPresent()) {
      last = close.lastRowClosedBy(config.end().get().toEpochMilli());
      if (last < 0) {
        throw new ConfigException("end", config.end().get() + " is before the first bar's close "
            + close.closeTime(0));
      }
    }
    MarketData cut = last == rows - 1 ? data : data.sliceRows(0, last + 1);
    int first = 0;
    if (config.start().isPresent()) {
      first = cut.close().lastRowClosedBy(config.start().get().toEpochMilli()) + 1;
      if (first > last) {
        throw new ConfigException("start", "no bar closes in (" + config.start().get() + ", "
            + cut.close().closeTime(last) + "]");
      }
    }
    FeatureMatrix fm = FeatureBuilder.build(cut, config.coin(), config.features());
    double[] c = cut.close().column(col.getAsInt());
    double[] y = config.label().thresholdBps() == 0 ? Labels.nextDirection(c, config.label().horizonBars())
        : Labels.thresholdDirection(c, config.label().horizonBars(), config.label().thresholdFraction());
    Samples s = samples(fm, y, first, last + 1, config.coin());
    return new SolPipeline(config, cut, col.getAsInt(), fm, y, first, s);
  }

  private static Samples samples(FeatureMatrix fm, double[] y, int from, int to, String coin) {
    int cols = fm.columns();
    int[] rows = new int[to - from];
    int n = 0;
    int incomplete = 0;
    int unknown = 0;
    for (int t = from; t < to; t++) {
      boolean ok = true;
      for (int j = 0; j < cols && ok; j++) {
        ok = fm.get(t, j) == fm.get(t, j);
      }
      if (!ok) {
        incomplete++;
      } else if (y[t] != y[t]) {
        unknown++;
      } else {
        rows[n++] = t;
      }
    }
    if (n == 0) {
      throw new DataException("no complete sample of " + coin + " in the research window: " + (to - from)
          + " rows, " + incomplete + " with a NaN feature (warm-up " + " or missing bars), " + unknown
          + " with an unknown label");
    }
    rows = Arrays.copyOf(rows, n);
    return new Samples(dataset(fm, rows, y), rows, to - from, incomplete, unknown);
  }

  /** The rows' features, labels (NaN labels replaced by 0 when {@code y} is null) and close times. */
  private static Dataset dataset(FeatureMatrix fm, int[] rows, double[] y) {
    int cols = fm.columns();
    double[] x = new double[rows.length * cols];
    double[] ys = new double[rows.length];
    long[] times = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      int t = rows[i];
      for (int j = 0; j < cols; j++) {
        x[i * cols + j] = fm.get(t, j);
      }
      ys[i] = y == null ? 0.0 : y[t];
      times[i] = fm.closeTimeMs(t);
    }
    return new Dataset(fm.names(), x, rows.length, ys, times);
  }

  /** @return the configuration */
  public SolStrategyConfig config() {
    return config;
  }

  /** @return the market data, cut after the config's {@code end} (all coins; rows = the grid of every array here) */
  public MarketData data() {
    return data;
  }

  /** @return the coin's column in {@link #data()} */
  public int coinColumn() {
    return coinColumn;
  }

  /** @return the feature matrix of the coin, one row per data row */
  public FeatureMatrix features() {
    return features;
  }

  /** @return a copy of the labels per data row (1 up, 0 down, NaN unknown or ignored) */
  public double[] labels() {
    return labels.clone();
  }

  /** @return the first data row of the research window */
  public int firstWindowRow() {
    return firstWindowRow;
  }

  /** @return the samples of the research window */
  public Samples samples() {
    return samples;
  }

  /**
   * The holdout of the class comment.
   *
   * @return the fit, validation and test parts
   * @throws DataException when a part would be empty (too few samples for the fractions and the purge)
   */
  public Holdout holdout() {
    int n = samples.dataset().rows();
    int h = config.label().horizonBars();
    Splits.Split split;
    try {
      split = Splits.trainTest(n, config.split().trainFraction(), h);
    } catch (IllegalArgumentException e) {
      throw new DataException("too few samples for the holdout: " + e.getMessage());
    }
    int[] train = split.trainIdx();
    int[][] inner = innerSplit(train.length, "holdout");
    Dataset all = samples.dataset();
    Dataset fit = all.select(shift(inner[0], train[0]));
    Dataset val = all.select(shift(inner[1], train[0]));
    return new Holdout(fit, val, all.select(split.testIdx()), 2 * h);
  }

  /** Fit and validation indices {@code [0, m)}: validation = the last {@code round(m vf)}, purge {@code h}. */
  private int[][] innerSplit(int m, String what) {
    int h = config.label().horizonBars();
    int nVal = (int) Math.max(1, Math.round(m * config.split().validationFraction()));
    int fitEnd = m - nVal - h;
    if (fitEnd < 1) {
      throw new DataException("too few training samples in the " + what + ": " + m + " leave no fit fold after "
          + nVal + " validation samples and a purge of " + h);
    }
    int[] fit = new int[fitEnd];
    for (int i = 0; i < fitEnd; i++) {
      fit[i] = i;
    }
    int[] val = new int[nVal];
    for (int i = 0; i < nVal; i++) {
      val[i] = m - nVal + i;
    }
    return new int[][] {fit, val};
  }

  private static int[] shift(int[] idx, int by) {
    int[] out = idx.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += by;
    }
    return out;
  }

  /**
   * Fits XGBoost (early stopping on the validation fold) and the two baselines on the holdout's training part and
   * scores all three on its test block.
   *
   * @return the model, the metrics and the gain importance
   * @throws DataException when the holdout cannot be formed
   * @throws IllegalArgumentException when the training labels hold one class only
   * @throws IllegalStateException when XGBoost fails
   */
  public TrainResult train() {
    Holdout ho = holdout();
    long t0 = System.nanoTime();
    TrainedModel model = XgbClassifier.fit(ho.fit(), ho.validation(), config.model());
    double seconds = (System.nanoTime() - t0) / 1e9;
    try {
      Dataset train = ho.train();
      double[] y = ho.test().y();
      ClassificationMetrics xgb = ClassificationMetrics.of(y, model.predictProba(ho.test()));
      ClassificationMetrics maj = ClassificationMetrics.of(y, MajorityClassifier.fit(train).predictProba(ho.test()));
      ClassificationMetrics lr = ClassificationMetrics.of(y,
          LogisticRegression.fit(train, LogisticRegressionConfig.DEFAULT).predictProba(ho.test()));
      return new TrainResult(model, ho, xgb, maj, lr, sortedImportance(model.gainImportance()), seconds);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Scores a saved model on the holdout's test block (with the baselines refitted for comparison).
   *
   * @param model a model whose feature list must equal the config's, in order
   * @return the metrics
   * @throws ConfigException ({@code features}) naming the first position where the model's feature list and the
   *     config's differ and both names there
   */
  public Evaluation evaluate(ProbabilisticClassifier model) {
    Checks.notNull(model, "model");
    requireSameFeatures(model.featureNames(), features.names());
    Holdout ho = holdout();
    double[] y = ho.test().y();
    Dataset train = ho.train();
    ClassificationMetrics m = ClassificationMetrics.of(y, model.predictProba(ho.test()));
    ClassificationMetrics maj = ClassificationMetrics.of(y, MajorityClassifier.fit(train).predictProba(ho.test()));
    ClassificationMetrics lr = ClassificationMetrics.of(y,
        LogisticRegression.fit(train, LogisticRegressionConfig.DEFAULT).predictProba(ho.test()));
    boolean saw = model instanceof TrainedModel tm && !tm.trainEnd().isBefore(Instant.ofEpochMilli(ho.test().timeMs(0)));
    return new Evaluation(ho, m, maj, lr, saw);
  }

  /**
   * @param modelFeatures the model's feature names, in order
   * @param configFeatures the names the config builds, in order
   * @throws ConfigException ({@code features}) naming the first differing position and both names there
   */
  public static void requireSameFeatures(List<String> modelFeatures, List<String> configFeatures) {
    if (modelFeatures.equals(configFeatures)) {
      return;
    }
    int n = Math.max(modelFeatures.size(), configFeatures.size());
    for (int i = 0; i < n; i++) {
      String m = i < modelFeatures.size() ? "'" + modelFeatures.get(i) + "'" : "<none>";
      String c = i < configFeatures.size() ? "'" + configFeatures.get(i) + "'" : "<none>";
      if (!m.equals(c)) {
        throw new ConfigException("features", "the model was trained on " + modelFeatures.size()
            + " features, the config builds " + configFeatures.size() + "; first difference at position " + i
            + ": model " + m + ", config " + c);
      }
    }
  }

  private static Map<String, Double> sortedImportance(Map<String, Double> raw) {
    List<Map.Entry<String, Double>> e = new ArrayList<>(raw.entrySet());
    e.sort((a, b) -> {
      int c = Double.compare(b.getValue(), a.getValue());
      return c != 0 ? c : a.getKey().compareTo(b.getKey());
    });
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Double> x : e) {
      out.put(x.getKey(), x.getValue());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * The walk-forward windows of the class comment.
   *
   * @return the windows, in time order (at least one)
   * @throws ConfigException ({@code walk_forward.train_days}) when the window is too short for one test window
   */
  public List<WindowLayout> walkForwardLayout() {
    WalkForwardSpec w = config.walkForward();
    int rows = data.rows();
    // the first window row with complete features (it may precede the first sample: its label may be unknown);
    // one exists because there is at least one sample
    int a = firstWindowRow;
    while (!completeFeatures(a)) {
      a++;
    }
    int trainBars = WalkForwardSpec.bars(w.trainDays(), config.interval());
    int testBars = WalkForwardSpec.bars(w.testDays(), config.interval());
    int stepBars = WalkForwardSpec.bars(w.stepDays(), config.interval());
    List<WindowLayout> out = new ArrayList<>();
    for (int k = 0;; k++) {
      long s = (long) a + trainBars + (long) k * stepBars;
      if (s >= rows) {
        break;
      }
      int from = w.anchored() ? a : (int) s - trainBars;
      out.add(new WindowLayout(k, from, (int) s - w.purgeBars(), (int) s, (int) Math.min(s + testBars, rows)));
    }
    if (out.isEmpty()) {
      throw new ConfigException("walk_forward.train_days", w.trainDays() + " days (" + trainBars + " bars) leave no "
          + "test window: the research window has " + (rows - a) + " bars after the feature warm-up (first complete "
          + "row closes " + data.close().closeTime(a) + ")");
    }
    return List.copyOf(out);
  }

  private boolean completeFeatures(int t) {
    for (int j = 0; j < features.columns(); j++) {
      if (features.get(t, j) != features.get(t, j)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Walk-forward retraining (class comment): one XGBoost model per window, fitted on the window's training samples
   * (its last {@code validation_fraction} for early stopping), predicting the window's test rows.
   *
   * @param progress told each window's result as it finishes (may be null)
   * @return the stitched probabilities and the per-window metrics
   * @throws ConfigException when no window fits (see {@link #walkForwardLayout()})
   * @throws DataException when a window has too few training samples
   * @throws IllegalArgumentException when a window's training labels hold one class only
   */
  public WalkForwardResult walkForwardProbabilities(Consumer<WindowResult> progress) {
    List<WindowLayout> layout = walkForwardLayout();
    double[] prob = new double[data.rows()];
    Arrays.fill(prob, Double.NaN);
    List<WindowResult> results = new ArrayList<>();
    List<Double> pooledY = new ArrayList<>();
    List<Double> pooledP = new ArrayList<>();
    Dataset all = samples.dataset();
    int[] sRows = samples.rows;
    int embargo = config.walkForward().embargoBars();
    for (WindowLayout w : layout) {
      long t0 = System.nanoTime();
      int lo = lowerBound(sRows, w.trainFromRow());
      int hi = lowerBound(sRows, w.trainToRow());
      if (hi - lo < 2) {
        throw new DataException("walk-forward window " + w.index() + " (test from " + data.close().closeTime(
            w.testFromRow()) + ") has " + (hi - lo) + " training samples");
      }
      int[][] inner = innerSplit(hi - lo, "walk-forward window " + w.index());
      Dataset fit = all.select(shift(inner[0], lo));
      Dataset val = all.select(shift(inner[1], lo));
      Dataset train = concat(fit, val);
      int[] predRows = completeRows(w.testFromRow(), w.testToRow());
      int bestIteration = -1;
      Optional<ClassificationMetrics> mx = Optional.empty();
      Optional<ClassificationMetrics> mm = Optional.empty();
      Optional<ClassificationMetrics> ml = Optional.empty();
      try (TrainedModel model = XgbClassifier.fit(fit, val, config.model())) {
        bestIteration = model.bestIteration();
        if (predRows.length > 0) {
          double[] p = model.predictProba(dataset(features, predRows, null));
          for (int i = 0; i < predRows.length; i++) {
            prob[predRows[i]] = p[i];
          }
        }
        int mlo = lowerBound(sRows, w.testFromRow() + embargo);
        int mhi = lowerBound(sRows, w.testToRow());
        if (mhi > mlo) {
          int[] idx = new int[mhi - mlo];
          for (int i = 0; i < idx.length; i++) {
            idx[i] = mlo + i;
          }
          Dataset test = all.select(idx);
          double[] y = test.y();
          double[] p = new double[idx.length];
          for (int i = 0; i < idx.length; i++) {
            p[i] = prob[sRows[idx[i]]];
            pooledY.add(y[i]);
            pooledP.add(p[i]);
          }
          mx = Optional.of(ClassificationMetrics.of(y, p));
          mm = Optional.of(ClassificationMetrics.of(y, MajorityClassifier.fit(train).predictProba(test)));
          ml = Optional.of(ClassificationMetrics.of(y,
              LogisticRegression.fit(train, LogisticRegressionConfig.DEFAULT).predictProba(test)));
        }
      }
      WindowResult r = new WindowResult(w, Instant.ofEpochMilli(train.timeMs(0)),
          Instant.ofEpochMilli(train.timeMs(train.rows() - 1)), data.close().closeTime(w.testFromRow()),
          data.close().closeTime(w.testToRow() - 1), fit.rows(), val.rows(), predRows.length, bestIteration, mx, mm,
          ml, (System.nanoTime() - t0) / 1e9);
      results.add(r);
      if (progress != null) {
        progress.accept(r);
      }
    }
    Optional<ClassificationMetrics> pooled = Optional.empty();
    if (!pooledY.isEmpty()) {
      pooled = Optional.of(ClassificationMetrics.of(pooledY.stream().mapToDouble(Double::doubleValue).toArray(),
          pooledP.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return new WalkForwardResult(prob, results, pooled);
  }

  private int[] completeRows(int from, int to) {
    int[] out = new int[Math.max(0, to - from)];
    int n = 0;
    for (int t = from; t < to; t++) {
      if (completeFeatures(t)) {
        out[n++] = t;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** @return the first index {@code i} with {@code a[i] >= key} ({@code a} ascending) */
  private static int lowerBound(int[] a, int key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static Dataset concat(Dataset a, Dataset b) {
    int cols = a.cols();
    double[] x = new double[(a.rows() + b.rows()) * cols];
    System.arraycopy(a.xRowMajor(), 0, x, 0, a.rows() * cols);
    System.arraycopy(b.xRowMajor(), 0, x, a.rows() * cols, b.rows() * cols);
    double[] y = new double[a.rows() + b.rows()];
    System.arraycopy(a.y(), 0, y, 0, a.rows());
    System.arraycopy(b.y(), 0, y, a.rows(), b.rows());
    long[] t = new long[a.rows() + b.rows()];
    System.arraycopy(a.timesMs(), 0, t, 0, a.rows());
    System.arraycopy(b.timesMs(), 0, t, a.rows(), b.rows());
    return new Dataset(a.featureNames(), x, a.rows() + b.rows(), y, t);
  }

  /**
   * The coin's news sentiment on this pipeline's rows ({@link #sentiment(SentimentSpec, String, long[])}).
   *
   * @return the sentiment per data row
   */
  public SentimentResult sentiment() {
    long[] closes = new long[data.rows()];
    for (int t = 0; t < closes.length; t++) {
      closes[t] = data.close().closeTimeMs(t);
    }
    return sentiment(config.sentiment(), config.coin(), closes);
  }

  /**
   * The news pipeline for one coin: loads every news file (format recognised by its header: cryptopanic
   * {@code Time,Title,...} or cryptonews {@code date;...}; {@link NewsLoader}), de-duplicates across files, keeps the
   * headlines that mention the coin ({@link CoinMapper#DEFAULT}), scores their titles with the configured scorer
   * ({@link LexiconScorer#standard()} or {@link DjlSentimentScorer#load(Path)}; score
   * {@code p_positive - p_negative} in {@code [-1, 1]}) and aggregates them causally to the bar closes with the
   * configured half-life ({@link NewsSentiment}; a headline counts from the first bar that closes strictly after
   * it). Without news files every value is NaN and the scorer name is {@code "none"}.
   *
   * @param spec the sentiment settings
   * @param coin the coin
   * @param barCloseMs bar close times, epoch ms UTC, equally spaced, at least 2. Not modified.
   * @return the per-bar sentiment
   * @throws ConfigException ({@code coin}) when news files are given but the coin has no keyword mapping
   * @throws DataException naming the file when a news file is missing, unreadable, of an unknown format or malformed,
   *     or when the FinBERT model directory cannot be loaded
   */
  public static SentimentResult sentiment(SentimentSpec spec, String coin, long[] barCloseMs) {
    Checks.notNull(spec, "spec");
    Checks.notNull(coin, "coin");
    Checks.notNull(barCloseMs, "barCloseMs");
    double[] nan = new double[barCloseMs.length];
    Arrays.fill(nan, Double.NaN);
    if (spec.newsFiles().isEmpty()) {
      return new SentimentResult(nan, "none", false, 0, 0, List.of(), 0);
    }
    if (!CoinMapper.DEFAULT.terms().containsKey(coin)) {
      throw new ConfigException("coin", "\"" + coin + "\" has no news keyword mapping (mapped: "
          + CoinMapper.DEFAULT.terms().keySet() + "); leave sentiment.news_files empty for it");
    }
    List<Headline> all = new ArrayList<>();
    List<LoadReport> reports = new ArrayList<>();
    for (Path f : spec.newsFiles()) {
      NewsLoadResult r = loadNews(f);
      all.addAll(r.headlines());
      reports.add(r.report());
    }
    Map<LoadReport.SkipReason, Integer> dup = new EnumMap<>(LoadReport.SkipReason.class);
    List<Headline> kept = NewsLoader.deduplicate(all, dup);
    int crossDup = dup.values().stream().mapToInt(Integer::intValue).sum();
    List<Headline> mine = CoinMapper.DEFAULT.filter(kept, coin);
    try (SentimentScorer scorer = spec.scorer().equals(SentimentSpec.FINBERT)
        ? DjlSentimentScorer.load(spec.modelDir().orElseThrow()) : LexiconScorer.standard()) {
      double[] scores = NewsSentiment.score(mine, titles -> {
        List<Sentiment> s = scorer.score(titles);
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = s.get(i).score();
        }
        return out;
      });
      long[] times = new long[mine.size()];
      for (int i = 0; i < times.length; i++) {
        times[i] = mine.get(i).timeMs();
      }
      SentimentSeries series = NewsSentiment.aggregate(barCloseMs, times, scores,
          NewsSentimentConfig.of(spec.halfLifeHours()));
      return new SentimentResult(series.values(), scorer.name(), scorer.isLanguageModel(), kept.size(), mine.size(),
          reports, crossDup);
    }
  }

  /**
   * Loads a headline file, choosing the loader by its header line.
   *
   * @param file a cryptopanic ({@code Time,Title,Source,...}) or cryptonews ({@code date;...}) CSV file
   * @return the headlines and the load report
   * @throws DataException naming the file when it is missing, unreadable, of an unknown format or malformed
   */
  public static NewsLoadResult loadNews(Path file) {
    Checks.notNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new DataException("news file " + file + " does not exist");
    }
    String header;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      header = r.readLine();
    } catch (IOException e) {
      throw new DataException("cannot read news file " + file + ": " + e.getMessage(), e);
    }
    if (header == null) {
      throw new DataException("news file " + file + " is empty");
    }
    if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
      header = header.substring(1);
    }
    if (header.startsWith("Time,")) {
      return NewsLoader.loadCryptoPanic(file);
    }
    if (header.startsWith("date;")) {
      return NewsLoader.loadCryptoNews(file);
    }
    throw new DataException("news file " + file + " has an unknown header '" + (header.length() > 60
        ? header.substring(0, 60) + "..." : header) + "': expected cryptopanic ('Time,Title,Source,...') or "
        + "cryptonews ('date;sentiment;source;...')");
  }
}
