package io.slipstream.live.hl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A Hyperliquid WebSocket session ({@link UserStream}) over {@link java.net.http.WebSocket} (API.md "Endpoints").
 *
 * <p>Protocol: subscriptions are {@code {"method":"subscribe","subscription":{"type":..,..}}}; messages are
 * {@code {"channel":..,"data":..}} and are decoded by channel: {@code userFills} ({@code data.user},
 * {@code data.fills[]}; the snapshot ({@code isSnapshot: true}) the server sends on every subscription, so after
 * every reconnect, delivers only the fills this session has not delivered before, so that a consumer counting
 * repeated trade ids sees only repeated live messages), {@code orderUpdates} ({@code data[]} of
 * {@code {order:{coin,side,limitPx,sz,oid,timestamp,cloid?},status,statusTimestamp}}), {@code l2Book}
 * ({@code data:{coin,time,levels:[bids,asks]}}); {@code subscriptionResponse} and {@code pong} are acknowledgements
 * and are ignored, as is the server's plain-text greeting {@code "Websocket connection established."} that opens
 * every connection; {@code error} messages and unknown channels are recorded as errors. Text frames delivered in
 * parts are assembled before decoding.
 *
 * <p>Liveness: the server closes a connection after 60 s of silence, so {@code {"method":"ping"}} is sent every
 * {@link Settings#pingInterval()} (50 s by default). When nothing at all (not even a pong) has been received for
 * {@link Settings#staleTimeout()}, the connection is deemed dead and dropped.
 *
 * <p>Reconnect: when a connection closes, fails, or is dropped, the session reconnects after a backoff of
 * {@code min(reconnectMaxDelay, reconnectInitialDelay * 2^(failures))} (failures = consecutive failed attempts) and
 * resends every subscription; {@link #reconnects()} counts successful reconnects. Messages sent while disconnected
 * are lost (the runner reconciles over REST).
 *
 * <p>Errors: a message that cannot be decoded, a handler that throws, an {@code error} message from the server, or a
 * failed reconnect never ends the session; each is counted in {@link #errors()} and the latest is kept in
 * {@link #lastError()}.
 *
 * <p>Threads: one daemon scheduler thread for pings and reconnects; handlers run on the WebSocket's listener thread,
 * one message at a time. {@link #close()} is idempotent and stops everything.
 */
public final class WsSession implements UserStream {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final AtomicInteger SESSIONS = new AtomicInteger();
  private static final String PING = "{\"method\":\"ping\"}";
  /** The plain-text frame the server sends first on every connection (the official Python SDK skips it too). */
  static final String GREETING = "Websocket connection established.";

  /**
   * Session settings.
   *
   * @param pingInterval time between pings ({@code > 0}; the server drops a connection silent for 60 s)
   * @param staleTimeout a connection from which nothing was received for this long is dropped and reconnected
   *     ({@code > pingInterval})
   * @param reconnectInitialDelay wait before the first reconnect attempt ({@code >= 0})
   * @param reconnectMaxDelay the longest wait between attempts ({@code >= reconnectInitialDelay}, {@code > 0})
   * @param connectTimeout handshake timeout, also the timeout of one send ({@code > 0})
   */
  public record Settings(Duration pingInterval, Duration staleTimeout, Duration reconnectInitialDelay,
      Duration reconnectMaxDelay, Duration connectTimeout) {
    /** Ping every 50 s, stale after 120 s, reconnect after 1 s doubling to 30 s, 10 s connect timeout. */
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(50), Duration.ofSeconds(120),
        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));

    /** Checks the fields. */
    public Settings {
      positive(pingInterval, "pingInterval");
      positive(staleTimeout, "staleTimeout");
      positive(connectTimeout, "connectTimeout");
      positive(reconnectMaxDelay, "reconnectMaxDelay");
      if (staleTimeout.compareTo(pingInterval) <= 0) {
        throw new IllegalArgumentException(
            "Argument 'staleTimeout' must be > pingInterval (" + pingInterval + "), was " + staleTimeout);
      }
      if (reconnectInitialDelay == null || reconnectInitialDelay.isNegative()) {
        throw new IllegalArgumentException(
            "Argument 'reconnectInitialDelay' must be >= 0, was " + reconnectInitialDelay);
      }
      if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
        throw new IllegalArgumentException("Argument 'reconnectMaxDelay' must be >= reconnectInitialDelay ("
            + reconnectInitialDelay + "), was " + reconnectMaxDelay);
      }
    }

    private static void positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Argument '" + name + "' must be > 0, was " + d);
      }
    }
  }

  private final URI url;
  private final Settings settings;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<Conn> current = new AtomicReference<>();
  /** Subscription messages in the order they were first made; also the lock of (re)subscribing. */
  private final Set<String> subscriptions = new LinkedHashSet<>();
  private final Object sendLock = new Object();
  private final Map<String, List<Consumer<Fill>>> fillHandlers = new ConcurrentHashMap<>();
  /** Trade ids delivered per user, so that the snapshot sent on every (re)subscription repeats none. */
  private final Map<String, Set<Long>> deliveredTids = new ConcurrentHashMap<>();
  private final List<BiConsumer<OpenOrder, String>> orderHandlers = new CopyOnWriteArrayList<>();
  private final Map<String, List<Consumer<L2Book>>> bookHandlers = new ConcurrentHashMap<>();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong pings = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  private WsSession(URI url, Settings settings) {
    this.url = url;
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    int n = SESSIONS.incrementAndGet();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hl-ws-" + n);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens a session: connects now and starts the ping timer.
   *
   * @param url the WebSocket URL ({@link Network#wsUrl()})
   * @param settings ping, stale, reconnect and connect settings
   * @return the connected session
   * @throws IllegalArgumentException when an argument is null or the URL is not ws(s)
   * @throws ExchangeException when the first connection fails (no background retry is left running)
   */
  public static WsSession connect(URI url, Settings settings) {
    if (url == null || settings == null) {
      throw new IllegalArgumentException("WsSession.connect arguments must not be null");
    }
    if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
      throw new IllegalArgumentException("WebSocket URL must be ws:// or wss://, was \"" + url + "\"");
    }
    WsSession s = new WsSession(url, settings);
    try {
      Conn c = s.open();
      s.current.set(c);
      if (c.lost.get()) {
        s.current.set(null);
        throw new ExchangeException("WebSocket " + url + ": closed right after opening", -1, null);
      }
    } catch (ExchangeException e) {
      s.closed.set(true);
      s.scheduler.shutdownNow();
      throw e;
    }
    long ping = settings.pingInterval().toMillis();
    s.scheduler.scheduleAtFixedRate(s::pingTick, ping, ping, TimeUnit.MILLISECONDS);
    return s;
  }

  /**
   * @param network the network ({@link Network#wsUrl()})
   * @return a session with {@link Settings#DEFAULT}
   * @throws ExchangeException when the first connection fails
   */
  public static WsSession connect(Network network) {
    return connect(network.wsUrl(), Settings.DEFAULT);
  }

  // ---------------------------------------------------------------------------------------------- subscriptions

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the user is not {@code 0x} + 40 hex or the handler is null
   * @throws IllegalStateException when the session is closed
   */
  @Override
  public void subscribeUserFills(String user, Consumer<Fill> onFill) {
    String u = address(user);
    notNull(onFill, "onFill");
    fillHandlers.computeIfAbsent(u, k -> new CopyOnWriteArrayList<>()).add(onFill);
    subscribe(subscription("userFills").put("user", u));
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code orderUpdates} messages do not name the user: with several users subscribed on one session every
   * handler sees every update.
   *
   * @throws IllegalArgumentException when the user is not {@code 0x} + 40 hex or the handler is null
   * @throws IllegalStateException when the session is closed
   */
  @Override
  public void subscribeOrderUpdates(String user, BiConsumer<OpenOrder, String> onUpdate) {
    String u = address(user);
    notNull(onUpdate, "onUpdate");
    orderHandlers.add(onUpdate);
    subscribe(subscription("orderUpdates").put("user", u));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the coin is blank or the handler is null
   * @throws IllegalStateException when the session is closed
   */
  @Override
  public void subscribeL2Book(String coin, Consumer<L2Book> onBook) {
    if (coin == null || coin.isBlank()) {
      throw new IllegalArgumentException("Argument 'coin' must not be blank, was \"" + coin + "\"");
    }
    notNull(onBook, "onBook");
    bookHandlers.computeIfAbsent(coin, k -> new CopyOnWriteArrayList<>()).add(onBook);
    subscribe(subscription("l2Book").put("coin", coin));
  }

  private static ObjectNode subscription(String type) {
    return F.objectNode().put("type", type);
  }

  /** Records a subscription (sent once per connection) and sends it when connected. */
  private void subscribe(ObjectNode sub) {
    if (closed.get()) {
      throw new IllegalStateException("WebSocket session is closed");
    }
    ObjectNode msg = F.objectNode().put("method", "subscribe");
    msg.set("subscription", sub);
    String text = msg.toString();
    synchronized (subscriptions) {
      if (!subscriptions.add(text)) {
        return; // already subscribed: the new handler shares the feed
      }
      Conn c = current.get();
      if (c != null) {
        send(c, text);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- state

  @Override
  public int reconnects() {
    return reconnects.get();
  }

  /** @return how many messages, handler calls, server errors or reconnect attempts have failed */
  public long errors() {
    return errors.get();
  }

  /** @return the latest error's description, if any */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError.get());
  }

  /** @return pings sent so far */
  public long pingsSent() {
    return pings.get();
  }

  /** @return whether a connection is open now */
  public boolean isConnected() {
    return current.get() != null;
  }

  /** @return the session's URL */
  public URI url() {
    return url;
  }

  /**
   * Closes the connection (a normal close frame, then abort) and stops the ping and reconnect thread; later calls
   * do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    scheduler.shutdownNow();
    Conn c = current.getAndSet(null);
    if (c != null && c.ws != null) {
      c.lost.set(true);
      try {
        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        recordError("close interrupted");
      } catch (ExecutionException | TimeoutException e) {
        recordError("close frame not sent: " + describe(e));
      } finally {
        c.ws.abort();
      }
    }
  }

  @Override
  public String toString() {
    return "WsSession[" + url + ", " + (closed.get() ? "closed" : isConnected() ? "connected" : "reconnecting")
        + ", reconnects " + reconnects.get() + ", errors " + errors.get() + "]";
  }

  // ---------------------------------------------------------------------------------------------- connection

  /** One connection: its socket, its partial-message buffer and whether it has been lost. */
  private final class Conn implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile WebSocket ws;
    private volatile long lastReceivedNanos = System.nanoTime();

    @Override
    public void onOpen(WebSocket webSocket) {
      ws = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      lastReceivedNanos = System.nanoTime();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        dispatch(text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      lastReceivedNanos = System.nanoTime();
      recordError("unexpected binary frame of " + data.remaining() + " bytes");
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
      lastReceivedNanos = System.nanoTime();
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      lastReceivedNanos = System.nanoTime();
      webSocket.request(1); // the JDK answers with a pong itself
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (!closed.get()) {
        // complete the closing handshake (its outcome does not matter: the connection is being replaced)
        synchronized (sendLock) {
          webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
      }
      lost(this, "closed by server: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason),
          false);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      lost(this, "connection error: " + describe(error), true);
    }
  }

  /** Opens one connection. */
  private Conn open() {
    Conn c = new Conn();
    long timeoutMs = settings.connectTimeout().toMillis();
    try {
      WebSocket ws = http.newWebSocketBuilder()
          .connectTimeout(settings.connectTimeout())
          .buildAsync(url, c)
          .get(timeoutMs + 1000, TimeUnit.MILLISECONDS);
      c.ws = ws;
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExchangeException("WebSocket " + url + ": interrupted while connecting", -1, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ExchangeException("WebSocket " + url + ": cannot connect: " + describe(e), -1, e);
    }
  }

  /**
   * Marks a connection lost (once) and schedules a reconnect unless the session is closed.
   *
   * @param asError whether to record the reason as an error (an orderly server close is not)
   */
  private void lost(Conn c, String reason, boolean asError) {
    if (!c.lost.compareAndSet(false, true)) {
      return;
    }
    current.compareAndSet(c, null);
    if (closed.get()) {
      return;
    }
    if (asError) {
      recordError(reason);
    }
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closed.get()) {
      return;
    }
    int f = failures.get();
    long initial = settings.reconnectInitialDelay().toMillis();
    long max = settings.reconnectMaxDelay().toMillis();
    long delay = initial;
    for (int i = 0; i < f && delay < max; i++) {
      delay = Math.max(1, delay * 2);
    }
    delay = Math.min(delay, max);
    try {
      scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      if (!closed.get()) {
        recordError("reconnect not scheduled: " + describe(e));
      }
    }
  }

  private void reconnect() {
    if (closed.get()) {
      return;
    }
    Conn c;
    try {
      c = open();
    } catch (ExchangeException e) {
      if (closed.get()) {
        return; // close() interrupted the attempt
      }
      failures.incrementAndGet();
      recordError("reconnect failed: " + e.getMessage());
      scheduleReconnect();
      return;
    }
    synchronized (subscriptions) {
      if (closed.get()) {
        c.ws.abort();
        return;
      }
      if (c.lost.get()) {
        return; // lost again already; that loss scheduled the next attempt
      }
      current.set(c);
      failures.set(0);
      reconnects.incrementAndGet();
      for (String sub : subscriptions) {
        if (!send(c, sub)) {
          return;
        }
      }
    }
  }

  /** Sends one text message on a connection; a failure drops the connection (and so reconnects). */
  private boolean send(Conn c, String text) {
    synchronized (sendLock) {
      try {
        c.ws.sendText(text, true).get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (!closed.get()) {
          recordError("send interrupted");
        }
        return false;
      } catch (ExecutionException | TimeoutException e) {
        c.ws.abort();
        lost(c, "send failed: " + describe(e), true);
        return false;
      }
    }
  }

  private void pingTick() {
    Conn c = current.get();
    if (c == null || closed.get()) {
      return;
    }
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c.lastReceivedNanos);
    if (silentMs > settings.staleTimeout().toMillis()) {
      c.ws.abort();
      lost(c, "no message for " + silentMs + " ms: connection dropped", true);
      return;
    }
    if (send(c, PING)) {
      pings.incrementAndGet();
    }
  }

  // ---------------------------------------------------------------------------------------------- decoding

  /** Decodes one complete message and calls the handlers; never throws. */
  private void dispatch(String text) {
    if (text.strip().equals(GREETING)) {
      return; // the server's first frame on every connection: plain text, not JSON, not an error
    }
    JsonNode root;
    String channel;
    try {
      root = HyperliquidClient.parse(text, "ws message");
      channel = HyperliquidClient.str(root, "channel", "ws message");
    } catch (RuntimeException e) {
      recordError(describe(e));
      return;
    }
    try {
      switch (channel) {
        case "pong":
        case "subscriptionResponse":
          return;
        case "userFills":
          onUserFills(HyperliquidClient.field(root, "data", "ws userFills"));
          return;
        case "orderUpdates":
          onOrderUpdates(HyperliquidClient.field(root, "data", "ws orderUpdates"));
          return;
        case "l2Book":
          onBook(HyperliquidClient.field(root, "data", "ws l2Book"));
          return;
        case "error":
          recordError("server error: " + HyperliquidClient.excerpt(String.valueOf(root.get("data"))));
          return;
        default:
          recordError("unexpected channel \"" + channel + "\"");
      }
    } catch (RuntimeException e) {
      recordError(describe(e));
    }
  }

  private void onUserFills(JsonNode data) {
    String ctx = "ws userFills";
    String user = HyperliquidClient.str(data, "user", ctx).toLowerCase(Locale.ROOT);
    JsonNode fills = HyperliquidClient.array(data, "fills", ctx);
    JsonNode snap = data.get("isSnapshot");
    boolean snapshot = snap != null && snap.asBoolean(false);
    List<Consumer<Fill>> handlers = fillHandlers.getOrDefault(user, List.of());
    Set<Long> seen = deliveredTids.computeIfAbsent(user, k -> ConcurrentHashMap.newKeySet());
    for (int i = 0; i < fills.size(); i++) {
      Fill f;
      try {
        f = HyperliquidClient.decodeFill(fills.get(i), ctx + " fills[" + i + "]");
      } catch (RuntimeException e) {
        recordError(describe(e));
        continue;
      }
      // a snapshot restates the account's fills: only those this session has not delivered are news
      if (!seen.add(f.tid()) && snapshot) {
        continue;
      }
      for (Consumer<Fill> h : handlers) {
        call(() -> h.accept(f), "userFills");
      }
    }
  }

  private void onOrderUpdates(JsonNode data) {
    String ctx = "ws orderUpdates";
    if (!data.isArray()) {
      throw HyperliquidClient.garbled(ctx, "data", data);
    }
    for (int i = 0; i < data.size(); i++) {
      String c = ctx + " [" + i + "]";
      OpenOrder o;
      String status;
      try {
        JsonNode u = data.get(i);
        o = HyperliquidClient.decodeOrder(HyperliquidClient.field(u, "order", c), c + ".order");
        status = HyperliquidClient.str(u, "status", c);
      } catch (RuntimeException e) {
        recordError(describe(e));
        continue;
      }
      for (BiConsumer<OpenOrder, String> h : orderHandlers) {
        call(() -> h.accept(o, status), "orderUpdates");
      }
    }
  }

  private void onBook(JsonNode data) {
    L2Book book = HyperliquidClient.decodeBook(data, "ws l2Book");
    for (Consumer<L2Book> h : bookHandlers.getOrDefault(book.coin(), List.of())) {
      call(() -> h.accept(book), "l2Book");
    }
  }

  private void call(Runnable handler, String channel) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      recordError(channel + " handler threw " + describe(e));
    }
  }

  private void recordError(String message) {
    errors.incrementAndGet();
    lastError.set(message);
  }

  private static String describe(Throwable e) {
    Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static String address(String a) {
    if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("Argument 'user' must be 0x + 40 hex digits, was \"" + a + "\"");
    }
    return a.toLowerCase(Locale.ROOT);
  }

  private static void notNull(Object o, String name) {
    if (o == null) {
      throw new IllegalArgumentException("Argument '" + name + "' must not be null");
    }
  }

  /**
   * Waits until the ping and reconnect thread has ended (for tests: after {@link #close()} nothing can send a ping or
   * open a connection any more).
   *
   * @param wait the longest wait
   * @return true when it has ended
   * @throws InterruptedException when interrupted
   */
  boolean awaitStopped(Duration wait) throws InterruptedException {
    return scheduler.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** @return the subscription messages sent on every (re)connect, in order (for tests and diagnostics) */
  List<String> subscriptionMessages() {
    synchronized (subscriptions) {
      return new ArrayList<>(subscriptions);
    }
  }
}
