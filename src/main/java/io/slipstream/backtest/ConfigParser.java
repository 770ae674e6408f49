package io.slipstream.backtest;

import static io.slipstream.core.ConfigNodes.bool;
import static io.slipstream.core.ConfigNodes.checkKeys;
import static io.slipstream.core.ConfigNodes.intValue;
import static io.slipstream.core.ConfigNodes.nonNegative;
import static io.slipstream.core.ConfigNodes.number;
import static io.slipstream.core.ConfigNodes.object;
import static io.slipstream.core.ConfigNodes.openClosed;
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
import io.slipstream.cost.CostConfig;
import io.slipstream.cost.FeeModel;
import io.slipstream.factor.VolumeWeighting;
import io.slipstream.portfolio.BetaNeutralConfig;
import io.slipstream.portfolio.BetaNeutralStrategy;
import io.slipstream.portfolio.JointAlphaConfig;
import io.slipstream.portfolio.GradientConfig;
import io.slipstream.portfolio.GradientStrategy;
import io.slipstream.portfolio.WeightScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Parses a strategy/run config (JSON, snake_case keys; DESIGN.md CLI contract) into a {@link BacktestConfig}.
 * Strict: an unknown key, a missing key, a value of the wrong type or out of range is a {@link ConfigException}
 * naming the key and the value. Keys of the live config ({@code execution}, {@code dry_run}, {@code api}) are
 * accepted and ignored here so one file serves backtest and live.
 *
 * <p>Keys (units): {@code strategy} (optional, default "gradient"), {@code interval} ("1h", "4h", ...),
 * {@code start}, {@code end} (ISO-8601 instants or null), {@code capital_usd} (USD), {@code max_position_pct}
 * (percent of NAV), {@code concentration_pct} (percent per side), {@code rebalance_freq_hours} (hours),
 * {@code weight_scheme} ("inverse_vol" | "equal"), {@code lookback_spans} (bars), {@code vol_span} (bars),
 * {@code warmup_bars} (bars), {@code liquidity_threshold_usd} (USD), {@code liquidity_impact_pct} (percent of ADV),
 * {@code gross_leverage} (NAV multiple), {@code funding} (boolean), {@code costs{maker_fee_bps, taker_fee_bps,
 * passive_fill_fraction, slippage_bps}} (bps; fraction) plus the optional cost-model keys {@code half_spread_bps}
 * (bps, or "estimate"), {@code spread_window_bars}, {@code impact_coefficient} (square-root-law Y),
 * {@code min_trade_usd} (USD), {@code adv_window_hours}, {@code vol_span_bars} (see {@link CostConfig}; absent =
 * fees only, as DESIGN.md convention 8).
 *
 * <p>{@code "strategy": "beta_neutral"} replaces the Gradient keys with a {@code beta_neutral} object (keys of
 * {@link BetaNeutralConfig}: {@code horizon_hours, lookback_periods, weight_method, n_factors, momentum_spans,
 * funding_spans, vol_span_periods, ridge_penalty, min_train_periods, funding_covariance, optimizer, risk_aversion,
 * gross_leverage, max_position_pct, dollar_neutral, liquidity_threshold_usd, liquidity_impact_pct, lot_rounding,
 * beta_tolerance}, all required).
 */
