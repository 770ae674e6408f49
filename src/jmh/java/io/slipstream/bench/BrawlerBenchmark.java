package io.slipstream.bench;

import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.mm.BrawlerConfig;
import io.slipstream.live.mm.MarketTape;
import io.slipstream.live.mm.QuotingEngine;
import io.slipstream.live.mm.sim.ReplaySimulator;
import io.slipstream.live.mm.sim.SimResult;
import io.slipstream.live.mm.sim.SyntheticTape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Brawler speed (issue 18): {@code bookUpdate} = one HL book update through the quoting engine to its requote
 * decision, per symbol (target < 50 us); {@code replay10M} = the replay simulator over 10 M synthetic events of 20
 * symbols (one day; target < 60 s on 2 cores). Run: {@code mvn -o -Pbench package -DskipTests && java -jar
 * target/benchmarks.jar BrawlerBenchmark}.
 */
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class BrawlerBenchmark {
  static final int SYMBOLS = 20;

  static List<String> coins() {
    List<String> c = new ArrayList<>();
    for (int i = 0; i < SYMBOLS; i++) {
      c.add(String.format("C%02d", i));
    }
    return c;
  }

  static Meta meta() {
    List<AssetMeta> a = new ArrayList<>();
    for (int i = 0; i < SYMBOLS; i++) {
      a.add(new AssetMeta(i, coins().get(i), 2, 10, false));
    }
    return new Meta(a);
  }

  static BrawlerConfig config() {
    StringBuilder syms = new StringBuilder();
    for (String c : coins()) {
      if (syms.length() > 0) {
        syms.append(',');
      }
      syms.append('"').append(c).append("\": {\"cex_symbol\": \"").append(c).append("USDT\", \"tick_size\": 0.01,"
          + " \"lot_size\": 0.01, \"base_spread_bps\": 4, \"vol_k\": 1, \"skew_bps\": 6, \"quote_size_usd\": 150,"
          + " \"max_inventory_usd\": 900, \"kill_inventory_usd\": 1350, \"vol_ceiling_bps\": 25,"
          + " \"basis_deviation_bps\": 20}");
    }
    String json = """
        {"name": "bench", "network": "mainnet", "quote_reprice_tolerance_ticks": 2,
         "quote_resize_tolerance_fraction": 0.25, "vol_sample_ms": 1000, "vol_span_samples": 60,
         "vol_horizon_ms": 1000, "basis_halflife_ms": 60000, "cex_stale_ms": 3000, "hl_stale_ms": 10000,
         "max_exchange_errors": 3, "exchange_error_window_ms": 60000, "resume_cooldown_ms": 5000,
         "max_gross_usd": 6000, "reduce_only_gross_usd": 4500, "maker_fee_bps": 1.5, "dead_man_switch_ms": 30000,
         "backtest": {"cex_feed_latency_ms": 20, "hl_feed_latency_ms": 150, "order_latency_ms": 250,
           "timer_ms": 250, "markouts_ms": [1000, 5000, 30000], "funding_interval_ms": 3600000},
         "symbols": {%s}}""".formatted(syms);
    BrawlerConfig cfg = BrawlerConfig.parse(json, "bench");
    Map<String, Double> mids = new HashMap<>();
    coins().forEach(c -> mids.put(c, 100.0));
    cfg.validate(meta(), mids);
    return cfg;
  }

  /** A warmed engine of 20 symbols and a cycle of HL book updates that move the price back and forth. */
  @State(Scope.Thread)
  public static class EngineState {
    QuotingEngine engine;
    long t;
    int i;
    final int[] quotes = new int[1];

    @org.openjdk.jmh.annotations.TearDown(Level.Trial)
    public void check() {
      for (int s = 0; s < SYMBOLS; s++) {
        if (!engine.status(s).equals("quoting")) {
          throw new IllegalStateException("benchmark symbol " + s + " is " + engine.status(s));
        }
      }
    }

    @Setup(Level.Trial)
    public void setup() {
      engine = new QuotingEngine(config(), meta(), new QuotingEngine.Listener() {
        @Override
        public void quote(int sym, double bidPx, double bidSz, double askPx, double askSz, long timeMs) {
          quotes[0]++;
        }

        @Override
        public void suspended(int sym, String reason, long timeMs) {
        }

        @Override
        public void resumed(int sym, long timeMs) {
        }
      });
      for (t = 0; t <= 62_000; t += 500) { // 124 samples of vol (span 60), then t stays 62 000
        for (int s = 0; s < SYMBOLS; s++) {
          double m = 100 + 0.01 * ((t / 500) % 3);
          engine.onCexBbo(s, m - 0.005, m + 0.005, t, t);
          engine.onHlBbo(s, 100.03, 100.05, t, t);
        }
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public void bookUpdate(EngineState st, Blackhole bh) {
    st.t = 62_000;
    int s = st.i++ % SYMBOLS;
    // engine time stays at the end of the warm-up so no feed goes stale: every update is a full evaluation
    double shift = (st.i / SYMBOLS) % 8 * 0.01; // moves the book up to 7 ticks: some updates requote
    st.engine.onHlBbo(s, 100.03 + shift, 100.05 + shift, st.t, st.t);
    bh.consume(st.engine.postedBidPx(s));
  }

  /** A one-day, 20-symbol, 10 M-event synthetic tape. */
  @State(Scope.Benchmark)
  public static class TapeState {
    MarketTape tape;
    BrawlerConfig cfg;
    Meta meta;

    @Setup(Level.Trial)
    public void setup() {
      double[] px = new double[SYMBOLS];
      double[] tick = new double[SYMBOLS];
      java.util.Arrays.fill(px, 100);
      java.util.Arrays.fill(tick, 0.01);
      tape = SyntheticTape.generate(coins(), px, tick, 10_000_000, 1_700_000_000_000L, 86_400_000L, 0.3, 42);
      cfg = config();
      meta = meta();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public SimResult replay10M(TapeState st) {
    return ReplaySimulator.run(st.cfg, st.meta, st.tape);
  }
}
