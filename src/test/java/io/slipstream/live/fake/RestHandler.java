package io.slipstream.live.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /info} and {@code POST /exchange}: records the request, applies the REST faults, checks method and
 * content type, hands the JSON body to the {@link Engine} and writes its reply. Statuses: 200 with the JSON reply;
 * 404 for other paths; 405 for another method; 415 without {@code Content-Type: application/json}; 422 for a
 * malformed body (text, as the real server); an injected status from {@code failNext}; 500 when the fake itself
 * throws (the exception is kept for {@link FakeExchange#serverErrors()}).
 */
final class RestHandler implements HttpHandler {
  private final Engine engine;
  private final List<RecordedRequest> requests;
  private final List<Throwable> errors;
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final Deque<Duration> delays = new ArrayDeque<>();
  private final Deque<Integer> lateFailures = new ArrayDeque<>();

  RestHandler(Engine engine, List<RecordedRequest> requests, List<Throwable> errors) {
    this.engine = engine;
    this.requests = requests;
    this.errors = errors;
  }

  synchronized void failNext(int n, int status) {
    for (int i = 0; i < n; i++) {
      failures.add(status);
    }
  }

  synchronized void failNextAfterProcessing(int n, int status) {
    for (int i = 0; i < n; i++) {
      lateFailures.add(status);
    }
  }

  private synchronized Optional<Integer> takeLateFailure() {
    return Optional.ofNullable(lateFailures.poll());
  }

  synchronized void delayNext(int n, Duration d) {
    for (int i = 0; i < n; i++) {
      delays.add(d);
    }
  }

  private synchronized Optional<Integer> takeFailure() {
    return Optional.ofNullable(failures.poll());
  }

  private synchronized Optional<Duration> takeDelay() {
    return Optional.ofNullable(delays.poll());
  }

  @Override
  public void handle(HttpExchange ex) {
    try {
      String path = ex.getRequestURI().getPath();
      byte[] raw = ex.getRequestBody().readAllBytes();
      if (!path.equals("/info") && !path.equals("/exchange")) {
        respond(ex, 404, "text/plain", "Not Found");
        return;
      }
      String endpoint = path.substring(1);
      String body = new String(raw, StandardCharsets.UTF_8);
      JsonNode json;
      try {
        json = Engine.MAPPER.readTree(body);
        if (json == null) {
          json = MissingNode.getInstance();
        }
      } catch (JsonProcessingException e) {
        json = MissingNode.getInstance();
      }
      String type = endpoint.equals("info") ? json.path("type").asText("?")
          : json.path("action").path("type").asText("?");
      Optional<Integer> failure = takeFailure();
      requests.add(new RecordedRequest(endpoint, type, body, json, System.currentTimeMillis(),
          failure.orElse(0)));
      if (failure.isPresent()) {
        respond(ex, failure.get(), "text/plain", failure.get() == 429 ? "Too Many Requests" : "Injected failure");
        return;
      }
      if (!ex.getRequestMethod().equals("POST")) {
        respond(ex, 405, "text/plain", "Method Not Allowed");
        return;
      }
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        respond(ex, 415, "text/plain", "Expected request with `Content-Type: application/json`");
        return;
      }
      if (json.isMissingNode() || !json.isObject()) {
        respond(ex, 422, "text/plain", "Failed to deserialize the JSON body into the target type");
        return;
      }
      int status = 200;
      String reply;
      try {
        reply = (endpoint.equals("info") ? engine.info(json) : engine.exchange(json)).toString();
      } catch (Engine.BadRequest e) {
        status = 422;
        reply = e.getMessage();
      }
      Optional<Integer> late = takeLateFailure();
      if (late.isPresent()) {
        respond(ex, late.get(), "text/plain", "Injected failure after processing");
        return;
      }
      Optional<Duration> delay = takeDelay();
      if (delay.isPresent()) {
        Thread.sleep(delay.get().toMillis()); // the request is already processed: only the reply is late
      }
      respond(ex, status, status == 200 ? "application/json" : "text/plain", reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the fake is closing
    } catch (IOException e) {
      // the client hung up (typically after its timeout on a delayed reply): nothing to answer
    } catch (RuntimeException e) {
      errors.add(e);
      try {
        respond(ex, 500, "text/plain", "fake exchange error: " + e);
      } catch (IOException io) {
        e.addSuppressed(io);
      }
    } finally {
      ex.close();
    }
  }

  private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
