package io.slipstream.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.Table;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.store.PgTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Public test support for tests outside {@code io.slipstream.live} (the CLI tests): a {@link FakeExchange} loaded
 * with real 4h candles and funding of {@link LiveFixture#COINS} from the lake, listed at their close at
 * {@link LiveFixture#DECISION_MS} exactly as {@link LiveFixture} lists them, a clock like {@link LiveFixture}'s (the
 * decision time + 90 s, running in real time) and a {@code config/gradient_live.json} pointed at the fake.
 *
 * <p>Difference from {@link LiveFixture}: less history. The CLI builds its client with the exchange's real weight
 * budget ({@link RateLimiter#hyperliquidDefault()}, 1200 a minute), and LiveFixture's 1210 bars and 200 days of
 * hourly funding for 8 coins weigh about 4000 (80 {@code fundingHistory} pages of 500 rows at 20 + 25 each), so a
 * CLI run would wait two to three minutes on its own limiter. {@code bars} candles (default {@value #BARS}: two
 * {@code candleSnapshot} pages a coin, well past the strategy's 180-bar warm-up) and {@code fundingHours} hours of
 * funding (one page a coin) keep a run under the budget.
 */
public final class CliLiveFixture implements AutoCloseable {
  /** The signing-vector key (a public test key; never a real account). */
  public static final String KEY = LiveFixture.KEY;
  /** The key's address (the account the CLI trades in live mode). */
  public static final String ADDRESS = PrivateKeySigner.fromHex(KEY).address();
  /** The coins listed on the fake, in asset-index order. */
  public static final List<String> COINS = LiveFixture.COINS;
  /** A 4h close: the decision time the clock starts from. */
  public static final long DECISION_MS = LiveFixture.DECISION_MS;
  /** Default candles a coin. */
  public static final int BARS = 600;
  /** Default hours of funding a coin. */
  public static final int FUNDING_HOURS = 72;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Table candleTable;
  private static Table fundingTable;

  private final FakeExchange fake;
  private final Clock clock;
  private final Map<String, Double> closeAtDecision = new LinkedHashMap<>();

  /** A fake with {@value #BARS} bars and {@value #FUNDING_HOURS} hours of funding a coin. */
  public CliLiveFixture() {
    this(BARS, FUNDING_HOURS);
  }

  /**
   * @param bars 4h candles a coin, ending with the one that closes at the decision time
   * @param fundingHours hours of funding a coin, ending at the decision time
   */
  public CliLiveFixture(int bars, int fundingHours) {
    loadLake();
    long interval = BarInterval.H4.millis();
    long first = DECISION_MS - (long) bars * interval;
    long firstFunding = DECISION_MS - fundingHours * 3_600_000L;
    Map<String, List<Candle>> candles = new LinkedHashMap<>();
    Map<String, List<FundingRate>> funding = new LinkedHashMap<>();
    for (String c : COINS) {
      candles.put(c, new ArrayList<>());
      funding.put(c, new ArrayList<>());
    }
    String[] coin = candleTable.strings("coin");
    long[] open = candleTable.timestamps("open_time");
    double[] o = candleTable.doubles("open");
    double[] h = candleTable.doubles("high");
    double[] l = candleTable.doubles("low");
    double[] cl = candleTable.doubles("close");
    double[] v = candleTable.doubles("volume");
    for (int i = 0; i < candleTable.rows(); i++) {
      List<Candle> list = candles.get(coin[i]);
      if (list == null || open[i] < first || open[i] + interval > DECISION_MS) {
        continue;
      }
      list.add(new Candle(coin[i], "4h", open[i], open[i] + interval - 1, o[i], h[i], l[i], cl[i], v[i], 100));
      if (open[i] + interval == DECISION_MS) {
        closeAtDecision.put(coin[i], cl[i]);
      }
    }
    String[] fc = fundingTable.strings("coin");
    long[] ft = fundingTable.timestamps("time");
    double[] fr = fundingTable.doubles("funding_rate");
    for (int i = 0; i < fundingTable.rows(); i++) {
      List<FundingRate> list = funding.get(fc[i]);
      if (list != null && ft[i] >= firstFunding && ft[i] <= DECISION_MS) {
        list.add(new FundingRate(fc[i], ft[i], fr[i], 0.0));
      }
    }
    fake = FakeExchange.start();
    for (String c : COINS) {
      Double px = closeAtDecision.get(c);
      if (px == null) {
        fake.close();
        throw new IllegalStateException("no 4h close of " + c + " at the decision time in " + LiveFixture.DATA);
      }
      int szd = io.slipstream.portfolio.SzDecimals.estimate(px);
      double depth = io.slipstream.live.hl.PriceRules.roundSize(Math.max(20_000 / px, Math.pow(10, -szd)), szd);
      fake.addCoin(c, szd, px, 2.0, depth);
      List<Candle> cs = candles.get(c);
      cs.sort((a, b) -> Long.compare(a.openMs(), b.openMs()));
      fake.addCandles(c, "4h", cs);
      List<FundingRate> fs = funding.get(c);
      fs.sort((a, b) -> Long.compare(a.timeMs(), b.timeMs()));
      fake.addFunding(c, fs);
    }
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

  private static synchronized void loadLake() {
    if (candleTable == null) {
      candleTable = Lake.readCandles(Lake.candlesFile(LiveFixture.DATA, BarInterval.H4));
      fundingTable = Lake.readFunding(Lake.fundingFile(LiveFixture.DATA));
    }
  }

  /** @return the fake exchange (closed with this fixture) */
  public FakeExchange fake() {
    return fake;
  }

  /** @return the decision time + 90 s, running in real time from construction */
  public Clock clock() {
    return clock;
  }

  /**
   * {@code config/gradient_live.json} with {@code api.endpoint} and {@code api.ws_url} pointing at the fake,
   * {@code execution.passive_timeout_seconds} and {@code dry_run} replaced.
   *
   * @param passiveSeconds {@code execution.passive_timeout_seconds}
   * @param dryRun {@code dry_run}
   * @return the config text
   * @throws Exception when the config file cannot be read
   */
  public String configText(double passiveSeconds, boolean dryRun) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Path.of("config/gradient_live.json")));
    ((ObjectNode) root.get("execution")).put("passive_timeout_seconds", passiveSeconds);
    root.put("dry_run", dryRun);
    ((ObjectNode) root.get("api")).put("endpoint", fake.restBase().toString());
    ((ObjectNode) root.get("api")).put("ws_url", fake.wsUrl().toString());
    return root.toPrettyString();
  }

  /**
   * A client for the fake as the tests build it (no waiting on a weight budget, short retries).
   *
   * @param key the signing key, when the client signs
   * @return the client
   */
  public HyperliquidClient client(Optional<String> key) {
    HttpTransport.Settings ts = new HttpTransport.Settings(Duration.ofMillis(2000), Duration.ofSeconds(2), 3,
        Duration.ofMillis(20), Duration.ofMillis(100));
    return new HyperliquidClient(fake.network(true), key.map(PrivateKeySigner::fromHex),
        RateLimiter.of(100_000, Duration.ofMinutes(1)), ts, Optional.empty(), HyperliquidClient.Nonces.system());
  }

  /** @return the fake exchange's resting orders (all accounts) */
  public List<OpenOrder> resting() {
    List<OpenOrder> out = new ArrayList<>();
    for (FakeOrder o : fake.orders()) {
      if (o.isOpen()) {
        out.add(o.toOpenOrder());
      }
    }
    return out;
  }

  /**
   * @param db a test database
   * @return every row of every table of its public schema, as text (for the secrets grep)
   * @throws Exception on a database error
   */
  public static String dumpDatabase(PgTestServer.Database db) throws Exception {
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

  @Override
  public void close() {
    fake.close();
  }
}
