package io.slipstream.strategy.betaneutral;

import io.slipstream.portfolio.BetaNeutralOptimizer;
import io.slipstream.portfolio.InfeasibleProblemException;
import io.slipstream.portfolio.JointAlphaModel;
import io.slipstream.portfolio.LotRounder;
import io.slipstream.portfolio.OptimizationException;
import io.slipstream.portfolio.OptimizerConstraints;
import io.slipstream.portfolio.RoundedBook;
import io.slipstream.portfolio.SzDecimals;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.core.Checks;
import io.slipstream.cost.CostModel;
import io.slipstream.cost.TradeCosts;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.factor.CovarianceMatrix;
import io.slipstream.factor.Covariances;
import io.slipstream.factor.FactorHistory;
import io.slipstream.factor.FactorModel;
import io.slipstream.factor.FactorPipeline;
import io.slipstream.factor.PcaConfig;
import io.slipstream.portfolio.JointAlphaModel.Snapshot;
import io.slipstream.signal.DollarAdv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The beta-neutral strategy: every H hours, forecasts of residual return and funding ({@link JointAlphaModel}),
 * a shrunk covariance of H-hour returns (plus that of H-hour funding), and a beta-neutral optimizer (closed form or
 * cost-aware, {@link BetaNeutralOptimizer}), optionally rounded to exchange lots with beta repair
 * ({@link LotRounder}).
 *
 * <p><b>Decision at grid row t</b> (close time a multiple of H hours), from data closed at or before t only:
 * <ol>
 *   <li>forecasts {@code alpha_price} and {@code F_hat} per coin; the optimizer's alpha is the expected total return
 *       of a long position over the next H hours, {@code alpha = alpha_price - F_hat} (longs pay positive funding);
 *       no trading before the regressions have their minimum training (no target is returned);</li>
 *   <li>universe: coins with both forecasts, a beta in the factor model in force at t, a close at t, finite H-hour
 *       returns (and funding) on every row of the covariance window {@code t-T+1..t} ({@code T = K x h}), and
 *       {@code ADV_t >= liquidity_threshold_usd / (liquidity_impact_pct / 100)} (DESIGN.md convention 6). A coin
 *       that lists enters once it has a complete window; a coin that delists or has a gap leaves at once and any
 *       position in it is closed at the decision (target 0);</li>
 *   <li>{@code S = shrunk cov(r^H)} [+ {@code shrunk cov(F^H)} when {@code funding_covariance}], Ledoit-Wolf-type
 *       shrinkage toward the diagonal ({@link Covariances#shrunk}); {@code beta_i} from the factor model;</li>
 *   <li>closed form: {@code w = S^-1 (alpha - lambda beta)} rescaled to {@code sum |w| = L} (no position bounds);
 *       cost aware: {@code max w'alpha - gamma/2 w'Sw - C(w - w_prev)} s.t. {@code beta'w = 0},
 *       {@code sum |w| <= L}, {@code |w_i| <= max_position_pct/100} [and {@code sum w = 0}], with {@code C} the
 *       cost model's {@link TradeCosts} at the decision and {@code w_prev} the drifted book;</li>
 *   <li>fewer universe coins than {@code n_factors + 2}: the book is closed (all targets 0).</li>
 * </ol>
 * An optimizer failure (no convergence, infeasible limits, a degenerate covariance) is an exception that names the
 * decision time; it is never turned into zero or NaN weights. This is the batch path over whole panels (every row
 * causal); {@link BetaNeutralBarStrategy} is the bar-by-bar form the live runner feeds, which builds this object
 * over the history visible at each decision and asks it for that row, so both run this code. Registered as
 * {@code beta_neutral} by {@link BetaNeutralSpec}.
 */
public final class BetaNeutralStrategy implements TargetSource {
  private final BetaNeutralConfig config;
  private final MarketData data;
  private final CostModel costs;
  private final FactorHistory factors;
  private final JointAlphaModel alphaModel;
  private final Panel returnsH;
  private final Panel fundingH;
  private final Panel adv;
  private final int window;
  private final List<String> coins;
  private final SzDecimals szDecimals;

  /**
   * Precomputes the factor history (causal per row) and sets up the forecast engine.
   *
   * @param config the strategy parameters
   * @param data masked market data with funding
   * @param costs cost model over the same columns (the optimizer's {@code C}; the ledger should charge the same)
   * @throws IllegalArgumentException when the data interval differs from the config's
   */
  public BetaNeutralStrategy(BetaNeutralConfig config, MarketData data, CostModel costs) {
    this.config = Checks.notNull(config, "config");
    this.data = Checks.notNull(data, "data");
    this.costs = Checks.notNull(costs, "costs");
    if (data.interval() != config.interval()) {
      throw new IllegalArgumentException("data interval " + data.interval().label() + " differs from the config's "
          + config.interval().label());
    }
    this.coins = data.coins();
    PcaConfig pca = new PcaConfig(config.horizonHours(), config.lookbackPeriods(), config.weighting(),
        PcaConfig.DEFAULT_VOLUME_WINDOW_PERIODS, config.nFactors(), PcaConfig.DEFAULT_RIDGE);
    this.factors = FactorPipeline.run(data, pca);
    this.alphaModel = new JointAlphaModel(config.forecast(), data, factors);
    this.returnsH = factors.horizonLogReturns();
    this.window = factors.windowObservations();
    this.fundingH = rollingSum(data.funding(), config.horizonBars());
    this.adv = DollarAdv.of(data.close(), data.volume());
    this.szDecimals = config.lotRounding() ? SzDecimals.fromFirstPrices(data.close()) : null;
  }

  /** @return the factor history the strategy uses */
  public FactorHistory factors() {
    return factors;
  }

  @Override
  public Optional<TargetWeights> targetsAt(int row) {
    return targetsAt(row, 1.0, new double[coins.size()]);
  }

  @Override
  public Optional<TargetWeights> targetsAt(int row, double navUsd, double[] currentWeights) {
    Optional<Snapshot> snap = alphaModel.advanceTo(row);
    if (snap.isEmpty() || !snap.get().fitted()) {
      return Optional.empty();
    }
    Snapshot s = snap.get();
    int n = coins.size();
    double[] target = new double[n];
    long timeMs = data.close().closeTimeMs(row);
    Optional<FactorModel> model = factors.modelAt(row);
    int[] universe = model.isPresent() ? universe(row, s, model.get()) : new int[0];
    int m = universe.length;
    if (m < config.nFactors() + 2) {
      return Optional.of(new TargetWeights(timeMs, coins, target, 0, 0));
    }
    double[] alpha = new double[m];
    double[] beta = new double[m];
    double[] prev = new double[m];
    for (int k = 0; k < m; k++) {
      int c = universe[k];
      alpha[k] = s.alphaPrice()[c] - s.fundingForecast()[c];
      beta[k] = model.get().betaOfColumn(c);
      prev[k] = currentWeights[c];
    }
    CovarianceMatrix cov = Covariances.shrunk(Covariances.observations(returnsH, row, window, universe), window, m);
    if (config.fundingCovariance()) {
      cov = cov.plus(Covariances.shrunk(Covariances.observations(fundingH, row, window, universe), window, m));
    }
    double[] sRowMajor = cov.toRowMajor();
    double[] w;
    try {
      w = optimise(row, navUsd, sRowMajor, alpha, beta, prev, universe);
    } catch (OptimizationException e) {
      String msg = "decision at " + data.close().closeTime(row) + " (" + m + " coins): " + e.getMessage();
      throw e instanceof InfeasibleProblemException ? new InfeasibleProblemException(msg) : new OptimizationException(msg);
    }
    if (config.lotRounding()) {
      w = roundToLots(row, navUsd, w, universe, beta, sRowMajor, currentWeights);
    }
    int nl = 0;
    int ns = 0;
    for (int k = 0; k < m; k++) {
      target[universe[k]] = w[k];
      nl += w[k] > 0 ? 1 : 0;
      ns += w[k] < 0 ? 1 : 0;
    }
    return Optional.of(new TargetWeights(timeMs, coins, target, nl, ns));
  }

  private double[] optimise(int row, double navUsd, double[] s, double[] alpha, double[] beta, double[] prev,
      int[] universe) {
    OptimizerConstraints limits = OptimizerConstraints.grossLeverage(config.grossLeverage())
        .withDollarNeutral(config.dollarNeutral());
    if (config.optimizer() == BetaNeutralConfig.Optimizer.CLOSED_FORM) {
      return BetaNeutralOptimizer.DEFAULT.closedForm(s, alpha, beta, limits).weights();
    }
    TradeCosts tc = costs.at(row, navUsd).subset(universe);
    limits = limits.withPositionLimit(config.maxPositionPct() / 100.0);
    return BetaNeutralOptimizer.DEFAULT.costAware(s, alpha, beta, prev, tc, config.riskAversion(), limits).weights();
  }

  private double[] roundToLots(int row, double navUsd, double[] w, int[] universe, double[] beta, double[] s,
      double[] currentWeights) {
    int m = universe.length;
    List<String> names = new ArrayList<>(m);
    double[] price = new double[m];
    int[] dec = new int[m];
    double[] cur = new double[m];
    for (int k = 0; k < m; k++) {
      int c = universe[k];
      String coin = coins.get(c);
      names.add(coin);
      price[k] = data.close().get(row, c);
      dec[k] = szDecimals.get(coin);
      double lot = Math.pow(10, -dec[k]);
      cur[k] = Math.rint(currentWeights[c] * navUsd / price[k] / lot) * lot;
    }
    RoundedBook book = new LotRounder(10.0, config.betaTolerance(), 10_000, true)
        .round(names, w, navUsd, price, dec, cur, beta, s);
    return book.weights();
  }

  private int[] universe(int row, Snapshot s, FactorModel model) {
    double minAdv = config.liquidityThresholdUsd() / (config.liquidityImpactPct() / 100.0);
    int first = row - window + 1;
    List<Integer> out = new ArrayList<>();
    if (first < 0) {
      return new int[0];
    }
    for (int c = 0; c < coins.size(); c++) {
      if (!(Double.isFinite(s.alphaPrice()[c]) && Double.isFinite(s.fundingForecast()[c])
          && Double.isFinite(model.betaOfColumn(c)) && data.close().get(row, c) > 0 && adv.get(row, c) >= minAdv)) {
        continue;
      }
      boolean full = true;
      for (int t = first; t <= row && full; t++) {
        full = Double.isFinite(returnsH.get(t, c)) && Double.isFinite(fundingH.get(t, c));
      }
      if (full) {
        out.add(c);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Sum of the last h values (rows t-h+1..t); NaN for the first h-1 rows. The funding panel holds no NaN. */
  static Panel rollingSum(Panel x, int h) {
    int rows = x.rows();
    int n = x.columns();
    double[] src = x.toColumnMajor();
    double[] out = new double[src.length];
    Arrays.fill(out, Double.NaN);
    for (int c = 0; c < n; c++) {
      int o = c * rows;
      for (int t = h - 1; t < rows; t++) {
        double sum = 0;
        for (int j = t - h + 1; j <= t; j++) {
          sum += src[o + j];
        }
        out[o + t] = sum;
      }
    }
    return x.withValues(out);
  }
}
