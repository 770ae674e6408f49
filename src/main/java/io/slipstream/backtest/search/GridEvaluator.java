package io.slipstream.backtest.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.cost.CostConfig;
import io.slipstream.cost.CostModel;
import io.slipstream.data.MarketData;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.strategy.SignalCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Evaluates the configurations of a grid on one market-data set. Thread-safe: many threads may call
 * {@link #evaluate(long)} and {@link #backtest} at once.
 *
 * <p>Sharing: configurations with the same {@link io.slipstream.strategy.StrategySpec#signalCacheKey} (for Gradient
 * the same {@code lookback_spans}, {@code vol_span} and {@code warmup_bars}: the spec's
 * {@link io.slipstream.strategy.StrategySpec#signalKeys()}) share one whole-panel signal computation, held in a
 * small least-recently-used cache ({@link #signalGroup(long)} tells which configurations share; run them together to keep the cache small).
 * Cost models are shared the same way by cost config. Results are bit-identical to a plain
 * {@link Backtester#run(MarketData, BacktestConfig)} of each configuration (tested).
 *
 * <p>Windows: every configuration books the base config's window {@code (start, end]}; the first
 * {@code floor(m (1 - oos_fraction))} of its {@code m} booked bars are in sample, the rest out of sample, all from
 * one continuous run (the out-of-sample period starts with the book the in-sample period ended with).
 */
public final class GridEvaluator {
  private static final int CACHE = Math.max(3, Runtime.getRuntime().availableProcessors() + 1);
  private final MarketData data;
  private final GridJob job;
  private final ObjectNode base;
  private final BacktestConfig baseConfig;
  private final GridSpec spec;
  private final int bookedBars;
  private final int split;
  private final int[] blockBounds;
  private final int[] signalKeyPositions;
  private final Map<Object, CompletableFuture<Object>> signals = lru();
  private final SignalCache signalCache = new SignalCache() {
    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, java.util.function.Supplier<T> compute) {
      return (T) cached(signals, key, k -> compute.get());
    }
  };
  private final Map<CostConfig, CompletableFuture<CostModel>> costModels = lru();

  /**
   * @param data masked market data of the base config's interval (with funding when the config books it)
   * @param job the grid job
   * @throws io.slipstream.core.ConfigException for an invalid base config or grid (naming the key), or a window
   *     with fewer booked bars than {@code 2 x blocks}
   */
  public GridEvaluator(MarketData data, GridJob job) {
    this.data = data;
    this.job = job;
    this.base = ConfigParser.readTree(job.baseConfigJson(), job.source());
    this.baseConfig = ConfigParser.parse(base, job.source());
    if (data.interval() != baseConfig.interval()) {
      throw new IllegalArgumentException("data interval " + data.interval().label() + " differs from config interval "
          + baseConfig.interval().label());
    }
    this.spec = GridSpec.parse(ConfigParser.readTree(job.gridJson(), "grid"), base, "grid");
    int[] rows = Backtester.bookedRows(data.close(), baseConfig.start(), baseConfig.end());
    this.bookedBars = rows[1] - rows[0] + 1;
    if (bookedBars < 2 * job.blocks()) {
      throw new io.slipstream.core.ConfigException("start", "the window books " + bookedBars
          + " bars, fewer than 2 x blocks = " + 2 * job.blocks());
    }
    this.split = (int) Math.floor(bookedBars * (1 - job.outOfSampleFraction()));
    this.blockBounds = BlockReturns.blockBounds(bookedBars, job.blocks());
    List<Integer> pos = new ArrayList<>();
    java.util.Set<String> sharedKeys = baseConfig.spec().signalKeys();
    for (int k = 0; k < spec.keys().size(); k++) {
      if (sharedKeys.contains(spec.keys().get(k))) {
        pos.add(k);
      }
    }
    this.signalKeyPositions = pos.stream().mapToInt(Integer::intValue).toArray();
  }

  /** @return the grid */
  public GridSpec spec() {
    return spec;
  }

  /** @return the job */
  public GridJob job() {
    return job;
  }

  /** @return the base config (window, costs, funding of every configuration) */
  public BacktestConfig baseConfig() {
    return baseConfig;
  }

  /** @return the market data */
  public MarketData data() {
    return data;
  }

  /** @return booked bars of every configuration's run */
  public int bookedBars() {
    return bookedBars;
  }

  /** @return number of in-sample bars (the first ones of the window) */
  public int inSampleBars() {
    return split;
  }

  /**
   * @param id configuration id
   * @return the parsed configuration
   * @throws io.slipstream.core.ConfigException when its combination of values is invalid
   */
  public BacktestConfig config(long id) {
    return spec.config(base, id, job.source());
  }

  /**
   * @param id configuration id
   * @return a number shared by exactly the configurations that share signals (same values of the strategy's
   *     {@link io.slipstream.strategy.StrategySpec#signalKeys()}); 0 for strategies without sharing
   */
  public long signalGroup(long id) {
    long g = 0;
    for (int k : signalKeyPositions) {
      g = g * spec.values(k).size() + spec.valueIndex(id, k);
    }
    return g;
  }

  /**
   * @param ids configuration ids
   * @return the ids ordered by signal group, then id (the order that keeps the signal cache small)
   */
  public long[] inGroupOrder(long[] ids) {
    long[][] keyed = new long[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      keyed[i] = new long[] {signalGroup(ids[i]), ids[i]};
    }
    Arrays.sort(keyed, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    long[] out = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = keyed[i][1];
    }
    return out;
  }

  /**
   * Runs one config through the ledger over a window, sharing signals and cost models with other runs. The costs,
   * funding switch and capital are the config's own.
   *
   * @param config a config of this data's interval
   * @param start booked bars close after this instant (empty = first bar)
   * @param end booked bars close at or before this instant (empty = last bar)
   * @return the ledger, equal to {@link Backtester#run(MarketData, BacktestConfig)} of the config with that window
   */
  public BacktestResult backtest(BacktestConfig config, Optional<Instant> start, Optional<Instant> end) {
    CostModel costs = cached(costModels, config.costConfig(), c -> Backtester.costModel(data, config));
    TargetSource targets = Backtester.targets(config, data, costs, signalCache);
    return Backtester.run(data, targets, costs, config.funding(), config.capitalUsd(), start, end);
  }

  /**
   * Evaluates one configuration over the base window. A run-time failure of the configuration (an optimizer that
   * does not converge, bad data) is not thrown: the row carries the error and NaN stats, and the search reports it.
   *
   * @param id configuration id
   * @return its row
   * @throws io.slipstream.core.ConfigException when the combination of values is invalid (a usage error)
   */
  public GridRow evaluate(long id) {
    BacktestConfig cfg = config(id);
    String params = spec.paramsJson(id);
    int s = job.blocks();
    BacktestResult r;
    try {
      r = backtest(cfg, cfg.start(), cfg.end());
    } catch (RuntimeException e) {
      if (e instanceof io.slipstream.core.ConfigException) {
        throw e;
      }
      String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
      double[] nan = new double[s];
      Arrays.fill(nan, Double.NaN);
      return new GridRow(id, params, PeriodStats.EMPTY, PeriodStats.EMPTY, PeriodStats.EMPTY, new long[s], nan,
          nan.clone(), msg);
    }
    if (r.size() != bookedBars) {
      throw new IllegalStateException("configuration " + id + " booked " + r.size() + " bars, expected " + bookedBars);
    }
    long[] n = new long[s];
    double[] sum = new double[s];
    double[] sq = new double[s];
    double[] net = r.netReturns();
    for (int b = 0; b < s; b++) {
      double[] st = BlockReturns.blockStats(net, blockBounds[b], blockBounds[b + 1]);
      n[b] = (long) st[0];
      sum[b] = st[1];
      sq[b] = st[2];
    }
    return new GridRow(id, params, PeriodStats.of(r, 0, bookedBars), PeriodStats.of(r, 0, split),
        PeriodStats.of(r, split, bookedBars), n, sum, sq, "");
  }

  private static <K, V> Map<K, CompletableFuture<V>> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
        return size() > CACHE;
      }
    };
  }

  /** Computes a value once per key (other threads wanting the same key wait for it), keeping a few recent keys. */
  private static <K, V> V cached(Map<K, CompletableFuture<V>> cache, K key, Function<K, V> compute) {
    CompletableFuture<V> f;
    boolean mine = false;
    synchronized (cache) {
      f = cache.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        cache.put(key, f);
        mine = true;
      }
    }
    if (mine) {
      try {
        f.complete(compute.apply(key));
      } catch (RuntimeException | Error e) {
        f.completeExceptionally(e);
        synchronized (cache) {
          cache.remove(key, f);
        }
        throw e;
      }
    }
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }
}
