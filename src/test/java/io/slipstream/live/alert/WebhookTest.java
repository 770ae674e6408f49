package io.slipstream.live.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Webhook} against a local receiver (JDK {@code HttpServer} on 127.0.0.1): the Slack-compatible body, the
 * failure paths (an error status, nobody listening), and the URL never reaching a log line. The receiver hands
 * each request to the test through a queue; no sleeps.
 */
class WebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The secret part of the URL, as a Slack webhook's path is. */
  private static final String TOKEN = "T000-B000-XXXXXXXXsecretXXXXXXXX";

  /** One request as received. */
  record Received(String method, String path, String contentType, String body) {
  }

  private HttpServer server;
  private final BlockingQueue<Received> received = new ArrayBlockingQueue<>(16);
  private final AtomicInteger status = new AtomicInteger(200);
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
          ex.getRequestHeaders().getFirst("Content-Type"), body));
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status.get(), ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/" + TOKEN);
  }

  @Test
  void post_sendsSlackJson_withThePrefix() throws Exception {
    Webhook w = new Webhook(url(), Duration.ofSeconds(5), "[slipstream live.json live]", log::add);

    assertThat(w.post("risk refusal: stale data")).isTrue();

    Received r = received.poll(5, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/services/" + TOKEN);
    assertThat(r.contentType()).isEqualTo("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("text").asText()).isEqualTo("[slipstream live.json live] risk refusal: stale data");
    assertThat(log).isEmpty();
  }

  @Test
  void post_errorStatus_returnsFalse_andLogsTheStatusButNeverTheUrl() throws Exception {
    status.set(500);
    Webhook w = new Webhook(url(), Duration.ofSeconds(5), "[p]", log::add);

    assertThat(w.post("error: boom")).isFalse();

    assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(log).singleElement().satisfies(l -> assertThat(l).contains("HTTP 500").doesNotContain(TOKEN)
        .doesNotContain(String.valueOf(server.getAddress().getPort())));
    assertThat(w.toString()).doesNotContain(TOKEN);
  }

  @Test
  void post_nobodyListening_returnsFalse_withoutTheUrl() {
    URI dead = url();
    server.stop(0);
    Webhook w = new Webhook(dead, Duration.ofSeconds(2), "[p]", log::add);

    assertThat(w.post("error: boom")).isFalse();

    assertThat(log).singleElement().satisfies(l -> assertThat(l).startsWith("alert webhook: not delivered")
        .doesNotContain(TOKEN).doesNotContain("127.0.0.1"));
  }

  @Test
  void health_postsErrorsRefusalsAlertsAndStops_butNotWarningsOrHeartbeats() throws Exception {
    CountDownLatch four = new CountDownLatch(4);
    List<String> texts = new ArrayList<>();
    server.removeContext("/");
    server.createContext("/", ex -> {
      synchronized (texts) {
        texts.add(JSON.readTree(ex.getRequestBody().readAllBytes()).get("text").asText());
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
      four.countDown();
    });
    Health h = new Health(java.util.Optional.empty(), java.util.Optional.of(new Webhook(url(), Duration.ofSeconds(5),
        "[p]", log::add)), log::add);

    h.heartbeat("history");
    h.riskWarning("BTC order clipped");
    h.alert("ETH: adverse slippage");
    h.failed("stale data", true);
    h.failed("exchange unreachable", false);
    h.emergencyStop("2 open orders cancelled");

    assertThat(four.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(texts).containsExactly("[p] alert: ETH: adverse slippage", "[p] risk refusal: stale data",
        "[p] error: exchange unreachable", "[p] emergency stop: 2 open orders cancelled");
  }
}