public final class ConfigParser {
  private static final Set<String> TOP = Set.of("strategy", "interval", "start", "end", "capital_usd",
      "max_position_pct", "concentration_pct", "rebalance_freq_hours", "weight_scheme", "lookback_spans", "vol_span",
      "warmup_bars", "liquidity_threshold_usd", "liquidity_impact_pct", "gross_leverage", "funding", "costs",
      "execution", "dry_run", "api", "risk", "description");
  private static final Set<String> OPTIONAL = Set.of("strategy", "execution", "dry_run", "api", "risk",
      "description");
  private static final Set<String> TOP_BETA_NEUTRAL = Set.of("strategy", "interval", "start", "end", "capital_usd",
      "funding", "costs", "beta_neutral", "execution", "dry_run", "api", "risk", "description");
  private static final Set<String> COSTS = Set.of("maker_fee_bps", "taker_fee_bps", "passive_fill_fraction",
      "slippage_bps", "half_spread_bps", "spread_window_bars", "impact_coefficient", "min_trade_usd",
      "adv_window_hours", "vol_span_bars");
  private static final Set<String> COSTS_OPTIONAL = Set.of("half_spread_bps", "spread_window_bars",
      "impact_coefficient", "min_trade_usd", "adv_window_hours", "vol_span_bars");
  private static final Set<String> BETA_NEUTRAL = Set.of("horizon_hours", "lookback_periods", "weight_method",
      "n_factors", "momentum_spans", "funding_spans", "vol_span_periods", "ridge_penalty", "min_train_periods",
      "funding_covariance", "optimizer", "risk_aversion", "gross_leverage", "max_position_pct", "dollar_neutral",
      "liquidity_threshold_usd", "liquidity_impact_pct", "lot_rounding", "beta_tolerance");
  /** Registry names of the strategies a config may name. */
  public static final List<String> STRATEGIES = StrategyRegistry.names();
  private static final ObjectMapper MAPPER = new ObjectMapper();

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
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("--config", "cannot read config file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    return parse(text, file.toString());
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
    String strategy = root.has("strategy") ? text(root, "strategy", "") : GradientStrategy.NAME;
    if (!STRATEGIES.contains(strategy)) {
      throw new ConfigException("strategy", "unknown strategy \"" + strategy + "\" (known: "
          + String.join(", ", STRATEGIES) + ")");
    }
    if (strategy.equals(BetaNeutralStrategy.NAME)) {
      return parseBetaNeutral(root);
    }
    checkKeys(root, TOP, OPTIONAL, "");
    RunKeys run = runKeys(root);
    double concentration = openClosed(root, "concentration_pct", "", 0, 50);
    double maxPos = openClosed(root, "max_position_pct", "", 0, 100);
    int rebalance = positiveInt(root, "rebalance_freq_hours", "");
    WeightScheme scheme;
    try {
      scheme = WeightScheme.of(text(root, "weight_scheme", ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("weight_scheme", e.getMessage());
    }
    List<Integer> spans = spans(root, "lookback_spans", "");
    int volSpan = positiveInt(root, "vol_span", "");
    int warmup = intValue(root, "warmup_bars", "");
    if (warmup < 0) {
      throw new ConfigException("warmup_bars", "must be >= 0, was " + warmup);
    }
    double liqUsd = nonNegative(root, "liquidity_threshold_usd", "");
    double liqPct = openClosed(root, "liquidity_impact_pct", "", 0, 100);
    double gross = openClosed(root, "gross_leverage", "", 0, 100);
    boolean funding = bool(root, "funding", "");
    CostConfig costs = costs(root);
    GradientConfig g = new GradientConfig(run.interval(), concentration, rebalance, scheme, spans, volSpan, warmup,
        liqUsd, liqPct, gross, maxPos);
    return new BacktestConfig(strategy, run.interval(), Optional.of(g), Optional.empty(), costs, funding,
        run.capitalUsd(), run.start(), run.end());
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

  private static BacktestConfig parseBetaNeutral(ObjectNode root) {
    checkKeys(root, TOP_BETA_NEUTRAL, OPTIONAL, "");
    RunKeys run = runKeys(root);
    BarInterval interval = run.interval();
    boolean funding = bool(root, "funding", "");
    CostConfig costs = costs(root);
    JsonNode bn = object(root, "beta_neutral", "");
    String p = "beta_neutral.";
    checkKeys(bn, BETA_NEUTRAL, Set.of(), p);
    int horizon = positiveInt(bn, "horizon_hours", p);
    if (horizon % interval.hours() != 0) {
      throw new ConfigException(p + "horizon_hours", "must be a multiple of the " + interval.label()
          + " interval, was " + horizon);
    }
    VolumeWeighting weighting;
    try {
      weighting = VolumeWeighting.of(text(bn, "weight_method", p));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p + "weight_method", e.getMessage());
    }
    BetaNeutralConfig.Optimizer optimizer;
    try {
      optimizer = BetaNeutralConfig.Optimizer.of(text(bn, "optimizer", p));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p + "optimizer", e.getMessage());
    }
    double ridge = nonNegative(bn, "ridge_penalty", p);
    double gamma = positive(bn, "risk_aversion", p);
    double gross = openClosed(bn, "gross_leverage", p, 0, 100);
    double maxPos = openClosed(bn, "max_position_pct", p, 0, 100);
    double liqUsd = nonNegative(bn, "liquidity_threshold_usd", p);
    double liqPct = openClosed(bn, "liquidity_impact_pct", p, 0, 100);
    double betaTol = nonNegative(bn, "beta_tolerance", p);
    JointAlphaConfig forecast = new JointAlphaConfig(horizon, spans(bn, "momentum_spans", p),
        spans(bn, "funding_spans", p), positiveInt(bn, "vol_span_periods", p), ridge,
        positiveInt(bn, "min_train_periods", p));
    BetaNeutralConfig b = new BetaNeutralConfig(interval, horizon, positiveInt(bn, "lookback_periods", p), weighting,
        positiveInt(bn, "n_factors", p), forecast, bool(bn, "funding_covariance", p), optimizer, gamma, gross, maxPos,
        bool(bn, "dollar_neutral", p), liqUsd, liqPct, bool(bn, "lot_rounding", p), betaTol);
    return new BacktestConfig(BetaNeutralStrategy.NAME, interval, Optional.empty(), Optional.of(b), costs, funding,
        run.capitalUsd(), run.start(), run.end());
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

  private static List<Integer> spans(JsonNode node, String key, String prefix) {
    JsonNode a = required(node, key, prefix);
    if (!a.isArray() || a.isEmpty()) {
      throw new ConfigException(prefix + key, "must be a non-empty array of positive integers, was " + a);
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode s : a) {
      if (!s.canConvertToExactIntegral() || s.asLong() < 1 || s.asLong() > 1_000_000) {
        throw new ConfigException(prefix + key, "every span must be a positive integer, was " + s);
      }
      out.add(s.asInt());
    }
    return out;
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
