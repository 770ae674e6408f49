package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.slipstream.live.CliLiveFixture;
import io.slipstream.live.Clock;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.Network;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PriceRules;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.store.PgTestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live commands' exchange-side protection, alerts, health file and {@code --testnet}, end to end against the
 * fake exchange loaded with real 4h data (CliLiveFixture) and a local webhook receiver (JDK {@code HttpServer} on
 * 127.0.0.1; each post is handed over through a queue, no sleeps). The webhook URL carries a secret token that must
 * reach the receiver and nothing else: not the output, not the status file, not the audit database.
 */
class LiveProtectAlertsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADDRESS = CliLiveFixture.ADDRESS;
  private static final String TOKEN = "T0AAA-B0BBB-whsecretToken0123456789";

  private Function<String, String> savedEnv;
  private Clock savedClock;
  private final Map<String, String> env = new HashMap<>();
  private CliLiveFixture fx;
  private FakeExchange fake;
  private HttpServer receiver;
  private final BlockingQueue<String> posts = new LinkedBlockingQueue<>();

  @TempDir
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    savedEnv = LiveCommand.env;
    savedClock = LiveCommand.clock;
    fx = new CliLiveFixture();
    fake = fx.fake();
    LiveCommand.env = env::get;
    LiveCommand.clock = fx.clock();
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      posts.add(ex.getRequestURI().getPath() + " " + body);
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    receiver.start();
  }

  @AfterEach
  void tearDown() {
    LiveCommand.env = savedEnv;
    LiveCommand.clock = savedClock;
    receiver.stop(0);
    fx.close();
  }

  private String webhookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/services/" + TOKEN;
  }

  private Path status() {
    return dir.resolve("health").resolve("status.json");
  }

  /** The fixture's config with a status file in the test folder, the webhook, and {@code edit} applied. */
  private Path config(boolean dryRun, java.util.function.Consumer<ObjectNode> edit) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(fx.configText(1, dryRun));
    root.putObject("alerts").put("status_file", status().toString()).put("webhook_url", webhookUrl());
    edit.accept(root);
    Path f = dir.resolve("live.json");
    Files.writeString(f, root.toPrettyString());
    return f;
  }

  private void database(PgTestServer.Database db) {
    env.put("SLIPSTREAM_PG_URL", db.jdbcUrl());
    env.put("SLIPSTREAM_PG_USER", db.user());
    env.put("SLIPSTREAM_PG_PASSWORD", db.password());
  }

  private void verifySignaturesAs(Network net) {
    fake.setSignatureCheck(a -> Optional.of(PrivateKeySigner.recoverAddress(a.action(), a.nonceMs(),
        a.vaultAddress(), a.expiresAfterMs(), net, a.signature())));
  }

  @Test
  void rebalance_liveWithProtection_placesAStopAndATakeProfitPerPosition_sizedToIt() throws Exception {
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 10_000);
    verifySignaturesAs(fake.network(true));
    Path cfg = config(false, root -> root.putObject("protection").put("stop_loss_pct", 10)
        .put("take_profit_pct", 20));
    try (PgTestServer.Database db = PgTestServer.newDatabase()) {
      database(db);
      env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);

      CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data",
          dir.resolve("lake").toString(), "--mode", "live");

      assertThat(r.exit()).as(r.err() + r.out()).isZero();
      JsonNode summary = lastJson(r.out());
      assertThat(summary.get("status").asText()).isEqualTo("completed");
      int positions = 0;
      for (String coin : CliLiveFixture.COINS) {
        double szi = fake.position(ADDRESS, coin).map(p -> p.szi()).orElse(0.0);
        List<FakeOrder> triggers = fake.orders().stream().filter(o -> o.coin().equals(coin)
            && o.isWaitingTrigger()).toList();
        if (szi == 0) {
          assertThat(triggers).as(coin).isEmpty();
          continue;
        }
        positions++;
        double entry = fake.position(ADDRESS, coin).orElseThrow().entryPx();
        assertThat(triggers).as(coin).hasSize(2).allMatch(o -> o.sz() == Math.abs(szi) && o.reduceOnly()
            && o.isBuy() == (szi < 0));
        for (FakeOrder o : triggers) {
          // the stop 10% against the entry, the take-profit 20% in favour (to the price grid: 5 significant figures)
          boolean sl = o.trigger().orElseThrow().tpsl() == io.slipstream.live.hl.Trigger.Tpsl.SL;
          double k = (sl ? -0.10 : 0.20) * Math.signum(szi);
          assertThat(o.trigger().get().triggerPx()).as(coin).isCloseTo(entry * (1 + k),
              org.assertj.core.data.Percentage.withPercentage(0.01));
        }
      }
      assertThat(positions).isGreaterThan(0);
      assertThat(summary.get("protection").get("placed").asInt()).isEqualTo(2 * positions);
      JsonNode st = JSON.readTree(Files.readString(status()));
      assertThat(st.get("state").asText()).isEqualTo("succeeded");
      assertThat(st.get("last_success").get("summary").get("protection").get("placed").asInt())
          .isEqualTo(2 * positions);
      assertThat(fake.serverErrors()).isEmpty();
      assertNoUrlLeak(r, CliLiveFixture.dumpDatabase(db));
    }
  }

  @Test
  void rebalance_riskRefusal_postsToTheWebhook_writesTheStatus_andTheUrlLeaksNowhere() throws Exception {
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 10_000);
    // the clock runs 90 s after the bar's close: a 1-minute data-age limit refuses the rebalance
    Path cfg = config(false, root -> ((ObjectNode) root.get("risk")).put("max_data_age_minutes", 1));
    try (PgTestServer.Database db = PgTestServer.newDatabase()) {
      database(db);
      env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);

      CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data",
          dir.resolve("lake").toString(), "--mode", "live");

      assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(1);
      String post = posts.poll(10, TimeUnit.SECONDS);
      assertThat(post).isNotNull().startsWith("/services/" + TOKEN + " ");
      JsonNode body = JSON.readTree(post.substring(post.indexOf(' ') + 1));
      assertThat(body.get("text").asText()).startsWith("[slipstream live.json live] risk refusal: stale data");
      assertThat(posts).isEmpty();
      JsonNode st = JSON.readTree(Files.readString(status()));
      assertThat(st.get("state").asText()).isEqualTo("failed");
      assertThat(st.get("last_error").get("message").asText()).startsWith("stale data");
      assertThat(st.get("open_risk_events")).singleElement()
          .satisfies(e -> assertThat(e.get("level").asText()).isEqualTo("refusal"));
      String dump = CliLiveFixture.dumpDatabase(db);
      assertThat(dump).contains("stale data");
      assertThat(fake.exchangeRequests()).isEmpty();
      assertNoUrlLeak(r, dump);
    }
  }

  @Test
  void rebalance_dryRun_webhookFromTheEnvironment_successIsNotPosted_andTheStatusFileSaysSo() throws Exception {
    Path cfg = config(true, root -> ((ObjectNode) root.get("alerts")).remove("webhook_url"));
    env.put("SLIPSTREAM_ALERT_WEBHOOK", webhookUrl());

    CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data",
        dir.resolve("lake").toString());

    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("alert webhook set");
    assertThat(posts).isEmpty(); // the run is over: a success is not an alert
    JsonNode st = JSON.readTree(Files.readString(status()));
    assertThat(st.get("state").asText()).isEqualTo("succeeded");
    assertThat(st.get("mode").asText()).isEqualTo("dry-run");
    assertThat(st.get("last_success").get("summary").get("status").asText()).isEqualTo("dry-run");
    assertNoUrlLeak(r, "");
  }

  @Test
  void stop_testnet_signsForTestnetWithTheTestnetKey_cancelsTheStop_andAlerts() throws Exception {
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 100_000);
    HyperliquidClient client = fx.client(Optional.of(CliLiveFixture.KEY));
    double btc = fake.mid("BTC");
    int szd = client.meta().get("BTC").szDecimals();
    int asset = client.meta().get("BTC").index();
    double sz = PriceRules.roundSize(1_000 / btc, szd);
    assertThat(client.placeOrders(List.of(new OrderRequest(asset, "BTC", true, PriceRules.slippagePrice(btc, true,
        0.01, szd), sz, false, Tif.IOC, Optional.empty())))).singleElement().isInstanceOf(OrderAck.Filled.class);
    assertThat(client.placeOrders(List.of(OrderRequest.stopMarket(asset, "BTC", false, PriceRules.roundPrice(
        btc * 0.9, szd), PriceRules.roundPrice(btc * 0.85, szd), sz, Optional.empty()))))
        .singleElement().isInstanceOf(OrderAck.Resting.class);
    // from here on only testnet signatures (source "b") verify as the account
    verifySignaturesAs(new Network("custom", fake.restBase(), fake.wsUrl(), false));
    Path cfg = config(false, root -> { });
    env.put("HL_PRIVATE_KEY", CliLiveFixture.KEY);

    CliRun.Result noKey = CliRun.run("live", "stop", "--config", cfg.toString(), "--cancel-orders", "--testnet");

    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("HL_TESTNET_PRIVATE_KEY");
    env.remove("HL_PRIVATE_KEY");
    env.put("HL_TESTNET_PRIVATE_KEY", CliLiveFixture.KEY);

    CliRun.Result r = CliRun.run("live", "stop", "--config", cfg.toString(), "--cancel-orders", "--testnet");

    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    assertThat(lastJson(r.out()).get("cancelled").asInt()).isEqualTo(1);
    assertThat(fake.orders()).noneMatch(FakeOrder::isOpen);
    String post = posts.poll(10, TimeUnit.SECONDS);
    assertThat(post).isNotNull().contains("[slipstream live.json stop-live-testnet] emergency stop: 1 open orders "
        + "cancelled");
    JsonNode st = JSON.readTree(Files.readString(status()));
    assertThat(st.get("mode").asText()).isEqualTo("stop-live-testnet");
    assertThat(fake.serverErrors()).isEmpty();
    assertNoUrlLeak(r, "");
  }

  private void assertNoUrlLeak(CliRun.Result r, String dump) throws Exception {
    assertThat(r.out()).doesNotContain(TOKEN);
    assertThat(r.err()).doesNotContain(TOKEN);
    assertThat(Files.readString(status())).doesNotContain(TOKEN);
    assertThat(dump).doesNotContain(TOKEN);
  }

  /** @return the last JSON object printed (after the timestamped log lines) */
  private static JsonNode lastJson(String out) throws Exception {
    int i = out.lastIndexOf("\n{");
    String json = i >= 0 ? out.substring(i + 1) : out;
    assertThat(json).as("a JSON object in: " + out).startsWith("{");
    return JSON.readTree(json);
  }
}
