package io.slipstream.live.hl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.fake.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signed {@code /exchange} requests whose reply is lost after the exchange executed them (the fake answers HTTP 502
 * after processing, {@link FakeExchange#failNextAfterProcessing}): the client never re-posts the same signed body
 * (whose nonce the exchange has used), asks the exchange whether the request landed, and counts a request that
 * landed as done. Market: ETH (szDecimals 4) at 2000, 2 bps spread; a buy at 1900 rests, far from the touch.
 */
class SignedRequestRetryTest {
  private static final String CLOID = "0x000000000000000000000000000000a1";

  private FakeExchange fake;
  private HyperliquidClient client;
  private final List<Long> sleeps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeExchange.start();
    fake.addCoin("ETH", 4, 2_000, 2.0, 50);
    fake.setAccountValue(100_000);
    HttpTransport.Settings ts = new HttpTransport.Settings(Duration.ofSeconds(5), Duration.ofSeconds(2), 3,
        Duration.ofMillis(4), Duration.ofMillis(100));
    HttpTransport t = new HttpTransport(ts, RateLimiter.of(100_000, Duration.ofMinutes(1)), sleeps::add, () -> 0.5);
    ActionSigner signer = PrivateKeySigner.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    fake.setAccount(signer.address());
    client = new HyperliquidClient(fake.network(true), Optional.of(signer), t, Optional.empty(),
        HyperliquidClient.Nonces.system());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static OrderRequest restingBuy(Optional<String> cloid) {
    return new OrderRequest(0, "ETH", true, 1_900, 0.1, false, Tif.ALO, cloid);
  }

  private List<RecordedRequest> exchangeRequests(String type) {
    return fake.exchangeRequests().stream().filter(r -> r.type().equals(type)).toList();
  }

  @Test
  void placeOrders_replyLostAfterTheOrderLanded_isFoundByCloid_andNeverSentTwice() {
    fake.failNextAfterProcessing(1, 502);

    List<OrderAck> acks = client.placeOrders(List.of(restingBuy(Optional.of(CLOID))));

    List<FakeOrder> orders = fake.orders();
    assertThat(orders).hasSize(1);
    assertThat(acks).containsExactly(new OrderAck.Resting(orders.get(0).oid()));
    assertThat(orders.get(0).cloid()).contains(CLOID);
    // one order request only: the order was found by its client id, not re-posted
    assertThat(exchangeRequests("order")).hasSize(1);
    assertThat(fake.infoRequestCount("orderStatus")).isEqualTo(1);
  }

  @Test
  void placeOrders_requestRefusedBeforeExecution_isSentAgainWithAFreshNonce() {
    fake.failNext(1, 500); // answered without processing: the order is unknown, so it is signed and sent again

    List<OrderAck> acks = client.placeOrders(List.of(restingBuy(Optional.of(CLOID))));

    assertThat(acks).singleElement().isInstanceOf(OrderAck.Resting.class);
    assertThat(fake.orders()).hasSize(1);
    List<RecordedRequest> sent = exchangeRequests("order");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).json().get("nonce").asLong()).isGreaterThan(sent.get(0).json().get("nonce").asLong());
  }

  @Test
  void placeOrders_withoutCloid_unknownOutcome_isNotResent() {
    fake.failNextAfterProcessing(1, 502);

    assertThatThrownBy(() -> client.placeOrders(List.of(restingBuy(Optional.empty()))))
        .isInstanceOf(ExchangeException.class).hasMessageContaining("HTTP 502")
        .hasMessageContaining("without a client id");
    assertThat(exchangeRequests("order")).hasSize(1);
    assertThat(fake.orders()).hasSize(1);
  }

  @Test
  void cancelByCloid_cancelLandedButItsReplyWasLost_countsAsSuccess() {
    client.placeOrders(List.of(restingBuy(Optional.of(CLOID))));
    fake.failNextAfterProcessing(1, 502);

    List<String> res = client.cancelByCloid(List.of(new ExchangeApi.CloidCancel(0, CLOID)));

    assertThat(res).containsExactly("success");
    assertThat(fake.orders().get(0).status()).isEqualTo("canceled");
    assertThat(exchangeRequests("cancelByCloid")).hasSize(1);
  }

  @Test
  void cancel_byOid_cancelLandedButItsReplyWasLost_countsAsSuccess() {
    long oid = ((OrderAck.Resting) client.placeOrders(List.of(restingBuy(Optional.empty()))).get(0)).oid();
    fake.failNextAfterProcessing(1, 503);

    assertThat(client.cancel(List.of(new ExchangeApi.OidCancel(0, oid)))).containsExactly("success");
    assertThat(fake.order(oid).orElseThrow().status()).isEqualTo("canceled");
    assertThat(exchangeRequests("cancel")).hasSize(1);
  }

  @Test
  void scheduleCancel_armedButItsReplyWasLost_isNotReportedAsAFailure_andStaysArmed() {
    long at = System.currentTimeMillis() + 120_000;
    fake.failNextAfterProcessing(1, 502);

    client.scheduleCancel(OptionalLong.of(at));

    assertThat(fake.scheduledCancelMs(fake.account())).hasValue(at);
    // there is no query of the switch: setting it again (fresh nonce) is harmless and confirms it
    List<RecordedRequest> sent = exchangeRequests("scheduleCancel");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).json().get("nonce").asLong()).isGreaterThan(sent.get(0).json().get("nonce").asLong());
  }
}
