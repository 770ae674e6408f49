package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.fake.RecordedRequest;
import io.slipstream.live.hl.BookLevel;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.store.AuditStore.OrderRecord;
import io.slipstream.live.store.PgTestServer;
import io.slipstream.live.store.PostgresAuditStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EmergencyStop} against the fake exchange over HTTP with the real signing client (live) and against the
 * paper engine over a PostgreSQL store (paper): cancel-only sends one cancel and nothing else; flatten closes
 * every position with reduce-only IOC orders recorded (stage {@code "stop"}) before they are sent; a second run
 * sends nothing.
 *
 * <p>Market: BTC (szDecimals 5) at 60000, ETH (4) at 3000, SOL (2) at 150, 2 bps spread, deep books. The close
 * orders' limits are computed by hand: 5% slippage from the mid, 5 significant figures, so a BTC sell at 57000 and
 * an ETH buy at 3150.
 */
class EmergencyStopTest {
  private static final String KEY = LiveFixture.KEY;
  private static final String ADDRESS = PrivateKeySigner.fromHex(KEY).address();

  private FakeExchange fake;
  private HyperliquidClient client;
  private PgTestServer.Database db;
  private PostgresAuditStore store;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeExchange.start();
    fake.addCoin("BTC", 5, 60_000, 2.0, 5);
    fake.addCoin("ETH", 4, 3_000, 2.0, 100);
    fake.addCoin("SOL", 2, 150, 2.0, 2_000);
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 100_000);
    // every exchange request must verify as signed by the key
    fake.setSignatureCheck(a -> Optional.of(PrivateKeySigner.recoverAddress(a.action(), a.nonceMs(),
        a.vaultAddress(), a.expiresAfterMs(), fake.network(true), a.signature())));
    client = client(Optional.of(KEY));
    db = PgTestServer.newDatabase();
    store = PostgresAuditStore.open(db.jdbcUrl(), db.user(), db.password());
  }

  @AfterEach
  void stop() {
    store.close();
    db.close();
    fake.close();
  }

  private HyperliquidClient client(Optional<String> key) {
    HttpTransport.Settings ts = new HttpTransport.Settings(Duration.ofMillis(2000), Duration.ofSeconds(2), 3,
        Duration.ofMillis(20), Duration.ofMillis(100));
    return new HyperliquidClient(fake.network(true), key.map(PrivateKeySigner::fromHex),
        RateLimiter.of(100_000, Duration.ofMinutes(1)), ts, Optional.empty(), HyperliquidClient.Nonces.system());
  }

  // ---- live -----------------------------------------------------------------------------------------------------

  @Test
  void run_cancelOnly_cancelsEveryOpenOrderInOneRequest_andSendsNoOrder() {
    List<Long> resting = openLiveBook();
    int before = fake.exchangeRequests().size();

    EmergencyStop.Result r = EmergencyStop.run(liveVenue(), client, Optional.of(store), false, 5, Clock.SYSTEM,
        log::add);

    assertThat(r.cancelled()).isEqualTo(3);
    assertThat(r.flattenOrders()).isZero();
    assertThat(r.problems()).isEmpty();
    List<RecordedRequest> sent = fake.exchangeRequests().subList(before, fake.exchangeRequests().size());
    assertThat(sent).extracting(RecordedRequest::type).containsExactly("cancel");
    List<Long> cancelledOids = new ArrayList<>();
    for (JsonNode c : sent.get(0).json().get("action").get("cancels")) {
      cancelledOids.add(c.get("o").asLong());
    }
    assertThat(cancelledOids).containsExactlyInAnyOrderElementsOf(resting);
    assertThat(fake.orders()).noneMatch(FakeOrder::isOpen);
    for (long oid : resting) {
      assertThat(fake.order(oid).orElseThrow().status()).isEqualTo("canceled");
    }
    // positions untouched
    assertThat(size("BTC")).isEqualTo(0.2);
    assertThat(size("ETH")).isEqualTo(-3.0);
    // the runner's recorded quote is marked cancelled; the stop left an event
    assertThat(store.order(RECORDED_CLOID).orElseThrow().status()).isEqualTo("cancelled");
    assertThat(store.events(Optional.empty())).anyMatch(e -> e.kind().equals("stop")
        && e.message().contains("3 of 3 open orders cancelled"));
  }

  @Test
  void run_flattenAll_closesEveryPositionWithReduceOnlyIoc_recordedAsStop_andASecondRunSendsNothing() {
    openLiveBook();
    Set<Long> oidsBefore = new HashSet<>();
    fake.orders().forEach(o -> oidsBefore.add(o.oid()));
    int before = fake.exchangeRequests().size();

    EmergencyStop.Result r = EmergencyStop.run(liveVenue(), client, Optional.of(store), true, 5, Clock.SYSTEM,
        log::add);

    assertThat(r.problems()).isEmpty();
    assertThat(r.cancelled()).isEqualTo(3);
    assertThat(r.flattenOrders()).isEqualTo(2);
    assertThat(r.remainingPositions()).isEmpty();
    assertThat(size("BTC")).isZero();
    assertThat(size("ETH")).isZero();
    List<RecordedRequest> sent = new ArrayList<>(fake.exchangeRequests().subList(before,
        fake.exchangeRequests().size()));
    assertThat(sent).extracting(RecordedRequest::type).containsExactly("cancel", "order");
    for (JsonNode o : sent.get(1).json().get("action").get("orders")) {
      assertThat(o.get("r").asBoolean()).isTrue();
      assertThat(o.get("t").get("limit").get("tif").asText()).isEqualTo("Ioc");
    }
    List<FakeOrder> closes = fake.orders().stream().filter(o -> !oidsBefore.contains(o.oid())).toList();
    assertThat(closes).hasSize(2);
    for (FakeOrder o : closes) {
      assertThat(o.reduceOnly()).isTrue();
      assertThat(o.tif()).isEqualTo(Tif.IOC);
      assertThat(o.status()).isEqualTo("filled");
      OrderRecord rec = store.order(o.cloid().orElseThrow()).orElseThrow();
      assertThat(rec.stage()).isEqualTo("stop");
      assertThat(rec.rebalanceId()).isEmpty();
      assertThat(rec.reduceOnly()).isTrue();
      assertThat(rec.tif()).isEqualTo("Ioc");
      assertThat(rec.status()).isEqualTo("filled");
      assertThat(rec.oid()).contains(o.oid());
      if (o.coin().equals("BTC")) {
        assertThat(o.isBuy()).isFalse();
        assertThat(o.origSz()).isEqualTo(0.2);
        assertThat(o.limitPx()).isEqualTo(57_000.0);
      } else {
        assertThat(o.coin()).isEqualTo("ETH");
        assertThat(o.isBuy()).isTrue();
        assertThat(o.origSz()).isEqualTo(3.0);
        assertThat(o.limitPx()).isEqualTo(3_150.0);
      }
    }

    int afterFirst = fake.exchangeRequests().size();
    EmergencyStop.Result again = EmergencyStop.run(liveVenue(), client, Optional.of(store), true, 5, Clock.SYSTEM,
        log::add);

    assertThat(again.cancelled()).isZero();
    assertThat(again.flattenOrders()).isZero();
    assertThat(again.problems()).isEmpty();
    assertThat(again.remainingPositions()).isEmpty();
    assertThat(fake.exchangeRequests()).hasSize(afterFirst);
    assertThat(fake.orders()).hasSize(oidsBefore.size() + 2);
  }

  @Test
  void run_flattenAll_thinBook_reportsThePositionLeftOpenAsAProblem() {
    openLiveBook();
    // BTC bids within the 5% limit (57000) hold only 0.05 + 0.05 of the 0.2 long; the rest sits below the limit
    fake.setBook("BTC", List.of(new BookLevel(59_990, 0.05, 1), new BookLevel(58_000, 0.05, 1),
        new BookLevel(50_000, 10, 1)), List.of(new BookLevel(60_010, 10, 1)));

    EmergencyStop.Result r = EmergencyStop.run(liveVenue(), client, Optional.of(store), true, 5, Clock.SYSTEM,
        log::add);

    assertThat(r.flattenOrders()).isEqualTo(2);
    assertThat(size("BTC")).isCloseTo(0.1, Offset.offset(1e-12));
    assertThat(size("ETH")).isZero();
    assertThat(r.remainingPositions()).containsOnlyKeys("BTC");
    assertThat(r.remainingPositions().get("BTC")).isCloseTo(0.1, Offset.offset(1e-12));
    // an emergency stop that leaves a position open must say so (the CLI exits 1 on problems)
    assertThat(r.problems()).anyMatch(p -> p.contains("BTC"));
    assertThat(store.events(Optional.empty())).anyMatch(e -> e.kind().equals("stop") && e.level().equals("error")
        && e.message().contains("BTC"));
  }

  // ---- paper ----------------------------------------------------------------------------------------------------

  @Test
  void run_paper_cancelsPaperOrders_flattensPaperPositions_idempotent_andNeverTouchesTheExchange() {
    HyperliquidClient books = client(Optional.empty());
    PaperVenue venue = new PaperVenue(books, store, 10_000, new io.slipstream.cost.FeeModel(1.5, 4.5, 0.5, 0), Clock.SYSTEM);
    List<OrderAck> opened = venue.exchange().placeOrders(List.of(
        new OrderRequest(0, "BTC", true, 60_600, 0.02, false, Tif.IOC, Optional.of(cloid(1))),
        new OrderRequest(1, "ETH", false, 2_970, 0.5, false, Tif.IOC, Optional.of(cloid(2)))));
    assertThat(opened).allMatch(a -> a instanceof OrderAck.Filled, "IOC opens fill");
    List<OrderAck> quotes = venue.exchange().placeOrders(List.of(
        new OrderRequest(0, "BTC", true, 54_000, 0.01, false, Tif.ALO, Optional.of(cloid(3))),
        new OrderRequest(1, "ETH", false, 3_300, 0.1, false, Tif.ALO, Optional.of(cloid(4)))));
    assertThat(quotes).allMatch(a -> a instanceof OrderAck.Resting, "far quotes rest");
    Map<String, Double> held = store.paperPositions();
    assertThat(held).containsOnlyKeys("BTC", "ETH");
    assertThat(held.get("BTC")).isCloseTo(0.02, Offset.offset(1e-12));
    assertThat(held.get("ETH")).isCloseTo(-0.5, Offset.offset(1e-12));

    EmergencyStop.Result cancel = EmergencyStop.run(venue, books, Optional.of(store), false, 5, Clock.SYSTEM,
        log::add);

    assertThat(cancel.cancelled()).isEqualTo(2);
    assertThat(cancel.flattenOrders()).isZero();
    assertThat(cancel.problems()).isEmpty();
    assertThat(venue.openOrders()).isEmpty();
    assertThat(store.paperPositions()).isEqualTo(held);
    int fillsBefore = venue.recentFills().size();

    EmergencyStop.Result flat = EmergencyStop.run(venue, books, Optional.of(store), true, 5, Clock.SYSTEM,
        log::add);

    assertThat(flat.problems()).isEmpty();
    assertThat(flat.cancelled()).isZero();
    assertThat(flat.flattenOrders()).isEqualTo(2);
    assertThat(flat.remainingPositions()).isEmpty();
    assertThat(store.paperPositions()).isEmpty();
    List<Fill> stopFills = venue.recentFills().subList(fillsBefore, venue.recentFills().size());
    assertThat(stopFills).isNotEmpty();
    Set<String> stopCloids = new HashSet<>();
    for (Fill f : stopFills) {
      OrderRecord rec = store.order(f.cloid().orElseThrow()).orElseThrow();
      assertThat(rec.stage()).isEqualTo("stop");
      assertThat(rec.reduceOnly()).isTrue();
      assertThat(rec.tif()).isEqualTo("Ioc");
      assertThat(rec.status()).isEqualTo("filled");
      stopCloids.add(rec.cloid());
    }
    assertThat(stopCloids).hasSize(2);
    double cash = store.paperCash();

    EmergencyStop.Result again = EmergencyStop.run(venue, books, Optional.of(store), true, 5, Clock.SYSTEM,
        log::add);

    assertThat(again.cancelled()).isZero();
    assertThat(again.flattenOrders()).isZero();
    assertThat(again.problems()).isEmpty();
    assertThat(venue.recentFills()).hasSize(fillsBefore + stopFills.size());
    assertThat(store.paperCash()).isEqualTo(cash);
    assertThat(fake.exchangeRequests()).as("paper sends nothing to the exchange").isEmpty();
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  @Test
  void run_spotOrderOutsideThePerpUniverse_isCancelledToo_asAsset10000PlusN() {
    List<Long> perps = openLiveBook();
    long spot = fake.restSpotOrder(ADDRESS, 107, true, 20, 5); // "@107": not in meta

    EmergencyStop.Result r = EmergencyStop.run(liveVenue(), client, Optional.of(store), false, 5, Clock.SYSTEM,
        log::add);

    assertThat(r.problems()).isEmpty();
    assertThat(r.cancelled()).isEqualTo(perps.size() + 1);
    assertThat(fake.order(spot).orElseThrow().status()).isEqualTo("canceled");
    assertThat(fake.orders()).noneMatch(FakeOrder::isOpen);
    JsonNode cancels = fake.exchangeRequests().get(fake.exchangeRequests().size() - 1).json().get("action")
        .get("cancels");
    assertThat(cancels.findValues("a")).extracting(JsonNode::asInt).contains(10_107);
  }

  @Test
  void run_metaUnreadable_stillCancelsWhatItCanMap_andReportsTheRest() {
    List<Long> perps = openLiveBook();
    long spot = fake.restSpotOrder(ADDRESS, 3, false, 30, 1);
    fake.failNext(3, 500); // meta fails on all 3 attempts of the client

    EmergencyStop.Result r = EmergencyStop.run(liveVenue(), client, Optional.of(store), false, 5, Clock.SYSTEM,
        log::add);

    // the spot order needs no meta: it is cancelled; each perp order is reported, none is lost silently
    assertThat(fake.order(spot).orElseThrow().status()).isEqualTo("canceled");
    assertThat(r.cancelled()).isEqualTo(1);
    assertThat(r.problems()).anyMatch(p -> p.startsWith("meta unreadable"));
    for (long oid : perps) {
      assertThat(r.problems()).anyMatch(p -> p.contains("oid " + oid) && p.contains("not cancelled"));
      assertThat(fake.order(oid).orElseThrow().isOpen()).isTrue();
    }
  }

  private static final String RECORDED_CLOID = cloid(99);

  private static String cloid(int n) {
    return String.format("0x%032x", n);
  }

  /**
   * Opens long 0.2 BTC and short 3 ETH with IOC orders, then rests three far post-only quotes (one of them recorded
   * in the store as the runner would have).
   *
   * @return the resting quotes' oids
   */
  private List<Long> openLiveBook() {
    List<OrderAck> opened = client.placeOrders(List.of(
        new OrderRequest(0, "BTC", true, 60_600, 0.2, false, Tif.IOC, Optional.empty()),
        new OrderRequest(1, "ETH", false, 2_970, 3, false, Tif.IOC, Optional.empty())));
    assertThat(opened).allMatch(a -> a instanceof OrderAck.Filled, "IOC opens fill: " + opened);
    store.recordOrder(new OrderRecord(RECORDED_CLOID, Optional.empty(), "stage1", "BTC", 0, true, 54_000, 0.1,
        "Alo", false, "pending", Optional.empty(), "", System.currentTimeMillis()));
    List<OrderAck> quotes = client.placeOrders(List.of(
        new OrderRequest(0, "BTC", true, 54_000, 0.1, false, Tif.ALO, Optional.of(RECORDED_CLOID)),
        new OrderRequest(1, "ETH", false, 3_300, 1, false, Tif.ALO, Optional.empty()),
        new OrderRequest(2, "SOL", true, 135, 1, false, Tif.ALO, Optional.empty())));
    List<Long> oids = new ArrayList<>();
    for (OrderAck a : quotes) {
      assertThat(a).as("far quotes rest: " + quotes).isInstanceOf(OrderAck.Resting.class);
      oids.add(((OrderAck.Resting) a).oid());
    }
    store.recordAck(RECORDED_CLOID, "resting", Optional.of(oids.get(0)), "");
    assertThat(size("BTC")).isEqualTo(0.2);
    assertThat(size("ETH")).isEqualTo(-3.0);
    assertThat(client.openOrders(ADDRESS)).extracting(OpenOrder::oid).containsExactlyInAnyOrderElementsOf(oids);
    return oids;
  }

  private LiveVenue liveVenue() {
    return new LiveVenue(client, client, new NoUserStream(), ADDRESS);
  }

  private double size(String coin) {
    return fake.position(ADDRESS, coin).map(p -> p.szi()).orElse(0.0);
  }
}
