package io.slipstream.live.hl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.slipstream.core.BarInterval;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HyperliquidClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long H = 3_600_000L;
  /** 2023-11-14T22:00:00Z, an hour boundary. */
  private static final long T0 = 1_700_000_000_000L / H * H;
  private static final String USER = "0x14791697260e4c9a71f18484c9f997b308e59325";
  private static final String CLOID = "0x0123456789abcdef0123456789abcdef";

  /**
   * A reply the stub sends: status, body, and whether it is held back until the stub closes (a reply that never comes
   * in time: the client's timeout decides, no wall-clock delay is involved).
   */
  record Reply(int status, String body, boolean held) {
    static Reply ok(String body) {
      return new Reply(200, body, false);
    }
  }

  /** What the stub received. */
  record Received(String path, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @FunctionalInterface
  interface Script {
    Reply reply(int hit, Received request) throws Exception;
  }

  /** A JDK HttpServer on 127.0.0.1:0 answering by a script; hit counts from 1. */
  static final class Stub implements AutoCloseable {
    final HttpServer server;
    final ExecutorService pool = Executors.newCachedThreadPool();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicLong hits = new AtomicLong();
    /** Opened when the stub closes: held replies wait on it. */
    final CountDownLatch release = new CountDownLatch(1);

    Stub(Script script) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(pool);
      server.createContext("/", ex -> {
        try {
          Received r = new Received(ex.getRequestURI().getPath(),
              new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          received.add(r);
          Reply reply = script.reply((int) hits.incrementAndGet(), r);
          if (reply.held()) {
            release.await();
          }
          byte[] b = reply.body().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(reply.status(), b.length == 0 ? -1 : b.length);
          try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
          }
        } catch (IOException e) {
          // the client went away (timeout test): nothing to answer
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // the stub is stopping
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          ex.close();
        }
      });
      server.start();
    }

    Network network() {
      return Network.of("http://127.0.0.1:" + server.getAddress().getPort(), false);
    }

    @Override
    public void close() {
      release.countDown();
      server.stop(0);
      pool.shutdownNow();
    }
  }

  /** Signs nothing: returns r = 1, s = 2, v = 27 and records what it was asked to sign. */
  static final class FakeSigner implements ActionSigner {
    final List<String> actions = new CopyOnWriteArrayList<>();
    final List<Long> nonces = new CopyOnWriteArrayList<>();

    @Override
    public String address() {
      return USER;
    }

    @Override
    public Signature sign(ObjectNode action, long nonceMs, Optional<String> vaultAddress,
        OptionalLong expiresAfterMs, Network network) {
      actions.add(action.toString());
      nonces.add(nonceMs);
      return new Signature(BigInteger.ONE, BigInteger.TWO, 27);
    }
  }

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<Long> sleeps = new CopyOnWriteArrayList<>();
  private final FakeSigner signer = new FakeSigner();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private Stub stub(Script script) throws IOException {
    Stub s = new Stub(script);
    toClose.add(s);
    return s;
  }

  /** 3 attempts, backoff 4 ms doubling to 100 ms, jitter fixed at 0.5, recorded sleeps (no real waiting). */
  private HyperliquidClient client(Stub s, Duration timeout, Optional<ActionSigner> sig, Optional<String> vault) {
    HttpTransport.Settings settings = new HttpTransport.Settings(timeout, Duration.ofSeconds(2), 3,
        Duration.ofMillis(4), Duration.ofMillis(100));
    HttpTransport t = new HttpTransport(settings, RateLimiter.of(100_000, Duration.ofMinutes(1)), sleeps::add,
        () -> 0.5);
    return new HyperliquidClient(s.network(), sig, t, vault, new HyperliquidClient.Nonces(() -> 1_700_000_000_123L));
  }

  private HyperliquidClient client(Stub s) {
    return client(s, Duration.ofSeconds(5), Optional.of(signer), Optional.empty());
  }

  private static String candleJson(long t, double close) {
    return String.format(java.util.Locale.ROOT,
        "{\"t\":%d,\"T\":%d,\"s\":\"BTC\",\"i\":\"1h\",\"o\":\"100.5\",\"c\":\"%s\",\"h\":\"110\",\"l\":\"99\","
            + "\"v\":\"12.25\",\"n\":42}", t, t + H - 1, Double.toString(close));
  }

  /** Candles k = 0..6 at T0 + kH; a page holds at most 3, starting one candle before startTime when overlap. */
  private static Script candlePages(boolean overlap) {
    return (hit, r) -> {
      JsonNode req = r.json().get("req");
      long start = req.get("startTime").asLong();
      long end = req.get("endTime").asLong();
      List<String> page = new ArrayList<>();
      for (int k = 0; k <= 6 && page.size() < 3; k++) {
        long t = T0 + k * H;
        if (t >= (overlap ? start - H : start) && t <= end) {
          page.add(candleJson(t, 200 + k));
        }
      }
      return Reply.ok("[" + String.join(",", page) + "]");
    };
  }

  // ---------------------------------------------------------------------------------------------- paging

  @Test
  void candles_threeOverlappingPages_areJoinedWithoutDuplicates() throws Exception {
    Stub s = stub(candlePages(true));
    List<Candle> candles = client(s).candles("BTC", BarInterval.H1, T0, T0 + 6 * H + 1_800_000);

    assertThat(candles).extracting(Candle::openMs)
        .containsExactly(T0, T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H, T0 + 5 * H, T0 + 6 * H);
    assertThat(candles).extracting(Candle::close).containsExactly(200.0, 201.0, 202.0, 203.0, 204.0, 205.0, 206.0);
    // pages: [0,1,2] -> from lastT + 1 -> [2,3,4] -> [4,5,6]; candle 6 is the last one wanted: stop
    assertThat(s.received).extracting(r -> r.json().get("req").get("startTime").asLong())
        .containsExactly(T0, T0 + 2 * H + 1, T0 + 4 * H + 1);
    assertThat(s.received.get(0).path()).isEqualTo("/info");
    assertThat(s.received.get(0).body()).isEqualTo("{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"BTC\","
        + "\"interval\":\"1h\",\"startTime\":" + T0 + ",\"endTime\":" + (T0 + 6 * H + 1_800_000) + "}}");
    Candle c = candles.get(0);
    assertThat(c).isEqualTo(new Candle("BTC", "1h", T0, T0 + H - 1, 100.5, 110, 99, 200, 12.25, 42));
  }

  @Test
  void candles_windowBeyondTheData_stopsWhenAPageMakesNoProgress() throws Exception {
    Stub s = stub(candlePages(true));
    List<Candle> candles = client(s).candles("BTC", BarInterval.H1, T0 + H, T0 + 10 * H);

    assertThat(candles).extracting(Candle::openMs)
        .containsExactly(T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H, T0 + 5 * H, T0 + 6 * H);
    // [0,1,2] (0 is before the window) -> [2,3,4] -> [4,5,6] -> [6]: no progress past candle 6, stop
    assertThat(s.hits.get()).isEqualTo(4);
  }

  @Test
  void candles_emptyReply_stopsPaging() throws Exception {
    Stub s = stub(candlePages(false));
    List<Candle> candles = client(s).candles("BTC", BarInterval.H1, T0, T0 + 10 * H);

    assertThat(candles).hasSize(7);
    // [0,1,2] -> [3,4,5] -> [6] -> []
    assertThat(s.hits.get()).isEqualTo(4);
  }

  @Test
  void fundingHistory_pagesForwardFromTheLastTime() throws Exception {
    long[] times = {T0 + 7, T0 + H + 7, T0 + 2 * H + 7, T0 + 3 * H + 7, T0 + 4 * H + 7};
    Stub s = stub((hit, r) -> {
      long start = r.json().get("startTime").asLong();
      List<String> page = new ArrayList<>();
      for (int k = 0; k < times.length && page.size() < 2; k++) {
        if (times[k] >= start) {
          page.add("{\"coin\":\"ETH\",\"fundingRate\":\"0.0000125\",\"premium\":\"-0.00031\",\"time\":" + times[k]
              + "}");
        }
      }
      return Reply.ok("[" + String.join(",", page) + "]");
    });
    List<FundingRate> rows = client(s).fundingHistory("ETH", T0, T0 + 10 * H);

    assertThat(rows).extracting(FundingRate::timeMs).containsExactly(times[0], times[1], times[2], times[3],
        times[4]);
    assertThat(rows.get(0)).isEqualTo(new FundingRate("ETH", T0 + 7, 0.0000125, -0.00031));
    assertThat(s.received).extracting(r -> r.json().get("startTime").asLong())
        .containsExactly(T0, times[1] + 1, times[3] + 1, times[4] + 1);
    assertThat(s.received.get(0).body())
        .isEqualTo("{\"type\":\"fundingHistory\",\"coin\":\"ETH\",\"startTime\":" + T0 + ",\"endTime\":"
            + (T0 + 10 * H) + "}");
  }

  // ---------------------------------------------------------------------------------------------- retries

  @Test
  void http429_thenSuccess_isRetriedOnce() throws Exception {
    Stub s = stub((hit, r) -> hit == 1 ? new Reply(429, "{\"error\":\"rate limited\"}", false)
        : Reply.ok("{\"BTC\":\"65000.5\"}"));
    HyperliquidClient c = client(s);

    assertThat(c.allMids()).containsExactly(Map.entry("BTC", 65000.5));
    assertThat(s.hits.get()).isEqualTo(2);
    assertThat(c.transport().attempts()).isEqualTo(2);
    assertThat(c.transport().retries()).isEqualTo(1);
    // first retry: cap 4 ms, wait = 4/2 + 0.5 * 4/2 = 3 ms
    assertThat(sleeps).containsExactly(3L);
  }

  @Test
  void http500_everyAttempt_failsAfterMaxAttempts() throws Exception {
    Stub s = stub((hit, r) -> new Reply(500, "internal error", false));
    HyperliquidClient c = client(s);

    assertThatThrownBy(c::allMids).isInstanceOf(ExchangeException.class)
        .hasMessageContaining("info allMids").hasMessageContaining("3 attempt").hasMessageContaining("HTTP 500")
        .hasMessageContaining("internal error")
        .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(500));
    assertThat(s.hits.get()).isEqualTo(3);
    // caps 4 and 8 ms: waits 3 and 6 ms
    assertThat(sleeps).containsExactly(3L, 6L);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard only: the reply it would wait for never comes
  void slowResponse_pastTheTimeout_isRetried() throws Exception {
    Stub s = stub((hit, r) -> hit == 1 ? new Reply(200, "{\"BTC\":\"1\"}", true)
        : Reply.ok("{\"BTC\":\"2\"}"));
    HyperliquidClient c = client(s, Duration.ofMillis(300), Optional.empty(), Optional.empty());

    // the first reply is held until the stub closes: only the client's own timeout can end the first attempt
    assertThat(c.allMids()).containsExactly(Map.entry("BTC", 2.0));
    assertThat(c.transport().attempts()).isEqualTo(2);
    assertThat(sleeps).containsExactly(3L); // one backoff, on the injected sleeper
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void signedPost_timeout_isNotResent_andIsAnUnknownOutcome() throws Exception {
    Stub s = stub((hit, r) -> new Reply(200, "{}", true));
    HyperliquidClient c = client(s, Duration.ofMillis(200), Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> c.transport().postSigned(s.network().exchangeUri(), "exchange order", "{}", 1))
        .isInstanceOf(ExchangeException.class).hasMessageContaining("timed out")
        .hasMessageContaining("not resent blindly")
        .satisfies(e -> assertThat(((ExchangeException) e).outcomeUnknown()).isTrue());
    assertThat(s.hits.get()).isEqualTo(1);
  }

  @Test
  void signedPost_http5xx_isNotResent_but429_is() throws Exception {
    Stub s = stub((hit, r) -> hit == 1 ? new Reply(429, "slow down", false) : new Reply(502, "bad gateway", false));
    HyperliquidClient c = client(s);

    assertThatThrownBy(() -> c.transport().postSigned(s.network().exchangeUri(), "exchange cancel", "{}", 1))
        .isInstanceOf(ExchangeException.class).hasMessageContaining("HTTP 502")
        .satisfies(e -> assertThat(((ExchangeException) e).outcomeUnknown()).isTrue())
        .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(502));
    assertThat(s.hits.get()).isEqualTo(2); // the 429 was not executed: retried once, then the 502 ends it
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void slowResponse_everyAttempt_failsNamingTheTimeout() throws Exception {
    Stub s = stub((hit, r) -> new Reply(200, "{}", true));
    HyperliquidClient c = client(s, Duration.ofMillis(100), Optional.empty(), Optional.empty());

    assertThatThrownBy(c::allMids).isInstanceOf(ExchangeException.class).hasMessageContaining("timed out")
        .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(-1));
    assertThat(c.transport().attempts()).isEqualTo(3);
  }

  @Test
  void http400_isNotRetried() throws Exception {
    Stub s = stub((hit, r) -> new Reply(400, "Failed to deserialize the JSON body", false));
    HyperliquidClient c = client(s);

    assertThatThrownBy(() -> c.l2Book("BTC")).isInstanceOf(ExchangeException.class)
        .hasMessageContaining("info l2Book").hasMessageContaining("HTTP 400")
        .hasMessageContaining("Failed to deserialize")
        .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(400));
    assertThat(s.hits.get()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void exchangeFailure_neverShowsTheSignedBody() throws Exception {
    Stub s = stub((hit, r) -> new Reply(422, "bad body", false));
    HyperliquidClient c = client(s);

    assertThatThrownBy(() -> c.cancel(List.of(new ExchangeApi.OidCancel(1, 77))))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("exchange cancel").hasMessageContaining("HTTP 422")
        .hasMessageNotContaining("signature").hasMessageNotContaining(new Signature(BigInteger.ONE,
            BigInteger.TWO, 27).rHex()).hasMessageNotContaining("nonce");
  }

  @Test
  void connectionRefused_isRetriedThenFails() throws Exception {
    Stub s = stub((hit, r) -> Reply.ok("{}"));
    HyperliquidClient c = client(s);
    s.close();

    assertThatThrownBy(c::meta).isInstanceOf(ExchangeException.class).hasMessageContaining("info meta")
        .hasMessageContaining("3 attempt")
        .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(-1));
    assertThat(c.transport().attempts()).isEqualTo(3);
  }

  // ---------------------------------------------------------------------------------------------- info decoding

  private HyperliquidClient replying(String body) throws IOException {
    return client(stub((hit, r) -> Reply.ok(body)));
  }

  @Test
  void meta_decodesTheUniverseInIndexOrder() throws Exception {
    Meta m = replying("{\"universe\":[{\"name\":\"BTC\",\"szDecimals\":5,\"maxLeverage\":40},"
        + "{\"name\":\"ETH\",\"szDecimals\":4,\"maxLeverage\":25,\"onlyIsolated\":false},"
        + "{\"name\":\"FTT\",\"szDecimals\":1,\"maxLeverage\":3,\"isDelisted\":true}],\"marginTables\":[]}").meta();

    assertThat(m.universe()).containsExactly(new AssetMeta(0, "BTC", 5, 40, false),
        new AssetMeta(1, "ETH", 4, 25, false), new AssetMeta(2, "FTT", 1, 3, true));
  }

  @Test
  void meta_missingField_namesTheRequestAndTheField() throws Exception {
    HyperliquidClient c = replying("{\"universe\":[{\"name\":\"BTC\",\"maxLeverage\":40}]}");
    assertThatThrownBy(c::meta).isInstanceOf(ExchangeException.class)
        .hasMessageContaining("meta universe[0]").hasMessageContaining("'szDecimals' is missing");
  }

  @Test
  void l2Book_decodesBothSides() throws Exception {
    L2Book b = replying("{\"coin\":\"BTC\",\"time\":1700000000999,\"levels\":["
        + "[{\"px\":\"65000\",\"sz\":\"1.5\",\"n\":3},{\"px\":\"64999\",\"sz\":\"0.25\",\"n\":1}],"
        + "[{\"px\":\"65001\",\"sz\":\"2\",\"n\":4}]]}").l2Book("BTC");

    assertThat(b).isEqualTo(new L2Book("BTC", 1_700_000_000_999L,
        List.of(new BookLevel(65000, 1.5, 3), new BookLevel(64999, 0.25, 1)), List.of(new BookLevel(65001, 2, 4))));
    assertThat(b.mid()).isEqualTo(65000.5);
  }

  @Test
  void l2Book_garbledNumber_namesTheField() throws Exception {
    HyperliquidClient c = replying("{\"coin\":\"BTC\",\"time\":1,\"levels\":[[{\"px\":\"abc\",\"sz\":\"1\","
        + "\"n\":1}],[]]}");
    assertThatThrownBy(() -> c.l2Book("BTC")).isInstanceOf(ExchangeException.class)
        .hasMessageContaining("l2Book BTC bids[0]").hasMessageContaining("'px' is garbled")
        .hasMessageContaining("abc");
  }

  @Test
  void allMids_decodesEveryCoin() throws Exception {
    Map<String, Double> mids = replying("{\"BTC\":\"65000.5\",\"ETH\":\"3100.25\",\"@1\":\"0.5\"}").allMids();
    assertThat(mids).containsExactlyInAnyOrderEntriesOf(Map.of("BTC", 65000.5, "ETH", 3100.25, "@1", 0.5));
  }

  @Test
  void clearinghouseState_decodesOpenPositionsAndTheMarginSummary() throws Exception {
    Stub s = stub((hit, r) -> Reply.ok("{\"assetPositions\":["
        + "{\"position\":{\"coin\":\"BTC\",\"szi\":\"-0.5\",\"entryPx\":\"64000\",\"positionValue\":\"32500\","
        + "\"unrealizedPnl\":\"-500\",\"leverage\":{\"type\":\"cross\",\"value\":5},\"liquidationPx\":\"90000\","
        + "\"marginUsed\":\"6500\",\"cumFunding\":{\"allTime\":\"1\"}},\"type\":\"oneWay\"},"
        + "{\"position\":{\"coin\":\"ETH\",\"szi\":\"0.0\",\"entryPx\":null,\"positionValue\":\"0\","
        + "\"unrealizedPnl\":\"0\"},\"type\":\"oneWay\"},"
        + "{\"position\":{\"coin\":\"SOL\",\"szi\":\"10\",\"positionValue\":\"1500\",\"unrealizedPnl\":\"12.5\"},"
        + "\"type\":\"oneWay\"}],"
        + "\"marginSummary\":{\"accountValue\":\"10000.5\",\"totalNtlPos\":\"34000\",\"totalRawUsd\":\"1\","
        + "\"totalMarginUsed\":\"6800\"},\"crossMarginSummary\":{},\"withdrawable\":\"3200.75\","
        + "\"time\":1700000000000}"));
    AccountState a = client(s).clearinghouseState(USER.toUpperCase().replace("0X", "0x"));

    assertThat(s.received.get(0).body()).isEqualTo("{\"type\":\"clearinghouseState\",\"user\":\"" + USER + "\"}");
    assertThat(a.positions()).hasSize(2);
    assertThat(a.positions().get(0)).isEqualTo(new Position("BTC", -0.5, 64000, 32500, -500));
    assertThat(a.positions().get(1).coin()).isEqualTo("SOL");
    assertThat(a.positions().get(1).entryPx()).isNaN();
    assertThat(a.accountValue()).isEqualTo(10000.5);
    assertThat(a.totalNtlPos()).isEqualTo(34000);
    assertThat(a.withdrawable()).isEqualTo(3200.75);
    assertThat(a.timeMs()).isEqualTo(1_700_000_000_000L);
    assertThat(a.size("BTC")).isEqualTo(-0.5);
  }

  @Test
  void openOrders_decodesSideAndOptionalCloid() throws Exception {
    List<OpenOrder> orders = replying("[{\"coin\":\"BTC\",\"limitPx\":\"64000.5\",\"oid\":123456789,"
        + "\"side\":\"B\",\"sz\":\"0.01\",\"timestamp\":1700000000001,\"cloid\":\"" + CLOID + "\"},"
        + "{\"coin\":\"ETH\",\"limitPx\":\"3200\",\"oid\":5,\"side\":\"A\",\"sz\":\"1.5\","
        + "\"timestamp\":1700000000002}]").openOrders(USER);

    assertThat(orders).containsExactly(
        new OpenOrder("BTC", true, 64000.5, 0.01, 123456789L, 1_700_000_000_001L, Optional.of(CLOID)),
        new OpenOrder("ETH", false, 3200, 1.5, 5, 1_700_000_000_002L, Optional.empty()));
  }

  @Test
  void openOrders_unknownSide_isGarbled() throws Exception {
    HyperliquidClient c = replying("[{\"coin\":\"BTC\",\"limitPx\":\"1\",\"oid\":1,\"side\":\"X\",\"sz\":\"1\","
        + "\"timestamp\":1}]");
    assertThatThrownBy(() -> c.openOrders(USER)).hasMessageContaining("openOrders [0]")
        .hasMessageContaining("'side' is garbled");
  }

  @Test
  void userFills_decodesEveryField() throws Exception {
    List<Fill> fills = replying("[{\"coin\":\"BTC\",\"px\":\"65000\",\"sz\":\"0.002\",\"side\":\"A\","
        + "\"time\":1700000000500,\"startPosition\":\"0.004\",\"dir\":\"Close Long\",\"closedPnl\":\"1.2\","
        + "\"hash\":\"0xabc\",\"oid\":91,\"crossed\":true,\"fee\":\"0.0585\",\"tid\":118906512037719,"
        + "\"feeToken\":\"USDC\",\"cloid\":\"" + CLOID + "\"},"
        + "{\"coin\":\"ETH\",\"px\":\"3000\",\"sz\":\"1\",\"side\":\"B\",\"time\":1700000000400,"
        + "\"startPosition\":\"0\",\"dir\":\"Open Long\",\"closedPnl\":\"0\",\"hash\":\"0xdef\",\"oid\":92,"
        + "\"crossed\":false,\"fee\":\"-0.03\",\"tid\":7,\"feeToken\":\"USDC\"}]").userFills(USER);

    assertThat(fills).containsExactly(
        new Fill("BTC", false, 65000, 0.002, 1_700_000_000_500L, 91, 118906512037719L, 0.0585, true,
            Optional.of(CLOID)),
        new Fill("ETH", true, 3000, 1, 1_700_000_000_400L, 92, 7, -0.03, false, Optional.empty()));
  }

  @Test
  void orderStatus_knownAndUnknown() throws Exception {
    Stub s = stub((hit, r) -> hit == 1
        ? Reply.ok("{\"status\":\"order\",\"order\":{\"order\":{\"coin\":\"BTC\",\"side\":\"B\",\"limitPx\":\"64000\","
            + "\"sz\":\"0.0\",\"oid\":77,\"timestamp\":1700000000000,\"origSz\":\"0.01\",\"cloid\":\"" + CLOID + "\"},"
            + "\"status\":\"filled\",\"statusTimestamp\":1700000000100}}")
        : Reply.ok("{\"status\":\"unknownOid\"}"));
    HyperliquidClient c = client(s);

    OrderQuery q = c.orderStatus(USER, CLOID);
    assertThat(s.received.get(0).body())
        .isEqualTo("{\"type\":\"orderStatus\",\"user\":\"" + USER + "\",\"oid\":\"" + CLOID + "\"}");
    assertThat(q).isEqualTo(new OrderQuery(true,
        Optional.of(new OpenOrder("BTC", true, 64000, 0, 77, 1_700_000_000_000L, Optional.of(CLOID))), "filled",
        1_700_000_000_100L));
    assertThat(c.orderStatus(USER, CLOID)).isEqualTo(OrderQuery.UNKNOWN);
  }

  @Test
  void notJson_isAnExchangeException() throws Exception {
    HyperliquidClient c = replying("<html>502</html>");
    assertThatThrownBy(c::allMids).isInstanceOf(ExchangeException.class).hasMessageContaining("info allMids")
        .hasMessageContaining("not JSON");
  }

  @Test
  void badArguments_areRejectedBeforeAnyRequest() throws Exception {
    Stub s = stub((hit, r) -> Reply.ok("[]"));
    HyperliquidClient c = client(s);
    assertThatThrownBy(() -> c.openOrders("0x123")).hasMessageContaining("'user'").hasMessageContaining("0x123");
    assertThatThrownBy(() -> c.orderStatus(USER, "abc")).hasMessageContaining("'cloid'");
    assertThatThrownBy(() -> c.candles("BTC", BarInterval.H1, 10, 5)).hasMessageContaining("'startMs'");
    assertThat(s.hits.get()).isZero();
  }

  // ---------------------------------------------------------------------------------------------- actions

  @Test
  void orderAction_hasTheExactKeyOrderOfTheSdk() {
    ObjectNode a = Actions.order(List.of(
        new OrderRequest(0, "BTC", true, 65000.5, 0.001, false, Tif.ALO, Optional.of(CLOID)),
        new OrderRequest(3, "ETH", false, 1670.1, 0.5, true, Tif.IOC, Optional.empty())));

    assertThat(a.toString()).isEqualTo("{\"type\":\"order\",\"orders\":["
        + "{\"a\":0,\"b\":true,\"p\":\"65000.5\",\"s\":\"0.001\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Alo\"}},"
        + "\"c\":\"" + CLOID + "\"},"
        + "{\"a\":3,\"b\":false,\"p\":\"1670.1\",\"s\":\"0.5\",\"r\":true,\"t\":{\"limit\":{\"tif\":\"Ioc\"}}}],"
        + "\"grouping\":\"na\"}");
  }

  @Test
  void orderAction_matchesTheSigningVectors() {
    // ../shared/hyperliquid/signing-vectors.json, "test_phantom_agent_creation_matches_production" and
    // "test_l1_action_signing_order_matches" (python SDK v0.23.0)
    assertThat(Actions.order(List.of(new OrderRequest(4, "X", true, 1670.1, 0.0147, false, Tif.IOC,
        Optional.empty()))).toString()).isEqualTo("{\"type\":\"order\",\"orders\":[{\"a\":4,\"b\":true,"
            + "\"p\":\"1670.1\",\"s\":\"0.0147\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Ioc\"}}}],"
            + "\"grouping\":\"na\"}");
    assertThat(Actions.order(List.of(new OrderRequest(1, "X", true, 100, 100, false, Tif.GTC,
        Optional.empty()))).toString()).isEqualTo("{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,"
            + "\"p\":\"100\",\"s\":\"100\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}");
  }

  @Test
  void otherActions_haveTheirWireShapes() {
    assertThat(Actions.cancel(List.of(new ExchangeApi.OidCancel(1, 91), new ExchangeApi.OidCancel(0, 5)))
        .toString()).isEqualTo("{\"type\":\"cancel\",\"cancels\":[{\"a\":1,\"o\":91},{\"a\":0,\"o\":5}]}");
    assertThat(Actions.cancelByCloid(List.of(new ExchangeApi.CloidCancel(2, CLOID))).toString())
        .isEqualTo("{\"type\":\"cancelByCloid\",\"cancels\":[{\"asset\":2,\"cloid\":\"" + CLOID + "\"}]}");
    assertThat(Actions.scheduleCancel(OptionalLong.of(1_700_000_010_000L)).toString())
        .isEqualTo("{\"type\":\"scheduleCancel\",\"time\":1700000010000}");
    assertThat(Actions.scheduleCancel(OptionalLong.empty()).toString()).isEqualTo("{\"type\":\"scheduleCancel\"}");
    assertThatThrownBy(() -> Actions.order(List.of())).hasMessageContaining("'orders'");
    assertThatThrownBy(() -> Actions.cancelByCloid(List.of(new ExchangeApi.CloidCancel(1, "0xABC"))))
        .hasMessageContaining("0xABC");
  }

  @Test
  void placeOrders_sendsTheSignedBodyAndDecodesEveryStatus() throws Exception {
    Stub s = stub((hit, r) -> Reply.ok("{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":["
        + "{\"resting\":{\"oid\":77738308}},"
        + "{\"filled\":{\"totalSz\":\"0.02\",\"avgPx\":\"1891.4\",\"oid\":77747314}},"
        + "{\"error\":\"Post only order would have immediately matched, bbo was 1890.9@1891.0.\"}]}}}"));
    HyperliquidClient c = client(s, Duration.ofSeconds(5), Optional.of(signer),
        Optional.of("0x00000000000000000000000000000000000000AA"));
    List<OrderRequest> orders = List.of(
        new OrderRequest(0, "BTC", true, 65000, 0.001, false, Tif.ALO, Optional.of(CLOID)),
        new OrderRequest(1, "ETH", true, 1900, 0.02, false, Tif.IOC, Optional.empty()),
        new OrderRequest(1, "ETH", false, 1890, 0.02, false, Tif.ALO, Optional.empty()));

    List<OrderAck> acks = c.placeOrders(orders);

    assertThat(acks).containsExactly(new OrderAck.Resting(77738308), new OrderAck.Filled(0.02, 1891.4, 77747314),
        new OrderAck.Rejected("Post only order would have immediately matched, bbo was 1890.9@1891.0."));
    String action = Actions.order(orders).toString();
    assertThat(signer.actions).containsExactly(action);
    assertThat(signer.nonces).containsExactly(1_700_000_000_123L);
    assertThat(s.received.get(0).path()).isEqualTo("/exchange");
    assertThat(s.received.get(0).body()).isEqualTo("{\"action\":" + action + ",\"nonce\":1700000000123,"
        + "\"signature\":{\"r\":\"0x" + "0".repeat(63) + "1\",\"s\":\"0x" + "0".repeat(63) + "2\",\"v\":27},"
        + "\"vaultAddress\":\"0x00000000000000000000000000000000000000aa\",\"expiresAfter\":null}");
  }

  @Test
  void placeOrders_statusCountMismatch_isAnExchangeException() throws Exception {
    HyperliquidClient c = replying("{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":[]}}}");
    assertThatThrownBy(() -> c.placeOrders(List.of(
        new OrderRequest(0, "BTC", true, 65000, 0.001, false, Tif.ALO, Optional.empty()))))
        .isInstanceOf(ExchangeException.class).hasMessageContaining("0 statuses for 1 orders");
  }

  @Test
  void wholeRequestError_isAnExchangeExceptionWithTheMessage() throws Exception {
    HyperliquidClient c = replying("{\"status\":\"err\",\"response\":\"User or API Wallet " + USER
        + " does not exist.\"}");
    assertThatThrownBy(() -> c.placeOrders(List.of(
        new OrderRequest(0, "BTC", true, 65000, 0.001, false, Tif.ALO, Optional.empty()))))
        .isInstanceOf(ExchangeException.class).hasMessageContaining("exchange order")
        .hasMessageContaining("does not exist.");
  }

  @Test
  void cancelByCloid_returnsSuccessOrTheErrorText() throws Exception {
    Stub s = stub((hit, r) -> Reply.ok("{\"status\":\"ok\",\"response\":{\"type\":\"cancel\",\"data\":{\"statuses\":"
        + "[\"success\",{\"error\":\"Order was never placed, already canceled, or filled.\"}]}}}"));
    HyperliquidClient c = client(s);
    String other = "0x" + "f".repeat(32);

    List<String> out = c.cancelByCloid(List.of(new ExchangeApi.CloidCancel(0, CLOID),
        new ExchangeApi.CloidCancel(3, other)));

    assertThat(out).containsExactly("success", "Order was never placed, already canceled, or filled.");
    assertThat(s.received.get(0).json().get("action").toString()).isEqualTo("{\"type\":\"cancelByCloid\","
        + "\"cancels\":[{\"asset\":0,\"cloid\":\"" + CLOID + "\"},{\"asset\":3,\"cloid\":\"" + other + "\"}]}");
    assertThat(s.received.get(0).json().get("vaultAddress").isNull()).isTrue();
  }

  @Test
  void cancel_andScheduleCancel_sendTheirActions() throws Exception {
    Stub s = stub((hit, r) -> hit == 1
        ? Reply.ok("{\"status\":\"ok\",\"response\":{\"type\":\"cancel\",\"data\":{\"statuses\":[\"success\"]}}}")
        : Reply.ok("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}"));
    HyperliquidClient c = client(s);

    assertThat(c.cancel(List.of(new ExchangeApi.OidCancel(1, 91)))).containsExactly("success");
    c.scheduleCancel(OptionalLong.of(1_700_000_060_000L));
    assertThat(s.received.get(1).json().get("action").toString())
        .isEqualTo("{\"type\":\"scheduleCancel\",\"time\":1700000060000}");
  }

  @Test
  void readOnlyClient_refusesExchangeCalls() throws Exception {
    Stub s = stub((hit, r) -> Reply.ok("{}"));
    HyperliquidClient c = client(s, Duration.ofSeconds(5), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> c.scheduleCancel(OptionalLong.empty())).isInstanceOf(IllegalStateException.class)
        .hasMessage("no signer: read-only client");
    assertThat(s.hits.get()).isZero();
  }

  // ---------------------------------------------------------------------------------------------- nonces

  @Test
  void nonces_followTheClockAndNeverRepeat() {
    long[] clock = {1000};
    HyperliquidClient.Nonces n = new HyperliquidClient.Nonces(() -> clock[0]);
    assertThat(n.next()).isEqualTo(1000);
    assertThat(n.next()).isEqualTo(1001);
    clock[0] = 5000;
    assertThat(n.next()).isEqualTo(5000);
    clock[0] = 10; // the clock steps back
    assertThat(n.next()).isEqualTo(5001);
  }

  @Test
  void nonces_twoThreads_areStrictlyIncreasingAndUnique() throws Exception {
    // a clock stuck at 1000 ms makes every nonce come from last + 1, where a race would show
    HyperliquidClient.Nonces n = new HyperliquidClient.Nonces(() -> 1000L);
    int perThread = 20_000;
    List<List<Long>> seen = List.of(new ArrayList<>(), new ArrayList<>());
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      List<Long> mine = seen.get(t);
      threads[t] = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          mine.add(n.next());
        }
      });
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    Set<Long> all = new HashSet<>();
    for (List<Long> mine : seen) {
      assertThat(mine).hasSize(perThread).isSorted().doesNotHaveDuplicates();
      all.addAll(mine);
    }
    assertThat(all).hasSize(2 * perThread);
    assertThat(Collections.min(all)).isEqualTo(1000L);
    assertThat(Collections.max(all)).isEqualTo(1000L + 2 * perThread - 1);
  }

  @Test
  void constructor_badVaultAddress_isRejected() throws Exception {
    Stub s = stub((hit, r) -> Reply.ok("{}"));
    assertThatThrownBy(() -> client(s, Duration.ofSeconds(1), Optional.empty(), Optional.of("0xnothex")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vaultAddress'");
  }
}
