package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.live.CliLiveFixture;
import io.slipstream.live.Clock;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.fake.RecordedRequest;
import io.slipstream.live.hl.BookLevel;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PriceRules;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.store.AuditStore.TargetRow;
import io.slipstream.live.store.PgTestServer;
import io.slipstream.live.store.PostgresAuditStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream live rebalance|stop} through {@link Main#execute} against a fake exchange loaded with real 4h
 * candles ({@link CliLiveFixture}), with the environment replaced by a map and the clock set to a historic decision
 * time running in real time: the mode and environment checks (exit 2, nothing sent), a dry-run that needs no
 * database and sends nothing, a live rebalance that reaches its stored targets without the key leaking, and the
 * emergency stop's CLI.
 */
class LiveCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_HEX = CliLiveFixture.KEY.substring(2);
  private static final String ADDRESS = CliLiveFixture.ADDRESS;

  private Function<String, String> savedEnv;
  private Clock savedClock;
  private final Map<String, String> env = new HashMap<>();
  private CliLiveFixture fx;
  private FakeExchange fake;

  @TempDir
  Path dir;

  /** The runner's candle cache: a fresh folder per test (never the project's data/). */
  private String lake() {
    return dir.resolve("lake").toString();
  }

  @BeforeEach
  void setUp() {
    savedEnv = LiveCommand.env;
    savedClock = LiveCommand.clock;
    fx = new CliLiveFixture();
    fake = fx.fake();
    LiveCommand.env = env::get;
    LiveCommand.clock = fx.clock();
  }

  @AfterEach
  void tearDown() {
    LiveCommand.env = savedEnv;
    LiveCommand.clock = savedClock;
    fx.close();
  }

  // ---- rebalance ------------------------------------------------------------------------------------------------

  @Test
  void rebalance_dryRunByDefault_printsThePlan_sendsNothing_andNeedsNoDatabase() throws Exception {
    Path cfg = config(1, true);

    CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", lake());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(env).doesNotContainKey("SLIPSTREAM_PG_URL");
    JsonNode summary = lastJson(r.out());
    assertThat(summary.get("status").asText()).isEqualTo("dry-run");
    assertThat(summary.get("mode").asText()).isEqualTo("dry-run");
    assertThat(summary.get("rebalance_id").asLong()).as("no database: no rebalance row").isEqualTo(-1);
    assertThat(summary.get("orders_planned").asInt()).isGreaterThan(0);
    assertThat(summary.get("plan")).hasSize(summary.get("orders_planned").asInt());
    assertThat(summary.get("decision_time").asText()).isEqualTo("2025-03-01T00:00:00Z");
    assertThat(r.out()).contains("mode dry-run").contains("assuming a flat book");
    assertThat(fake.exchangeRequests()).isEmpty();
    assertThat(fake.infoRequestCount("candleSnapshot")).isGreaterThan(0);
  }

  /**
   * Any registered strategy runs under {@code live rebalance} (issue 12): the beta-neutral config with the live
   * sections of the Gradient live config dry-runs against the fake, and its history includes funding because its
   * requirements say it reads funding (a Gradient run fetches none).
   */
  @Test
  void rebalance_dryRun_anyRegisteredStrategy_fetchesFundingOnlyWhenItReadsIt() throws Exception {
    ObjectNode live = (ObjectNode) JSON.readTree(fx.configText(1, true));
    ObjectNode bn = (ObjectNode) JSON.readTree(Files.readString(Path.of("config/beta_neutral.json")));
    for (String k : List.of("execution", "dry_run", "api", "risk")) {
      if (live.has(k)) {
        bn.set(k, live.get(k));
      }
    }
    // the fake serves 600 4h bars (100 days): shorter factor lookback and training than the shipped 30 + 60 days
    ((ObjectNode) bn.get("beta_neutral")).put("lookback_periods", 20).put("min_train_periods", 30);
    Path cfg = dir.resolve("beta_neutral_live.json");
    Files.writeString(cfg, bn.toPrettyString());

    CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", lake());

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode summary = lastJson(r.out());
    assertThat(summary.get("status").asText()).isEqualTo("dry-run");
    assertThat(summary.get("decision_time").asText()).isEqualTo("2025-03-01T00:00:00Z");
    assertThat(fake.exchangeRequests()).isEmpty();
    assertThat(fake.infoRequestCount("fundingHistory")).isGreaterThan(0);

    Path gradient = config(1, true);
    int fundingBefore = fake.infoRequestCount("fundingHistory");
    assertThat(CliRun.run("live", "rebalance", "--config", gradient.toString(), "--data",
        dir.resolve("lake2").toString()).exit()).isZero();
    assertThat(fake.infoRequestCount("fundingHistory")).isEqualTo(fundingBefore);
  }

  @Test
  void rebalance_liveWithDryRunTrueInTheConfig_exit2NamingDryRun() throws Exception {
    env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);
    Path cfg = config(1, true);

    CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", lake(), "--mode", "live");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("dry_run");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void rebalance_liveWithoutPrivateKey_exit2NamingTheVariable_andSendsNothing() throws Exception {
    Path cfg = config(1, false);

    CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", lake(), "--mode", "live");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("HL_PRIVATE_KEY");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void rebalance_paperWithoutDatabase_exit2NamingTheVariable() throws Exception {
    Path cfg = config(1, false);

    CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", lake(), "--mode", "paper");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("SLIPSTREAM_PG_URL");
    assertThat(fake.exchangeRequests()).isEmpty();
  }

  @Test
  void rebalance_unknownMode_exit2NamingTheOption() throws Exception {
    Path cfg = config(1, true);

    CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", lake(), "--mode", "bogus");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--mode").contains("bogus");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void rebalance_live_reachesTheStoredTargets_andTheKeyLeaksNowhere() throws Exception {
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 10_000);
    fake.setSignatureCheck(a -> Optional.of(PrivateKeySigner.recoverAddress(a.action(), a.nonceMs(),
        a.vaultAddress(), a.expiresAfterMs(), fake.network(true), a.signature())));
    Path cfg = config(1, false);
    try (PgTestServer.Database db = PgTestServer.newDatabase()) {
      env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);
      env.put("SLIPSTREAM_PG_URL", db.jdbcUrl());
      env.put("SLIPSTREAM_PG_USER", db.user());
      env.put("SLIPSTREAM_PG_PASSWORD", db.password());

      CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", lake(), "--mode", "live");

      assertThat(r.exit()).as(r.err() + r.out()).isZero();
      JsonNode summary = lastJson(r.out());
      assertThat(summary.get("status").asText()).isEqualTo("completed");
      assertThat(summary.get("mode").asText()).isEqualTo("live");
      assertThat(summary.get("orders_sent").asInt()).isGreaterThan(0);
      long id = summary.get("rebalance_id").asLong();
      try (PostgresAuditStore store = PostgresAuditStore.open(db.jdbcUrl(), db.user(), db.password())) {
        assertThat(store.rebalance(id).orElseThrow().status()).isEqualTo("completed");
        assertThat(store.rebalance(id).orElseThrow().mode()).isEqualTo("live");
        List<TargetRow> targets = store.targets(id);
        assertThat(targets).hasSize(CliLiveFixture.COINS.size());
        assertThat(targets).anyMatch(t -> t.targetSize() > 0).anyMatch(t -> t.targetSize() < 0);
        for (TargetRow t : targets) {
          double pos = fake.position(ADDRESS, t.coin()).map(p -> p.szi()).orElse(0.0);
          assertThat(pos).as(t.coin()).isCloseTo(t.targetSize(),
              Offset.offset(1e-9 * Math.max(1, Math.abs(t.targetSize()))));
        }
        // every order the exchange accepted is in the audit trail, each client id once
        Set<String> cloids = new HashSet<>();
        for (FakeOrder o : fake.orders()) {
          String c = o.cloid().orElseThrow();
          assertThat(cloids.add(c)).as("cloid %s twice", c).isTrue();
          assertThat(store.order(c)).as(c).isPresent();
        }
      }
      assertThat(fake.exchangeRequests()).isNotEmpty();
      assertThat(fake.serverErrors()).isEmpty();
      assertThat(r.out()).doesNotContainIgnoringCase(KEY_HEX);
      assertThat(r.err()).doesNotContainIgnoringCase(KEY_HEX);
      String dump = CliLiveFixture.dumpDatabase(db);
      assertThat(dump).contains("stage1").contains("live.json");
      assertThat(dump).doesNotContainIgnoringCase(KEY_HEX);
      // the database password too, when it is a real secret (random in CI and on the private test cluster)
      if (db.password().length() >= 12) {
        assertThat(r.out() + r.err() + dump).doesNotContain(db.password());
      }
    }
  }

  // ---- stop -----------------------------------------------------------------------------------------------------

  @Test
  void stop_cancelOrders_thenFlattenAll_exit0_andARepeatSendsNothing() throws Exception {
    env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 100_000);
    HyperliquidClient client = fx.client(Optional.of(CliLiveFixture.KEY));
    double btc = fake.mid("BTC");
    double eth = fake.mid("ETH");
    int btcSzd = client.meta().get("BTC").szDecimals();
    int ethSzd = client.meta().get("ETH").szDecimals();
    int btcAsset = client.meta().get("BTC").index();
    int ethAsset = client.meta().get("ETH").index();
    double btcSz = PriceRules.roundSize(500 / btc, btcSzd);
    double ethSz = PriceRules.roundSize(300 / eth, ethSzd);
    List<OrderAck> opened = client.placeOrders(List.of(
        new OrderRequest(btcAsset, "BTC", true, PriceRules.slippagePrice(btc, true, 0.01,
            btcSzd), btcSz, false, Tif.IOC, Optional.empty()),
        new OrderRequest(ethAsset, "ETH", false, PriceRules.slippagePrice(eth, false, 0.01,
            ethSzd), ethSz, false, Tif.IOC, Optional.empty())));
    assertThat(opened).allMatch(a -> a instanceof OrderAck.Filled, "opens fill: " + opened);
    List<OrderAck> quotes = client.placeOrders(List.of(
        new OrderRequest(btcAsset, "BTC", true, PriceRules.slippagePrice(btc, false, 0.1, btcSzd), btcSz, false,
            Tif.ALO, Optional.empty()),
        new OrderRequest(ethAsset, "ETH", false, PriceRules.slippagePrice(eth, true, 0.1,
            ethSzd), ethSz, false, Tif.ALO, Optional.empty())));
    assertThat(quotes).allMatch(a -> a instanceof OrderAck.Resting, "far quotes rest: " + quotes);
    Path cfg = config(1, false);
    int before = fake.exchangeRequests().size();

    CliRun.Result none = CliRun.run("live", "stop", "--config", cfg.toString());

    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("--cancel-orders").contains("--flatten-all");
    assertThat(newRequests(before)).isEmpty();

    CliRun.Result cancel = CliRun.run("live", "stop", "--config", cfg.toString(), "--cancel-orders");

    assertThat(cancel.exit()).as(cancel.err()).isZero();
    assertThat(lastJson(cancel.out()).get("cancelled").asInt()).isEqualTo(2);
    assertThat(lastJson(cancel.out()).get("flatten_orders").asInt()).isZero();
    assertThat(newRequests(before)).extracting(RecordedRequest::type).containsExactly("cancel");
    assertThat(fx.resting()).isEmpty();
    assertThat(size("BTC")).isEqualTo(btcSz);
    assertThat(size("ETH")).isEqualTo(-ethSz);
    before = fake.exchangeRequests().size();

    CliRun.Result flatten = CliRun.run("live", "stop", "--config", cfg.toString(), "--flatten-all");

    assertThat(flatten.exit()).as(flatten.err()).isZero();
    JsonNode f = lastJson(flatten.out());
    assertThat(f.get("cancelled").asInt()).isZero();
    assertThat(f.get("flatten_orders").asInt()).isEqualTo(2);
    assertThat(f.get("remaining_positions").asInt()).isZero();
    assertThat(f.get("problems").asInt()).isZero();
    assertThat(newRequests(before)).extracting(RecordedRequest::type).containsExactly("order");
    assertThat(size("BTC")).isZero();
    assertThat(size("ETH")).isZero();
    before = fake.exchangeRequests().size();

    CliRun.Result again = CliRun.run("live", "stop", "--config", cfg.toString(), "--cancel-orders",
        "--flatten-all");

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(lastJson(again.out()).get("flatten_orders").asInt()).isZero();
    assertThat(newRequests(before)).isEmpty();
    for (CliRun.Result r : List.of(none, cancel, flatten, again)) {
      assertThat(r.out() + r.err()).doesNotContainIgnoringCase(KEY_HEX);
    }
  }

  @Test
  void stop_flattenAll_positionLeftOpenByAThinBook_exit1() throws Exception {
    env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 100_000);
    HyperliquidClient client = fx.client(Optional.of(CliLiveFixture.KEY));
    double btc = fake.mid("BTC");
    int szd = client.meta().get("BTC").szDecimals();
    double sz = PriceRules.roundSize(1_000 / btc, szd);
    List<OrderAck> opened = client.placeOrders(List.of(new OrderRequest(client.meta().get("BTC").index(), "BTC",
        true, PriceRules.slippagePrice(btc, true, 0.01, szd), sz, false, Tif.IOC, Optional.empty())));
    assertThat(opened).allMatch(a -> a instanceof OrderAck.Filled, "open fills: " + opened);
    // no bid within the stop's 5% slippage limit: the reduce-only IOC cannot fill
    fake.setBook("BTC", List.of(new BookLevel(PriceRules.roundPrice(btc * 0.9, szd), 10, 1)),
        List.of(new BookLevel(PriceRules.roundPrice(btc * 1.0005, szd), 10, 1)));

    CliRun.Result r = CliRun.run("live", "stop", "--config", config(1, false).toString(), "--flatten-all");

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode out = lastJson(r.out());
    assertThat(out.get("remaining_positions").asInt()).isEqualTo(1);
    assertThat(out.get("problems").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(size("BTC")).isEqualTo(sz);
  }

  @Test
  void stop_withAnApiWalletKey_needsItsAccount_refusesAnotherOne_andCancelsTheAccountsOrders() throws Exception {
    String master = "0x2222222222222222222222222222222222222222";
    String stranger = "0x3333333333333333333333333333333333333333";
    env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);
    fake.setAccount(ADDRESS); // signatures are attributed to the key's address: the API wallet
    fake.approveAgent(master, ADDRESS);
    fake.setAccountValue(master, 100_000);
    fake.setAccountValue(stranger, 5_000);
    HyperliquidClient client = fx.client(Optional.of(CliLiveFixture.KEY));
    double btc = fake.mid("BTC");
    int szd = client.meta().get("BTC").szDecimals();
    List<OrderAck> quote = client.placeOrders(List.of(new OrderRequest(client.meta().get("BTC").index(), "BTC", true,
        PriceRules.slippagePrice(btc, false, 0.1, szd), PriceRules.roundSize(300 / btc, szd), false, Tif.ALO,
        Optional.empty())));
    assertThat(quote).allMatch(a -> a instanceof OrderAck.Resting, "the wallet's quote rests: " + quote);
    assertThat(client.openOrders(master)).hasSize(1); // on the account, not on the signer
    assertThat(client.openOrders(ADDRESS)).isEmpty();
    Path cfg = config(1, false);
    int before = fake.exchangeRequests().size();

    CliRun.Result missing = CliRun.run("live", "stop", "--config", cfg.toString(), "--cancel-orders");

    assertThat(missing.exit()).as(missing.out() + missing.err()).isEqualTo(2);
    assertThat(missing.err()).contains("api.account_address").contains("API wallet").contains(master);
    assertThat(newRequests(before)).isEmpty();

    env.put("HL_ACCOUNT_ADDRESS", stranger);
    CliRun.Result wrong = CliRun.run("live", "stop", "--config", cfg.toString(), "--cancel-orders");

    assertThat(wrong.exit()).as(wrong.out() + wrong.err()).isEqualTo(2);
    assertThat(wrong.err()).contains(stranger).contains("is not the account of the API wallet");
    assertThat(newRequests(before)).isEmpty();
    assertThat(fx.resting()).hasSize(1);

    env.put("HL_ACCOUNT_ADDRESS", master);
    CliRun.Result ok = CliRun.run("live", "stop", "--config", cfg.toString(), "--cancel-orders");

    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(lastJson(ok.out()).get("cancelled").asInt()).isEqualTo(1);
    assertThat(fx.resting()).isEmpty();
  }

  @Test
  void rebalance_liveWithAVaultTheKeyDoesNotLead_exit2_andSendsNothing() throws Exception {
    String vault = "0x4444444444444444444444444444444444444444";
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 10_000);
    fake.addVault(vault, "0x5555555555555555555555555555555555555555");
    ObjectNode root = (ObjectNode) JSON.readTree(fx.configText(1, false));
    ((ObjectNode) root.get("api")).put("vault_address", vault);
    Path cfg = dir.resolve("vault.json");
    Files.writeString(cfg, root.toPrettyString());
    try (PgTestServer.Database db = PgTestServer.newDatabase()) {
      env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);
      env.put("SLIPSTREAM_PG_URL", db.jdbcUrl());
      env.put("SLIPSTREAM_PG_USER", db.user());
      env.put("SLIPSTREAM_PG_PASSWORD", db.password());

      CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", lake(), "--mode",
          "live");

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
      assertThat(r.err()).contains("api.vault_address").contains("is led by 0x5555");
      assertThat(fake.exchangeRequests()).isEmpty();
      assertThat(fake.infoRequestCount("candleSnapshot")).isZero();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private Path config(double passiveSeconds, boolean dryRun) throws Exception {
    Path f = dir.resolve(dryRun ? "live-dry.json" : "live.json");
    com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
        .readTree(fx.configText(passiveSeconds, dryRun));
    // the run's status file in the test's folder, not the project's reports/
    root.putObject("alerts").put("status_file", dir.resolve("status.json").toString());
    Files.writeString(f, root.toPrettyString());
    return f;
  }

  private List<RecordedRequest> newRequests(int before) {
    List<RecordedRequest> all = fake.exchangeRequests();
    return List.copyOf(all.subList(before, all.size()));
  }

  private double size(String coin) {
    return fake.position(ADDRESS, coin).map(p -> p.szi()).orElse(0.0);
  }

  /** @return the last JSON object printed (after the timestamped log lines) */
  private static JsonNode lastJson(String out) throws Exception {
    int i = out.lastIndexOf("\n{");
    String json = i >= 0 ? out.substring(i + 1) : out;
    assertThat(json).as("a JSON object in: " + out).startsWith("{");
    return JSON.readTree(json);
  }
}
