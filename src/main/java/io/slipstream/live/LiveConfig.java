package io.slipstream.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.ConfigException;
import io.slipstream.core.ConfigNodes;
import io.slipstream.live.alert.AlertConfig;
import io.slipstream.live.protect.ProtectionConfig;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The live sections of a strategy config ({@code config/gradient_live.json}): the backtest keys (parsed by the
 * backtest config parser) plus {@code execution}, {@code dry_run}, {@code api} and an optional {@code risk}.
 *
 * <pre>
 * "execution": {"passive_timeout_seconds": 60, "limit_order_aggression": 0.0, "cancel_before_market_sweep": true,
 *               "min_order_size_usd": 10, "max_requotes": 3, "sweep_slippage_pct": 1.0,
 *               "dead_man_switch_seconds": 120},
 * "dry_run": true,
 * "api": {"endpoint": "https://api.hyperliquid.xyz", "account_address": "0x..", "timeout_seconds": 10,
 *         "max_retries": 4},
 * "risk": {"max_gross_leverage": 1.05, "max_net_leverage": 0.5, "max_adv_fraction": 0.02,
 *          "max_data_age_minutes": 30, "slippage_alert_pct": 1.0, "position_alert_pct": 20},
 * "protection": {"stop_loss_pct": 8, "take_profit_pct": 25, "order_type": "market", "slippage_pct": 5},
 * "alerts": {"webhook_url": "https://hooks.slack.com/services/...", "status_file": "reports/live/status.json"}
 * </pre>
 * Keys marked optional below take the stated default. Unknown keys and out-of-range values are
 * {@link ConfigException}s naming the dotted key and the value.
 *
 * @param execution two-stage execution settings
 * @param dryRun {@code dry_run}: when true the config refuses {@code --mode live}
 * @param api endpoint and account
 * @param risk risk limits besides {@code max_position_pct}
 * @param protection (optional section) exchange-side stop-loss / take-profit trigger orders on every position
 *     ({@link ProtectionConfig}); empty when the section is absent
 * @param alerts (optional section) status file and alert webhook ({@link AlertConfig}); {@link AlertConfig#DEFAULT}
 *     when absent
 */
public record LiveConfig(Execution execution, boolean dryRun, Api api, Risk risk,
    Optional<ProtectionConfig> protection, AlertConfig alerts) {
  private static final Set<String> EXECUTION = Set.of("passive_timeout_seconds", "limit_order_aggression",
      "cancel_before_market_sweep", "min_order_size_usd", "max_requotes", "sweep_slippage_pct",
      "dead_man_switch_seconds");
  private static final Set<String> API = Set.of("endpoint", "ws_url", "account_address", "vault_address",
      "timeout_seconds", "max_retries");
  private static final Set<String> RISK = Set.of("max_gross_leverage", "max_net_leverage", "max_adv_fraction",
      "max_data_age_minutes", "slippage_alert_pct", "position_alert_pct");

  /**
   * Two-stage execution (stage 1 post-only Alo quotes, stage 2 IOC sweep).
   *
   * @param passiveTimeoutSeconds how long stage 1 waits for passive fills, seconds, {@code > 0}
   * @param limitOrderAggression where a post-only quote sits inside the spread: 0 joins the best bid (buys) or ask
   *     (sells); {@code a} quotes {@code bid + a (ask - bid)} for buys (rounded down to a valid price) and
   *     {@code ask - a (ask - bid)} for sells (rounded up), never at or through the opposite touch; in {@code [0, 1)}
   * @param cancelBeforeMarketSweep when true stage 2 cancels what rests and sweeps the remainder with IOC orders;
   *     when false stage 2 is skipped and the passive orders stay on the book (the rebalance then ends with resting
   *     orders, reported)
   * @param minOrderSizeUsd deltas worth less are skipped, USD, {@code >= 10} (Hyperliquid's minimum)
   * @param maxRequotes (optional, default 3) how many times a quote is cancelled and re-placed when the book moves
   *     away from it or a post-only order is rejected for crossing, {@code >= 0}
   * @param sweepSlippagePct (optional, default 1) the IOC sweep's limit: mid x (1 +/- this / 100), percent, in
   *     {@code (0, 10]}
   * @param deadManSwitchSeconds (optional, default 120) the exchange's dead man's switch ({@code scheduleCancel}):
   *     before stage 1 every open order of the account is scheduled to be cancelled {@code passive_timeout_seconds +}
   *     this many seconds ahead, and the schedule is removed when execution ends, so quotes never outlive a runner
   *     that died; 0 turns it off, else {@code >= 5}
   */
  public record Execution(double passiveTimeoutSeconds, double limitOrderAggression, boolean cancelBeforeMarketSweep,
      double minOrderSizeUsd, int maxRequotes, double sweepSlippagePct, int deadManSwitchSeconds) {
  }

  /**
   * @param endpoint REST base URL ({@code https://api.hyperliquid.xyz} mainnet,
   *     {@code https://api.hyperliquid-testnet.xyz} testnet)
   * @param wsUrl (optional) WebSocket URL; by default derived from the endpoint ({@code wss://.../ws})
   * @param accountAddress (optional) the account the key trades and whose positions are read; defaults to the
   *     signer's address. Required when the key is an API wallet (its account); live mode and {@code live stop}
   *     verify it with the exchange's {@code userRole} ({@link AccountCheck}). Needed by dry-run without a key to
   *     read positions (else dry-run assumes a flat book and says so).
   * @param vaultAddress (optional) a vault or sub-account the orders trade for (then the account read); its leader
   *     must be the key's account
   * @param timeoutSeconds (optional, default 10) per-request timeout, seconds, {@code > 0}
   * @param maxRetries (optional, default 4) retries of HTTP 429/5xx and timeouts, {@code >= 0}
   */
  public record Api(URI endpoint, Optional<URI> wsUrl, Optional<String> accountAddress, Optional<String> vaultAddress,
      double timeoutSeconds, int maxRetries) {
  }

  /**
   * Risk limits (with {@code max_position_pct} of the strategy keys).
   *
   * @param maxGrossLeverage (default 1.05 x {@code gross_leverage}) sum |target USD| / capital
   * @param maxNetLeverage (default 0.5) |sum target USD| / capital
   * @param maxAdvFraction (default 0.02) an order's notional at most this share of the coin's dollar ADV
   * @param maxDataAgeMinutes (default 2 bar intervals) the last closed bar may be at most this old
   * @param slippageAlertPct (default 1) alert when a coin's average fill is this many percent worse than the
   *     decision price
   * @param positionAlertPct (default 20) alert when a final position is this many percent off its target
   */
  public record Risk(double maxGrossLeverage, double maxNetLeverage, double maxAdvFraction, double maxDataAgeMinutes,
      double slippageAlertPct, double positionAlertPct) {
  }

  /**
   * Parses the live sections.
   *
   * @param root the whole config object (backtest keys are ignored here)
   * @param grossLeverage the strategy's {@code gross_leverage} (for the default gross limit)
   * @param intervalHours the bar interval in hours (for the default data age)
   * @return the live config
   * @throws ConfigException naming the key when {@code execution}, {@code dry_run} or {@code api} is missing, or a
   *     key is unknown or out of range
   */
  public static LiveConfig parse(ObjectNode root, double grossLeverage, int intervalHours) {
    JsonNode ex = object(root, "execution", true);
    ConfigNodes.rejectUnknownKeys(ex, EXECUTION, "execution.", "known");
    Execution execution = new Execution(
        positive(ex, "passive_timeout_seconds", "execution."),
        range(ex, "limit_order_aggression", "execution.", 0, 1, false),
        ConfigNodes.boolValue(ex.get("cancel_before_market_sweep"), "execution.cancel_before_market_sweep"),
        atLeast(ex, "min_order_size_usd", "execution.", 10),
        ex.has("max_requotes") ? nonNegativeInt(ex, "max_requotes", "execution.") : 3,
        ex.has("sweep_slippage_pct") ? range(ex, "sweep_slippage_pct", "execution.", 0, 10, true) : 1.0,
        ex.has("dead_man_switch_seconds") ? nonNegativeInt(ex, "dead_man_switch_seconds", "execution.") : 120);
    if (execution.deadManSwitchSeconds() > 0 && execution.deadManSwitchSeconds() < 5) {
      throw new ConfigException("execution.dead_man_switch_seconds", "must be 0 (off) or >= 5 (the exchange needs "
          + "the cancel time at least 5 s ahead), was " + execution.deadManSwitchSeconds());
    }
    if (!root.has("dry_run")) {
      throw new ConfigException("dry_run", "is missing (true or false)");
    }
    boolean dryRun = ConfigNodes.boolValue(root.get("dry_run"), "dry_run");
    JsonNode a = object(root, "api", true);
    ConfigNodes.rejectUnknownKeys(a, API, "api.", "known");
    String endpointText = text(a, "endpoint", "api.");
    URI endpoint;
    try {
      endpoint = URI.create(endpointText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("api.endpoint", "is not a URL: \"" + endpointText + "\"");
    }
    if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
      throw new ConfigException("api.endpoint", "must be an http(s) URL, was \"" + endpointText + "\"");
    }
    Optional<URI> ws = Optional.empty();
    if (a.has("ws_url")) {
      String w = text(a, "ws_url", "api.");
      if (!w.startsWith("ws://") && !w.startsWith("wss://")) {
        throw new ConfigException("api.ws_url", "must be a ws:// or wss:// URL, was \"" + w + "\"");
      }
      ws = Optional.of(URI.create(w));
    }
    Api api = new Api(endpoint, ws, optionalAddress(a, "account_address"), optionalAddress(a, "vault_address"),
        a.has("timeout_seconds") ? positive(a, "timeout_seconds", "api.") : 10.0,
        a.has("max_retries") ? nonNegativeInt(a, "max_retries", "api.") : 4);
    JsonNode r = object(root, "risk", false);
    Risk risk;
    if (r == null) {
      risk = new Risk(1.05 * grossLeverage, 0.5, 0.02, 2.0 * 60 * intervalHours, 1.0, 20.0);
    } else {
      ConfigNodes.rejectUnknownKeys(r, RISK, "risk.", "known");
      risk = new Risk(
          r.has("max_gross_leverage") ? positive(r, "max_gross_leverage", "risk.") : 1.05 * grossLeverage,
          r.has("max_net_leverage") ? nonNegative(r, "max_net_leverage", "risk.") : 0.5,
          r.has("max_adv_fraction") ? range(r, "max_adv_fraction", "risk.", 0, 1, true) : 0.02,
          r.has("max_data_age_minutes") ? positive(r, "max_data_age_minutes", "risk.") : 2.0 * 60 * intervalHours,
          r.has("slippage_alert_pct") ? positive(r, "slippage_alert_pct", "risk.") : 1.0,
          r.has("position_alert_pct") ? positive(r, "position_alert_pct", "risk.") : 20.0);
    }
    JsonNode prot = root.get("protection");
    Optional<ProtectionConfig> protection = prot == null || prot.isNull() ? Optional.empty()
        : Optional.of(ProtectionConfig.parse(prot));
    JsonNode al = root.get("alerts");
    AlertConfig alerts = al == null || al.isNull() ? AlertConfig.DEFAULT : AlertConfig.parse(al);
    return new LiveConfig(execution, dryRun, api, risk, protection, alerts);
  }

  private static JsonNode object(JsonNode root, String key, boolean required) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw new ConfigException(key, "is missing (the live adapter needs it)");
      }
      return null;
    }
    return ConfigNodes.objectValue(n, key);
  }

  /** A finite number; absent or null "is missing" (the shared reader would say "missing key" or "was null"). */
  private static double number(JsonNode node, String key, String prefix) {
    return ConfigNodes.number(present(node, key, prefix), key, prefix);
  }

  private static double positive(JsonNode node, String key, String prefix) {
    return ConfigNodes.positive(present(node, key, prefix), key, prefix);
  }

  private static double nonNegative(JsonNode node, String key, String prefix) {
    return ConfigNodes.nonNegative(present(node, key, prefix), key, prefix);
  }

  /** @return {@code node} when it holds a non-null {@code key} */
  private static JsonNode present(JsonNode node, String key, String prefix) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new ConfigException(prefix + key, "is missing");
    }
    return node;
  }

  private static double atLeast(JsonNode node, String key, String prefix, double lo) {
    double d = number(node, key, prefix);
    if (d < lo) {
      throw new ConfigException(prefix + key, "must be >= " + lo + ", was " + d);
    }
    return d;
  }

  /** {@code [lo, hi)} when {@code closedHigh} is false, {@code (lo, hi]} when true. */
  private static double range(JsonNode node, String key, String prefix, double lo, double hi, boolean closedHigh) {
    double d = number(node, key, prefix);
    boolean ok = closedHigh ? d > lo && d <= hi : d >= lo && d < hi;
    if (!ok) {
      throw new ConfigException(prefix + key, "must be in " + (closedHigh ? "(" + lo + ", " + hi + "]"
          : "[" + lo + ", " + hi + ")") + ", was " + d);
    }
    return d;
  }

  private static int nonNegativeInt(JsonNode node, String key, String prefix) {
    JsonNode v = node.get(key);
    if (v == null || !v.isIntegralNumber() || v.longValue() < 0 || v.longValue() > Integer.MAX_VALUE) {
      throw new ConfigException(prefix + key, "must be an integer >= 0, was " + v);
    }
    return v.intValue();
  }

  private static String text(JsonNode node, String key, String prefix) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw new ConfigException(prefix + key, "must be a non-empty string, was " + v);
    }
    return v.textValue();
  }

  private static Optional<String> optionalAddress(JsonNode api, String key) {
    JsonNode v = api.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    String s = v.isTextual() ? v.textValue() : "";
    if (!s.matches("0x[0-9a-fA-F]{40}")) {
      throw new ConfigException("api." + key, "must be 0x + 40 hex digits, was " + v);
    }
    return Optional.of(s.toLowerCase(java.util.Locale.ROOT));
  }
}
