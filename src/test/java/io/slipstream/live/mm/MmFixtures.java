package io.slipstream.live.mm;

import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared fixtures of the market-making tests: a small meta, a config template and a recording listener. */
final class MmFixtures {
  private MmFixtures() {
  }

  /** ETH (szDecimals 4), BTC (5), kPEPE (0), OLD (delisted). */
  static final Meta META = new Meta(List.of(new AssetMeta(0, "ETH", 4, 25, false),
      new AssetMeta(1, "BTC", 5, 40, false), new AssetMeta(2, "kPEPE", 0, 10, false),
      new AssetMeta(3, "OLD", 2, 3, true)));

  static final Map<String, Double> MIDS = Map.of("ETH", 2000.0, "BTC", 60000.0, "kPEPE", 0.012, "OLD", 5.0);

  static final String ETH = """
      "ETH": {"cex_symbol": "ETHUSDT", "tick_size": 0.1, "lot_size": 0.0001, "base_spread_bps": 5, "vol_k": 1,
        "skew_bps": 10, "quote_size_usd": 200, "max_inventory_usd": 1000, "kill_inventory_usd": 1500,
        "vol_ceiling_bps": 30, "basis_deviation_bps": 20}""";

  static final String BTC = """
      "BTC": {"cex_symbol": "BTCUSDT", "tick_size": 1, "lot_size": 0.00001, "base_spread_bps": 5, "vol_k": 1,
        "skew_bps": 10, "quote_size_usd": 200, "max_inventory_usd": 1000, "kill_inventory_usd": 1500,
        "vol_ceiling_bps": 30, "basis_deviation_bps": 20}""";

  /**
   * A config: vol sampled every 1000 ms with span 2, basis half-life 1000 ms, CEX stale after 5000 ms, HL after
   * 10000 ms, 3 errors in 10 s, cooldown 1000 ms, gross cap 5000 (reduce-only 4000), tolerance 1 tick / 10 %.
   */
  static String config(String symbols) {
    return """
        {"name": "t", "network": "mainnet", "quote_reprice_tolerance_ticks": 1,
         "quote_resize_tolerance_fraction": 0.1, "vol_sample_ms": 1000, "vol_span_samples": 2,
         "vol_horizon_ms": 1000, "basis_halflife_ms": 1000, "cex_stale_ms": 5000, "hl_stale_ms": 10000,
         "max_exchange_errors": 3, "exchange_error_window_ms": 10000, "resume_cooldown_ms": 1000,
         "max_gross_usd": 5000, "reduce_only_gross_usd": 4000, "maker_fee_bps": 1.5, "dead_man_switch_ms": 30000,
         "backtest": {"cex_feed_latency_ms": 0, "hl_feed_latency_ms": 0, "order_latency_ms": 0, "timer_ms": 100,
           "markouts_ms": [1000, 5000, 30000], "funding_interval_ms": 3600000},
         "symbols": {%s}}""".formatted(symbols);
  }

  static BrawlerConfig parse(String symbols) {
    BrawlerConfig c = BrawlerConfig.parse(config(symbols), "test");
    c.validate(META, MIDS);
    return c;
  }

  /** One listener call. */
  record Call(String kind, int sym, double bidPx, double bidSz, double askPx, double askSz, String reason,
      long timeMs) {
  }

  /** Records every listener call. */
  static final class Recorder implements QuotingEngine.Listener {
    final List<Call> calls = new ArrayList<>();

    @Override
    public void quote(int sym, double bidPx, double bidSz, double askPx, double askSz, long timeMs) {
      calls.add(new Call("quote", sym, bidPx, bidSz, askPx, askSz, "", timeMs));
    }

    @Override
    public void suspended(int sym, String reason, long timeMs) {
      calls.add(new Call("suspended", sym, Double.NaN, 0, Double.NaN, 0, reason, timeMs));
    }

    @Override
    public void resumed(int sym, long timeMs) {
      calls.add(new Call("resumed", sym, Double.NaN, 0, Double.NaN, 0, "", timeMs));
    }

    Call last() {
      return calls.get(calls.size() - 1);
    }

    List<Call> drain() {
      List<Call> out = List.copyOf(calls);
      calls.clear();
      return out;
    }
  }
}
