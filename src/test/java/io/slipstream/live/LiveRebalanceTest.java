package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.live.fake.FakeFill;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.fake.SignatureCheck;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.store.AuditStore;
import io.slipstream.live.store.AuditStore.OrderRecord;
import io.slipstream.live.store.AuditStore.TargetRow;
import io.slipstream.live.store.PostgresAuditStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Full rebalance cycles of the Gradient strategy on real 4h data, against the fake exchange over HTTP and
 * WebSocket, with the audit trail in a real PostgreSQL database: dry-run, paper and live, the exchange faults of
 * the issue, and a runner killed between stage 1 and stage 2. Every test ends with positions at their targets, no
 * client order id used twice, an audit row for every order the exchange received, and every fill in the database
 * once.
 */
class LiveRebalanceTest {
  private static final String ADDRESS = PrivateKeySigner.fromHex(LiveFixture.KEY).address();
  private static final List<String> PASSIVE = List.of("BTC", "ETH", "SOL", "DOGE");

  @Test
  void dryRun_recordsThePlanAndSendsNoExchangeRequest() throws Exception {
    try (LiveFixture fx = new LiveFixture(); PostgresAuditStore store = fx.store()) {
      HyperliquidClient client = fx.client(Optional.empty());
      ObjectNode out = fx.runner(Mode.DRY_RUN, fx.liveConfig(1, true), client, Optional.empty(), Optional.of(store),
          Optional.empty()).run();
      assertThat(out.get("status").asText()).isEqualTo("dry-run");
      assertThat(out.get("orders_planned").asInt()).isGreaterThan(0);
      assertThat(fx.fake.exchangeRequests()).isEmpty();
      assertThat(fx.fake.infoRequestCount()).isGreaterThan(0);
      long id = out.get("rebalance_id").asLong();
      assertThat(store.targets(id)).hasSize(LiveFixture.COINS.size());
      assertThat(store.orders(id)).isEmpty();
      assertThat(store.rebalance(id).orElseThrow().status()).isEqualTo("completed");
    }
  }

  @Test
  void live_fullCycle_reachesTargets_withSignedOrdersAndAnAuditRowPerAction() throws Exception {
    try (LiveFixture fx = new LiveFixture()) {
      fx.fake.setAccount(ADDRESS);
      fx.fake.setAccountValue(ADDRESS, 10_000);
      fx.fake.setSignatureCheck(a -> Optional.of(PrivateKeySigner.recoverAddress(a.action(), a.nonceMs(),
          a.vaultAddress(), a.expiresAfterMs(), fx.network, a.signature())));
      ObjectNode out = runLive(fx, () -> { });
      assertReachedTargets(fx, out);
      assertThat(out.get("passive_fills").asInt()).isGreaterThan(0);
      assertThat(out.get("sweep_fills").asInt()).isGreaterThan(0);
      assertThat(out.get("passive_fill_ratio").asDouble()).isBetween(0.0, 1.0);
      // the dead man's switch was armed before stage 1 and removed at the end
      List<com.fasterxml.jackson.databind.JsonNode> schedules = fx.fake.exchangeRequests().stream()
          .filter(r -> r.json() != null && r.json().path("action").path("type").asText().equals("scheduleCancel"))
          .map(r -> r.json().path("action")).toList();
      assertThat(schedules).hasSize(2);
      assertThat(schedules.get(0).has("time")).isTrue();
      assertThat(schedules.get(1).has("time")).isFalse();
      assertThat(fx.fake.scheduledCancelMs(ADDRESS)).isEmpty();
      assertThat(fx.fake.serverErrors()).isEmpty();
      // secrets never reach the log or the database
      String keyHex = LiveFixture.KEY.substring(2);
      assertThat(String.join("\n", fx.log)).doesNotContainIgnoringCase(keyHex);
      String dump = fx.dumpDatabase();
      assertThat(dump).contains("stage1");
      assertThat(dump).doesNotContainIgnoringCase(keyHex);
      // the database password, when it is a real secret (.ci/run uses a random one, and so does the private test
      // cluster of a plain `mvn test` for every database; a developer's default "slipstream" equals the role name,
      // which the audit trail may name)
      String pw = fx.db.password();
      if (pw.length() >= 12) {
        assertThat(dump).doesNotContain(pw);
        assertThat(String.join("\n", fx.log)).doesNotContain(pw);
      }
    }
  }

