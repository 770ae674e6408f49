package io.slipstream.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.Table;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.Network;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.hl.WsSession;
import io.slipstream.live.store.PgTestServer;
import io.slipstream.live.store.PostgresAuditStore;
import io.slipstream.portfolio.GradientStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fake Hyperliquid exchange loaded with real 4h candles and funding of a few coins from the lake, a fresh
 * PostgreSQL database, the real HTTP client and WebSocket session, and a runner wired as the CLI wires it. The
 * clock runs in real time from a historic decision time, so the strategy sees the market as it stood then.
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
  private static Map<String, List<Candle>> candleCache;
  private static Map<String, List<FundingRate>> fundingCache;
  private static Map<String, Double> closeAtDecision;

  final FakeExchange fake;
  final PgTestServer.Database db;
  final Network network;
  final BacktestConfig config;
  final String configText;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final Clock clock;
  final Map<String, Integer> szDecimals = new LinkedHashMap<>();

  LiveFixture() throws Exception {
    loadRecording();
    fake = FakeExchange.start();
    for (String c : COINS) {
      double px = closeAtDecision.get(c);
      int szd = io.slipstream.portfolio.SzDecimals.estimate(px);
      szDecimals.put(c, szd);
      double depth = io.slipstream.live.hl.PriceRules.roundSize(Math.max(20_000 / px, Math.pow(10, -szd)), szd);
      fake.addCoin(c, szd, px, 2.0, depth);
      fake.addCandles(c, "4h", candleCache.get(c));
      fake.addFunding(c, fundingCache.get(c));
    }
    network = fake.network(true);
    db = PgTestServer.newDatabase();
    configText = Files.readString(Path.of("config/gradient_live.json"));
    config = ConfigParser.parse(configText, "gradient_live.json");
    long base = DECISION_MS + 90_000;
    long t0 = System.currentTimeMillis();
    clock = new Clock() {
      @Override
      public long nowMs() {
        return base + (System.currentTimeMillis() - t0);
      }

      @Override
      public void sleepMs(long ms) throws InterruptedException {
        Thread.sleep(ms);
      }
    };
  }

  private static synchronized void loadRecording() {
    if (candleCache != null) {
      return;
    }
    Table t = Lake.readCandles(Lake.candlesFile(DATA, BarInterval.H4));
    String[] coin = t.strings("coin");
    long[] open = t.timestamps("open_time");
    double[] o = t.doubles("open");
    double[] h = t.doubles("high");
    double[] l = t.doubles("low");
    double[] c = t.doubles("close");
    double[] v = t.doubles("volume");
    long interval = BarInterval.H4.millis();
    long first = DECISION_MS - (long) (BARS + 10) * interval;
    Map<String, List<Candle>> candles = new LinkedHashMap<>();
    Map<String, Double> close = new LinkedHashMap<>();
    for (String x : COINS) {
      candles.put(x, new ArrayList<>());
    }
    for (int i = 0; i < t.rows(); i++) {
      List<Candle> list = candles.get(coin[i]);
      if (list == null || open[i] < first || open[i] + interval > DECISION_MS) {
        continue;
      }
      list.add(new Candle(coin[i], "4h", open[i], open[i] + interval - 1, o[i], h[i], l[i], c[i], v[i], 100));
      if (open[i] + interval == DECISION_MS) {
        close.put(coin[i], c[i]);
      }
    }
    for (List<Candle> list : candles.values()) {
      list.sort((a, b) -> Long.compare(a.openMs(), b.openMs()));
    }
    Table f = Lake.readFunding(Lake.fundingFile(DATA));
    String[] fc = f.strings("coin");
    long[] ft = f.timestamps("time");
    double[] fr = f.doubles("funding_rate");
    Map<String, List<FundingRate>> funding = new LinkedHashMap<>();
    for (String x : COINS) {
      funding.put(x, new ArrayList<>());
    }
    for (int i = 0; i < f.rows(); i++) {
      List<FundingRate> list = funding.get(fc[i]);
      if (list != null && ft[i] >= first && ft[i] <= DECISION_MS) {
        list.add(new FundingRate(fc[i], ft[i], fr[i], 0.0));
      }
    }
    for (List<FundingRate> list : funding.values()) {
      list.sort((a, b) -> Long.compare(a.timeMs(), b.timeMs()));
    }
    for (String x : COINS) {
      if (!close.containsKey(x)) {
        throw new IllegalStateException("no 4h close of " + x + " at the decision time in " + DATA);
      }
    }
    candleCache = candles;
    fundingCache = funding;
    closeAtDecision = close;
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
    return new RiskLimits(config.gradient().maxPositionPct(), r.maxGrossLeverage(), r.maxNetLeverage(),
        r.maxAdvFraction(), Math.round(r.maxDataAgeMinutes() * 60_000), r.slippageAlertPct(), r.positionAlertPct());
  }

  RebalanceRunner runner(Mode mode, LiveConfig live, HyperliquidClient client, Optional<Venue> venue,
      Optional<io.slipstream.live.store.AuditStore> store, Optional<String> account) {
    RebalanceRunner.Settings s = new RebalanceRunner.Settings(mode, "gradient_live.json", configText,
        config.capitalUsd(), live, risk(live), account, 200);
    RebalanceRunner.HistorySource history = (coins, now) -> LiveHistory.fetch(client, coins, BarInterval.H4, BARS,
        now, true).data();
    return new RebalanceRunner(s, client, venue, store, history,
        coins -> new GradientStrategy(config.gradient(), coins), clock, line -> log.add(line));
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
    List<io.slipstream.live.hl.OpenOrder> out = new ArrayList<>();
    for (FakeOrder o : fake.orders()) {
      if (o.isOpen()) {
        out.add(o.toOpenOrder());
      }
    }
    return out;
  }

  /** Every row of every table of the audit database, as text (for the secrets grep). */
  String dumpDatabase() throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
          + "'public'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs = st.executeQuery("SELECT t::text FROM \"" + t + "\" t")) {
          while (rs.next()) {
            sb.append(t).append(": ").append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return sb.toString();
  }

  static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JSON.readTree(s);
  }

  @Override
  public void close() {
    fake.close();
    db.close();
  }
}
