package io.slipstream.strategy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Shares precomputed whole-panel signals between runs over the same market data whose configurations have the same
 * {@link StrategySpec#signalCacheKey} (the grid search and walk-forward run many configurations that differ only
 * downstream of the signals). Implementations must be thread-safe.
 */
public interface SignalCache {
  /**
   * @param key the configuration's signal-cache key (equal keys = equal signals on this data)
   * @param compute computes the signals when the cache does not hold them
   * @param <T> the signal type
   * @return the cached or newly computed signals; only read by callers
   */
  <T> T get(Object key, Supplier<T> compute);

  /** @return a cache that holds nothing (every call computes) */
  static SignalCache none() {
    return new SignalCache() {
      @Override
      public <T> T get(Object key, Supplier<T> compute) {
        return compute.get();
      }
    };
  }

  /** @return an unbounded thread-safe cache (for a run over a few signal groups, e.g. a walk-forward grid) */
  static SignalCache unbounded() {
    ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>();
    return new SignalCache() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T get(Object key, Supplier<T> compute) {
        return (T) map.computeIfAbsent(key, k -> compute.get());
      }
    };
  }
}