  @Test
  void live_transportFaults_429_500_andSlowReplies_areRetriedWithoutDuplicateOrders() throws Exception {
    try (LiveFixture fx = new LiveFixture()) {
      fx.fake.setAccount(ADDRESS);
      fx.fake.setAccountValue(ADDRESS, 10_000);
      AtomicBoolean midRun = new AtomicBoolean();
      ObjectNode out = runLive(fx, () -> fx.fake.failNext(2, 429), () -> {
        // once the first quotes rest: a 500 and then a reply slower than the client's 800 ms timeout
        if (!fx.fakeResting().isEmpty() && midRun.compareAndSet(false, true)) {
          fx.fake.failNext(1, 500);
          fx.fake.delayNext(1, Duration.ofMillis(1500));
        }
      });
      assertThat(midRun).isTrue();
      assertReachedTargets(fx, out);
      long injected = fx.fake.requests().stream().filter(r -> r.injectedStatus() > 0).count();
      assertThat(injected).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void live_webSocketFaults_drop_duplicates_andLostFillMessages_areReconciled() throws Exception {
    try (LiveFixture fx = new LiveFixture()) {
      fx.fake.setAccount(ADDRESS);
      fx.fake.setAccountValue(ADDRESS, 10_000);
      fx.fake.duplicateFillMessages(true);
      fx.fake.loseNextFillMessages(1);
      AtomicBoolean dropped = new AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger droppedConnections = new java.util.concurrent.atomic.AtomicInteger();
      ObjectNode out = runLive(fx, () -> { }, () -> {
        // mid-stage: once quotes rest, cut the WebSocket (the session reconnects and resubscribes)
        if (!fx.fakeResting().isEmpty() && dropped.compareAndSet(false, true)) {
          droppedConnections.set(fx.fake.dropWebSockets());
        }
      });
      assertReachedTargets(fx, out);
      assertThat(dropped).isTrue();
      assertThat(droppedConnections.get()).isGreaterThan(0);
      assertThat(fx.fake.webSocketConnectionsOpened()).isGreaterThanOrEqualTo(2);
      assertThat(out.get("websocket_reconnects").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(out.get("duplicate_fill_messages").asInt()).isGreaterThan(0);
    }
  }

  @Test
  void paper_fullCycle_fillsAgainstTheLiveBook_andKeepsPaperPositionsInTheDatabase() throws Exception {
    try (LiveFixture fx = new LiveFixture(); PostgresAuditStore store = fx.store()) {
      LiveConfig live = fx.liveConfig(1.5, true);
      HyperliquidClient client = fx.client(Optional.empty());
      PaperVenue venue = new PaperVenue(client, store, 10_000, new io.slipstream.cost.FeeModel(1.5, 4.5, 0.5, 0), fx.clock);
      AtomicBoolean stop = new AtomicBoolean();
      Thread market = fx.marketMaker(venue::openOrders, PASSIVE, 5, stop);
      ObjectNode out;
      try {
        out = fx.runner(Mode.PAPER, live, client, Optional.of(venue), Optional.of(store), Optional.empty()).run();
      } finally {
        stop.set(true);
        market.join();
      }
      assertThat(out.get("status").asText()).isEqualTo("completed");
      long id = out.get("rebalance_id").asLong();
      Map<String, Double> paper = store.paperPositions();
      for (TargetRow t : store.targets(id)) {
        assertThat(paper.getOrDefault(t.coin(), 0.0)).as(t.coin()).isCloseTo(t.targetSize(),
            org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(t.targetSize()))));
      }
      assertThat(out.get("passive_fills").asInt()).isGreaterThan(0);
      assertThat(out.get("sweep_fills").asInt()).isGreaterThan(0);
      assertThat(fx.fake.exchangeRequests()).as("paper sends nothing to the exchange").isEmpty();
      assertThat(store.fills(id)).hasSize(out.get("passive_fills").asInt() + out.get("sweep_fills").asInt());
      // cash = start - sum(signed size x px) - fees, from the fills themselves
      double cash = 10_000;
      for (Fill f : store.fills(id)) {
        cash -= (f.isBuy() ? f.sz() : -f.sz()) * f.px() + f.fee();
      }
      assertThat(store.paperCash()).isCloseTo(cash, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void restartBetweenStage1AndStage2_reconcilesAndFinishesWithoutDuplicateOrders() throws Exception {
    try (LiveFixture fx = new LiveFixture()) {
      fx.fake.setAccount(ADDRESS);
      fx.fake.setAccountValue(ADDRESS, 10_000);
      LiveConfig live = fx.liveConfig(1.0, true);
      // run 1 dies when it reaches stage 2: its stage-1 quotes still rest, some have filled
      AtomicBoolean crashed = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      Thread market = fx.marketMaker(fx::fakeResting, PASSIVE, 0, stop);
      try (PostgresAuditStore store1 = fx.store()) {
        HyperliquidClient client = fx.client(Optional.of(LiveFixture.KEY));
        Crash crash = new Crash(crashed);
        AuditStore dying = crash.store(store1);
        Venue venue = crash.venue(new LiveVenue(client, client, fx.ws(), ADDRESS));
        RebalanceRunner r1 = fx.runner(Mode.LIVE, live, client, Optional.of(venue), Optional.of(dying),
            Optional.empty());
        assertThatThrownBy(r1::run).isInstanceOf(SimulatedCrash.class);
        venue.close();
      } finally {
        stop.set(true);
        market.join();
      }
      assertThat(crashed).isTrue();
      assertThat(fx.fakeResting()).as("run 1 left quotes resting").isNotEmpty();
      assertThat(fx.fake.scheduledCancelMs(ADDRESS)).as("the dead man's switch run 1 armed still stands")
          .isPresent();
      // run 2: a fresh process on the same database and exchange
      ObjectNode out;
      try (PostgresAuditStore store2 = fx.store()) {
        HyperliquidClient client = fx.client(Optional.of(LiveFixture.KEY));
        try (LiveVenue venue = new LiveVenue(client, client, fx.ws(), ADDRESS)) {
          out = fx.runner(Mode.LIVE, live, client, Optional.of(venue), Optional.of(store2), Optional.empty()).run();
        }
        long id2 = out.get("rebalance_id").asLong();
        AuditStore.RebalanceRecord first = store2.rebalance(id2 - 1).orElseThrow();
        assertThat(first.status()).isEqualTo("aborted");
        assertThat(store2.events(Optional.of(first.id()))).anyMatch(e -> e.kind().equals("reconcile"));
        for (OrderRecord o : store2.orders(first.id())) {
          assertThat(o.status()).as(o.cloid()).isIn("filled", "cancelled", "rejected");
        }
      }
      assertThat(fx.fakeResting()).isEmpty();
      assertThat(fx.fake.scheduledCancelMs(ADDRESS)).isEmpty();
      assertReachedTargets(fx, out);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private static ObjectNode runLive(LiveFixture fx, Runnable before) throws Exception {
    return runLive(fx, before, () -> { });
  }

  /** A live rebalance with the market filling the PASSIVE coins' quotes; {@code during} runs every 20 ms. */
  private static ObjectNode runLive(LiveFixture fx, Runnable before, Runnable during) throws Exception {
    LiveConfig live = fx.liveConfig(1.5, true);
    HyperliquidClient client = fx.client(Optional.of(LiveFixture.KEY));
    AtomicBoolean stop = new AtomicBoolean();
    Thread market = fx.marketMaker(fx::fakeResting, PASSIVE, 0, stop);
    Thread chaos = new Thread(() -> {
      while (!stop.get()) {
        during.run();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    chaos.setDaemon(true);
    before.run();
    chaos.start();
    try (PostgresAuditStore store = fx.store(); LiveVenue venue = new LiveVenue(client, client, fx.ws(), ADDRESS)) {
      return fx.runner(Mode.LIVE, live, client, Optional.of(venue), Optional.of(store), Optional.empty()).run();
    } finally {
      stop.set(true);
      market.join();
      chaos.join();
    }
  }

  /**
   * Positions on the exchange equal the last rebalance's lot-rounded targets; no cloid was sent twice; every order
   * the exchange received is in the audit trail; every fill of the account is in the database exactly once.
   */
  private static void assertReachedTargets(LiveFixture fx, ObjectNode out) throws Exception {
    assertThat(out.get("status").asText()).isEqualTo("completed");
    long id = out.get("rebalance_id").asLong();
    try (PostgresAuditStore store = fx.store()) {
      List<TargetRow> targets = store.targets(id);
      assertThat(targets).isNotEmpty();
      for (TargetRow t : targets) {
        double pos = fx.fake.position(ADDRESS, t.coin()).map(p -> p.szi()).orElse(0.0);
        assertThat(pos).as(t.coin()).isCloseTo(t.targetSize(),
            org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(t.targetSize()))));
      }
      List<FakeOrder> orders = fx.fake.orders();
      Set<String> cloids = new HashSet<>();
      for (FakeOrder o : orders) {
        String c = o.cloid().orElseThrow();
        assertThat(cloids.add(c)).as("cloid %s accepted twice", c).isTrue();
        assertThat(store.order(c)).as("audit row of %s", c).isPresent();
      }
      Set<Long> exchangeTids = fx.fake.fills().stream().filter(f -> f.user().equals(ADDRESS)).map(FakeFill::tid)
          .collect(Collectors.toSet());
      Set<Long> storedTids = new HashSet<>();
      for (long r = 1; r <= id; r++) {
        for (Fill f : store.fills(r)) {
          assertThat(storedTids.add(f.tid())).as("fill %d stored twice", f.tid()).isTrue();
        }
      }
      assertThat(storedTids).isEqualTo(exchangeTids);
    }
  }

  /** A process death: an Error no catch block of the runner handles, after which nothing works. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("simulated crash");
    }
  }

  /** Wraps the store and venue of run 1: reaching stage 2 kills "the process". */
  private record Crash(AtomicBoolean crashed) {
    void check() {
      if (crashed.get()) {
        throw new SimulatedCrash();
      }
    }

    AuditStore store(AuditStore d) {
      return dying(AuditStore.class, d, (m, a) -> {
        if (m.getName().equals("setStage") && "stage2".equals(a[1])) {
          crashed.set(true);
        }
      });
    }

    Venue venue(Venue d) {
      return dying(Venue.class, d, (m, a) -> { });
    }

    /** {@code d} behind a proxy that runs {@code before}, then dies (except on close) once the crash happened. */
    private <T> T dying(Class<T> type, T d,
        java.util.function.BiConsumer<java.lang.reflect.Method, Object[]> before) {
      return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
          (p, m, a) -> {
            before.accept(m, a);
            if (!m.getName().equals("close")) {
              check();
            }
            try {
              return m.invoke(d, a);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          }));
    }
  }
}
