package io.slipstream.live.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.live.Clock;
import io.slipstream.live.EmergencyStop;
import io.slipstream.live.InMemoryAuditStore;
import io.slipstream.live.LiveVenue;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.fake.RecordedRequest;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.hl.Trigger;
import io.slipstream.live.hl.UserStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Protector} against the fake exchange over HTTP with the real signing client (every request must verify as
 * the key's), the audit trail in memory.
 *
 * <p>Market: ETH (szDecimals 4) at 2000 with a 1 bps spread (bid 1999.9, ask 2000.1), BTC (5) at 100000 with 2 bps
 * (bid 99990, ask 100010). The account buys 1 ETH at the ask (entry 2000.1) and sells 0.1 BTC at the bid (entry
 * 99990). With a 10% stop-loss, a 20% take-profit and 5% slippage the prices, by hand (5 significant figures,
 * {@code 6 - szDecimals} decimals, integers above 10000):
 * <ul>
 *   <li>ETH long: stop 2000.1 x 0.9 = 1800.09 -> 1800.1, limit 1800.1 x 0.95 = 1710.095 -> 1710.1; take-profit
 *       2000.1 x 1.2 = 2400.12 -> 2400.1, limit 2400.1 x 0.95 = 2280.095 -> 2280.1; both sell 1.</li>
 *   <li>BTC short: stop 99990 x 1.1 = 109989, limit 109989 x 1.05 = 115488.45 -> 115490; take-profit
 *       99990 x 0.8 = 79992, limit 79992 x 1.05 = 83991.6 -> 83992; both buy 0.1.</li>
 * </ul>
 */
class ProtectorTest {
  private static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
  private static final String ADDRESS = PrivateKeySigner.fromHex(KEY).address();
  private static final ProtectionConfig CONFIG = new ProtectionConfig(OptionalDouble.of(10), OptionalDouble.of(20),
      true, 5);

  private FakeExchange fake;
  private HyperliquidClient client;
  private InMemoryAuditStore store;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeExchange.start();
    fake.addCoin("BTC", 5, 100_000, 2.0, 5);
    fake.addCoin("ETH", 4, 2_000, 1.0, 100);
    fake.setAccount(ADDRESS);
    fake.setAccountValue(ADDRESS, 100_000);
    fake.setSignatureCheck(a -> Optional.of(PrivateKeySigner.recoverAddress(a.action(), a.nonceMs(),
        a.vaultAddress(), a.expiresAfterMs(), fake.network(true), a.signature())));
    HttpTransport.Settings ts = new HttpTransport.Settings(Duration.ofMillis(2000), Duration.ofSeconds(2), 3,
        Duration.ofMillis(20), Duration.ofMillis(100));
    client = new HyperliquidClient(fake.network(true), Optional.of(PrivateKeySigner.fromHex(KEY)),
        RateLimiter.of(100_000, Duration.ofMinutes(1)), ts, Optional.empty(), HyperliquidClient.Nonces.system());
    store = new InMemoryAuditStore();
    trade("ETH", true, 1);
    trade("BTC", false, 0.1);
  }

  @AfterEach
  void stop() {
    assertThat(fake.serverErrors()).isEmpty();
    fake.close();
  }

  @Test
  void sync_placesStopAndTakeProfitForEveryPosition_atTheHandComputedPrices_thenKeepsThem() {
    Protector.Result r = protector().sync();

    assertThat(r.placed()).isEqualTo(4);
    assertThat(r.problems()).isEmpty();
    assertThat(waiting("ETH")).extracting(o -> o.trigger().orElseThrow().tpsl(), o -> o.trigger().get().triggerPx(),
        FakeOrder::limitPx, FakeOrder::sz, FakeOrder::isBuy, FakeOrder::reduceOnly)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Trigger.Tpsl.SL, 1800.1, 1710.1, 1.0, false, true),
            org.assertj.core.groups.Tuple.tuple(Trigger.Tpsl.TP, 2400.1, 2280.1, 1.0, false, true));
    assertThat(waiting("BTC")).extracting(o -> o.trigger().orElseThrow().tpsl(), o -> o.trigger().get().triggerPx(),
        FakeOrder::limitPx, FakeOrder::sz, FakeOrder::isBuy)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Trigger.Tpsl.SL, 109989.0, 115490.0, 0.1, true),
            org.assertj.core.groups.Tuple.tuple(Trigger.Tpsl.TP, 79992.0, 83992.0, 0.1, true));
    assertThat(waiting("ETH")).allMatch(o -> o.trigger().get().isMarket());
    // every protective order is in the audit trail, recorded before it was sent
    for (FakeOrder o : fake.orders()) {
      if (o.trigger().isPresent()) {
        assertThat(store.order(o.cloid().orElseThrow()).orElseThrow().stage()).isEqualTo(Protector.STAGE);
      }
    }
    int before = fake.exchangeRequests().size();
    Protector.Result again = protector().sync();
    assertThat(again.kept()).isEqualTo(4);
    assertThat(again.placed() + again.cancelled()).isZero();
    assertThat(fake.exchangeRequests()).hasSize(before);
  }

  @Test
  void sync_positionResized_replacesItsOrders_newBeforeOld_andKeepsTheOthers() {
    protector().sync();
    List<Long> oldEth = waiting("ETH").stream().map(FakeOrder::oid).toList();
    trade("ETH", true, 1); // 2 ETH, entry (2000.1 + 2000.1) / 2

    int before = fake.exchangeRequests().size();
    Protector.Result r = protector().sync();

    assertThat(r.placed()).isEqualTo(2);
    assertThat(r.cancelled()).isEqualTo(2);
    assertThat(r.kept()).isEqualTo(2);
    assertThat(waiting("ETH")).allMatch(o -> o.sz() == 2.0).hasSize(2);
    for (long oid : oldEth) {
      assertThat(fake.order(oid).orElseThrow().status()).isEqualTo("canceled");
    }
    List<RecordedRequest> sent = fake.exchangeRequests().subList(before, fake.exchangeRequests().size());
    assertThat(sent).extracting(RecordedRequest::type).containsExactly("order", "cancel");
  }

  @Test
  void sync_positionClosed_cancelsItsOrders_andLeavesSomeoneElsesTriggerAlone() {
    protector().sync();
    // a stop the user placed by hand (its cloid is not in the audit trail)
    OrderAck manual = client.placeOrders(List.of(OrderRequest.stopMarket(1, "ETH", false, 1500, 1400, 1,
        Optional.of("0x0000000000000000000000000000abcd")))).get(0);
    trade("BTC", true, 0.1); // BTC flat

    Protector.Result r = protector().sync();

    assertThat(r.cancelled()).isEqualTo(2);
    assertThat(r.kept()).isEqualTo(2);
    assertThat(waiting("BTC")).isEmpty();
    assertThat(fake.order(((OrderAck.Resting) manual).oid()).orElseThrow().isWaitingTrigger()).isTrue();
  }

  @Test
  void stopLoss_firesOnTheExchange_closesThePosition_andTheNextSyncCancelsItsTakeProfit() {
    protector().sync();
    fake.setMid("ETH", 1800.1); // bid 1800 (rounded down onto the grid): the stop sells 1 ETH there
    assertThat(fake.position(ADDRESS, "ETH")).isEmpty();

    Protector.Result r = protector().sync();

    assertThat(r.cancelled()).isEqualTo(1);
    assertThat(waiting("ETH")).isEmpty();
    assertThat(waiting("BTC")).hasSize(2);
  }

  @Test
  void emergencyStop_cancelsTheProtectiveOrders() {
    protector().sync();
    LiveVenue venue = new LiveVenue(client, client, UserStream.none(), ADDRESS);

    EmergencyStop.Result r = EmergencyStop.run(venue, client, Optional.of(store), false, 5, Clock.SYSTEM, log::add);

    assertThat(r.cancelled()).isEqualTo(4);
    assertThat(r.problems()).isEmpty();
    assertThat(fake.orders()).noneMatch(FakeOrder::isOpen);
    for (FakeOrder o : fake.orders()) {
      if (o.trigger().isPresent()) {
        assertThat(store.order(o.cloid().orElseThrow()).orElseThrow().status()).isEqualTo("cancelled");
      }
    }
  }

  @Test
  void wanted_noEntryPrice_usesTheMid_andAStopOnlyConfigPlacesNoTakeProfit() {
    ProtectionConfig slOnly = new ProtectionConfig(OptionalDouble.of(10), OptionalDouble.empty(), false, 1);
    List<Protector.Wanted> w = Protector.wanted(slOnly, List.of(new io.slipstream.live.hl.Position("ETH", -2,
        Double.NaN, 4000, 0)), client.meta(), java.util.Map.of("ETH", 2000.0));
    // short: stop 2000 x 1.1 = 2200, buy limit 2200 x 1.01 = 2222
    assertThat(w).singleElement().satisfies(x -> {
      assertThat(x.trigger()).isEqualTo(new Trigger(2200, false, Trigger.Tpsl.SL));
      assertThat(x.limitPx()).isEqualTo(2222.0);
      assertThat(x.isBuy()).isTrue();
      assertThat(x.sz()).isEqualTo(2.0);
    });
  }

  private Protector protector() {
    return new Protector(CONFIG, client, client::frontendOpenOrders, client, ADDRESS, store, Clock.SYSTEM, log::add);
  }

  private List<FakeOrder> waiting(String coin) {
    return fake.orders().stream().filter(o -> o.coin().equals(coin) && o.isWaitingTrigger()).toList();
  }

  private void trade(String coin, boolean buy, double sz) {
    int asset = coin.equals("BTC") ? 0 : 1;
    double px = buy ? fake.mid(coin) * 1.01 : fake.mid(coin) * 0.99;
    px = io.slipstream.live.hl.PriceRules.roundPrice(px, coin.equals("BTC") ? 5 : 4);
    assertThat(client.placeOrders(List.of(new OrderRequest(asset, coin, buy, px, sz, false, Tif.IOC,
        Optional.empty())))).singleElement().isInstanceOf(OrderAck.Filled.class);
  }
}
