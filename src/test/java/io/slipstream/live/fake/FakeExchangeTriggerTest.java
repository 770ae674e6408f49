package io.slipstream.live.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.live.hl.ExchangeApi;
import io.slipstream.live.hl.FrontendOrder;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.hl.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trigger orders on the fake exchange through the real client: they rest off the book, are listed by
 * {@code openOrders} and {@code frontendOpenOrders}, fire when the mid reaches their price, and cancel like any
 * order. ETH: szDecimals 4, mid 2000, spread 1 bps, so the book is 1999.9 / 2000.1 one tick (0.1) apart.
 */
class FakeExchangeTriggerTest {
  private static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
  private FakeExchange fake;
  private HyperliquidClient client;
  private String user;

  @BeforeEach
  void start() {
    fake = FakeExchange.start();
    fake.addCoin("BTC", 5, 100_000, 2, 0.5);
    fake.addCoin("ETH", 4, 2000, 1, 1.0);
    user = PrivateKeySigner.fromHex(KEY).address();
    fake.setAccount(user);
    fake.setAccountValue(user, 10_000);
    HttpTransport.Settings ts = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 1,
        Duration.ofMillis(20), Duration.ofMillis(100));
    client = new HyperliquidClient(fake.network(true), Optional.of(PrivateKeySigner.fromHex(KEY)),
        RateLimiter.of(100_000, Duration.ofMinutes(1)), ts, Optional.empty(), HyperliquidClient.Nonces.system());
    // a 1 ETH long at the ask, 2000.1
    assertThat(client.placeOrders(List.of(new OrderRequest(1, "ETH", true, 2001, 1, false, Tif.IOC,
        Optional.empty())))).singleElement().isInstanceOf(OrderAck.Filled.class);
  }

  @AfterEach
  void stop() {
    assertThat(fake.serverErrors()).isEmpty();
    fake.close();
  }

  @Test
  void stopMarket_restsOffTheBook_firesAtItsPrice_andClosesTheLong() {
    List<OrderAck> acks = client.placeOrders(List.of(
        OrderRequest.stopMarket(1, "ETH", false, 1900, 1710, 1, Optional.of("0x000000000000000000000000000000a1")),
        new OrderRequest(1, "ETH", false, 2100, 1, true, Tif.GTC, Optional.of("0x000000000000000000000000000000a2"),
            Optional.of(new Trigger(2100, false, Trigger.Tpsl.TP)))));
    assertThat(acks).allMatch(a -> a instanceof OrderAck.Resting);
    assertThat(client.openOrders(user)).hasSize(2);
    List<FrontendOrder> fo = client.frontendOpenOrders(user);
    assertThat(fo).extracting(FrontendOrder::orderType).containsExactly("Stop Market", "Take Profit Limit");
    assertThat(fo).allMatch(f -> f.isTrigger() && f.reduceOnly());
    assertThat(fo.get(0).triggerPx()).isEqualTo(1900.0);
    assertThat(fo.get(0).tpsl()).contains(Trigger.Tpsl.SL);
    assertThat(fo.get(1).tpsl()).contains(Trigger.Tpsl.TP);
    assertThat(fo.get(0).isMarket()).isTrue();
    // off the book: the 1710 sell limit would otherwise trade at once against the 1999.9 bid
    assertThat(fake.position(user, "ETH").orElseThrow().szi()).isEqualTo(1.0);
    fake.setMid("ETH", 1900.1);
    assertThat(fake.position(user, "ETH")).isPresent();
    // mid 1900 -> bid 1899.9: the stop sells 1 ETH there as taker
    fake.setMid("ETH", 1900);
    assertThat(fake.position(user, "ETH")).isEmpty();
    FakeOrder sl = fake.orders().stream().filter(o -> o.cloid().equals(Optional.of(
        "0x000000000000000000000000000000a1"))).findFirst().orElseThrow();
    assertThat(sl.triggered()).isTrue();
    assertThat(sl.status()).isEqualTo("filled");
    assertThat(fake.fills().get(fake.fills().size() - 1).px()).isEqualTo(1899.9);
    // the take-profit stays until its price: then, with nothing to reduce, it is cancelled
    assertThat(client.frontendOpenOrders(user)).singleElement().matches(f -> f.orderType().equals(
        "Take Profit Limit"));
    fake.setMid("ETH", 2100);
    assertThat(client.openOrders(user)).isEmpty();
    assertThat(fake.position(user, "ETH")).isEmpty();
  }

  @Test
  void trigger_cancelledByOid_andInvalidTriggerPriceRefused() {
    List<OrderAck> acks = client.placeOrders(List.of(
        OrderRequest.stopMarket(1, "ETH", false, 1900, 1710, 1, Optional.empty()),
        OrderRequest.stopMarket(1, "ETH", false, 1900.123, 1710, 1, Optional.empty())));
    assertThat(acks.get(1)).isEqualTo(new OrderAck.Rejected(FakeExchange.ERR_INVALID_TRIGGER_PRICE));
    long oid = ((OrderAck.Resting) acks.get(0)).oid();
    assertThat(client.cancel(List.of(new ExchangeApi.OidCancel(1, oid)))).containsExactly("success");
    fake.setMid("ETH", 1800);
    assertThat(fake.position(user, "ETH").orElseThrow().szi()).isEqualTo(1.0);
  }

  @Test
  void stopMarket_alreadyThroughItsPrice_firesWhenPlaced() {
    // a buy-back stop of a short... here a sell stop above the mid: the long is closed at once
    OrderAck a = client.placeOrders(List.of(OrderRequest.stopMarket(1, "ETH", false, 2050, 1900, 1,
        Optional.empty()))).get(0);
    assertThat(a).isInstanceOf(OrderAck.Resting.class);
    assertThat(fake.position(user, "ETH")).isEmpty();
  }
}
