package io.slipstream.ml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.core.IoErrors;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.core.ConfigException;
import io.slipstream.core.ConfigNodes;
import io.slipstream.cost.FeeModel;
import io.slipstream.ml.model.XgbParams;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The configuration of the SOL direction-model strategy ({@code "strategy": "sol_xgb"}, {@code config/sol_xgb.json}):
 * data window, costs, features, labels, the XGBoost model, the holdout split, the trading rules (probability
 * thresholds, regime filter, news-sentiment block, inverse-volatility sizing, stop-loss) and the walk-forward
 * retraining layout. Parsed strictly by {@link #parse(Path)}: an unknown key, a value of the wrong type or out of
 * range is a {@link ConfigException} naming the dotted key (e.g. {@code model.eta}) and the value. Every key is
 * optional; an absent key takes the default below (also listed in the README, section "ML research").
 *
 * <p>Keys, units and defaults:
 * <ul>
 *   <li>{@code description} (text, ignored; default empty), {@code strategy} (must be {@code "sol_xgb"}),
 *       {@code coin} (the traded perpetual, default {@code "SOL"}), {@code interval} (bar interval, default
 *       {@code "1h"});</li>
 *   <li>{@code start}, {@code end}: ISO-8601 instants or dates (UTC) or null (= data start / end); the research
 *       window: samples are the bars closing in {@code (start, end]}; data after {@code end} is never read (it is
 *       cut off before features and labels are built); features warm up on all data before {@code start};</li>
 *   <li>{@code capital_usd}: account value in USD at NAV 1, {@code > 0}, default 10,000 (with the fee-only cost
 *       model it does not change returns);</li>
 *   <li>{@code funding}: whether the ledger books funding, default true (the funding features are built from the
 *       funding file either way);</li>
 *   <li>{@code costs{maker_fee_bps 1.5, taker_fee_bps 4.5, passive_fill_fraction 0.5, slippage_bps 1.0}}: the
 *       fee model of the backtest configs ({@link FeeModel}, DESIGN.md convention 8; Hyperliquid's base tier);
 *       bps {@code >= 0}, fraction in {@code [0, 1]};</li>
 *   <li>{@code features{}}: overrides of {@link FeatureConfig#DEFAULT}, keys {@code return_horizons_bars,
 *       sma_windows_bars, macd_fast_span_bars, macd_slow_span_bars, macd_signal_span_bars, bollinger_window_bars,
 *       bollinger_width_std, rsi_window_bars, roc_lag_bars, realised_vol_window_bars, ew_vol_span_bars,
 *       volume_z_windows_bars, funding_sum_window_bars, btc_features, btc_corr_window_bars, calendar_features}
 *       (bars; see {@link FeatureConfig} for their ranges); empty = the defaults;</li>
 *   <li>{@code label{horizon_bars 1, threshold_bps 0}}: the target is the direction of the close
 *       {@code horizon_bars} ahead ({@code >= 1}); with {@code threshold_bps > 0} moves smaller than that many bps
 *       are left out of training and metrics (dead zone, {@code ml.model.Labels#thresholdDirection}); 0 = plain
 *       direction; in {@code [0, 10000)};</li>
 *   <li>{@code model{max_depth 3, eta 0.05, subsample 0.8, colsample_bytree 0.8, min_child_weight 1, lambda 1,
 *       n_estimators 300, early_stopping_rounds 30, seed 42, nthread 2, class_weighting false}}: {@link XgbParams}
 *       (shallow, slow-learning trees for a noisy target; early stopping on the validation fold);</li>
 *   <li>{@code split{train_fraction 0.7, validation_fraction 0.2}}: the time-ordered holdout of
 *       {@code slipstream ml train}: the first 70% of the samples train, the last 30% test; the last 20% of the
 *       training samples are the early-stopping validation fold (also used inside every walk-forward window); both
 *       fractions in {@code (0, 1)};</li>
 *   <li>{@code signal{upper 0.55, lower 0.45}}: go long when the predicted probability of an up move exceeds
 *       {@code upper}, short when it is below {@code lower}; {@code 0 <= lower <= upper <= 1};</li>
 *   <li>{@code regime{window_bars 168, neutral_band 0}}: {@link RegimeFilter} on the coin's closes (168 one-hour bars
 *       = one week); longs only in a bullish, shorts only in a bearish regime; band as a decimal return,
 *       {@code >= 0};</li>
 *   <li>{@code sentiment{scorer "lexicon", model_dir null, news_files [], half_life_hours 12, block_below -0.70}}:
 *       headlines of the {@code news_files} (cryptopanic or cryptonews CSV, recognised by their header; paths
 *       relative to the working directory) that mention the coin are scored ({@code "lexicon"}: the word-list
 *       fallback; {@code "finbert"}: a FinBERT export in {@code model_dir} through DJL, required then and only
 *       then) and decayed with the half-life (hours, {@code > 0}) into a per-bar score in {@code [-1, 1]}; while
 *       it is below {@code block_below} (in {@code [-1, 1]}) the strategy is flat; no news files = never
 *       blocked;</li>
 *   <li>{@code sizing{target_vol_annual 0.5, vol_span_bars 24, max_leverage 1.0, rebalance_band 0.05}}: the
 *       position is {@code direction x min(max_leverage, target_vol_per_bar / sigma_t)} with
 *       {@code target_vol_per_bar = target_vol_annual / sqrt(bars per year)} and {@code sigma_t} the EW volatility
 *       (span {@code vol_span_bars >= 2}) of the coin's 1-bar log returns; annual volatility in {@code (0, 10]},
 *       leverage in {@code (0, 10]}; a position whose direction is unchanged is resized only when the target
 *       differs from the drifted weight by more than {@code rebalance_band} (NAV fraction in {@code [0, 1)}, 0 =
 *       resize every bar), which keeps the fees of re-sizing to a noisy volatility estimate small;</li>
 *   <li>{@code stop_loss_pct 5}: percent adverse move of the close from the entry price that closes the position
 *       (see {@link SolStrategy}); in {@code (0, 100)}, or null = no stop;</li>
 *   <li>{@code walk_forward{train_days 90, test_days 30, step_days 30, purge_bars 24, embargo_bars 0,
 *       anchored false}}: retraining layout of {@code slipstream ml backtest} (see
 *       {@link SolPipeline#walkForwardProbabilities}): whole days {@code >= 1} with {@code step_days >= test_days};
 *       {@code purge_bars >= label.horizon_bars} (bars between the last training sample and the first test bar);
 *       {@code embargo_bars} in {@code [0, test bars)} (first test bars left out of the window's metrics);
 *       {@code anchored} = expanding train window.</li>
 * </ul>
 *
 * @param description free text
 * @param coin the traded coin
 * @param interval the bar interval
 * @param start research window start (exclusive, bar close times), empty = data start
 * @param end research window end (inclusive), empty = data end
 * @param capitalUsd account value at NAV 1, USD
 * @param funding whether the ledger books funding
 * @param costs the fee model
 * @param features the feature parameters
 * @param label the target definition
 * @param model the XGBoost parameters
 * @param split the holdout fractions
 * @param signal the probability thresholds
 * @param regime the regime filter
 * @param sentiment the news-sentiment settings
 * @param sizing the sizing rules
 * @param stopLossPct the stop-loss in percent, empty = none
 * @param walkForward the walk-forward layout
 */
public record SolStrategyConfig(String description, String coin, BarInterval interval, Optional<Instant> start,
    Optional<Instant> end, double capitalUsd, boolean funding, FeeModel costs, FeatureConfig features,
    LabelSpec label, XgbParams model, SplitSpec split, SignalSpec signal, RegimeFilter regime,
    SentimentSpec sentiment, SizingSpec sizing, OptionalDouble stopLossPct, WalkForwardSpec walkForward) {

  /** The value of the {@code strategy} key. */
  public static final String STRATEGY = "sol_xgb";
  /** Default fee model: Hyperliquid base tier, half passive, 1 bp slippage. */
  public static final FeeModel DEFAULT_COSTS = new FeeModel(1.5, 4.5, 0.5, 1.0);

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> TOP = Set.of("description", "strategy", "coin", "interval", "start", "end",
      "capital_usd", "funding", "costs", "features", "label", "model", "split", "signal", "regime", "sentiment",
      "sizing", "stop_loss_pct", "walk_forward");
  private static final Set<String> COSTS = Set.of("maker_fee_bps", "taker_fee_bps", "passive_fill_fraction",
      "slippage_bps");
  private static final Set<String> FEATURES = Set.of("return_horizons_bars", "sma_windows_bars",
      "macd_fast_span_bars", "macd_slow_span_bars", "macd_signal_span_bars", "bollinger_window_bars",
      "bollinger_width_std", "rsi_window_bars", "roc_lag_bars", "realised_vol_window_bars", "ew_vol_span_bars",
      "volume_z_windows_bars", "funding_sum_window_bars", "btc_features", "btc_corr_window_bars",
      "calendar_features");
  private static final Set<String> LABEL = Set.of("horizon_bars", "threshold_bps");
  private static final Set<String> MODEL = Set.of("max_depth", "eta", "subsample", "colsample_bytree",
      "min_child_weight", "lambda", "n_estimators", "early_stopping_rounds", "seed", "nthread", "class_weighting");
  private static final Set<String> SPLIT = Set.of("train_fraction", "validation_fraction");
  private static final Set<String> SIGNAL = Set.of("upper", "lower");
  private static final Set<String> REGIME = Set.of("window_bars", "neutral_band");
  private static final Set<String> SENTIMENT = Set.of("scorer", "model_dir", "news_files", "half_life_hours",
      "block_below");
  private static final Set<String> SIZING = Set.of("target_vol_annual", "vol_span_bars", "max_leverage",
      "rebalance_band");
  private static final Set<String> WALK_FORWARD = Set.of("train_days", "test_days", "step_days", "purge_bars",
      "embargo_bars", "anchored");

  /**
   * The label definition.
   *
   * @param horizonBars bars ahead, {@code >= 1}
   * @param thresholdBps dead zone in bps of the forward simple return, {@code >= 0} (0 = plain direction)
   */
  public record LabelSpec(int horizonBars, double thresholdBps) {
    /** Defaults: 1 bar, no dead zone. */
    public static final LabelSpec DEFAULT = new LabelSpec(1, 0.0);

    /** @throws IllegalArgumentException naming the field */
    public LabelSpec {
      Checks.positive(horizonBars, "horizon_bars");
      Checks.nonNegative(thresholdBps, "threshold_bps");
    }

    /** @return the dead zone as a decimal fraction ({@code threshold_bps / 1e4}) */
    public double thresholdFraction() {
      return thresholdBps / 1e4;
    }
  }

  /**
   * Holdout fractions.
   *
   * @param trainFraction share of samples before the test block, in {@code (0, 1)}
   * @param validationFraction share of the training samples (the last ones) used for early stopping, in
   *     {@code (0, 1)}
   */
  public record SplitSpec(double trainFraction, double validationFraction) {
    /** Defaults: 70% train, the last 20% of it validation. */
    public static final SplitSpec DEFAULT = new SplitSpec(0.7, 0.2);

    /** @throws IllegalArgumentException naming the field */
    public SplitSpec {
      openUnit(trainFraction, "train_fraction");
      openUnit(validationFraction, "validation_fraction");
    }
  }

  /**
   * Probability thresholds.
   *
   * @param upper long above this probability of an up move, in {@code [0, 1]}
   * @param lower short below this probability, in {@code [0, upper]}
   */
  public record SignalSpec(double upper, double lower) {
    /** Defaults: 0.55 / 0.45. */
    public static final SignalSpec DEFAULT = new SignalSpec(0.55, 0.45);

    /** @throws IllegalArgumentException naming the field */
    public SignalSpec {
      Checks.inRange(upper, 0, 1, "upper");
      Checks.inRange(lower, 0, 1, "lower");
      if (lower > upper) {
        throw new IllegalArgumentException("Argument 'lower' must be <= upper (" + upper + "), was " + lower);
      }
    }
  }

  /**
   * News-sentiment settings.
   *
   * @param scorer {@code "lexicon"} or {@code "finbert"}
   * @param modelDir the FinBERT model directory (present exactly when {@code scorer} is {@code "finbert"})
   * @param newsFiles headline CSV files (cryptopanic or cryptonews format), possibly none
   * @param halfLifeHours decay half-life in hours, {@code > 0}
   * @param blockBelow the strategy is flat while the sentiment is below this, in {@code [-1, 1]}
   */
  public record SentimentSpec(String scorer, Optional<Path> modelDir, List<Path> newsFiles, double halfLifeHours,
      double blockBelow) {
    /** The lexicon scorer name. */
    public static final String LEXICON = "lexicon";
    /** The FinBERT (DJL) scorer name. */
    public static final String FINBERT = "finbert";
    /** Defaults: lexicon, no news files, 12 h half-life, block below -0.70. */
    public static final SentimentSpec DEFAULT = new SentimentSpec(LEXICON, Optional.empty(), List.of(), 12.0, -0.70);

    /** @throws IllegalArgumentException naming the field */
    public SentimentSpec {
      Checks.notNull(scorer, "scorer");
      if (!scorer.equals(LEXICON) && !scorer.equals(FINBERT)) {
        throw new IllegalArgumentException("Argument 'scorer' must be \"lexicon\" or \"finbert\", was \"" + scorer
            + "\"");
      }
      Checks.notNull(modelDir, "model_dir");
      if (scorer.equals(FINBERT) && modelDir.isEmpty()) {
        throw new IllegalArgumentException("Argument 'model_dir' is required with scorer \"finbert\"");
      }
      if (scorer.equals(LEXICON) && modelDir.isPresent()) {
        throw new IllegalArgumentException("Argument 'model_dir' is only used with scorer \"finbert\", was "
            + modelDir.get());
      }
      newsFiles = List.copyOf(Checks.notNull(newsFiles, "news_files"));
      Checks.positive(halfLifeHours, "half_life_hours");
      Checks.inRange(blockBelow, -1, 1, "block_below");
    }
  }

  /**
   * Sizing rules.
   *
   * @param targetVolAnnual target annualised volatility of the position, decimal, in {@code (0, 10]}
   * @param volSpanBars span of the EW volatility of 1-bar log returns, {@code >= 2}
   * @param maxLeverage cap on {@code |weight|}, NAV multiple in {@code (0, 10]}
   * @param rebalanceBand no re-sizing of an unchanged direction unless {@code |target - drifted| > band}, NAV
   *     fraction in {@code [0, 1)}
   */
  public record SizingSpec(double targetVolAnnual, int volSpanBars, double maxLeverage, double rebalanceBand) {
    /** Defaults: 50% a year, span 24, leverage 1, band 0.05. */
    public static final SizingSpec DEFAULT = new SizingSpec(0.5, 24, 1.0, 0.05);

    /** @throws IllegalArgumentException naming the field */
    public SizingSpec {
      if (!(targetVolAnnual > 0 && targetVolAnnual <= 10)) {
        throw new IllegalArgumentException("Argument 'target_vol_annual' must be in (0, 10], was " + targetVolAnnual);
      }
      if (volSpanBars < 2) {
        throw new IllegalArgumentException("Argument 'vol_span_bars' must be >= 2, was " + volSpanBars);
      }
      if (!(maxLeverage > 0 && maxLeverage <= 10)) {
        throw new IllegalArgumentException("Argument 'max_leverage' must be in (0, 10], was " + maxLeverage);
      }
      if (!(rebalanceBand >= 0 && rebalanceBand < 1)) {
        throw new IllegalArgumentException("Argument 'rebalance_band' must be in [0, 1), was " + rebalanceBand);
      }
    }

    /**
     * @param interval the bar interval
     * @return {@code target_vol_annual / sqrt(periods per year)}, decimal per bar
     */
    public double targetVolPerBar(BarInterval interval) {
      return targetVolAnnual / Math.sqrt(interval.periodsPerYear());
    }
  }

  /**
   * Walk-forward layout.
   *
   * @param trainDays train window length (the first one when anchored), whole days {@code >= 1}
   * @param testDays test window length, whole days {@code >= 1}
   * @param stepDays distance between test window starts, whole days {@code >= testDays}
   * @param purgeBars bars between the last training sample and the first test bar, {@code >= 0}
   * @param embargoBars first test bars of a window left out of its metrics, {@code >= 0}
   * @param anchored expanding (true) or rolling (false) train window
   */
  public record WalkForwardSpec(int trainDays, int testDays, int stepDays, int purgeBars, int embargoBars,
      boolean anchored) {
    /** Defaults: 90 / 30 / 30 days, purge 24 bars, no embargo, rolling. */
    public static final WalkForwardSpec DEFAULT = new WalkForwardSpec(90, 30, 30, 24, 0, false);

    /** @throws IllegalArgumentException naming the field */
    public WalkForwardSpec {
      Checks.positive(trainDays, "train_days");
      Checks.positive(testDays, "test_days");
      Checks.positive(stepDays, "step_days");
      if (stepDays < testDays) {
        throw new IllegalArgumentException("Argument 'step_days' must be >= test_days (" + testDays + "), was "
            + stepDays);
      }
      if (purgeBars < 0) {
        throw new IllegalArgumentException("Argument 'purge_bars' must be >= 0, was " + purgeBars);
      }
      if (embargoBars < 0) {
        throw new IllegalArgumentException("Argument 'embargo_bars' must be >= 0, was " + embargoBars);
      }
    }

    /**
     * @param days whole days
     * @param interval the bar interval
     * @return {@code days x 24 / interval hours} bars
     */
    public static int bars(int days, BarInterval interval) {
      return days * 24 / interval.hours();
    }
  }

  /**
   * Validates the cross-field rules (the components validate themselves).
   *
   * @throws ConfigException naming the dotted key: {@code start} after {@code end}, {@code purge_bars} below the
   *     label horizon, {@code embargo_bars} not below the test window (every {@link BarInterval} divides a day,
   *     so day lengths are whole numbers of bars)
   * @throws IllegalArgumentException if a component is null
   */
  public SolStrategyConfig {
    Checks.notNull(description, "description");
    Checks.notNull(coin, "coin");
    Checks.notNull(interval, "interval");
    Checks.notNull(start, "start");
    Checks.notNull(end, "end");
    Checks.positive(capitalUsd, "capital_usd");
    Checks.notNull(costs, "costs");
    Checks.notNull(features, "features");
    Checks.notNull(label, "label");
    Checks.notNull(model, "model");
    Checks.notNull(split, "split");
    Checks.notNull(signal, "signal");
    Checks.notNull(regime, "regime");
    Checks.notNull(sentiment, "sentiment");
    Checks.notNull(sizing, "sizing");
    Checks.notNull(stopLossPct, "stop_loss_pct");
    Checks.notNull(walkForward, "walk_forward");
    if (coin.isBlank()) {
      throw new ConfigException("coin", "must not be blank");
    }
    if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
      throw new ConfigException("start", "start " + start.get() + " must be before end " + end.get());
    }
    if (stopLossPct.isPresent() && !(stopLossPct.getAsDouble() > 0 && stopLossPct.getAsDouble() < 100)) {
      throw new ConfigException("stop_loss_pct", "must be in (0, 100) or null, was " + stopLossPct.getAsDouble());
    }
    if (walkForward.purgeBars() < label.horizonBars()) {
      throw new ConfigException("walk_forward.purge_bars", "must be >= label.horizon_bars (" + label.horizonBars()
          + ") so that no training label overlaps a test bar, was " + walkForward.purgeBars());
    }
    int testBars = WalkForwardSpec.bars(walkForward.testDays(), interval);
    if (walkForward.embargoBars() >= testBars) {
      throw new ConfigException("walk_forward.embargo_bars", "must be < the test window (" + testBars
          + " bars), was " + walkForward.embargoBars());
    }
  }

  /**
   * @return the defaults of every key (the class comment), with {@code SOL}, {@code 1h} and the whole data
   */
  public static SolStrategyConfig defaults() {
    return new SolStrategyConfig("", "SOL", BarInterval.H1, Optional.empty(), Optional.empty(), 10_000, true,
        DEFAULT_COSTS, FeatureConfig.DEFAULT, LabelSpec.DEFAULT, XgbParams.DEFAULT, SplitSpec.DEFAULT,
        SignalSpec.DEFAULT, RegimeFilter.of(168), SentimentSpec.DEFAULT, SizingSpec.DEFAULT, OptionalDouble.of(5.0),
        WalkForwardSpec.DEFAULT);
  }

  /** @return a copy with another research window */
  public SolStrategyConfig withWindow(Optional<Instant> start, Optional<Instant> end) {
    return new SolStrategyConfig(description, coin, interval, start, end, capitalUsd, funding, costs, features, label,
        model, split, signal, regime, sentiment, sizing, stopLossPct, walkForward);
  }

  /** @return a copy with other model parameters */
  public SolStrategyConfig withModel(XgbParams model) {
    return new SolStrategyConfig(description, coin, interval, start, end, capitalUsd, funding, costs, features, label,
        model, split, signal, regime, sentiment, sizing, stopLossPct, walkForward);
  }

  /** @return a copy with other feature parameters */
  public SolStrategyConfig withFeatures(FeatureConfig features) {
    return new SolStrategyConfig(description, coin, interval, start, end, capitalUsd, funding, costs, features, label,
        model, split, signal, regime, sentiment, sizing, stopLossPct, walkForward);
  }

  /** @return a copy with another walk-forward layout */
  public SolStrategyConfig withWalkForward(WalkForwardSpec walkForward) {
    return new SolStrategyConfig(description, coin, interval, start, end, capitalUsd, funding, costs, features, label,
        model, split, signal, regime, sentiment, sizing, stopLossPct, walkForward);
  }

  /** @return a copy with other sentiment settings */
  public SolStrategyConfig withSentiment(SentimentSpec sentiment) {
    return new SolStrategyConfig(description, coin, interval, start, end, capitalUsd, funding, costs, features, label,
        model, split, signal, regime, sentiment, sizing, stopLossPct, walkForward);
  }

  /**
   * The effective settings as snake_case key/value pairs (for reports and {@code metrics.json}), in key order.
   *
   * @return an insertion-ordered map of strings, numbers, booleans, lists and nested maps
   */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", description);
    m.put("strategy", STRATEGY);
    m.put("coin", coin);
    m.put("interval", interval.label());
    m.put("start", start.map(Instant::toString).orElse(null));
    m.put("end", end.map(Instant::toString).orElse(null));
    m.put("capital_usd", capitalUsd);
    m.put("funding", funding);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("maker_fee_bps", costs.makerFeeBps());
    c.put("taker_fee_bps", costs.takerFeeBps());
    c.put("passive_fill_fraction", costs.passiveFillFraction());
    c.put("slippage_bps", costs.slippageBps());
    m.put("costs", c);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("return_horizons_bars", features.returnHorizonsBars());
    f.put("sma_windows_bars", features.smaWindowsBars());
    f.put("macd_fast_span_bars", features.macdFastSpanBars());
    f.put("macd_slow_span_bars", features.macdSlowSpanBars());
    f.put("macd_signal_span_bars", features.macdSignalSpanBars());
    f.put("bollinger_window_bars", features.bollingerWindowBars());
    f.put("bollinger_width_std", features.bollingerWidthStd());
    f.put("rsi_window_bars", features.rsiWindowBars());
    f.put("roc_lag_bars", features.rocLagBars());
    f.put("realised_vol_window_bars", features.realisedVolWindowBars());
    f.put("ew_vol_span_bars", features.ewVolSpanBars());
    f.put("volume_z_windows_bars", features.volumeZWindowsBars());
    f.put("funding_sum_window_bars", features.fundingSumWindowBars());
    f.put("btc_features", features.btcFeatures());
    f.put("btc_corr_window_bars", features.btcCorrWindowBars());
    f.put("calendar_features", features.calendarFeatures());
    m.put("features", f);
    m.put("label", ordered("horizon_bars", label.horizonBars(), "threshold_bps", label.thresholdBps()));
    m.put("model", model.asMap());
    m.put("split", ordered("train_fraction", split.trainFraction(), "validation_fraction",
        split.validationFraction()));
    m.put("signal", ordered("upper", signal.upper(), "lower", signal.lower()));
    m.put("regime", ordered("window_bars", regime.windowBars(), "neutral_band", regime.neutralBand()));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("scorer", sentiment.scorer());
    s.put("model_dir", sentiment.modelDir().map(Path::toString).orElse(null));
    s.put("news_files", sentiment.newsFiles().stream().map(Path::toString).toList());
    s.put("half_life_hours", sentiment.halfLifeHours());
    s.put("block_below", sentiment.blockBelow());
    m.put("sentiment", s);
    Map<String, Object> z = new LinkedHashMap<>();
    z.put("target_vol_annual", sizing.targetVolAnnual());
    z.put("vol_span_bars", sizing.volSpanBars());
    z.put("max_leverage", sizing.maxLeverage());
    z.put("rebalance_band", sizing.rebalanceBand());
    m.put("sizing", z);
    m.put("stop_loss_pct", stopLossPct.isPresent() ? stopLossPct.getAsDouble() : null);
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("train_days", walkForward.trainDays());
    w.put("test_days", walkForward.testDays());
    w.put("step_days", walkForward.stepDays());
    w.put("purge_bars", walkForward.purgeBars());
    w.put("embargo_bars", walkForward.embargoBars());
    w.put("anchored", walkForward.anchored());
    m.put("walk_forward", w);
    return m;
  }

  /**
   * Reads and parses a config file.
   *
   * @param file the JSON file
   * @return the config
   * @throws ConfigException for an unreadable file, invalid JSON, or any key problem (naming the dotted key and
   *     the value)
   */
  public static SolStrategyConfig parse(Path file) {
    Checks.notNull(file, "file");
    return parse(IoErrors.readConfigText(file, "--config"), file.toString());
  }

  /**
   * Parses config JSON text (see the class comment for the keys).
   *
   * @param json the JSON text
   * @param source a name for messages (the file path)
   * @return the config
   * @throws ConfigException naming the dotted key and value of the first problem found
   */
  public static SolStrategyConfig parse(String json, String source) {
    Checks.notNull(json, "json");
    JsonNode root = ConfigNodes.readObject(MAPPER, json, source);
    Obj top = new Obj(root, "");
    top.checkKeys(TOP);
    SolStrategyConfig d = defaults();
    String strategy = top.text("strategy", STRATEGY);
    if (!strategy.equals(STRATEGY)) {
      throw new ConfigException("strategy", "must be \"" + STRATEGY + "\" for this command, was \"" + strategy + "\"");
    }
    String description = top.text("description", "");
    String coin = top.text("coin", d.coin()).strip();
    if (coin.isEmpty()) {
      throw new ConfigException("coin", "must not be blank");
    }
    String intervalText = top.text("interval", d.interval().label());
    BarInterval interval;
    try {
      interval = BarInterval.of(intervalText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("interval", e.getMessage());
    }
    Optional<Instant> start = top.instant("start");
    Optional<Instant> end = top.instant("end");
    double capital = top.number("capital_usd", d.capitalUsd());
    if (!(capital > 0) || Double.isInfinite(capital)) {
      throw new ConfigException("capital_usd", "must be finite and > 0, was " + capital);
    }
    boolean funding = top.bool("funding", d.funding());

    Obj c = top.object("costs", COSTS);
    double maker = c.nonNegative("maker_fee_bps", DEFAULT_COSTS.makerFeeBps());
    double taker = c.nonNegative("taker_fee_bps", DEFAULT_COSTS.takerFeeBps());
    double passive = c.range("passive_fill_fraction", DEFAULT_COSTS.passiveFillFraction(), 0, 1);
    double slippage = c.nonNegative("slippage_bps", DEFAULT_COSTS.slippageBps());
    FeeModel costs = build("costs", () -> new FeeModel(maker, taker, passive, slippage));

    FeatureConfig features = features(top.object("features", FEATURES));

    Obj l = top.object("label", LABEL);
    int horizon = l.integer("horizon_bars", LabelSpec.DEFAULT.horizonBars(), 1, 10_000);
    double thresholdBps = l.number("threshold_bps", LabelSpec.DEFAULT.thresholdBps());
    if (!(thresholdBps >= 0 && thresholdBps < 10_000)) {
      throw new ConfigException("label.threshold_bps", "must be in [0, 10000), was " + thresholdBps);
    }
    LabelSpec label = new LabelSpec(horizon, thresholdBps);

    XgbParams model = model(top.object("model", MODEL));

    Obj s = top.object("split", SPLIT);
    SplitSpec split = new SplitSpec(s.openUnit("train_fraction", SplitSpec.DEFAULT.trainFraction()),
        s.openUnit("validation_fraction", SplitSpec.DEFAULT.validationFraction()));

    Obj g = top.object("signal", SIGNAL);
    double upper = g.range("upper", SignalSpec.DEFAULT.upper(), 0, 1);
    double lower = g.range("lower", SignalSpec.DEFAULT.lower(), 0, 1);
    if (lower > upper) {
      throw new ConfigException("signal.lower", "must be <= signal.upper (" + upper + "), was " + lower);
    }
    SignalSpec signal = new SignalSpec(upper, lower);

    Obj r = top.object("regime", REGIME);
    RegimeFilter regime = new RegimeFilter(r.integer("window_bars", 168, 1, 1_000_000),
        r.nonNegative("neutral_band", 0.0));

    SentimentSpec sentiment = sentiment(top.object("sentiment", SENTIMENT));

    Obj z = top.object("sizing", SIZING);
    double targetVol = z.number("target_vol_annual", SizingSpec.DEFAULT.targetVolAnnual());
    if (!(targetVol > 0 && targetVol <= 10)) {
      throw new ConfigException("sizing.target_vol_annual", "must be in (0, 10], was " + targetVol);
    }
    int volSpan = z.integer("vol_span_bars", SizingSpec.DEFAULT.volSpanBars(), 2, 1_000_000);
    double maxLev = z.number("max_leverage", SizingSpec.DEFAULT.maxLeverage());
    if (!(maxLev > 0 && maxLev <= 10)) {
      throw new ConfigException("sizing.max_leverage", "must be in (0, 10], was " + maxLev);
    }
    double band = z.number("rebalance_band", SizingSpec.DEFAULT.rebalanceBand());
    if (!(band >= 0 && band < 1)) {
      throw new ConfigException("sizing.rebalance_band", "must be in [0, 1), was " + band);
    }
    SizingSpec sizing = new SizingSpec(targetVol, volSpan, maxLev, band);

    OptionalDouble stop = d.stopLossPct();
    if (root.has("stop_loss_pct")) {
      JsonNode n = root.get("stop_loss_pct");
      if (n.isNull()) {
        stop = OptionalDouble.empty();
      } else {
        double v = top.number("stop_loss_pct", Double.NaN);
        if (!(v > 0 && v < 100)) {
          throw new ConfigException("stop_loss_pct", "must be in (0, 100) or null, was " + v);
        }
        stop = OptionalDouble.of(v);
      }
    }

    Obj w = top.object("walk_forward", WALK_FORWARD);
    WalkForwardSpec wd = WalkForwardSpec.DEFAULT;
    int trainDays = w.integer("train_days", wd.trainDays(), 1, 100_000);
    int testDays = w.integer("test_days", wd.testDays(), 1, 100_000);
    int stepDays = w.integer("step_days", wd.stepDays(), 1, 100_000);
    if (stepDays < testDays) {
      throw new ConfigException("walk_forward.step_days", "must be >= walk_forward.test_days (" + testDays
          + "), was " + stepDays);
    }
    int purge = w.integer("purge_bars", wd.purgeBars(), 0, 1_000_000);
    int embargo = w.integer("embargo_bars", wd.embargoBars(), 0, 1_000_000);
    boolean anchored = w.bool("anchored", wd.anchored());
    WalkForwardSpec walk = new WalkForwardSpec(trainDays, testDays, stepDays, purge, embargo, anchored);

    return new SolStrategyConfig(description, coin, interval, start, end, capital, funding, costs, features, label,
        model, split, signal, regime, sentiment, sizing, stop, walk);
  }

  private static FeatureConfig features(Obj f) {
    FeatureConfig d = FeatureConfig.DEFAULT;
    List<Integer> horizons = f.intList("return_horizons_bars", d.returnHorizonsBars(), 1);
    List<Integer> sma = f.intList("sma_windows_bars", d.smaWindowsBars(), 1);
    int fast = f.integer("macd_fast_span_bars", d.macdFastSpanBars(), 1, 100_000);
    int slow = f.integer("macd_slow_span_bars", d.macdSlowSpanBars(), 1, 100_000);
    if (slow <= fast) {
      throw new ConfigException("features.macd_slow_span_bars", "must be > features.macd_fast_span_bars (" + fast
          + "), was " + slow);
    }
    int signal = f.integer("macd_signal_span_bars", d.macdSignalSpanBars(), 1, 100_000);
    int bb = f.integer("bollinger_window_bars", d.bollingerWindowBars(), 2, 100_000);
    double width = f.number("bollinger_width_std", d.bollingerWidthStd());
    if (!(width > 0) || Double.isInfinite(width)) {
      throw new ConfigException("features.bollinger_width_std", "must be finite and > 0, was " + width);
    }
    int rsi = f.integer("rsi_window_bars", d.rsiWindowBars(), 1, 100_000);
    int roc = f.integer("roc_lag_bars", d.rocLagBars(), 1, 100_000);
    int rv = f.integer("realised_vol_window_bars", d.realisedVolWindowBars(), 2, 100_000);
    int ew = f.integer("ew_vol_span_bars", d.ewVolSpanBars(), 1, 100_000);
    List<Integer> volZ = f.intList("volume_z_windows_bars", d.volumeZWindowsBars(), 2);
    int fundSum = f.integer("funding_sum_window_bars", d.fundingSumWindowBars(), 1, 100_000);
    boolean btc = f.bool("btc_features", d.btcFeatures());
    int corr = f.integer("btc_corr_window_bars", d.btcCorrWindowBars(), 2, 100_000);
    boolean cal = f.bool("calendar_features", d.calendarFeatures());
    return build("features", () -> new FeatureConfig(horizons, sma, fast, slow, signal, bb, width, rsi, roc, rv, ew,
        volZ, fundSum, btc, corr, cal));
  }

  /**
   * Parses an XGBoost hyper-parameter object (the {@code model} keys of this config: {@code max_depth, eta,
   * subsample, colsample_bytree, min_child_weight, lambda, n_estimators, early_stopping_rounds, seed, nthread,
   * class_weighting}, each optional with {@link XgbParams#DEFAULT}'s value), strictly: unknown keys and values out
   * of range are errors naming the dotted key. Shared by every ML strategy's config.
   *
   * @param node the object
   * @param dottedKey its dotted key, e.g. {@code xgb_direction.model}
   * @return the parameters
   * @throws ConfigException naming the key
   */
  public static XgbParams parseModel(JsonNode node, String dottedKey) {
    Obj m = new Obj(ConfigNodes.objectValue(node, dottedKey), dottedKey + ".");
    m.checkKeys(MODEL);
    return model(m);
  }

  private static XgbParams model(Obj m) {
    XgbParams d = XgbParams.DEFAULT;
    int depth = m.integer("max_depth", d.maxDepth(), 1, 64);
    double eta = m.number("eta", d.eta());
    if (!(eta > 0 && eta <= 1)) {
      throw new ConfigException(m.key("eta"), "must be in (0, 1], was " + eta);
    }
    double subsample = m.number("subsample", d.subsample());
    if (!(subsample > 0 && subsample <= 1)) {
      throw new ConfigException(m.key("subsample"), "must be in (0, 1], was " + subsample);
    }
    double colsample = m.number("colsample_bytree", d.colsampleBytree());
    if (!(colsample > 0 && colsample <= 1)) {
      throw new ConfigException(m.key("colsample_bytree"), "must be in (0, 1], was " + colsample);
    }
    double minChild = m.nonNegative("min_child_weight", d.minChildWeight());
    double lambda = m.nonNegative("lambda", d.lambda());
    int rounds = m.integer("n_estimators", d.nEstimators(), 1, 100_000);
    int early = m.integer("early_stopping_rounds", d.earlyStoppingRounds(), 0, 100_000);
    long seed = m.longValue("seed", d.seed());
    int nthread = m.integer("nthread", d.nthread(), 1, 1024);
    boolean weighting = m.bool("class_weighting", d.classWeighting());
    return build(m.prefix.substring(0, m.prefix.length() - 1), () -> new XgbParams(depth, eta, subsample, colsample, minChild, lambda, rounds, early, seed,
        nthread, weighting));
  }

  private static SentimentSpec sentiment(Obj s) {
    SentimentSpec d = SentimentSpec.DEFAULT;
    String scorer = s.text("scorer", d.scorer()).strip().toLowerCase(Locale.ROOT);
    if (!scorer.equals(SentimentSpec.LEXICON) && !scorer.equals(SentimentSpec.FINBERT)) {
      throw new ConfigException("sentiment.scorer", "must be \"lexicon\" or \"finbert\", was \""
          + s.text("scorer", "") + "\"");
    }
    Optional<Path> modelDir = Optional.empty();
    if (s.has("model_dir") && !s.node.get("model_dir").isNull()) {
      modelDir = Optional.of(Path.of(s.text("model_dir", "")));
    }
    if (scorer.equals(SentimentSpec.FINBERT) && modelDir.isEmpty()) {
      throw new ConfigException("sentiment.model_dir", "is required with sentiment.scorer \"finbert\" (a FinBERT "
          + "TorchScript export, see DjlSentimentScorer)");
    }
    if (scorer.equals(SentimentSpec.LEXICON) && modelDir.isPresent()) {
      throw new ConfigException("sentiment.model_dir", "is only used with sentiment.scorer \"finbert\", was \""
          + modelDir.get() + "\" with scorer \"lexicon\"");
    }
    List<Path> files = new ArrayList<>();
    for (String f : s.textList("news_files")) {
      files.add(Path.of(f));
    }
    double halfLife = s.number("half_life_hours", d.halfLifeHours());
    if (!(halfLife > 0) || Double.isInfinite(halfLife)) {
      throw new ConfigException("sentiment.half_life_hours", "must be finite and > 0, was " + halfLife);
    }
    double block = s.range("block_below", d.blockBelow(), -1, 1);
    return new SentimentSpec(scorer, modelDir, files, halfLife, block);
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static <T> T build(String key, java.util.function.Supplier<T> f) {
    try {
      return f.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  private static void openUnit(double v, String name) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be in (0, 1), was " + v);
    }
  }

  /** Typed, strict access to one JSON object of the config; every error names the dotted key and the value. */
  private static final class Obj {
    final JsonNode node;
    final String prefix;

    Obj(JsonNode node, String prefix) {
      this.node = node;
      this.prefix = prefix;
    }

    String key(String name) {
      return prefix + name;
    }

    boolean has(String name) {
      return node.has(name);
    }

    void checkKeys(Set<String> allowed) {
      ConfigNodes.rejectUnknownKeys(node, allowed, prefix, "known here");
    }

    /** A nested object, empty when absent; its keys are checked against {@code allowed}. */
    Obj object(String name, Set<String> allowed) {
      JsonNode n = node.get(name);
      if (n == null) {
        return new Obj(MAPPER.createObjectNode(), key(name) + ".");
      }
      Obj o = new Obj(ConfigNodes.objectValue(n, key(name)), key(name) + ".");
      o.checkKeys(allowed);
      return o;
    }

    private JsonNode present(String name) {
      JsonNode n = node.get(name);
      if (n != null && n.isNull()) {
        throw new ConfigException(key(name), "must not be null (leave the key out for the default)");
      }
      return n;
    }

    String text(String name, String dflt) {
      JsonNode n = present(name);
      return n == null ? dflt : ConfigNodes.textValue(n, key(name));
    }

    List<String> textList(String name) {
      JsonNode n = present(name);
      if (n == null) {
        return List.of();
      }
      if (!n.isArray()) {
        throw new ConfigException(key(name), "must be an array of strings, was " + n);
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        if (!e.isTextual() || e.asText().isBlank()) {
          throw new ConfigException(key(name) + "[" + i + "]", "must be a non-blank string, was " + e);
        }
        out.add(e.asText());
      }
      return out;
    }

    double number(String name, double dflt) {
      JsonNode n = present(name);
      return n == null ? dflt : ConfigNodes.numberValue(n, key(name));
    }

    double nonNegative(String name, double dflt) {
      double v = number(name, dflt);
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new ConfigException(key(name), "must be finite and >= 0, was " + v);
      }
      return v;
    }

    double range(String name, double dflt, double lo, double hi) {
      double v = number(name, dflt);
      if (!(v >= lo && v <= hi)) {
        throw new ConfigException(key(name), "must be in [" + lo + ", " + hi + "], was " + v);
      }
      return v;
    }

    double openUnit(String name, double dflt) {
      double v = number(name, dflt);
      if (!(v > 0 && v < 1)) {
        throw new ConfigException(key(name), "must be in (0, 1), was " + v);
      }
      return v;
    }

    int integer(String name, int dflt, int lo, int hi) {
      JsonNode n = present(name);
      if (n == null) {
        return dflt;
      }
      if (!n.isIntegralNumber() || !n.canConvertToInt()) {
        throw new ConfigException(key(name), "must be an integer, was " + n);
      }
      int v = n.asInt();
      if (v < lo || v > hi) {
        throw new ConfigException(key(name), "must be in [" + lo + ", " + hi + "], was " + v);
      }
      return v;
    }

    long longValue(String name, long dflt) {
      JsonNode n = present(name);
      if (n == null) {
        return dflt;
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw new ConfigException(key(name), "must be an integer, was " + n);
      }
      return n.asLong();
    }

    List<Integer> intList(String name, List<Integer> dflt, int min) {
      JsonNode n = present(name);
      if (n == null) {
        return dflt;
      }
      if (!n.isArray() || n.isEmpty()) {
        throw new ConfigException(key(name), "must be a non-empty array of integers, was " + n);
      }
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        if (!e.isIntegralNumber() || !e.canConvertToInt() || e.asInt() < min) {
          throw new ConfigException(key(name) + "[" + i + "]", "must be an integer >= " + min + ", was " + e);
        }
        if (out.contains(e.asInt())) {
          throw new ConfigException(key(name), "has the duplicate value " + e.asInt() + ", was " + n);
        }
        out.add(e.asInt());
      }
      return out;
    }

    boolean bool(String name, boolean dflt) {
      JsonNode n = present(name);
      return n == null ? dflt : ConfigNodes.boolValue(n, key(name));
    }

    Optional<Instant> instant(String name) {
      JsonNode n = node.get(name);
      if (n == null || n.isNull()) {
        return Optional.empty();
      }
      if (!n.isTextual()) {
        throw new ConfigException(key(name), "must be an ISO-8601 string or null, was " + n);
      }
      return Optional.of(ConfigParser.parseInstant(key(name), n.asText()));
    }
  }
}
