package io.slipstream.live.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.live.hl.BookLevel;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.Position;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake exchange over its real wire protocol: raw {@code java.net.http} requests and a
 * {@code java.net.http.WebSocket} client; expected values computed by hand in the comments.
 */
class FakeExchangeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String USER = FakeExchange.DEFAULT_ACCOUNT;
  private static final String CLOID_1 = "0x000000000000000000000000000000a1";
  private static final String CLOID_2 = "0x000000000000000000000000000000a2";
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final AtomicLong nonce = new AtomicLong(System.currentTimeMillis());
  private final List<WsClient> clients = new ArrayList<>();
  private FakeExchange fake;

  @BeforeEach
  void start() {
    fake = FakeExchange.start();
    // BTC: szDecimals 5 -> integer prices at 100000; spread 2 bps -> half spread 10 -> bid 99990, ask 100010
    fake.addCoin("BTC", 5, 100_000, 2, 0.5);
    // ETH: szDecimals 4 -> 1 decimal at 2000 (5 sig figs); spread 1 bps -> half 0.1 -> bid 1999.9, ask 2000.1
    fake.addCoin("ETH", 4, 2000, 1, 1.0);
    fake.setAccountValue(10_000);
  }

  @AfterEach
  void stop() {
    clients.forEach(WsClient::close);
    assertThat(fake.serverErrors()).isEmpty();
    fake.close();
  }

  // ---------------------------------------------------------------- market data

  @Test
  void syntheticBook_onPriceGrid_twentyLevelsOneTickApart() throws Exception {
    JsonNode book = info("{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
    assertThat(book.get("coin").asText()).isEqualTo("BTC");
    JsonNode bids = book.get("levels").get(0);
    JsonNode asks = book.get("levels").get(1);
    assertThat(bids).hasSize(20);
    assertThat(asks).hasSize(20);
    assertThat(bids.get(0).get("px").asText()).isEqualTo("99990");
    assertThat(bids.get(1).get("px").asText()).isEqualTo("99989");
    assertThat(asks.get(0).get("px").asText()).isEqualTo("100010");
    assertThat(asks.get(19).get("px").asText()).isEqualTo("100029");
    assertThat(asks.get(0).get("sz").asText()).isEqualTo("0.5");
    assertThat(asks.get(0).get("n").asInt()).isEqualTo(1);
  }

  @Test
  void syntheticBook_acrossPowerOfTen_staysValid() {
    // mid 99.99, szDecimals 2, zero spread: tick 0.001 below 100 (5 sig figs), 0.01 from 100 up.
    // bid = ask = 99.99 -> ask moves one tick up: 99.991 .. 99.999 (9 levels), 100, 100.01 .. 100.1 (11 levels)
    fake.addCoin("XYZ", 2, 99.99, 0, 10);
    L2Book book = fake.l2Book("XYZ");
    assertThat(book.bestBid()).isEqualTo(99.99);
    assertThat(book.bestAsk()).isEqualTo(99.991);
    assertThat(book.asks().get(8).px()).isEqualTo(99.999);
    assertThat(book.asks().get(9).px()).isEqualTo(100.0);
    assertThat(book.asks().get(19).px()).isEqualTo(100.1);
    assertThat(book.bids().get(19).px()).isEqualTo(99.971);
    for (BookLevel l : book.asks()) {
      assertThat(PriceGrid.validPrice(BigDecimal.valueOf(l.px()), 2)).as("ask %s", l.px()).isTrue();
    }
  }

  @Test
  void meta_andAllMids_useTheRealFieldNames() throws Exception {
    JsonNode meta = info("{\"type\":\"meta\"}");
    assertThat(meta.get("universe").get(1).get("name").asText()).isEqualTo("ETH");
    assertThat(meta.get("universe").get(1).get("szDecimals").asInt()).isEqualTo(4);
    assertThat(meta.get("universe").get(1).get("maxLeverage").isInt()).isTrue();
    JsonNode mids = info("{\"type\":\"allMids\"}");
    assertThat(mids.get("BTC").asText()).isEqualTo("100000");
    assertThat(mids.get("ETH").asText()).isEqualTo("2000");
    JsonNode ctx = info("{\"type\":\"metaAndAssetCtxs\"}");
    assertThat(ctx.get(1).get(1).get("markPx").asText()).isEqualTo("2000");
    assertThat(ctx.get(1).get(1).get("impactPxs").get(0).asText()).isEqualTo("1999.9");
  }

  @Test
  void candleSnapshot_capsRepliesAt500_pagingForwardGetsAll() throws Exception {
    long h = 3_600_000L;
    long start = 1_700_000_000_000L - 1_700_000_000_000L % h;
    List<Candle> candles = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      long t = start + i * h;
      candles.add(new Candle("ETH", "1h", t, t + h - 1, 100.5 + i, 102 + i, 99 + i, 101.25 + i, 12.5, 7));
    }
    fake.addCandles("ETH", "1h", candles);
    long end = start + 1199 * h;
    List<Long> seen = new ArrayList<>();
    long from = start;
    int pages = 0;
    while (true) {
      JsonNode page = info("{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"ETH\",\"interval\":\"1h\",\"startTime\":"
          + from + ",\"endTime\":" + end + "}}");
      pages++;
      assertThat(page.size()).isLessThanOrEqualTo(500);
      page.forEach(c -> seen.add(c.get("t").asLong()));
      if (page.size() < 500) {
        break;
      }
      from = page.get(page.size() - 1).get("t").asLong() + 1;
    }
    assertThat(pages).isEqualTo(3); // 500 + 500 + 200
    assertThat(seen).hasSize(1200).doesNotHaveDuplicates().isSorted();
    assertThat(seen.get(0)).isEqualTo(start);
    JsonNode first = info("{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"ETH\",\"interval\":\"1h\",\"startTime\":"
        + start + ",\"endTime\":" + start + "}}").get(0);
    assertThat(first.get("o").asText()).isEqualTo("100.5");
    assertThat(first.get("c").asText()).isEqualTo("101.25");
    assertThat(first.get("v").asText()).isEqualTo("12.5");
    assertThat(first.get("T").asLong()).isEqualTo(start + h - 1);
    assertThat(first.get("s").asText()).isEqualTo("ETH");
    assertThat(first.get("n").asLong()).isEqualTo(7);
  }

  // ---------------------------------------------------------------- orders

  @Test
  void alo_crossing_isRejectedWithTheExactText() throws Exception {
    JsonNode reply = exchange(order(0, true, "100010", "0.001", "Alo", false, null));
    assertThat(reply.get("status").asText()).isEqualTo("ok");
    assertThat(status(reply, 0).get("error").asText())
        .isEqualTo("Post only order would have immediately matched, bbo was 99990@100010.");
    JsonNode sell = exchange(order(1, false, "1999.9", "0.1", "Alo", false, null));
    assertThat(status(sell, 0).get("error").asText())
        .isEqualTo("Post only order would have immediately matched, bbo was 1999.9@2000.1.");
    assertThat(fake.orders()).extracting(FakeOrder::status).containsOnly("badAloPxRejected");
    assertThat(fake.fills()).isEmpty();
  }

  @Test
  void alo_resting_isFilledAtItsLimitWhenSetMidMovesThroughIt() throws Exception {
    JsonNode reply = exchange(order(1, true, "1999", "0.1", "Alo", false, CLOID_1));
    long oid = status(reply, 0).get("resting").get("oid").asLong();
    JsonNode open = info("{\"type\":\"openOrders\",\"user\":\"" + USER + "\"}");
    assertThat(open).hasSize(1);
    assertThat(open.get(0).get("limitPx").asText()).isEqualTo("1999");
    assertThat(open.get(0).get("side").asText()).isEqualTo("B");
    assertThat(open.get(0).get("sz").asText()).isEqualTo("0.1");

    fake.setMid("ETH", 1999.5); // above the limit: no fill
    assertThat(fake.fills()).isEmpty();
    fake.setMid("ETH", 1998.5); // through the limit: fills 0.1 @ 1999 as maker

    assertThat(fake.fills()).singleElement().satisfies(f -> {
      assertThat(f.px()).isEqualTo(1999.0);
      assertThat(f.crossed()).isFalse();
      assertThat(f.fee()).isEqualTo(0.029985); // 199.9 x 1.5e-4
      assertThat(f.dir()).isEqualTo("Open Long");
    });
    JsonNode byCloid = info("{\"type\":\"orderStatus\",\"user\":\"" + USER + "\",\"oid\":\"" + CLOID_1 + "\"}");
    assertThat(byCloid.get("status").asText()).isEqualTo("order");
    assertThat(byCloid.get("order").get("status").asText()).isEqualTo("filled");
    assertThat(byCloid.get("order").get("order").get("oid").asLong()).isEqualTo(oid);
    JsonNode state = info("{\"type\":\"clearinghouseState\",\"user\":\"" + USER + "\"}");
    JsonNode pos = state.get("assetPositions").get(0).get("position");
    assertThat(pos.get("coin").asText()).isEqualTo("ETH");
    assertThat(pos.get("szi").asText()).isEqualTo("0.1");
    assertThat(pos.get("entryPx").asText()).isEqualTo("1999");
    assertThat(pos.get("positionValue").asText()).isEqualTo("199.85"); // 0.1 x 1998.5
    assertThat(pos.get("unrealizedPnl").asText()).isEqualTo("-0.05"); // 0.1 x (1998.5 - 1999)
    // 10000 - fee 0.029985 - 0.05
    assertThat(state.get("marginSummary").get("accountValue").asText()).isEqualTo("9999.920015");
    assertThat(state.get("marginSummary").get("totalNtlPos").asText()).isEqualTo("199.85");
  }

  @Test
  void ioc_walksLevels_partialFillAverageAndTakerFees() throws Exception {
    fake.setBook("ETH", List.of(new BookLevel(1999.5, 1.0, 1)),
        List.of(new BookLevel(2000, 0.3, 2), new BookLevel(2001, 0.2, 1), new BookLevel(2002, 1.0, 1)));
    JsonNode reply = exchange(order(1, true, "2001", "1", "Ioc", false, null));
    JsonNode filled = status(reply, 0).get("filled");
    assertThat(filled.get("totalSz").asText()).isEqualTo("0.5"); // 0.3 @ 2000 + 0.2 @ 2001
    assertThat(filled.get("avgPx").asText()).isEqualTo("2000.4"); // (600 + 400.2) / 0.5
    long oid = filled.get("oid").asLong();

    List<FakeFill> fills = fake.fills();
    assertThat(fills).hasSize(2);
    assertThat(fills.get(0).fee()).isCloseTo(0.27, within(1e-12)); // 600 x 4.5e-4
    assertThat(fills.get(1).fee()).isCloseTo(0.18009, within(1e-12)); // 400.2 x 4.5e-4
    assertThat(fills).allSatisfy(f -> assertThat(f.crossed()).isTrue());
    assertThat(fake.cash(USER)).isCloseTo(10_000 - 0.45009, within(1e-9));
    assertThat(fake.order(oid).orElseThrow().status()).isEqualTo("canceled"); // the rest of an Ioc
    assertThat(fake.l2Book("ETH").asks()).containsExactly(new BookLevel(2002, 1.0, 1));

    JsonNode rest = info("{\"type\":\"userFills\",\"user\":\"" + USER + "\"}");
    assertThat(rest).hasSize(2);
    assertThat(rest.get(0).get("px").asText()).isEqualTo("2001"); // newest first
    assertThat(rest.get(0).get("fee").asText()).isEqualTo("0.18009");
    assertThat(rest.get(0).get("startPosition").asText()).isEqualTo("0.3");
    assertThat(rest.get(0).get("feeToken").asText()).isEqualTo("USDC");

    JsonNode none = exchange(order(1, true, "1999", "1", "Ioc", false, null));
    assertThat(status(none, 0).get("error").asText())
        .isEqualTo("Order could not immediately match against any resting orders. asset=1");
  }

  @Test
  void orderUnderTenDollars_isRejected_reduceOnlyCloseIsNot() throws Exception {
    JsonNode small = exchange(order(1, true, "2000", "0.004", "Gtc", false, null)); // $8
    assertThat(status(small, 0).get("error").asText()).isEqualTo(FakeExchange.ERR_MIN_VALUE);
    exchange(order(1, true, "2001", "0.1", "Ioc", false, null)); // long 0.1 @ 2000.1
    JsonNode close = exchange(order(1, false, "1999", "0.004", "Ioc", true, null)); // $8, reduce-only
    assertThat(status(close, 0).get("filled").get("totalSz").asText()).isEqualTo("0.004");
    assertThat(fake.position(USER, "ETH").orElseThrow().szi()).isEqualTo(0.096);
  }

  @Test
  void reduceOnly_cannotOpenOrIncrease_andIsClippedToThePosition() throws Exception {
    JsonNode flat = exchange(order(1, true, "2001", "0.1", "Ioc", true, null));
    assertThat(status(flat, 0).get("error").asText()).isEqualTo(FakeExchange.ERR_REDUCE_ONLY);
    exchange(order(1, true, "2001", "0.1", "Ioc", false, null)); // long 0.1 @ 2000.1
    JsonNode increase = exchange(order(1, true, "2001", "0.1", "Ioc", true, null));
    assertThat(status(increase, 0).get("error").asText()).isEqualTo(FakeExchange.ERR_REDUCE_ONLY);
    JsonNode close = exchange(order(1, false, "1990", "0.5", "Ioc", true, null)); // clipped to 0.1 @ 1999.9
    assertThat(status(close, 0).get("filled").get("totalSz").asText()).isEqualTo("0.1");
    assertThat(fake.position(USER, "ETH")).isEmpty();
    FakeFill last = fake.fills().get(fake.fills().size() - 1);
    assertThat(last.dir()).isEqualTo("Close Long");
    assertThat(last.closedPnl()).isCloseTo(-0.02, within(1e-9)); // 0.1 x (1999.9 - 2000.1)
  }

  @Test
  void invalidPriceOrSize_areRejected() throws Exception {
    JsonNode r = exchange(List.of(
        orderNode(0, true, "12345.6", "0.001", "Gtc", false, null), // 6 significant figures
        orderNode(1, true, "1999.55", "0.1", "Gtc", false, null), // 2 decimals > 5 sig figs at 1999
        orderNode(1, true, "1999", "0.12345", "Gtc", false, null), // 5 decimals > szDecimals 4
        orderNode(0, true, "99000", "0.001", "Gtc", false, null))); // valid, rests
    assertThat(status(r, 0).get("error").asText()).isEqualTo(FakeExchange.ERR_INVALID_PRICE);
    assertThat(status(r, 1).get("error").asText()).isEqualTo(FakeExchange.ERR_INVALID_PRICE);
    assertThat(status(r, 2).get("error").asText()).isEqualTo(FakeExchange.ERR_INVALID_SIZE);
    assertThat(status(r, 3).has("resting")).isTrue();
  }

  @Test
  void duplicateCloidAndReusedNonce_areRefused() throws Exception {
    assertThat(status(exchange(order(1, true, "1990", "0.1", "Alo", false, CLOID_2)), 0).has("resting")).isTrue();
    JsonNode dup = exchange(order(1, true, "1980", "0.1", "Alo", false, CLOID_2));
    assertThat(status(dup, 0).get("error").asText()).isEqualTo(FakeExchange.ERR_DUPLICATE_CLOID);

    ObjectNode body = body(order(1, true, "1970", "0.1", "Alo", false, null));
    assertThat(post("/exchange", body.toString()).get("status").asText()).isEqualTo("ok");
    JsonNode again = post("/exchange", body.toString());
    assertThat(again.get("status").asText()).isEqualTo("err");
    assertThat(again.get("response").asText()).startsWith(FakeExchange.ERR_NONCE);
    assertThat(fake.orders()).hasSize(2); // neither the duplicate cloid nor the resubmission got an oid
  }

  @Test
  void signatureShapeAndCheck_areEnforced() throws Exception {
    ObjectNode body = body(order(1, true, "1990", "0.1", "Alo", false, null));
    ((ObjectNode) body.get("signature")).put("v", 29);
    JsonNode bad = post("/exchange", body.toString());
    assertThat(bad.get("status").asText()).isEqualTo("err");
    assertThat(bad.get("response").asText()).startsWith("Invalid signature");

    fake.setSignatureCheck(a -> a.signature().v() == 28 ? java.util.Optional.of(USER) : java.util.Optional.empty());
    JsonNode refused = exchange(order(1, true, "1990", "0.1", "Alo", false, null));
    assertThat(refused.get("response").asText()).isEqualTo(FakeExchange.ERR_SIGNATURE);
    assertThat(fake.orders()).isEmpty();
  }

  @Test
  void cancels_byOidAndCloid_andUnknownOrderStatus() throws Exception {
    long oid = status(exchange(order(1, true, "1990", "0.1", "Gtc", false, null)), 0).get("resting")
        .get("oid").asLong();
    exchange(order(1, false, "2010", "0.1", "Alo", false, CLOID_1));
    JsonNode c1 = exchange(action("{\"type\":\"cancel\",\"cancels\":[{\"a\":1,\"o\":" + oid + "},{\"a\":1,\"o\":7}]}"));
    assertThat(c1.get("response").get("data").get("statuses").get(0).asText()).isEqualTo("success");
    assertThat(status(c1, 1).get("error").asText()).isEqualTo(FakeExchange.ERR_CANCEL_UNKNOWN + " asset=1");
    JsonNode c2 = exchange(action("{\"type\":\"cancelByCloid\",\"cancels\":[{\"asset\":1,\"cloid\":\"" + CLOID_1
        + "\"}]}"));
    assertThat(c2.get("response").get("data").get("statuses").get(0).asText()).isEqualTo("success");
    assertThat(info("{\"type\":\"openOrders\",\"user\":\"" + USER + "\"}")).isEmpty();
    assertThat(info("{\"type\":\"orderStatus\",\"user\":\"" + USER + "\",\"oid\":" + oid + "}")
        .get("order").get("status").asText()).isEqualTo("canceled");
    assertThat(info("{\"type\":\"orderStatus\",\"user\":\"" + USER + "\",\"oid\":\"" + CLOID_2 + "\"}")
        .get("status").asText()).isEqualTo("unknownOid");
  }

  @Test
  void scheduleCancel_needsFiveSecondsLead_andCancelsOpenOrders() throws Exception {
    exchange(order(1, true, "1990", "0.1", "Gtc", false, null));
    JsonNode early = exchange(action("{\"type\":\"scheduleCancel\",\"time\":" + (System.currentTimeMillis() + 1000)
        + "}"));
    assertThat(early.get("response").asText()).isEqualTo(FakeExchange.ERR_SCHEDULE_TOO_EARLY);
    long at = System.currentTimeMillis() + 60_000;
    JsonNode ok = exchange(action("{\"type\":\"scheduleCancel\",\"time\":" + at + "}"));
    assertThat(ok.get("response").get("type").asText()).isEqualTo("default");
    assertThat(fake.scheduledCancelMs(USER)).hasValue(at);
    assertThat(fake.fireScheduledCancel(USER)).isEqualTo(1);
    assertThat(fake.orders()).extracting(FakeOrder::status).containsExactly("scheduledCancel");
  }

  @Test
  void payFunding_longsPayRateTimesNotional_andHistoryRecordsIt() throws Exception {
    exchange(order(1, true, "2001", "0.1", "Ioc", false, null)); // long 0.1 @ 2000.1, fee 0.0900045
    double cash = fake.cash(USER);
    fake.payFunding("ETH", 0.0001, 1_700_000_000_000L);
    assertThat(fake.cash(USER)).isCloseTo(cash - 0.02, within(1e-9)); // 0.1 x 2000 x 0.0001
    JsonNode rows = info("{\"type\":\"fundingHistory\",\"coin\":\"ETH\",\"startTime\":0}");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("fundingRate").asText()).isEqualTo("0.0001");
    assertThat(rows.get(0).get("time").asLong()).isEqualTo(1_700_000_000_000L);
  }

  // ---------------------------------------------------------------- REST faults

  @Test
  void failNext429_answersThenRecovers_andRecordsEveryRequest() throws Exception {
    fake.failNext(2, 429);
    assertThat(rawPost("/info", "{\"type\":\"allMids\"}").statusCode()).isEqualTo(429);
    assertThat(rawPost("/info", "{\"type\":\"allMids\"}").statusCode()).isEqualTo(429);
    assertThat(rawPost("/info", "{\"type\":\"allMids\"}").statusCode()).isEqualTo(200);
    assertThat(fake.infoRequestCount()).isEqualTo(3);
    assertThat(fake.infoRequestCount("allMids")).isEqualTo(3);
    assertThat(fake.requests()).extracting(RecordedRequest::injectedStatus).containsExactly(429, 429, 0);
  }

  @Test
  void delayNext_processesTheOrderButAnswersLate() throws Exception {
    fake.delayNext(1, Duration.ofMillis(1500));
    HttpRequest req = HttpRequest.newBuilder(URI.create(fake.restBase() + "/exchange"))
        .timeout(Duration.ofMillis(200)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(order(1, true, "1990", "0.1", "Gtc", false, CLOID_1))
            .toString())).build();
    assertThatThrownBy(() -> HTTP.send(req, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(fake.orders()).singleElement().satisfies(o -> assertThat(o.isOpen()).isTrue());
    JsonNode retry = exchange(order(1, true, "1990", "0.1", "Gtc", false, CLOID_1));
    assertThat(status(retry, 0).get("error").asText()).isEqualTo(FakeExchange.ERR_DUPLICATE_CLOID);
  }

  @Test
  void wrongContentTypeOrMalformedBody_areHttpErrors() throws Exception {
    HttpRequest noType = HttpRequest.newBuilder(URI.create(fake.restBase() + "/info"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"meta\"}")).build();
    assertThat(HTTP.send(noType, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
    assertThat(rawPost("/info", "{\"type\":\"nope\"}").statusCode()).isEqualTo(422);
    assertThat(rawPost("/exchange", "{\"action\":{\"type\":\"order\"}}").statusCode()).isEqualTo(422);
  }

  // ---------------------------------------------------------------- WebSocket

  @Test
  void ws_userFills_snapshotThenLivePushes_duplicateAndLostMessages() throws Exception {
    exchange(order(1, true, "2001", "0.1", "Ioc", false, null)); // one fill before subscribing
    WsClient ws = connect();
    ws.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"userFills\",\"user\":\"" + USER + "\"}}");
    JsonNode ack = ws.next();
    assertThat(ack.get("channel").asText()).isEqualTo("subscriptionResponse");
    assertThat(ack.get("data").get("subscription").get("type").asText()).isEqualTo("userFills");
    JsonNode snapshot = ws.next();
    assertThat(snapshot.get("channel").asText()).isEqualTo("userFills");
    assertThat(snapshot.get("data").get("isSnapshot").asBoolean()).isTrue();
    assertThat(snapshot.get("data").get("fills")).hasSize(1);

    exchange(order(1, false, "1999", "0.1", "Ioc", false, CLOID_1)); // live fill
    JsonNode live = ws.next();
    assertThat(live.get("data").has("isSnapshot")).isFalse();
    JsonNode fill = live.get("data").get("fills").get(0);
    assertThat(fill.get("side").asText()).isEqualTo("A");
    assertThat(fill.get("px").asText()).isEqualTo("1999.9");
    assertThat(fill.get("cloid").asText()).isEqualTo(CLOID_1);
    assertThat(fill.get("dir").asText()).isEqualTo("Close Long");
    assertThat(fill.get("crossed").asBoolean()).isTrue();

    fake.duplicateFillMessages(true);
    exchange(order(1, true, "2001", "0.1", "Ioc", false, null));
    long tid1 = ws.next().get("data").get("fills").get(0).get("tid").asLong();
    long tid2 = ws.next().get("data").get("fills").get(0).get("tid").asLong();
    assertThat(tid2).isEqualTo(tid1);
    fake.duplicateFillMessages(false);

    fake.loseNextFillMessages(1);
    exchange(order(1, false, "1999", "0.1", "Ioc", false, null)); // filled, message lost
    exchange(order(1, true, "2001", "0.2", "Ioc", false, null)); // filled, message sent
    JsonNode next = ws.next().get("data").get("fills").get(0);
    assertThat(next.get("sz").asText()).isEqualTo("0.2"); // the 0.1 sell never arrived
    List<FakeFill> all = fake.fills();
    long lostTid = all.get(all.size() - 2).tid();
    JsonNode rest = info("{\"type\":\"userFills\",\"user\":\"" + USER + "\"}");
    assertThat(rest.findValues("tid")).extracting(JsonNode::asLong).contains(lostTid);
  }

  @Test
  void ws_orderUpdatesAndBook_pushedOnChange() throws Exception {
    WsClient ws = connect();
    ws.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"orderUpdates\",\"user\":\"" + USER + "\"}}");
    assertThat(ws.next().get("channel").asText()).isEqualTo("subscriptionResponse");
    long oid = status(exchange(order(1, true, "1999", "0.1", "Alo", false, CLOID_2)), 0).get("resting")
        .get("oid").asLong();
    JsonNode open = ws.next().get("data").get(0);
    assertThat(open.get("status").asText()).isEqualTo("open");
    assertThat(open.get("order").get("oid").asLong()).isEqualTo(oid);
    assertThat(open.get("order").get("cloid").asText()).isEqualTo(CLOID_2);
    assertThat(open.get("order").get("limitPx").asText()).isEqualTo("1999");

    ws.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"ETH\"}}");
    assertThat(ws.next().get("channel").asText()).isEqualTo("subscriptionResponse");
    assertThat(ws.next().get("data").get("levels").get(0).get(0).get("px").asText()).isEqualTo("1999.9");
    fake.setMid("ETH", 1998); // book push, then the resting buy fills at 1999
    JsonNode book = ws.next();
    assertThat(book.get("channel").asText()).isEqualTo("l2Book");
    assertThat(book.get("data").get("levels").get(0).get(0).get("px").asText()).isEqualTo("1997.9");
    JsonNode filled = ws.next().get("data").get(0);
    assertThat(filled.get("status").asText()).isEqualTo("filled");
    assertThat(filled.get("order").get("sz").asText()).isEqualTo("0");
  }

  @Test
  void ws_pingPong_idleConnectionsAreDropped_activeOnesKept() throws Exception {
    // time stepped by hand: the idle rule sees only this clock, so no race with the fake's 10 ms timer
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
    fake.setWebSocketClock(now::get);
    fake.setIdleTimeout(Duration.ofMillis(400));
    WsClient silent = connect();
    WsClient active = connect();
    for (int step = 0; step < 3; step++) { // 3 x 300 ms: silent for 900 ms, active never silent for more than 300
      now.addAndGet(300);
      active.send("{\"method\":\"ping\"}");
      assertThat(active.next().get("channel").asText()).isEqualTo("pong");
    }
    assertThat(silent.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("close 1000");
    assertThat(active.closed).isNotDone();
    assertThat(fake.webSocketIdleDrops()).isEqualTo(1);
    assertThat(fake.webSocketConnections()).isEqualTo(1);
  }

  @Test
  void ws_dropWebSockets_closesEveryConnectionAbruptly() throws Exception {
    WsClient a = connect();
    WsClient b = connect();
    a.send("{\"method\":\"ping\"}");
    a.next();
    assertThat(fake.dropWebSockets()).isEqualTo(2);
    assertThat(a.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).doesNotStartWith("close 1000");
    assertThat(b.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).doesNotStartWith("close 1000");
    assertThat(fake.webSocketConnectionsOpened()).isEqualTo(2);
  }

  @Test
  void ws_pausedPushesAreHeldThenSentInOrder() throws Exception {
    WsClient ws = connect();
    ws.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}");
    ws.next();
    assertThat(ws.next().get("data").get("mids").get("ETH").asText()).isEqualTo("2000");
    fake.pauseWebSocketPushes();
    fake.setMid("ETH", 2001);
    fake.setMid("ETH", 2002);
    ws.send("{\"method\":\"ping\"}");
    assertThat(ws.next().get("channel").asText()).isEqualTo("pong"); // replies still flow, pushes do not
    fake.resumeWebSocketPushes();
    assertThat(ws.next().get("data").get("mids").get("ETH").asText()).isEqualTo("2001");
    assertThat(ws.next().get("data").get("mids").get("ETH").asText()).isEqualTo("2002");
  }

  @Test
  void network_pointsAtBothServers() {
    assertThat(fake.network(false).infoUri()).isEqualTo(URI.create(fake.restBase() + "/info"));
    assertThat(fake.network(false).wsUrl()).isEqualTo(fake.wsUrl());
    assertThat(fake.wsUrl().toString()).startsWith("ws://127.0.0.1:").endsWith("/ws");
    assertThatThrownBy(() -> fake.setBook("ETH", List.of(new BookLevel(2000, 1, 1)),
        List.of(new BookLevel(1999, 1, 1)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
            "crossed");
    Position none = fake.position(USER, "ETH").orElse(null);
    assertThat(none).isNull();
  }

  // ---------------------------------------------------------------- helpers

  private JsonNode info(String body) throws Exception {
    return post("/info", body);
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = rawPost(path, body);
    assertThat(r.statusCode()).as("HTTP status of %s %s: %s", path, body, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> rawPost(String path, String body) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(fake.restBase() + path)).timeout(WAIT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode exchange(ObjectNode action) throws Exception {
    return post("/exchange", body(action).toString());
  }

  private JsonNode exchange(List<ObjectNode> orders) throws Exception {
    ObjectNode action = JSON.createObjectNode();
    action.put("type", "order");
    orders.forEach(action.putArray("orders")::add);
    action.put("grouping", "na");
    return exchange(action);
  }

  private ObjectNode body(ObjectNode action) {
    ObjectNode b = JSON.createObjectNode();
    b.set("action", action);
    b.put("nonce", nonce.incrementAndGet());
    ObjectNode sig = b.putObject("signature");
    sig.put("r", "0x" + "1".repeat(64));
    sig.put("s", "0x" + "2".repeat(64));
    sig.put("v", 27);
    b.putNull("vaultAddress");
    b.putNull("expiresAfter");
    return b;
  }

  private static ObjectNode action(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static ObjectNode order(int asset, boolean isBuy, String px, String sz, String tif, boolean reduceOnly,
      String cloid) {
    ObjectNode action = JSON.createObjectNode();
    action.put("type", "order");
    action.putArray("orders").add(orderNode(asset, isBuy, px, sz, tif, reduceOnly, cloid));
    action.put("grouping", "na");
    return action;
  }

  private static ObjectNode orderNode(int asset, boolean isBuy, String px, String sz, String tif,
      boolean reduceOnly, String cloid) {
    ObjectNode o = JSON.createObjectNode();
    o.put("a", asset);
    o.put("b", isBuy);
    o.put("p", px);
    o.put("s", sz);
    o.put("r", reduceOnly);
    o.putObject("t").putObject("limit").put("tif", tif);
    if (cloid != null) {
      o.put("c", cloid);
    }
    return o;
  }

  private static JsonNode status(JsonNode reply, int i) {
    assertThat(reply.get("status").asText()).as("reply %s", reply).isEqualTo("ok");
    return reply.get("response").get("data").get("statuses").get(i);
  }

  private WsClient connect() throws Exception {
    WsClient c = new WsClient();
    c.ws = HTTP.newWebSocketBuilder().buildAsync(fake.wsUrl(), c).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    clients.add(c);
    // the real server's first frame is a plain-text greeting, before any JSON message
    assertThat(c.greeting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(WsHub.GREETING);
    return c;
  }

  /** A {@code java.net.http.WebSocket} client that queues every text message as JSON. */
  private static final class WsClient implements WebSocket.Listener {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    final CompletableFuture<String> greeting = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last && !greeting.isDone()) {
        greeting.complete(partial.toString()); // the first frame: plain text
        partial.setLength(0);
      } else if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          closed.completeExceptionally(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete("close " + statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
    }

    void send(String text) {
      ws.sendText(text, true).join();
    }

    JsonNode next() throws InterruptedException {
      JsonNode m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(m).as("a WebSocket message within %s", WAIT).isNotNull();
      return m;
    }

    void close() {
      if (ws != null) {
        ws.abort();
      }
    }
  }
}
