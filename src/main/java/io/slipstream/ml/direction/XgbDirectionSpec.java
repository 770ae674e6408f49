package io.slipstream.ml.direction;

import static io.slipstream.core.ConfigNodes.bool;
import static io.slipstream.core.ConfigNodes.checkKeys;
import static io.slipstream.core.ConfigNodes.nonNegative;
import static io.slipstream.core.ConfigNodes.number;
import static io.slipstream.core.ConfigNodes.positive;
import static io.slipstream.core.ConfigNodes.positiveInt;
import static io.slipstream.core.ConfigNodes.required;
import static io.slipstream.core.ConfigNodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.MarketData;
import io.slipstream.ml.FeatureBuilder;
import io.slipstream.ml.FeatureMatrix;
import io.slipstream.ml.SolStrategyConfig;
import io.slipstream.ml.model.TrainedModel;
import io.slipstream.ml.model.XgbParams;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.strategy.Requirements;
import io.slipstream.strategy.SignalCache;
import io.slipstream.strategy.Strategy;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.StrategySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code xgb_direction} strategy's spec, contributed by the {@code ml} package through the same provider file
 * as every strategy (nothing below {@code ml} imports it). Keys in the {@code "xgb_direction"} section (see
 * {@link XgbDirectionConfig}); {@code model} takes the XGBoost keys of the SOL config
 * ({@link SolStrategyConfig#parseModel}), {@code model_dir} is optional. Reads closes, volumes and funding (the
 * features' funding terms).
 */
public final class XgbDirectionSpec implements StrategySpec {
  /** Registry name. */
  public static final String NAME = "xgb_direction";
  private static final String P = NAME + ".";
  private static final LinkedHashMap<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("coin", "the coin traded, e.g. SOL (BTC must be in the data for the BTC features)");
    KEYS.put("decision_every_hours", "decision schedule, hours, >= 1");
    KEYS.put("retrain_every_hours", "refit schedule, hours, a multiple of decision_every_hours");
    KEYS.put("train_days", "training window, days of matured labels");
    KEYS.put("anchored", "expanding (true) or rolling (false) training window");
    KEYS.put("purge_bars", "bars dropped between training and early-stopping rows, >= label_horizon_bars");
    KEYS.put("validation_fraction", "early-stopping share at the window's end, (0, 0.5]");
    KEYS.put("label_horizon_bars", "label: direction of the close this many bars ahead, >= 1");
    KEYS.put("label_threshold_bps", "moves below this are not labelled, bps, >= 0");
    KEYS.put("upper", "long above this up-probability, (0.5, 1)");
    KEYS.put("lower", "short below this up-probability, (0, 0.5)");
    KEYS.put("target_vol_annual", "position size targets this annual volatility, fraction > 0");
    KEYS.put("max_leverage", "cap on |w|, NAV multiple in (0, 10]");
    KEYS.put("model", "XGBoost parameters {max_depth, eta, subsample, colsample_bytree, min_child_weight, lambda, "
        + "n_estimators, early_stopping_rounds, seed, nthread, class_weighting}");
    KEYS.put("model_dir", "optional saved model folder (ml train): no refits, the live form; null = refit");
  }

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public XgbDirectionSpec() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "single-coin XGBoost direction model on 26 price, volume, funding, BTC and calendar features, refit on a "
        + "schedule from visible data (or a saved model), inverse-vol sized long/flat/short";
  }

  @Override
  public LinkedHashMap<String, String> keys() {
    return new LinkedHashMap<>(KEYS);
  }

  @Override
  public XgbDirectionConfig parse(JsonNode s, String p, BarInterval interval) {
    checkKeys(s, KEYS.keySet(), Set.of("model_dir"), p);
    String coin = text(s, "coin", p);
    if (coin.isBlank()) {
      throw new ConfigException(p + "coin", "must name a coin, was \"" + coin + "\"");
    }
    int decision = positiveInt(s, "decision_every_hours", p);
    if (decision % interval.hours() != 0) {
      throw new ConfigException(p + "decision_every_hours", "must be a multiple of the " + interval.label()
          + " interval, was " + decision);
    }
    int retrain = positiveInt(s, "retrain_every_hours", p);
    if (retrain % decision != 0) {
      throw new ConfigException(p + "retrain_every_hours", "must be a multiple of decision_every_hours (" + decision
          + "), was " + retrain);
    }
    int trainDays = positiveInt(s, "train_days", p);
    boolean anchored = bool(s, "anchored", p);
    int horizon = positiveInt(s, "label_horizon_bars", p);
    int purge = positiveInt(s, "purge_bars", p);
    if (purge < horizon) {
      throw new ConfigException(p + "purge_bars", "must be >= label_horizon_bars (" + horizon + "), was " + purge);
    }
    double validation = number(s, "validation_fraction", p);
    if (!(validation > 0 && validation <= 0.5)) {
      throw new ConfigException(p + "validation_fraction", "must be in (0, 0.5], was " + validation);
    }
    double threshold = nonNegative(s, "label_threshold_bps", p);
    double upper = number(s, "upper", p);
    if (!(upper > 0.5 && upper < 1)) {
      throw new ConfigException(p + "upper", "must be in (0.5, 1), was " + upper);
    }
    double lower = number(s, "lower", p);
    if (!(lower > 0 && lower < 0.5)) {
      throw new ConfigException(p + "lower", "must be in (0, 0.5), was " + lower);
    }
    double targetVol = positive(s, "target_vol_annual", p);
    double maxLev = number(s, "max_leverage", p);
    if (!(maxLev > 0 && maxLev <= 10)) {
      throw new ConfigException(p + "max_leverage", "must be in (0, 10], was " + maxLev);
    }
    XgbParams model = SolStrategyConfig.parseModel(required(s, "model", p), p + "model");
    Optional<Path> dir = Optional.empty();
    JsonNode d = s.get("model_dir");
    if (d != null && !d.isNull()) {
      if (!d.isTextual() || d.asText().isBlank()) {
        throw new ConfigException(p + "model_dir", "must be a folder path or null, was " + d);
      }
      dir = Optional.of(Path.of(d.asText()));
    }
    XgbDirectionConfig cfg = new XgbDirectionConfig(interval, coin, decision, retrain, trainDays, anchored, purge,
        validation, horizon, threshold, upper, lower, targetVol, maxLev, model, dir);
    dir.ifPresent(path -> loadModel(path, cfg).close());
    return cfg;
  }

  /**
   * Loads a saved model folder and checks it was trained on this strategy's features.
   *
   * @param dir the folder ({@code model.ubj} + {@code metadata.json}, as {@code ml train} writes it)
   * @param cfg the parameters
   * @return the model (the caller closes it)
   * @throws ConfigException ({@code xgb_direction.model_dir}) naming the path when it is missing or its feature list
   *     differs from the strategy's (naming both)
   */
  static TrainedModel loadModel(Path dir, XgbDirectionConfig cfg) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(P + "model_dir", "\"" + dir + "\" does not exist or is not a folder");
    }
    TrainedModel m;
    try {
      m = TrainedModel.load(dir);
    } catch (io.slipstream.core.DataException e) {
      throw new ConfigException(P + "model_dir", "\"" + dir + "\": " + e.getMessage());
    }
    List<String> want = cfg.features().featureNames();
    if (!m.featureNames().equals(want)) {
      m.close();
      throw new ConfigException(P + "model_dir", "\"" + dir + "\" was trained on other features " + m.featureNames()
          + ", the strategy computes " + want);
    }
    return m;
  }

  @Override
  public ObjectNode toJson(StrategyParams params) {
    XgbDirectionConfig c = of(params);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("coin", c.coin());
    o.put("decision_every_hours", c.decisionEveryHours());
    o.put("retrain_every_hours", c.retrainEveryHours());
    o.put("train_days", c.trainDays());
    o.put("anchored", c.anchored());
    o.put("purge_bars", c.purgeBars());
    o.put("validation_fraction", c.validationFraction());
    o.put("label_horizon_bars", c.labelHorizonBars());
    o.put("label_threshold_bps", c.labelThresholdBps());
    o.put("upper", c.upper());
    o.put("lower", c.lower());
    o.put("target_vol_annual", c.targetVolAnnual());
    o.put("max_leverage", c.maxLeverage());
    XgbParams m = c.model();
    ObjectNode mo = o.putObject("model");
    mo.put("max_depth", m.maxDepth());
    mo.put("eta", m.eta());
    mo.put("subsample", m.subsample());
    mo.put("colsample_bytree", m.colsampleBytree());
    mo.put("min_child_weight", m.minChildWeight());
    mo.put("lambda", m.lambda());
    mo.put("n_estimators", m.nEstimators());
    mo.put("early_stopping_rounds", m.earlyStoppingRounds());
    mo.put("seed", m.seed());
    mo.put("nthread", m.nthread());
    mo.put("class_weighting", m.classWeighting());
    if (c.modelDir().isPresent()) {
      o.put("model_dir", c.modelDir().get().toString());
    } else {
      o.putNull("model_dir");
    }
    return o;
  }

  @Override
  public Set<String> gridKeys() {
    Set<String> g = new LinkedHashSet<>();
    for (String k : List.of("coin", "retrain_every_hours", "train_days", "anchored", "purge_bars",
        "label_horizon_bars", "label_threshold_bps", "upper", "lower", "target_vol_annual", "max_leverage", "model.max_depth", "model.eta",
        "model.n_estimators")) {
      g.add(P + k);
    }
    return g;
  }

  @Override
  public LinkedHashMap<String, String> reportParameters(StrategyParams params) {
    XgbDirectionConfig c = of(params);
    LinkedHashMap<String, String> p = new LinkedHashMap<>();
    p.put("coin", c.coin());
    p.put("decision / retrain every (hours)", c.decisionEveryHours() + " / " + c.retrainEveryHours());
    p.put("train window", c.anchored() ? "anchored (all history)" : c.trainDays() + " days rolling");
    p.put("purge_bars / validation_fraction", c.purgeBars() + " / " + c.validationFraction());
    p.put("label", "direction " + c.labelHorizonBars() + " bars ahead, threshold " + c.labelThresholdBps() + " bps");
    p.put("thresholds (lower / upper)", c.lower() + " / " + c.upper());
    p.put("target_vol_annual / max_leverage", c.targetVolAnnual() + " / " + c.maxLeverage());
    p.put("model", c.model().toString());
    p.put("model_dir", c.modelDir().map(Path::toString).orElse("(refit on schedule)"));
    return p;
  }

  @Override
  public Requirements requirements(StrategyParams params) {
    return requirementsOf(of(params));
  }

  /**
   * @param c parameters
   * @return closes, volumes and funding; warm-up the training window plus the features' warm-up; decisions every
   *     {@code decision_every_hours}
   */
  static Requirements requirementsOf(XgbDirectionConfig c) {
    int warmup = c.modelDir().isPresent() ? c.features().warmupBars()
        : c.trainBars() + c.features().warmupBars() + c.labelHorizonBars();
    return new Requirements(c.interval(), warmup, true, false, c.decisionEveryHours());
  }

  @Override
  public Strategy create(StrategyParams params, List<String> coins) {
    return new XgbDirectionStrategy(of(params), coins);
  }

  /** Configurations of the same coin share its feature matrix. */
  @Override
  public Set<String> signalKeys() {
    return Set.of(P + "coin");
  }

  @Override
  public Optional<Object> signalCacheKey(StrategyParams params) {
    return Optional.of(List.of(NAME, of(params).coin()));
  }

  /**
   * Vectorised path: the coin's features computed once over the whole data ({@link FeatureBuilder} is causal per
   * row, so row t equals the bar-by-bar build over the history up to t) and the same refit and decision steps
   * ({@link XgbDirectionStrategy#step}) at every row; bit-identical to feeding the strategy bar by bar.
   */
  @Override
  public TargetSource batch(StrategyParams params, MarketData data, CostModel costs, SignalCache cache) {
    XgbDirectionConfig c = of(params);
    XgbDirectionStrategy s = new XgbDirectionStrategy(c, data.coins());
    FeatureMatrix fm = cache.get(signalCacheKey(c).orElseThrow(),
        () -> FeatureBuilder.build(data, c.coin(), c.features()));
    double[] close = data.close().column(s.coinColumn());
    Requirements req = s.requirements();
    return new TargetSource() {
      private int next;
      private Optional<TargetWeights> last = Optional.empty();

      @Override
      public Optional<TargetWeights> targetsAt(int row) {
        if (row < next - 1) {
          throw new IllegalStateException("row " + row + " requested after row " + (next - 1));
        }
        while (next <= row) {
          long ms = data.close().closeTimeMs(next);
          boolean decide = req.isDecisionTime(ms);
          boolean refit = s.refitAt(ms, decide);
          last = decide || refit ? s.step(fm, close, next, ms, decide, refit) : Optional.empty();
          next++;
        }
        return last;
      }
    };
  }

  private static XgbDirectionConfig of(StrategyParams params) {
    if (params instanceof XgbDirectionConfig c) {
      return c;
    }
    throw new IllegalArgumentException("not xgb_direction parameters: " + params.getClass().getSimpleName());
  }
}
