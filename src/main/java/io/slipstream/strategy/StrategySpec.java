package io.slipstream.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.MarketData;
import io.slipstream.portfolio.TargetSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the toolkit knows about one registered strategy (DESIGN.md "Strategy layer"), and its
 * {@link java.util.ServiceLoader} provider: each strategy package lists its spec class in
 * {@code META-INF/services/io.slipstream.strategy.StrategySpec} and nothing else registers it.
 *
 * <p>Config: a run config holds the run keys ({@code strategy, interval, start, end, capital_usd, funding, costs},
 * live keys, {@code exits}) and the strategy's section: an object under the strategy's name (e.g.
 * {@code "beta_neutral": {...}}), or, for a spec with {@link #topLevelKeys()}, the strategy's keys next to the run
 * keys (Gradient's form in DESIGN.md's CLI contract). {@link #parse} is strict: unknown and missing keys, wrong
 * types and out-of-range values are {@link ConfigException}s naming the dotted key (and the value, except for an
 * unknown key, whose value is never echoed).
 *
 * <p>Methods taking {@link StrategyParams} accept only what this spec's {@link #parse} returned.
 */
public interface StrategySpec {
  /** @return the registry name, snake_case (e.g. {@code "gradient"}) */
  String name();

  /** @return a one-line description (thesis and bars) */
  String description();

  /**
   * @return the section's keys in display order, each with a one-line description (units, range), as
   *     {@code slipstream strategy list} prints them
   */
  LinkedHashMap<String, String> keys();

  /** @return true when the strategy's keys stand at the config's top level instead of in a section */
  default boolean topLevelKeys() {
    return false;
  }

  /**
   * Parses and validates the strategy's section.
   *
   * @param section the section object (for {@link #topLevelKeys()} the root without the run keys)
   * @param prefix the dotted path of the section for messages ({@code ""} at the top, else {@code "name."})
   * @param interval the run's bar interval
   * @return the parameters
   * @throws ConfigException naming the dotted key of the first problem
   */
  StrategyParams parse(JsonNode section, String prefix, BarInterval interval);

  /**
   * @param params parameters of this spec
   * @return the section that {@link #parse} reads back into equal parameters (config round trip)
   */
  ObjectNode toJson(StrategyParams params);

  /**
   * @return the keys of the section a grid file may search, as they are written in a grid file (dotted from the
   *     config's root, e.g. {@code beta_neutral.risk_aversion}, or bare for {@link #topLevelKeys()})
   */
  Set<String> gridKeys();

  /**
   * @return the grid keys (as in {@link #gridKeys()}) whose values alone determine the precomputed signals: two
   *     configurations that agree on these share one {@link #signalCacheKey}; empty when nothing is shared
   */
  default Set<String> signalKeys() {
    return Set.of();
  }

  /**
   * @param params parameters of this spec
   * @return what configurations with equal keys can share (with {@link #batch}); empty when nothing is shared
   */
  default Optional<Object> signalCacheKey(StrategyParams params) {
    return Optional.empty();
  }

  /**
   * @param params parameters of this spec
   * @return the parameters a report shows, display name to value, in display order
   */
  LinkedHashMap<String, String> reportParameters(StrategyParams params);

  /**
   * @param params parameters of this spec
   * @return what a strategy with these parameters needs from its runner
   */
  Requirements requirements(StrategyParams params);

  /**
   * @param params parameters of this spec
   * @param coins the coins, in the column order of the contexts that will be fed
   * @return a fresh strategy (no bar fed)
   */
  Strategy create(StrategyParams params, List<String> coins);

  /**
   * The targets of a whole run, as the ledger asks for them. The default feeds {@link #create} bar by bar
   * ({@link BarReplay}); a spec may override it with a vectorised path that must be bit-identical (the contract
   * test checks it for every registered strategy).
   *
   * @param params parameters of this spec
   * @param data masked market data of the run (all history: signals warm up on it)
   * @param costs the run's cost model (the ledger charges the same object)
   * @param cache shared precomputed signals (see {@link #signalCacheKey})
   * @return target weights by decision row
   */
  default TargetSource batch(StrategyParams params, MarketData data, CostModel costs, SignalCache cache) {
    return BarReplay.of(create(params, data.coins()), data, costs);
  }
}
