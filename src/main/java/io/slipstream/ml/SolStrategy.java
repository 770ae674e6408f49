package io.slipstream.ml;

import io.slipstream.core.Checks;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.EwVolatility;
import io.slipstream.signal.LogReturns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The SOL direction-model strategy as a {@link TargetSource} for the ledger
 * ({@link io.slipstream.backtest.Backtester#run}): a weight for the coin's column only, 0 for every other coin.
 * Inputs per data row {@code t} (all known at the close of bar {@code t}): the model's probability of an up move
 * {@code p_t} (NaN = no model covers the bar), the regime {@code g_t in {+1, -1, 0}} ({@link RegimeFilter} on the
 * coin's closes), the news sentiment {@code s_t in [-1, 1]} (NaN = no recent news), the EW volatility
 * {@code sigma_t} of the coin's 1-bar log returns ({@link EwVolatility}, DESIGN.md convention 4) and the close
 * {@code C_t}.
 *
 * <p><b>Rules at the decision of row {@code t}</b>, in this order ({@link Reason} names the outcome):
 * <ol>
 *   <li>{@code C_t} NaN (no bar): hold, no trade ({@link Reason#NO_PRICE}).</li>
 *   <li>Raw direction {@code d_t = +1} if {@code p_t > upper} and {@code g_t = +1}; {@code -1} if
 *       {@code p_t < lower} and {@code g_t = -1}; else 0 ({@link Reason#NO_MODEL} when {@code p_t} is NaN,
 *       {@link Reason#NO_EDGE} when {@code lower <= p_t <= upper}, {@link Reason#REGIME_DISAGREES} otherwise).</li>
 *   <li>Stop-loss: while a position of sign {@code h} is held (the ledger's drifted weight) with entry price
 *       {@code E} (the close at the decision that opened it or flipped it), if
 *       {@code h (C_t / E - 1) <= -stop_loss_pct / 100}, the position is closed ({@link Reason#STOP_LOSS}) and the
 *       strategy stays flat while {@code d} keeps the stopped sign {@code h} ({@link Reason#STOPPED_OUT}); it may
 *       trade again once {@code d} differs from {@code h} (a flip, or 0 and back). The stop is checked on closes
 *       only, so the realised loss can exceed the stop when the price gaps through it within a bar.</li>
 *   <li>Sentiment block: if {@code d_t != 0} and {@code s_t < block_below}, flat ({@link Reason#SENTIMENT_BLOCK}).
 *       Reading: "blocked" means no exposure at all, in either direction, and an open position is closed too: a
 *       strongly negative news flow signals event risk (hacks, outages, enforcement) that the price features do not
 *       see, so the model is not trusted either way. {@code s_t} NaN = no recent news about the coin = not
 *       blocked.</li>
 *   <li>Sizing: {@code w_t = d_t x min(max_leverage, target_vol_per_bar / sigma_t)} with
 *       {@code target_vol_per_bar = target_vol_annual / sqrt(bars per year)}; when {@code d_t != 0} and
 *       {@code sigma_t} is NaN or 0 the book is held as it is ({@link Reason#NO_VOLATILITY}).</li>
 *   <li>Trade: when the sign of {@code w_t} differs from the sign of the drifted weight {@code u}, or
 *       {@code |w_t - u| > rebalance_band}; otherwise no trade (the weight drifts; the decision says
 *       {@code traded = false}). The ledger then books the fee on {@code |w_t - u|} and the funding on the held
 *       weight exactly as for every other strategy (DESIGN.md convention 8).</li>
 * </ol>
 *
 * <p><b>State.</b> The stop-loss makes the strategy path-dependent: an instance serves one ledger run; the ledger
 * asks rows in increasing order (asking a row at or before the last one asked throws {@link IllegalStateException}).
 * {@link #decisions()} lists what was decided at every row asked, for the report. The vectorised inputs are
 * precomputed; every rule uses row {@code t} only and the state carried from earlier rows, so no decision sees a
 * later bar.
 *
 * <p><b>Ablation.</b> {@link #withProbability} re-runs the same rules on another probability series:
 * {@link #randomProbability} (seeded i.i.d. uniform draws, the null model) and {@link #regimeOnlyProbability}
 * (always the regime's side); {@link NullTest} ranks the model among the random runs.
 */
public final class SolStrategy implements TargetSource {
  /** Why a decision came out as it did. */
  public enum Reason {
    /** {@code p > upper} in a bullish regime: long. */
    LONG("long: p > upper, bullish regime"),
    /** {@code p < lower} in a bearish regime: short. */
    SHORT("short: p < lower, bearish regime"),
    /** {@code lower <= p <= upper}: flat. */
    NO_EDGE("flat: p within [lower, upper]"),
    /** {@code p} beyond a threshold but the regime does not agree: flat. */
    REGIME_DISAGREES("flat: regime does not agree with p"),
    /** No model covers the bar ({@code p} NaN): flat. */
    NO_MODEL("flat: no out-of-sample probability"),
    /** News sentiment below the block level: flat. */
    SENTIMENT_BLOCK("flat: news sentiment below block_below"),
    /** The stop-loss was hit at this close: flat. */
    STOP_LOSS("flat: stop-loss hit"),
    /** Stopped out earlier and the signal has not changed: flat. */
    STOPPED_OUT("flat: stopped out, waiting for the signal to change"),
    /** No volatility estimate: the book is held as it is. */
    NO_VOLATILITY("hold: no volatility estimate"),
    /** No close at the decision bar: the book is held as it is. */
    NO_PRICE("hold: no close at this bar");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** @return a one-line description for reports */
    public String description() {
      return description;
    }
  }

  /**
   * The trading rules' parameters.
   *
   * @param upper long above this probability, in {@code [0, 1]}
   * @param lower short below this probability, in {@code [0, upper]}
   * @param blockBelow flat while the sentiment is below this, in {@code [-1, 1]}
   * @param targetVolPerBar target volatility per bar, decimal, {@code > 0}
   * @param maxLeverage cap on {@code |w|}, {@code > 0}
   * @param stopLossPct stop-loss in percent of the entry price, {@code (0, 100)}, or NaN = none
   * @param rebalanceBand re-size an unchanged direction only when {@code |w - u|} exceeds this NAV fraction,
   *     {@code >= 0}
   */
  public record Rules(double upper, double lower, double blockBelow, double targetVolPerBar, double maxLeverage,
      double stopLossPct, double rebalanceBand) {
    /** @throws IllegalArgumentException naming the field and value */
    public Rules {
      Checks.inRange(upper, 0, 1, "upper");
      Checks.inRange(lower, 0, upper, "lower");
      Checks.inRange(blockBelow, -1, 1, "blockBelow");
      Checks.positive(targetVolPerBar, "targetVolPerBar");
      Checks.positive(maxLeverage, "maxLeverage");
      if (!Double.isNaN(stopLossPct) && !(stopLossPct > 0 && stopLossPct < 100)) {
        throw new IllegalArgumentException("Argument 'stopLossPct' must be in (0, 100) or NaN, was " + stopLossPct);
      }
      Checks.nonNegative(rebalanceBand, "rebalanceBand");
    }

    /**
     * @param cfg a configuration
     * @return its rules, with {@code target_vol_per_bar} for the config's interval
     */
    public static Rules of(SolStrategyConfig cfg) {
      return new Rules(cfg.signal().upper(), cfg.signal().lower(), cfg.sentiment().blockBelow(),
          cfg.sizing().targetVolPerBar(cfg.interval()), cfg.sizing().maxLeverage(),
          cfg.stopLossPct().isPresent() ? cfg.stopLossPct().getAsDouble() : Double.NaN,
          cfg.sizing().rebalanceBand());
    }
  }

  /**
   * One decision.
   *
   * @param row the decision row
   * @param time the decision time (the bar's close)
   * @param close the close, USD (NaN = no bar)
   * @param probability {@code p_t} (NaN = no model)
   * @param regime {@code g_t}
   * @param sentiment {@code s_t} (NaN = no recent news)
   * @param sigma {@code sigma_t}, decimal per bar (NaN = warm-up)
   * @param rawDirection {@code d_t} from {@code p} and the regime
   * @param direction the direction after the stop-loss and the sentiment block (the sign of the target)
   * @param targetWeight the weight the rules ask for (NAV fraction); the held weight when the book is held
   * @param heldWeight the drifted weight before the decision
   * @param traded whether a rebalance to {@code targetWeight} was sent to the ledger
   * @param entryPrice entry price of the position after the decision, NaN when flat
   * @param reason why
   */
  public record Decision(int row, Instant time, double close, double probability, int regime, double sentiment,
      double sigma, int rawDirection, int direction, double targetWeight, double heldWeight, boolean traded,
      double entryPrice, Reason reason) {
  }

  private final MarketData data;
  private final String coin;
  private final List<String> coins;
  private final int coinColumn;
  private final Panel closePanel;
  private final double[] close;
  private final double[] probability;
  private final double[] regime;
  private final double[] sentiment;
  private final double[] sigma;
  private final Rules rules;
  private final List<Decision> decisions = new ArrayList<>();
  private int lastRow = -1;
  private double entry = Double.NaN;
  private int stoppedSign;
  private double ownWeight;

  /**
   * A strategy over precomputed per-row inputs (all of length {@code data.rows()}; copied).
   *
   * @param data the market data the ledger runs on (its grid and coin columns)
   * @param coin the traded coin
   * @param probability {@code p_t} in {@code [0, 1]} or NaN. Not modified.
   * @param regime {@code g_t}, each {@code +1, -1} or {@code 0}. Not modified.
   * @param sentiment {@code s_t} in {@code [-1, 1]} or NaN. Not modified.
   * @param sigma {@code sigma_t >= 0} or NaN, decimal per bar. Not modified.
   * @param rules the parameters
   * @throws IllegalArgumentException if the coin is not in the data, a length differs from the data's rows, or a
   *     value is out of range (naming the array and row)
   */
  public SolStrategy(MarketData data, String coin, double[] probability, double[] regime, double[] sentiment,
      double[] sigma, Rules rules) {
    Checks.notNull(data, "data");
    Checks.notNull(coin, "coin");
    OptionalInt c = data.close().columnOf(coin);
    if (c.isEmpty()) {
      throw new IllegalArgumentException("coin '" + coin + "' is not in the market data");
    }
    this.data = data;
    this.coin = coin;
    this.coins = data.coins();
    this.coinColumn = c.getAsInt();
    this.closePanel = data.close();
    this.close = closePanel.column(coinColumn);
    int n = data.rows();
    this.probability = checked(probability, n, "probability", 0, 1);
    this.regime = checked(regime, n, "regime", -1, 1);
    for (int t = 0; t < n; t++) {
      if (regime[t] != -1 && regime[t] != 0 && regime[t] != 1) {
        throw new IllegalArgumentException("Argument 'regime[" + t + "]' must be -1, 0 or 1, was " + regime[t]);
      }
    }
    this.sentiment = checked(sentiment, n, "sentiment", -1, 1);
    this.sigma = checked(sigma, n, "sigma", 0, Double.MAX_VALUE);
    this.rules = Checks.notNull(rules, "rules");
  }

  /**
   * The strategy of a configuration: regime from {@link RegimeFilter} on the coin's closes, {@code sigma} from
   * {@link EwVolatility} (span {@code sizing.vol_span_bars}) of its 1-bar log returns, rules from the config.
   *
   * @param cfg the configuration
   * @param data the market data the ledger runs on
   * @param probability per row, e.g. {@link SolPipeline.WalkForwardResult#probability()}. Not modified.
   * @param sentiment per row, e.g. {@link SolPipeline.SentimentResult#values()}. Not modified.
   * @return the strategy
   * @throws IllegalArgumentException as the constructor
   */
  public static SolStrategy of(SolStrategyConfig cfg, MarketData data, double[] probability, double[] sentiment) {
    Checks.notNull(cfg, "cfg");
    Checks.notNull(data, "data");
    OptionalInt c = data.close().columnOf(cfg.coin());
    if (c.isEmpty()) {
      throw new IllegalArgumentException("coin '" + cfg.coin() + "' is not in the market data");
    }
    double[] closes = data.close().column(c.getAsInt());
    return new SolStrategy(data, cfg.coin(), probability, cfg.regime().regime(closes), sentiment,
        ewVolatility(closes, cfg.sizing().volSpanBars()), Rules.of(cfg));
  }

  /**
   * @param close closes in USD, NaN = missing. Not modified.
   * @param span EW span {@code >= 1}
   * @return {@code sigma_t} of {@code r_t = ln(C_t / C_{t-1})} ({@link EwVolatility}), NaN during warm-up and where
   *     {@code r_t} is NaN
   */
  public static double[] ewVolatility(double[] close, int span) {
    EwVolatility ev = new EwVolatility(span);
    double[] out = new double[close.length];
    for (int t = 0; t < close.length; t++) {
      out[t] = ev.update(t == 0 ? Double.NaN : LogReturns.of(close[t], close[t - 1]));
    }
    return out;
  }

  private static double[] checked(double[] a, int n, String name, double lo, double hi) {
    Checks.notNull(a, name);
    Checks.sameLength(a.length, n, name);
    for (int t = 0; t < n; t++) {
      double v = a[t];
      if (v == v && !(v >= lo && v <= hi)) {
        throw new IllegalArgumentException("Argument '" + name + "[" + t + "]' must be in [" + lo + ", " + hi
            + "] or NaN, was " + v);
      }
    }
    return a.clone();
  }

  /**
   * The decision at row {@code row} when the ledger's drifted weight is not known: the strategy's own last target
   * stands in for it (drift ignored). The ledger calls {@link #targetsAt(int, double, double[])}.
   */
  @Override
  public Optional<TargetWeights> targetsAt(int row) {
    return decide(row, ownWeight);
  }

  /**
   * The decision at row {@code row} (class comment), given the ledger's drifted weights.
   *
   * @param row the decision row, greater than every row asked before
   * @param navUsd the NAV in USD (unused: sizing is in NAV fractions)
   * @param currentWeights the drifted weights per column
   * @return the target (the coin's weight, 0 elsewhere) when the rules trade, else empty
   * @throws IllegalStateException if {@code row} is not after the last row asked
   */
  @Override
  public Optional<TargetWeights> targetsAt(int row, double navUsd, double[] currentWeights) {
    return decide(row, currentWeights[coinColumn]);
  }

  private Optional<TargetWeights> decide(int t, double held) {
    if (t <= lastRow) {
      throw new IllegalStateException("rows must be asked in increasing order: " + t + " after " + lastRow
          + " (use a new SolStrategy per ledger run)");
    }
    if (t < 0 || t >= close.length) {
      throw new IllegalArgumentException("Argument 'row' must be in [0, " + close.length + "), was " + t);
    }
    lastRow = t;
    int heldSign = (int) Math.signum(held);
    if (heldSign == 0) {
      entry = Double.NaN;
    }
    double c = close[t];
    double p = probability[t];
    int g = (int) regime[t];
    double s = sentiment[t];
    double sg = sigma[t];
    int raw = 0;
    Reason reason;
    if (p != p) {
      reason = Reason.NO_MODEL;
    } else if (p > rules.upper() && g == RegimeFilter.BULL) {
      raw = 1;
      reason = Reason.LONG;
    } else if (p < rules.lower() && g == RegimeFilter.BEAR) {
      raw = -1;
      reason = Reason.SHORT;
    } else if (p >= rules.lower() && p <= rules.upper()) {
      reason = Reason.NO_EDGE;
    } else {
      reason = Reason.REGIME_DISAGREES;
    }
    if (c != c) {
      return record(t, c, p, g, s, sg, raw, heldSign, held, held, false, Reason.NO_PRICE);
    }
    if (stoppedSign != 0 && raw != stoppedSign) {
      stoppedSign = 0;
    }
    int dir = raw;
    if (heldSign != 0 && !Double.isNaN(rules.stopLossPct()) && entry == entry
        && heldSign * (c / entry - 1.0) <= -rules.stopLossPct() / 100.0) {
      stoppedSign = heldSign;
      if (raw == heldSign) {
        dir = 0;
        reason = Reason.STOP_LOSS;
      } else {
        // the signal has left the stopped direction already: it is followed (flat or the other way)
        stoppedSign = 0;
      }
    } else if (stoppedSign != 0) {
      dir = 0;
      reason = Reason.STOPPED_OUT;
    }
    if (dir != 0 && s == s && s < rules.blockBelow()) {
      dir = 0;
      reason = Reason.SENTIMENT_BLOCK;
    }
    double target = 0.0;
    if (dir != 0) {
      if (!(sg > 0)) {
        return record(t, c, p, g, s, sg, raw, heldSign, held, held, false, Reason.NO_VOLATILITY);
      }
      target = dir * Math.min(rules.maxLeverage(), rules.targetVolPerBar() / sg);
    }
    int targetSign = (int) Math.signum(target);
    boolean trade = targetSign != heldSign || Math.abs(target - held) > rules.rebalanceBand();
    if (!trade) {
      return record(t, c, p, g, s, sg, raw, dir, target, held, false, reason);
    }
    if (targetSign != heldSign) {
      entry = targetSign == 0 ? Double.NaN : c;
    }
    ownWeight = target;
    double[] w = new double[coins.size()];
    w[coinColumn] = target;
    record(t, c, p, g, s, sg, raw, dir, target, held, true, reason);
    return Optional.of(new TargetWeights(closePanel.closeTimeMs(t), coins, w, target > 0 ? 1 : 0,
        target < 0 ? 1 : 0));
  }

  private Optional<TargetWeights> record(int t, double c, double p, int g, double s, double sg, int raw, int dir,
      double target, double held, boolean traded, Reason reason) {
    decisions.add(new Decision(t, closePanel.closeTime(t), c, p, g, s, sg, raw, dir, target, held, traded, entry,
        reason));
    return Optional.empty();
  }

  /** @return the decisions made so far, one per row asked, in row order (unmodifiable copy) */
  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /** @return the rules */
  public Rules rules() {
    return rules;
  }

  /** @return a copy of {@code p_t} per data row (NaN = no model) */
  public double[] probability() {
    return probability.clone();
  }

  /** @return a copy of the regime {@code g_t} per data row ({@code +1, -1, 0}) */
  public double[] regime() {
    return regime.clone();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // null-model ablation

  /**
   * The same strategy with another probability series: same coin, market data, regime, sentiment, volatility and
   * rules, fresh state (no decisions, no position, no stop). Run it through the same ledger as this one to see how
   * much of the result the probabilities carry ({@link #randomProbability}, {@link #regimeOnlyProbability}).
   *
   * @param probability {@code p_t} per data row, in {@code [0, 1]} or NaN. Not modified.
   * @return a new strategy for one ledger run
   * @throws IllegalArgumentException if the length differs from the data's rows or a value is out of range
   */
  public SolStrategy withProbability(double[] probability) {
    return new SolStrategy(data, coin, probability, regime, sentiment, sigma, rules);
  }

  /**
   * Null model for the ablation: i.i.d. {@code Uniform[0, 1)} draws in place of the model's probabilities, on exactly
   * the rows where the model has one. The draws come from {@code new SplittableRandom(seed).nextDouble()}, one per
   * such row, in row order, so a seed gives the same series on every run and machine.
   *
   * @param modelProbability the model's {@code p_t} per row (NaN = no model). Not modified.
   * @param seed the random seed
   * @return {@code u_t} where {@code p_t} is not NaN, NaN where it is; same length
   * @throws IllegalArgumentException if {@code modelProbability} is null
   */
  public static double[] randomProbability(double[] modelProbability, long seed) {
    Checks.notNull(modelProbability, "modelProbability");
    SplittableRandom rng = new SplittableRandom(seed);
    double[] out = new double[modelProbability.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = modelProbability[t] == modelProbability[t] ? rng.nextDouble() : Double.NaN;
    }
    return out;
  }

  /**
   * "Regime only" ablation: a probability that always takes the regime's side, on exactly the rows where the model
   * has one: {@code p_t = 1} when {@code g_t = +1} (bullish), {@code 0} when {@code g_t = -1} (bearish) and
   * {@code 0.5} when {@code g_t = 0} (no regime view: flat whatever {@code p} is); NaN where the model's {@code p_t}
   * is NaN. With the strategy's rules this means: long in every bullish bar and short in every bearish bar the model
   * covers, still subject to the sentiment block, sizing, stop-loss and rebalance band. It never trades against the
   * regime. (With {@code upper = 1} or {@code lower = 0} that side can never trade, as for the model.)
   *
   * @param modelProbability the model's {@code p_t} per row (NaN = no model). Not modified.
   * @param regime {@code g_t} per row, each {@code +1, -1} or {@code 0}. Not modified.
   * @return the probability series, same length
   * @throws IllegalArgumentException if the lengths differ or a regime value is not {@code +1, -1, 0}
   */
  public static double[] regimeOnlyProbability(double[] modelProbability, double[] regime) {
    Checks.notNull(modelProbability, "modelProbability");
    Checks.notNull(regime, "regime");
    Checks.sameLength(regime.length, modelProbability.length, "regime");
    double[] out = new double[modelProbability.length];
    for (int t = 0; t < out.length; t++) {
      double g = regime[t];
      if (g != RegimeFilter.BULL && g != RegimeFilter.BEAR && g != RegimeFilter.NONE) {
        throw new IllegalArgumentException("Argument 'regime[" + t + "]' must be -1, 0 or 1, was " + g);
      }
      out[t] = modelProbability[t] != modelProbability[t] ? Double.NaN
          : g == RegimeFilter.BULL ? 1.0 : g == RegimeFilter.BEAR ? 0.0 : 0.5;
    }
    return out;
  }

  /**
   * A one-sided Monte-Carlo comparison of the model's statistic (e.g. net Sharpe) with the same statistic of
   * {@code N} null-model runs ({@link #randomProbability} with seeds {@code 1..N}): {@code atLeast} = the number of
   * null runs whose value is {@code >=} the model's (ties count against the model), the model's rank
   * {@code 1 + atLeast} among the {@code N + 1} runs (1 = best), and the empirical p-value
   * {@code (1 + atLeast) / (N + 1)} (Davison and Hinkley, <i>Bootstrap Methods and their Application</i>, 1997,
   * eq. 4.11; North, Curtis and Sham, Am. J. Hum. Genet. 71, 2002): the probability, under "the probabilities carry
   * no information", of a result at least this good. NaN null values (an undefined statistic, e.g. a run that never
   * held a position has no Sharpe) are left out and counted in {@code undefinedRuns}.
   *
   * @param modelValue the model's statistic; NaN makes the p-value NaN
   * @param runs the null runs with a defined (not NaN) value, {@code N}
   * @param atLeast how many of them are {@code >= modelValue}
   * @param undefinedRuns null runs left out because their value is NaN
   */
  public record NullTest(double modelValue, int runs, int atLeast, int undefinedRuns) {
    /** @throws IllegalArgumentException if a count is negative or {@code atLeast > runs} */
    public NullTest {
      Checks.nonNegative(runs, "runs");
      Checks.inRange(atLeast, 0, runs, "atLeast");
      Checks.nonNegative(undefinedRuns, "undefinedRuns");
    }

    /**
     * @param modelValue the model's statistic (NaN allowed)
     * @param nullValues the null runs' statistics. Not modified.
     * @return the comparison
     * @throws IllegalArgumentException if {@code nullValues} is null
     */
    public static NullTest of(double modelValue, double[] nullValues) {
      Checks.notNull(nullValues, "nullValues");
      int runs = 0;
      int atLeast = 0;
      for (double v : nullValues) {
        if (v == v) {
          runs++;
          if (v >= modelValue) {
            atLeast++;
          }
        }
      }
      return new NullTest(modelValue, runs, atLeast, nullValues.length - runs);
    }

    /** @return {@code (1 + atLeast) / (runs + 1)}; NaN when the model's value is NaN */
    public double pValue() {
      return modelValue == modelValue ? (1.0 + atLeast) / (runs + 1.0) : Double.NaN;
    }

    /** @return the model's rank {@code 1 + atLeast} among {@code runs + 1} (1 = best); empty when its value is NaN */
    public OptionalInt rank() {
      return modelValue == modelValue ? OptionalInt.of(1 + atLeast) : OptionalInt.empty();
    }
  }

  /**
   * Buy-and-hold of one coin: weight 1 (long, NAV fraction) at the first decision the ledger asks for, no trade
   * afterwards (the ledger lets the weight drift; for a single coin at weight 1 it stays 1). Fees are paid once, on
   * the entry turnover of 1; funding is paid on the held weight every bar, as for any strategy.
   *
   * @param data the market data the ledger runs on
   * @param coin the coin
   * @return a one-shot target source (one per ledger run)
   * @throws IllegalArgumentException if the coin is not in the data
   */
  public static TargetSource buyAndHold(MarketData data, String coin) {
    Checks.notNull(data, "data");
    OptionalInt c = data.close().columnOf(Checks.notNull(coin, "coin"));
    if (c.isEmpty()) {
      throw new IllegalArgumentException("coin '" + coin + "' is not in the market data");
    }
    List<String> coins = data.coins();
    Panel close = data.close();
    int col = c.getAsInt();
    return new TargetSource() {
      private boolean bought;

      @Override
      public Optional<TargetWeights> targetsAt(int row) {
        if (bought) {
          return Optional.empty();
        }
        bought = true;
        double[] w = new double[coins.size()];
        w[col] = 1.0;
        return Optional.of(new TargetWeights(close.closeTimeMs(row), coins, w, 1, 0));
      }
    };
  }
}
