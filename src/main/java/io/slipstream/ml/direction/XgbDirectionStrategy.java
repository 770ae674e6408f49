package io.slipstream.ml.direction;

import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.ml.FeatureBuilder;
import io.slipstream.ml.FeatureMatrix;
import io.slipstream.ml.model.Dataset;
import io.slipstream.ml.model.Labels;
import io.slipstream.ml.model.TrainedModel;
import io.slipstream.ml.model.XgbClassifier;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.strategy.BarContext;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.Strategy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code xgb_direction} strategy, fed bar by bar: an XGBoost classifier of the next {@code label_horizon_bars}
 * direction of one coin, refit on its schedule from what is visible at the decision, trading that coin alone.
 *
 * <p><b>Each bar</b> appends the coin's and BTC's OHLCV and funding to a history buffer (the features need both;
 * every other coin is ignored).
 *
 * <p><b>Refit</b> (at a close on the {@code retrain_every_hours} schedule, and at the first decision without a
 * model; never with {@code model_dir}): features {@link FeatureBuilder#build} over the whole visible history (causal
 * per row), labels {@link Labels#thresholdDirection} of the close {@code h} bars ahead, used only for rows
 * {@code i <= t - h} (the label's close is visible at t). Window: the last {@code train_bars} such rows (all with
 * {@code anchored}); its last {@code validation_fraction} are the early-stopping rows, the {@code purge_bars} before
 * them are dropped; incomplete rows are dropped (never zero-filled). No refit (the previous model stays) when either
 * part is empty or holds one class.
 *
 * <p><b>Decision</b> (close on the {@code decision_every_hours} schedule, once a model exists): probability
 * {@code p} of an up move from the features of the decision bar; signal {@code +1} if {@code p > upper}, {@code -1}
 * if {@code p < lower}, else 0 (flat); weight {@code signal x min(max_leverage, target_vol_annual / (ew_vol x
 * sqrt(bars per year)))} with {@code ew_vol} the features' EW volatility of log returns at that bar; an incomplete
 * feature row decides flat.
 *
 * <p>Difference from the SOL pipeline ({@code ml backtest}): no regime filter, news-sentiment block, stop-loss or
 * rebalance band; windows are re-fit on a fixed calendar schedule rather than the pipeline's walk-forward folds.
 */
public final class XgbDirectionStrategy implements Strategy, AutoCloseable {
  private static final List<String> SIGNALS = List.of("probability_up", "signal", "weight");
  private final XgbDirectionConfig config;
  private final List<String> coins;
  private final Requirements requirements;
  private final int coinCol;
  private final int btcCol;
  private final int[] cols;
  private final List<String> bufCoins;
  private double[][] buf = new double[6][];
  private int rows;
  private long firstOpenMs;
  private TrainedModel model;
  private final String volFeature;
  private double lastP = Double.NaN;
  private double lastSignal = Double.NaN;
  private double lastWeight = Double.NaN;

  /**
   * @param config parameters
   * @param coins the coins, in the column order of the contexts that will be fed
   * @throws ConfigException ({@code xgb_direction.coin}) when the coin, or BTC for the BTC features, is not among
   *     the coins
   */
  public XgbDirectionStrategy(XgbDirectionConfig config, List<String> coins) {
    this.config = config;
    this.coins = List.copyOf(coins);
    this.requirements = XgbDirectionSpec.requirementsOf(config);
    this.coinCol = this.coins.indexOf(config.coin());
    if (coinCol < 0) {
      throw new ConfigException(XgbDirectionSpec.NAME + ".coin", "\"" + config.coin() + "\" is not in the data ("
          + this.coins.size() + " coins)");
    }
    boolean btc = config.features().btcFeatures() && !config.coin().equals(FeatureBuilder.BTC);
    this.btcCol = btc ? this.coins.indexOf(FeatureBuilder.BTC) : -1;
    if (btc && btcCol < 0) {
      throw new ConfigException(XgbDirectionSpec.NAME + ".coin", "the BTC features need BTC in the data");
    }
    this.cols = btc ? new int[] {coinCol, btcCol} : new int[] {coinCol};
    this.bufCoins = btc ? List.of(config.coin(), FeatureBuilder.BTC) : List.of(config.coin());
    for (int k = 0; k < 6; k++) {
      buf[k] = new double[1024 * cols.length];
    }
    this.volFeature = "ew_vol_" + config.features().ewVolSpanBars();
    config.modelDir().ifPresent(dir -> model = XgbDirectionSpec.loadModel(dir, config));
  }

  @Override
  public String name() {
    return XgbDirectionSpec.NAME;
  }

  @Override
  public List<String> coins() {
    return coins;
  }

  @Override
  public Requirements requirements() {
    return requirements;
  }

  @Override
  public List<String> signalNames() {
    return SIGNALS;
  }

  /** @return {probability of an up move, signal (-1, 0, +1), target weight} at the last decision, for the coin */
  @Override
  public double[] signals(int coin) {
    return coin == coinCol ? new double[] {lastP, lastSignal, lastWeight}
        : new double[] {Double.NaN, Double.NaN, Double.NaN};
  }

  @Override
  public Optional<TargetWeights> onBar(BarContext bar) {
    append(bar);
    long closeMs = bar.closeTimeMs();
    boolean decide = requirements.isDecisionTime(closeMs);
    boolean refit = refitAt(closeMs, decide);
    if (!decide && !refit) {
      return Optional.empty();
    }
    FeatureMatrix fm = FeatureBuilder.build(visible(), config.coin(), config.features());
    double[] coinClose = new double[rows];
    for (int r = 0; r < rows; r++) {
      coinClose[r] = buf[3][r * cols.length];
    }
    return step(fm, coinClose, rows - 1, closeMs, decide, refit);
  }

  /**
   * One bar of the strategy over features and closes that may extend past it (the batch path computes them once
   * over the whole data; rows after {@code t} are never read).
   *
   * @param fm the coin's features, rows {@code >= t + 1}, row {@code t} = this bar
   * @param coinClose the coin's closes by row, same rows
   * @param t this bar's row
   * @param closeMs this bar's close time
   * @param decide whether this close is a decision time
   * @param refit whether the model is refit at this close
   * @return the targets at a decision with a model, else empty
   */
  Optional<TargetWeights> step(FeatureMatrix fm, double[] coinClose, int t, long closeMs, boolean decide,
      boolean refit) {
    if (refit) {
      fit(fm, coinClose, t);
    }
    if (!decide || model == null) {
      return Optional.empty();
    }
    double[] x = fm.row(t);
    double[] w = new double[coins.size()];
    lastP = Double.NaN;
    lastSignal = 0;
    if (Arrays.stream(x).allMatch(Double::isFinite)) {
      Dataset one = new Dataset(fm.names(), x, 1, new double[] {0}, new long[] {closeMs});
      lastP = model.predictProba(one)[0];
      lastSignal = lastP > config.upper() ? 1 : lastP < config.lower() ? -1 : 0;
      double vol = fm.get(t, fm.columnIndex(volFeature));
      double perYear = 365.0 * 24 / config.interval().hours();
      double size = Math.min(config.maxLeverage(), config.targetVolAnnual() / (vol * Math.sqrt(perYear)));
      w[coinCol] = lastSignal * size;
    }
    lastWeight = w[coinCol];
    return Optional.of(new TargetWeights(closeMs, coins, w, w[coinCol] > 0 ? 1 : 0, w[coinCol] < 0 ? 1 : 0));
  }

  /**
   * @param closeMs a bar's close time
   * @param decide whether it is a decision time
   * @return whether the model is refit at that close (its schedule, or the first decision without a model; never
   *     with a saved model)
   */
  boolean refitAt(long closeMs, boolean decide) {
    return config.modelDir().isEmpty() && (model == null && decide
        || Math.floorMod(closeMs, 3_600_000L) == 0
            && Math.floorMod(closeMs / 3_600_000L, (long) config.retrainEveryHours()) == 0);
  }

  private void fit(FeatureMatrix fm, double[] coinClose, int t) {
    int h = config.labelHorizonBars();
    int last = t - h;
    int first = config.anchored() ? 0 : Math.max(0, last - config.trainBars() + 1);
    if (last - first + 1 < 20) {
      return;
    }
    double[] y = Labels.thresholdDirection(coinClose, h, config.labelThresholdBps() / 1e4);
    int n = last - first + 1;
    int nValid = (int) Math.round(n * config.validationFraction());
    int validFrom = last - nValid + 1;
    int trainTo = validFrom - config.purgeBars() - 1;
    if (trainTo < first || nValid < 1) {
      return;
    }
    Optional<Dataset> train = dataset(fm, y, first, trainTo);
    Optional<Dataset> valid = dataset(fm, y, validFrom, last);
    if (train.isEmpty() || valid.isEmpty() || !bothClasses(train.get()) || !bothClasses(valid.get())) {
      return;
    }
    TrainedModel fresh = XgbClassifier.fit(train.get(), valid.get(), config.model());
    if (model != null) {
      model.close();
    }
    model = fresh;
  }

  private static Optional<Dataset> dataset(FeatureMatrix fm, double[] y, int from, int to) {
    int m = to - from + 1;
    int k = fm.columns();
    double[] x = new double[m * k];
    double[] yy = new double[m];
    long[] times = new long[m];
    boolean any = false;
    for (int i = 0; i < m; i++) {
      int r = from + i;
      boolean complete = y[r] == y[r];
      for (int j = 0; j < k; j++) {
        double v = fm.get(r, j);
        x[i * k + j] = v;
        complete &= v == v;
      }
      any |= complete;
      yy[i] = y[r];
      times[i] = fm.closeTimeMs(r);
    }
    if (!any) {
      return Optional.empty();
    }
    return Optional.of(Dataset.dropIncomplete(fm.names(), x, m, yy, times).dataset());
  }

  private static boolean bothClasses(Dataset d) {
    boolean up = false;
    boolean down = false;
    for (double v : d.y()) {
      up |= v == 1.0;
      down |= v == 0.0;
    }
    return up && down;
  }

  private void append(BarContext bar) {
    BarInterval iv = config.interval();
    if (rows == 0) {
      firstOpenMs = bar.closeTimeMs() - iv.millis();
    } else if (bar.closeTimeMs() != firstOpenMs + (rows + 1L) * iv.millis()) {
      throw new DataException("bars must come one interval apart: bar " + rows + " closes at "
          + bar.closeTimeMs());
    }
    int k = cols.length;
    if ((rows + 1) * k > buf[0].length) {
      for (int f = 0; f < 6; f++) {
        buf[f] = Arrays.copyOf(buf[f], buf[f].length * 2);
      }
    }
    double[][] src = {bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.funding()};
    for (int f = 0; f < 6; f++) {
      for (int j = 0; j < k; j++) {
        buf[f][rows * k + j] = src[f][cols[j]];
      }
    }
    rows++;
  }

  /** The history fed so far for the coin (and BTC), as panels; rows = bars, columns = {@code bufCoins}. */
  private MarketData visible() {
    int k = cols.length;
    Panel[] p = new Panel[6];
    for (int f = 0; f < 6; f++) {
      double[] cm = new double[rows * k];
      for (int t = 0; t < rows; t++) {
        for (int j = 0; j < k; j++) {
          cm[j * rows + t] = buf[f][t * k + j];
        }
      }
      p[f] = Panel.of(config.interval(), firstOpenMs, rows, bufCoins, cm);
    }
    return new MarketData(p[0], p[1], p[2], p[3], p[4], p[5]);
  }

  /** @return the traded coin's column */
  int coinColumn() {
    return coinCol;
  }

  /** Frees the native booster. */
  @Override
  public void close() {
    if (model != null) {
      model.close();
      model = null;
    }
  }
}
