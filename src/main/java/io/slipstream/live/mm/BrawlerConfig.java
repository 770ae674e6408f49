package io.slipstream.live.mm;

import static io.slipstream.core.ConfigNodes.checkKeys;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.core.ConfigException;
import io.slipstream.core.ConfigNodes;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Meta;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brawler's configuration ({@code config/brawler.json}), parsed strictly: unknown, duplicated and missing keys, wrong
 * types and out-of-range values are {@link ConfigException}s naming the dotted key and the value. The file holds no
 * secret (credentials come from the command line or the env file), so values may be printed.
 *
 * <p>Two steps: {@link #parse(String, String)} checks the file on its own; {@link #validate(Meta, Map)} checks it
 * against the exchange: every coin listed and not delisted in {@code meta}, {@code lot_size = 10^-szDecimals},
 * {@code tick_size} a power of ten no finer than the exchange's price decimals {@code 10^-(6 - szDecimals)} nor than
 * the 5-significant-figure step at the reference mid, and a
 * config that cannot quote inside its own spread: at the reference mid {@code m} the narrowest quoted spread
 * {@code 2 * base_spread_bps * m / 1e4} must span at least one tick, else bid and ask would meet on the grid.
 *
 * @param name a label for logs and reports
 * @param network {@code mainnet} or {@code testnet}
 * @param accountAddress the trading account ({@code 0x...}), if configured (the command line may override)
 * @param repriceToleranceTicks requote a side only when its desired price moves by more than this many ticks
 * @param resizeToleranceFraction requote a side when its desired size differs from the posted one by more than
 *     this fraction of the posted size, {@code [0, 1)}
 * @param volSampleMs CEX mid sampling interval of the volatility estimate, ms
 * @param volSpanSamples EWMA span of the squared returns, samples ({@code alpha = 2/(span+1)}); sigma is valid
 *     after this many samples
 * @param volHorizonMs horizon sigma is scaled to: {@code sigma_bps = 1e4 sqrt(v * horizon/sample)}, ms
 * @param basisHalflifeMs half-life of the time-decayed EWMA of the HL-vs-CEX basis, ms
 * @param cexStaleMs the CEX feed is stale when nothing was received for longer than this, ms
 * @param hlStaleMs the HL feed is stale when nothing was received for longer than this, ms
 * @param maxExchangeErrors this many exchange errors of a symbol within {@code exchangeErrorWindowMs} suspend it
 * @param exchangeErrorWindowMs the error window, ms
 * @param resumeCooldownMs after every kill condition cleared, wait this long before quoting again, ms
 * @param maxGrossUsd portfolio cap of {@code sum |inventory x fair|}, USD; sizes taper linearly to zero at the cap
 * @param reduceOnlyGrossUsd from this gross on, every symbol quotes only the side that reduces its inventory, USD
 * @param makerFeeBps maker fee, bps of notional (negative = rebate)
 * @param deadManSwitchMs the {@code scheduleCancel} horizon kept armed while quoting, ms ({@code >= 5000})
 * @param backtest the replay simulator's parameters
 * @param symbols per-coin settings, in file order
 */
public record BrawlerConfig(String name, String network, Optional<String> accountAddress, int repriceToleranceTicks,
    double resizeToleranceFraction, long volSampleMs, int volSpanSamples, long volHorizonMs, long basisHalflifeMs,
    long cexStaleMs, long hlStaleMs, int maxExchangeErrors, long exchangeErrorWindowMs, long resumeCooldownMs,
    double maxGrossUsd, double reduceOnlyGrossUsd, double makerFeeBps, long deadManSwitchMs, Backtest backtest,
    List<SymbolConfig> symbols) {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> TOP = Set.of("name", "network", "account_address",
      "quote_reprice_tolerance_ticks", "quote_resize_tolerance_fraction", "vol_sample_ms", "vol_span_samples",
      "vol_horizon_ms", "basis_halflife_ms", "cex_stale_ms", "hl_stale_ms", "max_exchange_errors",
      "exchange_error_window_ms", "resume_cooldown_ms", "max_gross_usd", "reduce_only_gross_usd", "maker_fee_bps",
      "dead_man_switch_ms", "backtest", "symbols");
  private static final Set<String> SYMBOL = Set.of("cex_symbol", "size_multiplier", "tick_size", "lot_size",
      "base_spread_bps", "vol_k", "skew_bps", "quote_size_usd", "max_inventory_usd", "kill_inventory_usd",
      "vol_ceiling_bps", "basis_deviation_bps");
  private static final Set<String> BACKTEST = Set.of("cex_feed_latency_ms", "hl_feed_latency_ms",
      "order_latency_ms", "timer_ms", "markouts_ms", "funding_interval_ms");

  /**
   * Per-coin settings.
   *
   * @param coin the Hyperliquid coin
   * @param mapping the venue mapping ({@code cex_symbol}, {@code size_multiplier})
   * @param tickSize price grid step, USD (a power of ten)
   * @param lotSize size grid step, HL units ({@code 10^-szDecimals})
   * @param baseSpreadBps half-spread at zero volatility, bps of fair value, {@code > 0}
   * @param volK half-spread added per bp of sigma ({@code half = base + k * sigma_bps}), {@code >= 0}
   * @param skewBps reservation-price shift at {@code inventory = max_inventory}, bps, {@code >= 0}
   * @param quoteSizeUsd untapered size per side, USD notional
   * @param maxInventoryUsd per-symbol soft limit, USD: no quote on the side that would push |inventory| beyond it
   * @param killInventoryUsd per-symbol kill switch, USD ({@code >= maxInventoryUsd}): suspend at or beyond it
   * @param volCeilingBps kill switch: suspend while sigma exceeds this, bps
   * @param basisDeviationBps kill switch: suspend while |basis - EWMA basis| exceeds this, bps
   */
  public record SymbolConfig(String coin, SymbolMap.Mapping mapping, double tickSize, double lotSize,
      double baseSpreadBps, double volK, double skewBps, double quoteSizeUsd, double maxInventoryUsd,
      double killInventoryUsd, double volCeilingBps, double basisDeviationBps) {
    /** @return the number of decimals of the tick ({@code 0} for a tick of 1 or more) */
    public int tickDecimals() {
      return Math.max(0, BigDecimal.valueOf(tickSize).stripTrailingZeros().scale());
    }
  }

  /**
   * Replay simulator parameters.
   *
   * @param cexFeedLatencyMs delay from a CEX event to the engine seeing it, ms
   * @param hlFeedLatencyMs delay from an HL event to the engine seeing it, ms
   * @param orderLatencyMs delay from a quote decision to the order resting (or being cancelled) on HL, ms
   * @param timerMs the engine's timer period (staleness and cooldown checks), ms
   * @param markoutsMs markout horizons, ms, ascending
   * @param fundingIntervalMs funding is settled at multiples of this, ms (HL: 3 600 000)
   */
  public record Backtest(long cexFeedLatencyMs, long hlFeedLatencyMs, long orderLatencyMs, long timerMs,
      List<Long> markoutsMs, long fundingIntervalMs) {
    /** Copies the list. */
    public Backtest {
      markoutsMs = List.copyOf(markoutsMs);
    }
  }

  /** Copies the list. */
  public BrawlerConfig {
    symbols = List.copyOf(symbols);
  }

  /**
   * @param coin a coin
   * @return its settings
   * @throws IllegalArgumentException when the coin is not configured
   */
  public SymbolConfig symbol(String coin) {
    return symbols.stream().filter(s -> s.coin().equals(coin)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("coin " + coin + " is not in the config"));
  }

  /** @return the venue map of the configured coins */
  public SymbolMap symbolMap() {
    return new SymbolMap(symbols.stream().map(SymbolConfig::mapping).toList());
  }

  /**
   * Reads and parses a config file (structure only; see {@link #validate}).
   *
   * @param file the JSON file
   * @return the config
   * @throws ConfigException for an unreadable file or any key problem
   */
  public static BrawlerConfig read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException("(file)", "cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * Parses config text (structure and ranges only).
   *
   * @param json the JSON text
   * @param source a name for messages
   * @return the config
   * @throws ConfigException naming the key and value
   */
  public static BrawlerConfig parse(String json, String source) {
    JsonNode root = ConfigNodes.readObject(MAPPER, json, source);
    checkKeys(root, TOP, Set.of("account_address"), "");
    String network = ConfigNodes.text(root, "network", "");
    if (!network.equals("mainnet") && !network.equals("testnet")) {
      throw new ConfigException("network", "must be mainnet or testnet, was \"" + network + "\"");
    }
    Optional<String> account = Optional.empty();
    if (root.has("account_address")) {
      String a = ConfigNodes.text(root, "account_address", "");
      if (!a.matches("0x[0-9a-fA-F]{40}")) {
        throw new ConfigException("account_address", "must be 0x followed by 40 hex digits, was \"" + a + "\"");
      }
      account = Optional.of(a);
    }
    int tol = nonNegativeInt(root, "quote_reprice_tolerance_ticks", "");
    double resize = ConfigNodes.nonNegative(root, "quote_resize_tolerance_fraction", "");
    if (resize >= 1) {
      throw new ConfigException("quote_resize_tolerance_fraction", "must be in [0, 1), was " + resize);
    }
    double maxGross = ConfigNodes.positive(root, "max_gross_usd", "");
    double reduceOnly = ConfigNodes.positive(root, "reduce_only_gross_usd", "");
    if (reduceOnly > maxGross) {
      throw new ConfigException("reduce_only_gross_usd", "must be <= max_gross_usd (" + maxGross + "), was "
          + reduceOnly);
    }
    long dms = ConfigNodes.positiveInt(root, "dead_man_switch_ms", "");
    if (dms < 5000) {
      throw new ConfigException("dead_man_switch_ms", "must be >= 5000 (the exchange refuses a scheduleCancel less"
          + " than 5 s ahead), was " + dms);
    }
    JsonNode bt = ConfigNodes.object(root, "backtest", "");
    checkKeys(bt, BACKTEST, Set.of(), "backtest.");
    List<Long> markouts = new ArrayList<>();
    JsonNode mk = ConfigNodes.required(bt, "markouts_ms", "backtest.");
    if (!mk.isArray() || mk.isEmpty()) {
      throw new ConfigException("backtest.markouts_ms", "must be a non-empty array of positive integers, was " + mk);
    }
    for (JsonNode x : mk) {
      if (!x.canConvertToExactIntegral() || x.asLong() <= 0 || (!markouts.isEmpty()
          && x.asLong() <= markouts.get(markouts.size() - 1))) {
        throw new ConfigException("backtest.markouts_ms", "must be ascending positive integers, was " + mk);
      }
      markouts.add(x.asLong());
    }
    Backtest backtest = new Backtest(nonNegativeInt(bt, "cex_feed_latency_ms", "backtest."),
        nonNegativeInt(bt, "hl_feed_latency_ms", "backtest."), nonNegativeInt(bt, "order_latency_ms", "backtest."),
        ConfigNodes.positiveInt(bt, "timer_ms", "backtest."), markouts,
        ConfigNodes.positiveInt(bt, "funding_interval_ms", "backtest."));
    JsonNode syms = ConfigNodes.object(root, "symbols", "");
    if (syms.isEmpty()) {
      throw new ConfigException("symbols", "must name at least one coin, was {}");
    }
    List<SymbolConfig> symbols = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = syms.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      symbols.add(symbol(e.getKey(), e.getValue()));
    }
    BrawlerConfig c = new BrawlerConfig(ConfigNodes.text(root, "name", ""), network, account, tol, resize,
        ConfigNodes.positiveInt(root, "vol_sample_ms", ""), ConfigNodes.positiveInt(root, "vol_span_samples", ""),
        ConfigNodes.positiveInt(root, "vol_horizon_ms", ""), ConfigNodes.positiveInt(root, "basis_halflife_ms", ""),
        ConfigNodes.positiveInt(root, "cex_stale_ms", ""), ConfigNodes.positiveInt(root, "hl_stale_ms", ""),
        ConfigNodes.positiveInt(root, "max_exchange_errors", ""),
        ConfigNodes.positiveInt(root, "exchange_error_window_ms", ""),
        nonNegativeInt(root, "resume_cooldown_ms", ""), maxGross, reduceOnly,
        ConfigNodes.number(root, "maker_fee_bps", ""), dms, backtest, symbols);
    c.symbolMapChecked();
    return c;
  }

  private void symbolMapChecked() {
    try {
      symbolMap();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("symbols", e.getMessage());
    }
  }

  private static SymbolConfig symbol(String coin, JsonNode node) {
    String p = "symbols." + coin + ".";
    ConfigNodes.objectValue(node, "symbols." + coin);
    checkKeys(node, SYMBOL, Set.of("size_multiplier"), p);
    String cex = ConfigNodes.text(node, "cex_symbol", p);
    if (!cex.matches("[0-9A-Z]+USDT")) {
      throw new ConfigException(p + "cex_symbol", "must be a Binance USD-M symbol such as BTCUSDT, was \"" + cex
          + "\"");
    }
    double mult = node.has("size_multiplier") ? ConfigNodes.positive(node, "size_multiplier", p) : 1.0;
    double tick = ConfigNodes.positive(node, "tick_size", p);
    double lot = ConfigNodes.positive(node, "lot_size", p);
    double base = ConfigNodes.positive(node, "base_spread_bps", p);
    double maxInv = ConfigNodes.positive(node, "max_inventory_usd", p);
    double kill = ConfigNodes.positive(node, "kill_inventory_usd", p);
    if (kill < maxInv) {
      throw new ConfigException(p + "kill_inventory_usd", "must be >= max_inventory_usd (" + maxInv + "), was "
          + kill);
    }
    return new SymbolConfig(coin, new SymbolMap.Mapping(coin, cex, mult), tick, lot, base,
        ConfigNodes.nonNegative(node, "vol_k", p), ConfigNodes.nonNegative(node, "skew_bps", p),
        ConfigNodes.positive(node, "quote_size_usd", p), maxInv, kill,
        ConfigNodes.positive(node, "vol_ceiling_bps", p), ConfigNodes.positive(node, "basis_deviation_bps", p));
  }

  private static int nonNegativeInt(JsonNode node, String key, String prefix) {
    int i = ConfigNodes.intValue(node, key, prefix);
    if (i < 0) {
      throw new ConfigException(prefix + key, "must be >= 0, was " + i);
    }
    return i;
  }

  /**
   * Checks the config against the exchange (see the class comment).
   *
   * @param meta the {@code meta} universe
   * @param referenceMids a recent HL mid per coin, USD (from {@code allMids} or the first recorded BBO); every
   *     configured coin needs one
   * @throws ConfigException naming {@code symbols.<coin>} or {@code symbols.<coin>.<key>} and the value
   */
  public void validate(Meta meta, Map<String, Double> referenceMids) {
    for (SymbolConfig s : symbols) {
      String p = "symbols." + s.coin();
      Optional<AssetMeta> a = meta.find(s.coin());
      if (a.isEmpty()) {
        throw new ConfigException(p, "unknown symbol \"" + s.coin() + "\": not in the exchange's meta universe");
      }
      if (a.get().delisted()) {
        throw new ConfigException(p, "symbol \"" + s.coin() + "\" is delisted");
      }
      int szd = a.get().szDecimals();
      BigDecimal lot = BigDecimal.valueOf(s.lotSize()).stripTrailingZeros();
      if (lot.compareTo(BigDecimal.ONE.movePointLeft(szd)) != 0) {
        throw new ConfigException(p + ".lot_size", "disagrees with meta (szDecimals " + szd + " gives "
            + BigDecimal.ONE.movePointLeft(szd).toPlainString() + "), was " + s.lotSize());
      }
      BigDecimal tick = BigDecimal.valueOf(s.tickSize()).stripTrailingZeros();
      boolean powerOfTen = tick.unscaledValue().equals(java.math.BigInteger.ONE);
      int minDecimals = 6 - szd;
      if (!powerOfTen || tick.scale() > minDecimals) {
        throw new ConfigException(p + ".tick_size", "disagrees with meta (a power of ten >= "
            + BigDecimal.ONE.movePointLeft(minDecimals).toPlainString() + " for szDecimals " + szd + "), was "
            + s.tickSize());
      }
      Double mid = referenceMids.get(s.coin());
      if (mid == null || !(mid > 0)) {
        throw new ConfigException(p, "no reference mid price for " + s.coin() + " (was " + mid + ")");
      }
      // the 5-significant-figure rule: below 10 000 the price step at the mid is 10^(floor(log10 mid) - 4)
      BigDecimal sigStep = mid >= 10000 ? BigDecimal.ONE
          : BigDecimal.ONE.movePointRight((int) Math.floor(Math.log10(mid)) - 4);
      if (tick.compareTo(sigStep) < 0) {
        throw new ConfigException(p + ".tick_size", "disagrees with meta: at mid " + mid + " prices have at most 5"
            + " significant figures (step " + sigStep.toPlainString() + "), was " + s.tickSize());
      }
      double fullSpread = 2 * s.baseSpreadBps() * mid / 1e4;
      if (fullSpread < s.tickSize()) {
        throw new ConfigException(p + ".base_spread_bps", "would quote inside the spread: at mid " + mid
            + " the quoted spread " + fullSpread + " is less than one tick (" + s.tickSize() + "), was "
            + s.baseSpreadBps());
      }
    }
  }
}
