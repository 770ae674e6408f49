package io.slipstream.bench;

import io.slipstream.strategy.gradient.GradientConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.bench.LiveBenchStubs.FirstOrder;
import io.slipstream.bench.LiveBenchStubs.NoOpStore;
import io.slipstream.bench.LiveBenchStubs.StubInfo;
import io.slipstream.bench.LiveBenchStubs.StubVenue;
import io.slipstream.data.MarketData;
import io.slipstream.live.Clock;
import io.slipstream.live.LiveConfig;
import io.slipstream.live.LiveTargets;
import io.slipstream.live.RebalanceRunner;
import io.slipstream.live.RiskLimits;
import io.slipstream.live.store.AuditStore;
import io.slipstream.strategy.gradient.GradientStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one live rebalance from data in memory to the first order request (issue 5: "under 1 s for 150
 * coins"), with the exchange and the database replaced by in-process stubs ({@link LiveBenchStubs}): 150 synthetic
 * coins with 5,000 4h bars each (seeded random walk, every coin liquid), the real {@link GradientStrategy} with the
 * parameters of {@code config/gradient.json}, the execution and risk settings of {@code config/gradient_live.json},
 * a flat account, and a clock at the last bar's close + 60 s (a rebalance time, data fresh).
 * <ul>
 *   <li>{@link #firstOrderLive}: {@link RebalanceRunner#run()} in live mode until the venue's {@code placeOrders}
 *   is called with the stage-1 quotes (reconcile check, meta, history hand-over, stale check, the strategy fed all
 *   5,000 bars, sizing, pre-trade risk, lot rounding, the 150 {@code l2Book} look-ups of stage 1 on the executor's
 *   thread pool, client ids, audit records). Signing is not included (see {@link SigningBenchmark}); neither are
 *   network round trips (meta, allMids, positions, books) nor the history download.</li>
 *   <li>{@link #dryRunPlan}: the same runner in dry-run mode, which stops after the plan: the difference to
 *   {@link #firstOrderLive} is the executor's part before the first order.</li>
 *   <li>{@link #targetsOnly}: {@link LiveTargets#compute} alone (the strategy fed every bar), the signal part.</li>
 * </ul>
 * Each first-order measurement also records the time stamped by the venue stub at {@code placeOrders} (so without
 * the unwinding after it) and prints its mean per iteration ("first order at ..."); the setup prints the time of
 * the first run in a fresh JVM ("cold first run"), the case of a rebalance started as a new process.
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar LiveRebalanceBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LiveRebalanceBenchmark {
  private static final int COINS = 150;
  private static final int BARS = 5000;
  private static final long SEED = 20250301L;
  /** Close of the last bar: a multiple of 4 h, so a rebalance time for {@code rebalance_freq_hours} 4. */
  private static final long LAST_CLOSE_MS = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();

  private MarketData data;
  private LiveTargets.Factory factory;
  private StubInfo info;
  private StubVenue venue;
  private AuditStore store;
  private Clock clock;
  private RebalanceRunner.Settings live;
  private RebalanceRunner.Settings dryRun;
  private final List<Long> firstOrderNanos = new ArrayList<>();

  /**
   * Builds the market, the stubs and the settings once, and checks that a run does reach an order.
   *
   * @throws InterruptedException never (the stubs do not wait)
   * @throws IllegalStateException when the run does not reach the first order (the setup would measure nothing)
   */
  @Setup(Level.Trial)
  public void setup() throws InterruptedException {
    String gradientText = read(Path.of("config/gradient.json"));
    BacktestConfig bt = ConfigParser.parse(gradientText, "gradient.json");
    if (bt.interval() != io.slipstream.core.BarInterval.H4) {
      throw new IllegalStateException("config/gradient.json interval must be 4h, was " + bt.interval());
    }
    LiveConfig liveConfig = LiveConfig.parse(ConfigParser.readTree(read(Path.of("config/gradient_live.json")),
        "gradient_live.json"), bt.params(GradientConfig.class).grossLeverage(), 4);
    LiveConfig.Risk r = liveConfig.risk();
    RiskLimits limits = new RiskLimits(bt.params(GradientConfig.class).maxPositionPct(), r.maxGrossLeverage(), r.maxNetLeverage(),
        r.maxAdvFraction(), Math.round(r.maxDataAgeMinutes() * 60_000), r.slippageAlertPct(), r.positionAlertPct());
    live = new RebalanceRunner.Settings(io.slipstream.live.Mode.LIVE, "gradient.json", gradientText,
        bt.capitalUsd(), liveConfig, limits, Optional.empty(), 5_000);
    dryRun = new RebalanceRunner.Settings(io.slipstream.live.Mode.DRY_RUN, "gradient.json", gradientText,
        bt.capitalUsd(), liveConfig, limits, Optional.empty(), 5_000);
    data = LiveBenchStubs.market(COINS, BARS, LAST_CLOSE_MS, SEED);
    factory = coins -> new GradientStrategy(bt.params(GradientConfig.class), coins);
    long nowMs = LAST_CLOSE_MS + 60_000;
    info = new StubInfo(data, nowMs);
    venue = new StubVenue();
    store = new NoOpStore();
    clock = new Clock() {
      @Override
      public long nowMs() {
        return nowMs;
      }

      @Override
      public void sleepMs(long ms) {
        throw new UnsupportedOperationException("sleepMs: the benchmark stops before the executor waits");
      }
    };
    long start = System.nanoTime();
    FirstOrder first = sendUntilFirstOrder(); // the first run in this JVM: cold (class loading, interpreter)
    long coldNs = first.atNanos - start;
    ObjectNode plan = dryRunPlan();
    if (!"dry-run".equals(plan.path("status").asText()) || plan.path("orders_planned").asInt() <= 0) {
      throw new IllegalStateException("the dry run planned no orders: " + plan);
    }
    System.out.printf("%n[setup] %d coins x %d bars; dry run planned %d orders; first request carries %d orders;"
        + " cold first run (first in this JVM) reached it after %.1f ms%n", COINS, BARS,
        plan.path("orders_planned").asInt(), first.orders, coldNs / 1e6);
  }

  /** Forgets the previous iteration's first-order times. */
  @Setup(Level.Iteration)
  public void resetIteration() {
    firstOrderNanos.clear();
  }

  /** Prints the iteration's mean time to the venue's {@code placeOrders} call (stamped there). */
  @TearDown(Level.Iteration)
  public void printIteration() {
    if (firstOrderNanos.isEmpty()) {
      return;
    }
    long sum = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long n : firstOrderNanos) {
      sum += n;
      min = Math.min(min, n);
      max = Math.max(max, n);
    }
    System.out.printf("  [first order at %.1f ms mean, %.1f min, %.1f max over %d runs]", sum / 1e6
        / firstOrderNanos.size(), min / 1e6, max / 1e6, firstOrderNanos.size());
  }

  /**
   * A live-mode rebalance from {@code run()} to the first order request.
   *
   * @return nanoseconds from {@code run()} to {@code placeOrders}
   * @throws InterruptedException never
   */
  @Benchmark
  public long firstOrderLive() throws InterruptedException {
    long start = System.nanoTime();
    FirstOrder f = sendUntilFirstOrder();
    long ns = f.atNanos - start;
    firstOrderNanos.add(ns);
    return ns;
  }

  /**
   * The same rebalance in dry-run mode: everything up to the plan, no executor.
   *
   * @return the summary with the plan
   * @throws InterruptedException never
   */
  @Benchmark
  public ObjectNode dryRunPlan() throws InterruptedException {
    return new RebalanceRunner(dryRun, info, Optional.empty(), Optional.of(store), (coins, now) -> data, factory,
        clock, line -> { }).run();
  }

  /**
   * The strategy fed every bar: the signal computation alone.
   *
   * @return the decision at the last bar
   */
  @Benchmark
  public LiveTargets.Result targetsOnly() {
    return LiveTargets.compute(factory, data);
  }

  private FirstOrder sendUntilFirstOrder() throws InterruptedException {
    RebalanceRunner runner = new RebalanceRunner(live, info, Optional.of(venue), Optional.of(store),
        (coins, now) -> data, factory, clock, line -> { });
    try {
      ObjectNode summary = runner.run();
      throw new IllegalStateException("run() returned without sending an order: " + summary);
    } catch (FirstOrder f) {
      return f;
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p.toAbsolutePath() + " (run from the repository root)", e);
    }
  }
}
