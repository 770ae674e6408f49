package io.slipstream.live.mm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.mm.BrawlerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplaySimulatorTest {
  static final Meta META = new Meta(List.of(new AssetMeta(0, "ETH", 4, 25, false)));

  /** ETH as in the engine tests, zero latencies, a reprice tolerance so large that only sizes requote. */
  static BrawlerConfig config() {
    String json = """
        {"name": "t", "network": "mainnet", "quote_reprice_tolerance_ticks": 1000,
         "quote_resize_tolerance_fraction": 0.1, "vol_sample_ms": 1000, "vol_span_samples": 2,
         "vol_horizon_ms": 1000, "basis_halflife_ms": 1000, "cex_stale_ms": 5000, "hl_stale_ms": 10000,
         "max_exchange_errors": 3, "exchange_error_window_ms": 10000, "resume_cooldown_ms": 1000,
         "max_gross_usd": 5000, "reduce_only_gross_usd": 4000, "maker_fee_bps": 1.5, "dead_man_switch_ms": 30000,
         "backtest": {"cex_feed_latency_ms": 0, "hl_feed_latency_ms": 0, "order_latency_ms": 0, "timer_ms": 100,
           "markouts_ms": [1000, 5000, 30000], "funding_interval_ms": 3600000},
         "symbols": {"ETH": {"cex_symbol": "ETHUSDT", "tick_size": 0.1, "lot_size": 0.0001, "base_spread_bps": 5,
           "vol_k": 1, "skew_bps": 10, "quote_size_usd": 200, "max_inventory_usd": 1000, "kill_inventory_usd": 1500,
           "vol_ceiling_bps": 30, "basis_deviation_bps": 20}}}""";
    BrawlerConfig c = BrawlerConfig.parse(json, "t");
    c.validate(META, Map.of("ETH", 2002.0));
    return c;
  }

  /** CEX mid 2000 flat; HL book {@code bid/ask} from 0 ms; the engine quotes from 2000 ms. */
  private static TapeBuilder warm(double bid, double bidSz, double ask, double askSz) {
    return new TapeBuilder().cex(0, "ETH", 1999, 2001).hl(0, "ETH", bid, bidSz, ask, askSz)
        .cex(1000, "ETH", 1999, 2001).cex(2000, "ETH", 1999, 2001);
  }

  @Test
  void pnlDecomposition_handWorked_addsUpTo1e9() {
    // quotes at 2000 ms: bid 0.0999 @ 2000.9 and ask 0.0999 @ 2003.1, both better than the touch (nothing ahead)
    var tape = warm(2000, 5, 2004, 5)
        .trade(2500, "ETH", 2000.9, 0.05, false) // a sell at our bid: we buy 0.05 at 2000.9, mid 2002
        .cex(3000, "ETH", 1999, 2001).hl(3000, "ETH", 2001, 5, 2005, 5) // mid 2003: inventory P&L 0.05 * 1
        .trade(3500, "ETH", 2003.5, 0.2, true) // a buy through our ask 2003.1: we sell all 0.0999
        .cex(4000, "ETH", 1999, 2001).hl(4000, "ETH", 2002, 5, 2006, 5) // mid 2004: inventory -0.0499
        .hl(3_600_000, "ETH", 2002, 5, 2006, 5)
        .funding(3_600_000, "ETH", 1e-4) // the short receives 0.0499 * 2004 * 1e-4
        .build();
    SimResult r = ReplaySimulator.run(config(), META, tape);
    assertThat(r.fills()).hasSize(2);
    SimResult.SimFill buy = r.fills().get(0);
    assertThat(buy.isBuy()).isTrue();
    assertThat(buy.px()).isEqualTo(2000.9);
    assertThat(buy.sz()).isEqualTo(0.05);
    SimResult.SimFill sell = r.fills().get(1);
    assertThat(sell.isBuy()).isFalse();
    assertThat(sell.px()).isEqualTo(2003.1);
    assertThat(sell.sz()).isEqualTo(0.0999);
    SimResult.Pnl p = r.pnl().get(0);
    double spread = (2002 - 2000.9) * 0.05 + (2003.1 - 2003) * 0.0999;
    double fees = -1.5e-4 * (2000.9 * 0.05 + 2003.1 * 0.0999);
    double inv = 0.05 * (2003 - 2002) + (0.05 - 0.0999) * (2004 - 2003);
    double funding = 0.0499 * 2004 * 1e-4;
    double cash = -2000.9 * 0.05 + 2003.1 * 0.0999 + fees + funding;
    double total = cash + (0.05 - 0.0999) * 2004;
    assertThat(p.spreadCapture()).isCloseTo(spread, within(1e-12));
    assertThat(p.fees()).isCloseTo(fees, within(1e-12));
    assertThat(p.inventoryPnl()).isCloseTo(inv, within(1e-12));
    assertThat(p.funding()).isCloseTo(funding, within(1e-12));
    assertThat(p.total()).isCloseTo(total, within(1e-9));
    assertThat(p.sumOfParts()).isCloseTo(p.total(), within(1e-9));
    assertThat(r.total().sumOfParts()).isCloseTo(r.total().total(), within(1e-9));
    assertThat(p.inventoryEnd()).isCloseTo(-0.0499, within(1e-12));
    // markout at 1 s of the buy: mid at 3500 ms = 2003 -> (2003 - 2000.9) * 0.05; of the sell: mid at 4500 = 2004
    SimResult.Markout m1 = r.markouts().get(0);
    assertThat(m1.fills()).isEqualTo(2);
    assertThat(m1.usd()).isCloseTo((2003 - 2000.9) * 0.05 - (2004 - 2003.1) * 0.0999, within(1e-9));
    assertThat(r.rejections()).isZero();
    assertThat(r.suspendedMs().get("ETH")).containsKey("feed_stale_cex");
  }

  @Test
  void fillModel_queueAheadAndNoFillAtTheTouchWithoutVolume() {
    // HL 2000.9/2003.1: mid 2002, our bid 2000.9 joins the touch behind 0.05 displayed
    var tape = warm(2000.9, 0.05, 2003.1, 5)
        .trade(2200, "ETH", 2000.9, 0.03, false) // consumes 0.03 of the 0.05 ahead: no fill
        .hl(2300, "ETH", 2000.9, 0.01, 2003.1, 5) // displayed shrinks to 0.01: 0.01 ahead
        .trade(2400, "ETH", 2000.9, 0.04, false) // 0.01 ahead, 0.03 fills us
        .hl(2500, "ETH", 2000.8, 0.01, 2003.1, 5) // the touch leaves our price without a trade: no fill
        .build();
    SimResult r = ReplaySimulator.run(config(), META, tape);
    assertThat(r.fills()).hasSize(1);
    assertThat(r.fills().get(0).sz()).isCloseTo(0.03, within(1e-12));
    assertThat(r.fills().get(0).timeMs()).isEqualTo(2400);
    assertThat(r.ordersPlaced()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void zeroLatency_syntheticDay_neverCrossesAndPnlAddsUp() {
    BrawlerConfig cfg = config();
    var tape = SyntheticTape.generate(List.of("ETH"), new double[] {2000}, new double[] {0.1}, 200_000,
        1_700_000_000_000L, 3_600_000L, 0.5, 3);
    long t0 = System.nanoTime();
    SimResult r = ReplaySimulator.run(cfg, META, tape);
    assertThat(r.rejections()).isZero();
    assertThat(r.fills()).isNotEmpty();
    assertThat(r.total().sumOfParts()).isCloseTo(r.total().total(), within(1e-9));
    assertThat(System.nanoTime() - t0).isPositive();
  }
}
