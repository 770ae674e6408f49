package io.slipstream.live.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Posts alerts to a Slack-compatible incoming webhook: {@code POST url} with
 * {@code Content-Type: application/json} and the body {@code {"text": "<prefix> <message>"}} (Slack's simplest
 * message form, which Mattermost, Discord's {@code /slack} endpoints and most chat bridges accept).
 *
 * <p>One attempt per alert, with a timeout; a failure (an error status, a timeout, no connection) is logged as one
 * line naming the HTTP status or the exception class only and never throws: alerting must not stop a run. The URL
 * is a secret: it appears in no message, log line or {@link #toString()}.
 */
public final class Webhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Duration timeout;
  private final String prefix;
  private final Consumer<String> log;
  private final HttpClient http;

  /**
   * @param url the webhook URL (secret)
   * @param timeout connect and request timeout
   * @param prefix what starts every message, e.g. {@code "[slipstream gradient_live.json live]"}
   * @param log where delivery failures are reported (without the URL)
   */
  public Webhook(URI url, Duration timeout, String prefix, Consumer<String> log) {
    this.url = Objects.requireNonNull(url, "url");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.log = Objects.requireNonNull(log, "log");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Posts one message.
   *
   * @param message the alert text (one line, no secret)
   * @return whether the receiver answered 2xx
   */
  public boolean post(String message) {
    String body = JSON.createObjectNode().put("text", prefix + " " + message).toString();
    HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    try {
      HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() / 100 == 2) {
        return true;
      }
      log.accept("alert webhook: not delivered (HTTP " + r.statusCode() + ")");
      return false;
    } catch (IOException e) {
      log.accept("alert webhook: not delivered (" + e.getClass().getSimpleName() + ")");
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.accept("alert webhook: not delivered (interrupted)");
      return false;
    }
  }

  @Override
  public String toString() {
    return "Webhook[url hidden, timeout " + timeout + "]";
  }
}
