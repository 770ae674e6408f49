package io.slipstream.live.hl;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * JSON POSTs to the exchange's REST endpoints over {@link java.net.http.HttpClient}, with the client-side weight
 * budget, a per-request timeout and retries.
 *
 * <p>Every attempt first acquires its weight from the {@link RateLimiter} (the exchange weighs each request it
 * receives, retries included), then sends with {@link Settings#requestTimeout()}. Reads ({@link #post}) are
 * retried, up to {@link Settings#maxAttempts()} attempts in all: HTTP 429, HTTP 5xx, a timeout and any other {@link IOException}
 * (connection refused or reset). The wait before retry {@code k} (1-based) is "equal jitter" exponential backoff:
 * {@code cap = min(maxBackoff, initialBackoff * 2^(k-1))}, {@code wait = cap/2 + U[0,1) * cap/2}. Any other
 * status (a 4xx such as 400 or 422) fails at once. Failures are {@link ExchangeException}s naming the request, the
 * HTTP status (or -1) and, for a status, a short excerpt of the <em>response</em> body.
 *
 * <p>The request body is never logged nor put in an exception message: an {@code /exchange} body carries a signature.
 *
 * <p>Signed requests ({@link #postSigned}) are never resent blindly: only a failure that proves the request was not
 * executed is retried here (HTTP 429, which the exchange answers without executing, and a connection that could not
 * be opened). After a timeout, an HTTP 5xx or a connection lost once the body was on its way the request may have
 * landed: {@code postSigned} then throws an {@link ExchangeException} with {@link ExchangeException#outcomeUnknown()}
 * and {@link HyperliquidClient} checks the exchange's state before it sends anything again (with a fresh nonce).
 */
public final class HttpTransport {
  /**
   * Transport settings.
   *
   * @param requestTimeout per-attempt timeout until the response (status and headers) arrives, the JDK's
   *     {@link HttpRequest#timeout()} ({@code > 0})
   * @param connectTimeout TCP/TLS connect timeout ({@code > 0})
   * @param maxAttempts attempts in all, the first included ({@code >= 1})
   * @param initialBackoff the backoff cap of the first retry ({@code >= 0})
   * @param maxBackoff the largest backoff cap ({@code >= initialBackoff})
   */
  public record Settings(Duration requestTimeout, Duration connectTimeout, int maxAttempts, Duration initialBackoff,
      Duration maxBackoff) {
    /** 10 s per request, 5 s to connect, 4 attempts, backoff 0.5 s doubling up to 8 s. */
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(5), 4,
        Duration.ofMillis(500), Duration.ofSeconds(8));

    /** Checks the fields. */
    public Settings {
      positive(requestTimeout, "requestTimeout");
      positive(connectTimeout, "connectTimeout");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("Argument 'maxAttempts' must be >= 1, was " + maxAttempts);
      }
      if (initialBackoff == null || initialBackoff.isNegative()) {
        throw new IllegalArgumentException("Argument 'initialBackoff' must be >= 0, was " + initialBackoff);
      }
      if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "Argument 'maxBackoff' must be >= initialBackoff (" + initialBackoff + "), was " + maxBackoff);
      }
    }

    private static void positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Argument '" + name + "' must be > 0, was " + d);
      }
    }

    /** @param timeout the per-request timeout @return a copy with it */
    public Settings withRequestTimeout(Duration timeout) {
      return new Settings(timeout, connectTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    /** @param attempts attempts in all @return a copy with them */
    public Settings withMaxAttempts(int attempts) {
      return new Settings(requestTimeout, connectTimeout, attempts, initialBackoff, maxBackoff);
    }

    /** @param initial first backoff cap @param max largest backoff cap @return a copy with them */
    public Settings withBackoff(Duration initial, Duration max) {
      return new Settings(requestTimeout, connectTimeout, maxAttempts, initial, max);
    }
  }

  private static final int EXCERPT_CHARS = 200;

  private final Settings settings;
  private final RateLimiter limiter;
  private final RateLimiter.Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final HttpClient http;
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  /**
   * @param settings timeouts, attempts, backoff
   * @param limiter the weight budget (shared by every client of one IP)
   * @param sleeper how to wait between attempts
   * @param jitter uniform numbers in {@code [0, 1)} for the backoff jitter
   * @throws IllegalArgumentException when an argument is null
   */
  public HttpTransport(Settings settings, RateLimiter limiter, RateLimiter.Sleeper sleeper, DoubleSupplier jitter) {
    if (settings == null || limiter == null || sleeper == null || jitter == null) {
      throw new IllegalArgumentException("HttpTransport arguments must not be null");
    }
    this.settings = settings;
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * @param settings timeouts, attempts, backoff
   * @param limiter the weight budget
   * @return a transport sleeping with {@link Thread#sleep(long)} and jittering with {@link ThreadLocalRandom}
   */
  public static HttpTransport of(Settings settings, RateLimiter limiter) {
    return new HttpTransport(settings, limiter, RateLimiter.Sleeper.SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * POSTs a JSON body and returns the 2xx response body.
   *
   * @param uri the endpoint ({@code .../info} or {@code .../exchange})
   * @param requestName what the request is (e.g. {@code "info candleSnapshot"}), for messages
   * @param jsonBody the body; never logged nor put in a message
   * @param weight the request's weight ({@link RateLimiter#infoWeight}, {@link RateLimiter#exchangeWeight})
   * @return the response body
   * @throws ExchangeException on a non-retried status, or when every attempt failed, or when interrupted
   */
  public String post(URI uri, String requestName, String jsonBody, int weight) {
    return send(uri, requestName, jsonBody, weight, true);
  }

  /**
   * POSTs a signed {@code /exchange} body and returns the 2xx response body. Retried (up to
   * {@link Settings#maxAttempts()} attempts, with the backoff of {@link #post}) only when the request surely was not
   * executed: HTTP 429 and a connection that could not be opened.
   *
   * @param uri the endpoint
   * @param requestName what the request is, for messages
   * @param jsonBody the signed body; never logged nor put in a message
   * @param weight the request's weight
   * @return the response body
   * @throws ExchangeException with {@link ExchangeException#outcomeUnknown()} after a timeout, an HTTP 5xx or a
   *     connection lost after sending; a plain one on another status, when every attempt was refused, or when
   *     interrupted
   */
  public String postSigned(URI uri, String requestName, String jsonBody, int weight) {
    return send(uri, requestName, jsonBody, weight, false);
  }

  private String send(URI uri, String requestName, String jsonBody, int weight, boolean idempotent) {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
        .build();
    String lastProblem = "";
    int lastStatus = -1;
    Exception lastCause = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1) {
        retries.incrementAndGet();
        pause(backoffMs(attempt - 1), requestName);
      }
      limiter.acquire(weight);
      attempts.incrementAndGet();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (HttpConnectTimeoutException | ConnectException e) {
        // never connected: the request cannot have been executed
        lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        lastStatus = -1;
        lastCause = e;
        continue;
      } catch (HttpTimeoutException e) {
        lastProblem = "timed out after " + settings.requestTimeout().toMillis() + " ms";
        lastStatus = -1;
        lastCause = e;
        if (!idempotent) {
          throw unknownOutcome(requestName, lastProblem, -1, e);
        }
        continue;
      } catch (IOException e) {
        lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        lastStatus = -1;
        lastCause = e;
        if (!idempotent) {
          throw unknownOutcome(requestName, lastProblem, -1, e);
        }
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExchangeException(requestName + ": interrupted", -1, e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response.body();
      }
      String problem = "HTTP " + status + ": " + excerpt(response.body());
      if (status >= 500 && !idempotent) {
        throw unknownOutcome(requestName, problem, status, null);
      }
      if (status == 429 || status >= 500) {
        lastProblem = problem;
        lastStatus = status;
        lastCause = null;
        continue;
      }
      throw new ExchangeException(requestName + ": " + problem, status, null);
    }
    throw new ExchangeException(requestName + ": failed after " + settings.maxAttempts() + " attempt(s), last: "
        + lastProblem, lastStatus, lastCause);
  }

  private static ExchangeException unknownOutcome(String requestName, String problem, int status, Throwable cause) {
    return new ExchangeException(requestName + ": " + problem + "; the request may have been executed, so it is not "
        + "resent blindly", status, cause, true);
  }

  /**
   * @param retry the retry number, 1 for the first retry
   * @return the wait before it, ms (see the class comment)
   */
  long backoffMs(int retry) {
    long initial = settings.initialBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    long cap = initial;
    for (int i = 1; i < retry && cap < max; i++) {
      cap *= 2;
    }
    cap = Math.min(cap, max);
    double u = jitter.getAsDouble();
    return Math.round(cap / 2.0 + u * cap / 2.0);
  }

  private void pause(long ms, String requestName) {
    if (ms <= 0) {
      return;
    }
    try {
      sleeper.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExchangeException(requestName + ": interrupted during retry backoff", -1, e);
    }
  }

  private static String excerpt(String body) {
    if (body == null || body.isEmpty()) {
      return "(empty body)";
    }
    String flat = body.replaceAll("[\\r\\n\\t]+", " ").strip();
    return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "...";
  }

  /** @return HTTP attempts made so far (first tries and retries) */
  public long attempts() {
    return attempts.get();
  }

  /** @return retries made so far */
  public long retries() {
    return retries.get();
  }

  /** @return the weight budget every attempt draws on */
  public RateLimiter limiter() {
    return limiter;
  }

  /** @return the settings */
  public Settings settings() {
    return settings;
  }
}
