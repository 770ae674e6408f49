package io.slipstream.live;

import io.slipstream.strategy.gradient.GradientConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.Network;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.hl.WsSession;
import io.slipstream.live.store.PgTestServer;
import io.slipstream.live.store.PostgresAuditStore;
import io.slipstream.strategy.gradient.GradientStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fake Hyperliquid exchange loaded with real 4h candles and funding of a few coins from the lake (built by
 * {@link CliLiveFixture}, here with {@value #BARS} + 10 bars and the funding of the same span), a fresh PostgreSQL
 * database, the real HTTP client and WebSocket session, and a runner wired as the CLI wires it. The clock runs in
 * real time from a historic decision time, so the strategy sees the market as it stood then.
 */
final class LiveFixture implements AutoCloseable {
  static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  /** The signing-vector key (public test key; never a real account). */
  static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
  static final List<String> COINS = List.of("BTC", "ETH", "SOL", "DOGE", "AVAX", "LINK", "XRP", "LTC");
  static final int BARS = 1200;
  /** A 4h close: the decision time of every scenario. */
  static final long DECISION_MS = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fake exchange, its recorded market and clock ({@link CliLiveFixture}, with 1,210 bars and funding). */
  private final CliLiveFixture market;
  final FakeExchange fake;
  final PgTestServer.Database db;
  final Network network;
  final BacktestConfig config;
  final String configText;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final Clock clock;

  LiveFixture() throws Exception {
    market = new CliLiveFixture(BARS + 10, (BARS + 10) * 4);
    fake = market.fake();
    clock = market.clock();
    network = fake.network(true);
    db = PgTestServer.newDatabase();
    configText = Files.readString(Path.of("config/gradient_live.json"));
    config = ConfigParser.parse(configText, "gradient_live.json");
  }

  /** The execution settings with a short passive stage (tests wait for it). */
  LiveConfig liveConfig(double passiveSeconds, boolean cancelBeforeSweep) throws Exception {
    ObjectNode root = ConfigParser.readTree(configText, "gradient_live.json");
    ObjectNode ex = (ObjectNode) root.get("execution");
    ex.put("passive_timeout_seconds", passiveSeconds);
    ex.put("cancel_before_market_sweep", cancelBeforeSweep);
    ((ObjectNode) root.get("api")).put("endpoint", network.restBase().toString());
    ((ObjectNode) root.get("api")).put("ws_url", network.wsUrl().toString());
    return LiveConfig.parse(root, 1.0, 4);
  }

  HyperliquidClient client(Optional<String> key) {
    HttpTransport.Settings ts = new HttpTransport.Settings(Duration.ofMillis(800), Duration.ofSeconds(2), 4,
        Duration.ofMillis(20), Duration.ofMillis(100));
    return new HyperliquidClient(network, key.map(PrivateKeySigner::fromHex),
        RateLimiter.of(100_000, Duration.ofMinutes(1)), ts, Optional.empty(), HyperliquidClient.Nonces.system());
  }

  WsSession ws() {
    return WsSession.connect(network.wsUrl(), new WsSession.Settings(Duration.ofMillis(250), Duration.ofSeconds(20),
        Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(2)));
  }

  PostgresAuditStore store() {
    return PostgresAuditStore.open(db.jdbcUrl(), db.user(), db.password());
  }

  RiskLimits risk(LiveConfig live) {
    LiveConfig.Risk r = live.risk();
    return new RiskLimits(config.params(GradientConfig.class).maxPositionPct(), r.maxGrossLeverage(), r.maxNetLeverage(),
        r.maxAdvFraction(), Math.round(r.maxDataAgeMinutes() * 60_000), r.slippageAlertPct(), r.positionAlertPct());
  }

  RebalanceRunner runner(Mode mode, LiveConfig live, HyperliquidClient client, Optional<Venue> venue,
      Optional<io.slipstream.live.store.AuditStore> store, Optional<String> account) {
    RebalanceRunner.Settings s = new RebalanceRunner.Settings(mode, "gradient_live.json", configText,
        config.capitalUsd(), live, risk(live), account, 200);
    RebalanceRunner.HistorySource history = (coins, now) -> LiveHistory.fetch(client, coins, BarInterval.H4, BARS,
        now, true).data();
    return new RebalanceRunner(s, client, venue, store, history,
        coins -> new GradientStrategy(config.params(GradientConfig.class), coins), clock, line -> log.add(line));
  }

  /**
   * A market that trades through some of the runner's resting post-only quotes: once a quote of a coin in
   * {@code fillCoins} rests (as {@code resting} lists it), the mid is moved {@code throughBps} beyond its limit (the
   * fake exchange fills a resting order when the mid reaches its limit; the paper engine when the far touch crosses
   * it, so paper tests move further).
   */
  Thread marketMaker(java.util.function.Supplier<List<io.slipstream.live.hl.OpenOrder>> resting, List<String> fillCoins,
      double throughBps, AtomicBoolean stop) {
    Thread t = new Thread(() -> {
      java.util.Set<Long> done = new java.util.HashSet<>();
      while (!stop.get()) {
        for (io.slipstream.live.hl.OpenOrder o : resting.get()) {
          if (fillCoins.contains(o.coin()) && done.add(o.oid())) {
            double k = throughBps / 1e4;
            fake.setMid(o.coin(), o.isBuy() ? o.limitPx() * (1 - k) : o.limitPx() * (1 + k));
          }
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "test-market");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** @return the fake exchange's resting orders */
  List<io.slipstream.live.hl.OpenOrder> fakeResting() {
    return market.resting();
  }

  /** Every row of every table of the audit database, as text (for the secrets grep). */
  String dumpDatabase() throws Exception {
    return CliLiveFixture.dumpDatabase(db);
  }

  static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JSON.readTree(s);
  }

  @Override
  public void close() {
    market.close();
    db.close();
  }
}
