package io.slipstream.backtest;

import static io.slipstream.core.ConfigNodes.bool;
import static io.slipstream.core.ConfigNodes.checkKeys;
import static io.slipstream.core.ConfigNodes.nonNegative;
import static io.slipstream.core.ConfigNodes.number;
import static io.slipstream.core.ConfigNodes.object;
import static io.slipstream.core.ConfigNodes.positive;
import static io.slipstream.core.ConfigNodes.positiveInt;
import static io.slipstream.core.ConfigNodes.required;
import static io.slipstream.core.ConfigNodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.core.ConfigNodes;
import io.slipstream.core.IoErrors;
import io.slipstream.cost.CostConfig;
import io.slipstream.cost.FeeModel;
import io.slipstream.strategy.StrategyParams;
import io.slipstream.strategy.StrategyRegistry;
import io.slipstream.strategy.StrategySpec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Parses a run config (JSON, snake_case keys; DESIGN.md CLI contract) into a {@link BacktestConfig}: the run keys
 * here, the strategy's own keys by its registered {@link StrategySpec} (one config mechanism for every strategy).
 * Strict: an unknown key, a missing key, a value of the wrong type or out of range is a {@link ConfigException}
 * naming the key (and the value, except for an unknown key). Keys of the live config ({@code execution},
 * {@code dry_run}, {@code api}, {@code risk}) are accepted and ignored here so one file serves backtest and live.
 *
 * <p>Run keys (units): {@code strategy} (a registered name, default "gradient"), {@code interval} ("1h", "4h", ...),
 * {@code start}, {@code end} (ISO-8601 instants or null), {@code capital_usd} (USD), {@code funding} (boolean),
 * {@code costs{maker_fee_bps, taker_fee_bps, passive_fill_fraction, slippage_bps}} (bps; fraction) plus the optional
 * cost-model keys {@code half_spread_bps} (bps, or "estimate"), {@code spread_window_bars},
 * {@code impact_coefficient} (square-root-law Y), {@code min_trade_usd} (USD), {@code adv_window_hours},
 * {@code vol_span_bars} (see {@link CostConfig}; absent = fees only, as DESIGN.md convention 8).
 *
 * <p>Strategy keys: in an object named after the strategy ({@code "beta_neutral": {...}}), or, for a spec with
 * {@link StrategySpec#topLevelKeys()} (Gradient), next to the run keys. A section named after another registered
 * strategy is an error naming it.
 */
public final class ConfigParser {
  /** The run keys: every config has them (the live and description keys optional) beside the strategy's keys. */
  private static final Set<String> RUN = Set.of("strategy", "interval", "start", "end", "capital_usd", "funding",
      "costs", "execution", "dry_run", "api", "risk", "protection", "alerts", "description");
  private static final Set<String> RUN_OPTIONAL = Set.of("strategy", "execution", "dry_run", "api", "risk",
      "protection", "alerts", "description");
  /** The strategy a config without a {@code strategy} key runs (DESIGN.md CLI contract). */
  public static final String DEFAULT_STRATEGY = "gradient";
  private static final Set<String> COSTS = Set.of("maker_fee_bps", "taker_fee_bps", "passive_fill_fraction",
      "slippage_bps", "half_spread_bps", "spread_window_bars", "impact_coefficient", "min_trade_usd",
      "adv_window_hours", "vol_span_bars");
  private static final Set<String> COSTS_OPTIONAL = Set.of("half_spread_bps", "spread_window_bars",
      "impact_coefficient", "min_trade_usd", "adv_window_hours", "vol_span_bars");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ConfigParser() {
  }

  /**
   * Reads and parses a config file.
   *
   * @param file the JSON file
   * @return the config
   * @throws ConfigException for an unreadable file, invalid JSON, or any key problem (naming the key and value)
   */
  public static BacktestConfig parse(Path file) {
    return parse(IoErrors.readConfigText(file, "--config"), file.toString());
  }

  /**
   * Parses config JSON text.
   *
   * @param json the JSON text
   * @param source a name for messages (the file path)
   * @return the config
   * @throws ConfigException naming the key and value of the first problem found
   */
  public static BacktestConfig parse(String json, String source) {
    return parse(readTree(json, source), source);
  }

  /**
   * Reads config JSON text into a tree (for tools that edit keys before parsing, such as the grid search).
   *
   * @param json the JSON text
   * @param source a name for messages (the file path)
   * @return the root object
   * @throws ConfigException when the text is not valid JSON or not an object
   */
  public static ObjectNode readTree(String json, String source) {
    return ConfigNodes.readObject(MAPPER, json, source);
  }

  /**
   * Parses a config tree (see {@link #readTree}); the tree is not modified.
   *
   * @param root the config object
   * @param source a name for messages
   * @return the config
   * @throws ConfigException naming the key and value of the first problem found
   */
  public static BacktestConfig parse(ObjectNode root, String source) {
    return parse(root, source, StrategyRegistry::spec);
  }

  /**
   * Parses a config tree with the strategy's spec looked up by a given function instead of the registry (a spec
   * not on the class path's provider list yet, e.g. one just generated by {@code strategy new} and compiled apart).
   *
   * @param root the config object
   * @param source a name for messages
   * @param specs the spec of a strategy name; throws {@link ConfigException} ({@code strategy}) for an unknown one
   * @return the config
   * @throws ConfigException naming the key and value of the first problem found
   */
  public static BacktestConfig parse(ObjectNode root, String source,
      java.util.function.Function<String, StrategySpec> specs) {
    String strategy = root.has("strategy") ? text(root, "strategy", "") : DEFAULT_STRATEGY;
    StrategySpec spec = specs.apply(strategy);
    for (StrategySpec other : StrategyRegistry.all()) {
      if (!other.name().equals(spec.name()) && root.has(other.name())) {
        throw new ConfigException(other.name(), "is the config section of strategy \"" + other.name()
            + "\", but the config's strategy is \"" + strategy + "\"");
      }
    }
    ObjectNode section;
    String prefix;
    if (spec.topLevelKeys()) {
      section = root.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!RUN.contains(e.getKey())) {
          section.set(e.getKey(), e.getValue());
        }
      }
      prefix = "";
      checkKeys(root, union(RUN, spec.keys().keySet()), RUN_OPTIONAL, "");
    } else {
      checkKeys(root, union(RUN, Set.of(spec.name())), RUN_OPTIONAL, "");
      section = (ObjectNode) object(root, spec.name(), "");
      prefix = spec.name() + ".";
    }
    RunKeys run = runKeys(root);
    StrategyParams params = spec.parse(section, prefix, run.interval());
    boolean funding = bool(root, "funding", "");
    CostConfig costs = costs(root);
    return new BacktestConfig(spec.name(), run.interval(), params, costs, funding, run.capitalUsd(), run.start(),
        run.end());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new LinkedHashSet<>(a);
    u.addAll(b);
    return u;
  }

  /** The keys every strategy's config has: {@code interval}, {@code start}, {@code end}, {@code capital_usd}. */
  private record RunKeys(BarInterval interval, Optional<Instant> start, Optional<Instant> end, double capitalUsd) {
  }

  private static RunKeys runKeys(JsonNode root) {
    BarInterval interval = interval(root);
    Optional<Instant> start = instant(root, "start");
    Optional<Instant> end = instant(root, "end");
    if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
      throw new ConfigException("start", "start " + start.get() + " must be before end " + end.get());
    }
    double capital = positive(root, "capital_usd", "");
    return new RunKeys(interval, start, end, capital);
  }

  private static BarInterval interval(JsonNode root) {
    try {
      return BarInterval.of(text(root, "interval", ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("interval", e.getMessage());
    }
  }

  private static CostConfig costs(JsonNode root) {
    JsonNode costsNode = object(root, "costs", "");
    checkKeys(costsNode, COSTS, COSTS_OPTIONAL, "costs.");
    double maker = nonNegative(costsNode, "maker_fee_bps", "costs.");
    double taker = nonNegative(costsNode, "taker_fee_bps", "costs.");
    double passive = number(costsNode, "passive_fill_fraction", "costs.");
    if (!(passive >= 0 && passive <= 1)) {
      throw new ConfigException("costs.passive_fill_fraction", "must be in [0, 1], was " + passive);
    }
    double slippage = nonNegative(costsNode, "slippage_bps", "costs.");
    CostConfig c = CostConfig.feesOnly(new FeeModel(maker, taker, passive, slippage));
    OptionalDouble halfSpread = c.halfSpreadBps();
    JsonNode hs = costsNode.get("half_spread_bps");
    if (hs != null) {
      if (hs.isTextual() && hs.asText().equals("estimate")) {
        halfSpread = OptionalDouble.empty();
      } else if (hs.isNumber() && Double.isFinite(hs.asDouble()) && hs.asDouble() >= 0) {
        halfSpread = OptionalDouble.of(hs.asDouble());
      } else {
        throw new ConfigException("costs.half_spread_bps", "must be a number >= 0 or \"estimate\", was " + hs);
      }
    }
    int spreadWindow = costsNode.has("spread_window_bars") ? positiveInt(costsNode, "spread_window_bars", "costs.")
        : c.spreadWindowBars();
    double impact = costsNode.has("impact_coefficient") ? nonNegative(costsNode, "impact_coefficient", "costs.")
        : c.impactCoefficient();
    double minTrade = costsNode.has("min_trade_usd") ? nonNegative(costsNode, "min_trade_usd", "costs.")
        : c.minTradeUsd();
    int advHours = costsNode.has("adv_window_hours") ? positiveInt(costsNode, "adv_window_hours", "costs.")
        : c.advWindowHours();
    int volSpan = costsNode.has("vol_span_bars") ? positiveInt(costsNode, "vol_span_bars", "costs.")
        : c.volSpanBars();
    return new CostConfig(c.fees(), halfSpread, spreadWindow, impact, minTrade, advHours, volSpan);
  }

  private static Optional<Instant> instant(JsonNode node, String key) {
    JsonNode v = required(node, key, "");
    if (v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new ConfigException(key, "must be an ISO-8601 instant or null, was " + v);
    }
    return Optional.of(parseInstant(key, v.asText()));
  }

  /**
   * Parses an ISO-8601 instant ({@code 2024-01-01T00:00:00Z}) or a date ({@code 2024-01-01}, taken as 00:00 UTC).
   *
   * @param key the key or option name, for the message
   * @param text the text
   * @return the instant
   * @throws ConfigException naming the key and text when it does not parse
   */
  public static Instant parseInstant(String key, String text) {
    try {
      if (text.length() == 10) {
        return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e2) {
        throw new ConfigException(key, "not an ISO-8601 instant: \"" + text + "\"");
      }
    }
  }
}
