package io.slipstream.live.fake;

import com.sun.net.httpserver.HttpServer;
import io.slipstream.live.hl.BookLevel;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.Network;
import io.slipstream.live.hl.Position;
import io.slipstream.live.hl.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A fake Hyperliquid perpetuals exchange on 127.0.0.1 for integration tests: it speaks the protocol of
 * {@code ../shared/hyperliquid/API.md} (REST {@code POST /info}, {@code POST /exchange}, WebSocket {@code /ws}) with
 * a small matching engine against scripted synthetic books, and can inject faults.
 *
 * <h2>Endpoints</h2>
 * REST and WebSocket listen on two different ephemeral ports, so {@code Network.of(restBase, ..)} (which derives
 * {@code ws://host:RESTPORT/ws}) does <b>not</b> reach the WebSocket: build the network explicitly with
 * {@link #network(boolean)}, i.e. {@code new Network("custom", restBase(), wsUrl(), mainnet)}.
 *
 * <h2>Market</h2>
 * {@link #addCoin} lists a perpetual (asset index = insertion order) with a synthetic book: best bid/ask at
 * {@code mid -/+ mid x spreadBps / 2 / 1e4}, rounded outwards onto the valid price grid, then 20 levels a side one
 * tick apart (tick = the smallest valid step for 5 significant figures and {@code 6 - szDecimals} decimals), each
 * {@code depthPerLevel} in size, {@code n = 1}. The book lists this synthetic liquidity only: the accounts' resting
 * orders do not appear in it and never trade with each other. Taker orders consume book levels until the next
 * {@link #setMid} or {@link #setBook}; the mid stays where it was scripted.
 *
 * <h2>Orders ({@code order} action)</h2>
 * Checks per order, in this order, each answered as a per-order {@code {"error": text}}: asset exists; price
 * valid ({@link #ERR_INVALID_PRICE}); a trigger order's trigger price valid ({@link #ERR_INVALID_TRIGGER_PRICE});
 * size valid ({@link #ERR_INVALID_SIZE}); cloid not used
 * before by the account ({@link #ERR_DUPLICATE_CLOID}). The order then gets an oid and keeps its cloid even if a
 * later rule rejects it: reduce-only that would not reduce ({@link #ERR_REDUCE_ONLY}, status
 * {@code reduceOnlyRejected}); notional {@code px x sz < $10} unless reduce-only ({@link #ERR_MIN_VALUE},
 * {@code minTradeNtlRejected}); then by tif:
 * <ul>
 *   <li>{@code Alo}: a buy at or above the best ask, or a sell at or below the best bid, is rejected with
 *     {@code Post only order would have immediately matched, bbo was {bid}@{ask}.} ({@code badAloPxRejected});
 *     otherwise it rests: {@code {"resting":{"oid":N}}}.</li>
 *   <li>{@code Ioc}: walks the opposite levels up to its limit, one fill per level at the level price (taker fee);
 *     the rest is cancelled. Reply {@code {"filled":{"totalSz","avgPx","oid"}}} (status {@code filled}, or
 *     {@code canceled} when partial), or the error {@code Order could not immediately match against any resting
 *     orders. asset=N} ({@code iocCancelRejected}) when nothing fills.</li>
 *   <li>{@code Gtc}: takes like Ioc, the rest rests; reply {@code resting} when anything rests (also after a
 *     partial fill), else {@code filled}.</li>
 * </ul>
 * <b>Trigger orders</b> ({@code t.trigger: {isMarket, triggerPx, tpsl}}) answer {@code resting} and wait off the
 * book, listed by {@code openOrders} and, with {@code isTrigger: true}, their {@code triggerPx} and an
 * {@code orderType} of {@code "Stop Market"}, {@code "Stop Limit"}, {@code "Take Profit Market"} or
 * {@code "Take Profit Limit"}, by {@code frontendOpenOrders}. A stop-loss that sells (closes a long) or a
 * take-profit that buys fires when the mid is at or below its trigger price, the other two at or above it; this is
 * checked when the order is placed and at every {@link #setMid} / {@link #setBook}. A fired order pushes status
 * {@code triggered} and then takes the book up to its limit price {@code p}: a market trigger like an Ioc (the
 * rest is cancelled), a limit trigger like a Gtc (the rest rests at {@code p}); reduce-only ones are clipped to
 * the position and {@code reduceOnlyCanceled} when it is flat. They are cancelled like any other order.
 * A reduce-only order never fills more than the position (a taker's excess is cancelled; a resting one is clipped
 * and then {@code reduceOnlyCanceled}). A resting order fills completely at its own limit price, as maker, when
 * {@link #setMid} (or {@link #setBook}) moves the mid to or through it (buy: mid &lt;= limit; sell: mid &gt;= limit),
 * when {@link #tradeThrough} prints a trade at or through it, or partially via {@link #fillOrder}. Fees: taker
 * 4.5 bps and maker 1.5 bps of notional ({@link #setFees}), rounded to 6 decimals, paid from cash. Account value =
 * cash + unrealised P&amp;L (positions marked at mid); there are no margin checks or liquidations.
 *
 * <h2>Exchange requests</h2>
 * Body {@code {action, nonce, signature:{r,s,v}, vaultAddress, expiresAfter}}. A malformed body or action answers
 * HTTP 422; whole-request errors answer {@code {"status":"err","response":text}}: a signature of the wrong shape
 * ({@code Invalid signature: ...}), an expired {@code expiresAfter}, a signature the {@link SignatureCheck}
 * refuses ({@link #ERR_SIGNATURE}), a nonce outside (now - 2 days, now + 1 day), already used by the signer, or
 * below the signer's 100 highest ({@link #ERR_NONCE}...). The account traded is the signer, or
 * {@code vaultAddress} when set. {@code cancel}/{@code cancelByCloid} answer {@code "success"} or
 * {@code {"error":"Order was never placed, already canceled, or filled. asset=N"}}; {@code scheduleCancel} with a
 * {@code time} at least 5 s ahead sets the dead man's switch (without {@code time} it unsets it), which cancels the
 * account's open orders (status {@code scheduledCancel}) when due.
 *
 * <h2>Info requests</h2>
 * {@code meta, metaAndAssetCtxs, candleSnapshot} (open time in [start, end], ascending, at most 500 a reply),
 * {@code fundingHistory} (time in [start, end or forever], at most 500), {@code l2Book} ({@code null} for an
 * unknown coin), {@code allMids, clearinghouseState, openOrders, userFills} (newest first, at most 2000),
 * {@code orderStatus} (by oid number or cloid string; {@code {"status":"unknownOid"}} when unknown or another
 * account's). Numbers are strings as on the real API: prices and sizes in {@link WireFormat#toWire} form, USD
 * amounts with at most 6 decimals, scripted market data (candles, funding, mids) as the shortest decimal string of
 * the double.
 *
 * <h2>WebSocket</h2>
 * {@code {"method":"subscribe","subscription":{...}}} for {@code userFills{user}, orderUpdates{user},
 * l2Book{coin}, allMids}, acked with {@code {"channel":"subscriptionResponse","data":{"method","subscription"}}};
 * {@code userFills} then sends a snapshot ({@code isSnapshot: true}, all the account's fills, oldest first),
 * {@code l2Book} and {@code allMids} the current state. Live {@code userFills} messages carry no {@code isSnapshot}
 * field (as on the real API), one message per order event. {@code orderUpdates} pushes one entry per status change;
 * {@code l2Book} every book change; {@code allMids} every mid change. {@code {"method":"ping"}} answers
 * {@code {"channel":"pong"}}; a bad message answers {@code {"channel":"error","data":text}}. A connection with no
 * client text message for {@link #setIdleTimeout idleTimeout} (default 60 s; WebSocket ping frames do not count)
 * is closed with code 1000.
 *
 * <p>Thread safety: all state sits behind one lock; every method may be called from any thread. Tests should
 * {@link #close()} the fake (try-with-resources).
 */
public final class FakeExchange implements AutoCloseable {
  /** The account the default {@link SignatureCheck#shapeOnly} check attributes every signature to. */
  public static final String DEFAULT_ACCOUNT = "0x1111111111111111111111111111111111111111";
  /** Per-order error: notional under $10 (reduce-only orders excepted). */
  public static final String ERR_MIN_VALUE = "Order must have minimum value of $10.";
  /** Per-order error: more than 5 significant figures, more than {@code 6 - szDecimals} decimals, or not > 0. */
  public static final String ERR_INVALID_PRICE = "Order has invalid price.";
  /** Per-order error: a trigger price with more than 5 significant figures or too many decimals, or not > 0. */
  public static final String ERR_INVALID_TRIGGER_PRICE = "Order has invalid trigger price.";
  /** Per-order error: more than {@code szDecimals} decimals, or not > 0. */
  public static final String ERR_INVALID_SIZE = "Order has invalid size.";
  /** Per-order error: a reduce-only order on a flat position or on the same side as the position. */
  public static final String ERR_REDUCE_ONLY = "Reduce only order would increase position.";
  /**
   * Per-order error: the account already placed an order with this cloid (the fake's own text; the real exchange
   * refuses duplicates with a text not documented in API.md).
   */
  public static final String ERR_DUPLICATE_CLOID = "Order has duplicate cloid.";
  /** Per-cancel error prefix (followed by {@code " asset=N"}). */
  public static final String ERR_CANCEL_UNKNOWN = "Order was never placed, already canceled, or filled.";
  /** Whole-request error when the {@link SignatureCheck} returns no signer. */
  public static final String ERR_SIGNATURE = "Signature does not verify.";
  /** Prefix of the whole-request nonce errors. */
  public static final String ERR_NONCE = "Invalid nonce";
  /** Whole-request error of a {@code scheduleCancel} less than 5 s ahead. */
  public static final String ERR_SCHEDULE_TOO_EARLY =
      "Scheduled cancel time too early, must be at least 5 seconds after current time.";

  private static final long TIMER_PERIOD_MS = 10;

  private final Engine engine = new Engine(System::currentTimeMillis);
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final RestHandler rest = new RestHandler(engine, requests, errors);
  private final WsHub hub = new WsHub(engine);
  private final HttpServer http;
  private final ExecutorService httpExecutor;
  private final MiniWebSocketServer ws;
  private final ScheduledExecutorService timer;
  private volatile LongSupplier wsClock = System::currentTimeMillis;

  private FakeExchange() {
    engine.setPublisher(hub);
    AtomicInteger n = new AtomicInteger();
    httpExecutor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-hl-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the fake exchange's HTTP server on 127.0.0.1", e);
    }
    http.createContext("/", rest);
    http.setExecutor(httpExecutor);
    http.start();
    ws = new MiniWebSocketServer("/ws", hub, errors);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fake-hl-timer");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::tick, TIMER_PERIOD_MS, TIMER_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a fake exchange with an empty universe on 127.0.0.1 (REST and WebSocket on ephemeral ports).
   *
   * @return the running fake
   * @throws UncheckedIOException if a port cannot be bound
   */
  public static FakeExchange start() {
    return new FakeExchange();
  }

  private void tick() {
    try {
      engine.checkScheduledCancels();
      hub.checkIdle(ws.connections(), wsClock.getAsLong());
    } catch (RuntimeException e) {
      errors.add(e); // keep the timer alive; tests see it in serverErrors()
    }
  }

  // ---------------------------------------------------------------- endpoints

  /** @return the REST base, {@code http://127.0.0.1:PORT} ({@code /info} and {@code /exchange} below it) */
  public URI restBase() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** @return the WebSocket URL, {@code ws://127.0.0.1:WSPORT/ws} (a different port from {@link #restBase()}) */
  public URI wsUrl() {
    return URI.create("ws://127.0.0.1:" + ws.port() + "/ws");
  }

  /**
   * @param mainnet the signature source the client should use ({@code "a"} when true, {@code "b"} otherwise)
   * @return {@code new Network("custom", restBase(), wsUrl(), mainnet)}
   */
  public Network network(boolean mainnet) {
    return new Network("custom", restBase(), wsUrl(), mainnet);
  }

  // ---------------------------------------------------------------- market

  /**
   * Lists a perpetual with a synthetic book around {@code midPx} (see the class comment).
   *
   * @param coin the coin name
   * @param szDecimals size decimals, 0..6
   * @param midPx the mid price, USD, &gt; 0
   * @param spreadBps the full bid-ask spread, bps of the mid, &gt;= 0 (the grid may widen it)
   * @param depthPerLevel size of each book level, base asset, rounded to {@code szDecimals}
   * @return this
   * @throws IllegalArgumentException naming the parameter when a value is out of range or the coin exists
   */
  public FakeExchange addCoin(String coin, int szDecimals, double midPx, double spreadBps, double depthPerLevel) {
    engine.addCoin(coin, szDecimals, midPx, spreadBps, depthPerLevel);
    return this;
  }

  /**
   * Moves the mid: rebuilds the coin's synthetic book around it (restoring consumed depth), pushes {@code l2Book}
   * and {@code allMids}, then fills every resting buy with limit &gt;= px and sell with limit &lt;= px at its limit.
   *
   * @param coin a listed coin
   * @param px the new mid, USD, &gt; 0
   * @throws IllegalArgumentException for an unknown coin or a price that is not positive and finite
   */
  public void setMid(String coin, double px) {
    engine.setMid(coin, px);
  }

  /**
   * @param coin a listed coin
   * @return its scripted mid, USD
   * @throws IllegalArgumentException for an unknown coin
   */
  public double mid(String coin) {
    return engine.mid(coin);
  }

  /**
   * Replaces the coin's book exactly; the mid becomes (best bid + best ask) / 2 when both sides are non-empty
   * (otherwise it stays), then resting orders the new mid reaches fill as in {@link #setMid}. A later
   * {@code setMid} rebuilds the synthetic book.
   *
   * @param coin a listed coin
   * @param bids levels, strictly descending price, valid prices and sizes for the coin
   * @param asks levels, strictly ascending price
   * @throws IllegalArgumentException naming the level when a price or size is invalid, out of order, or the book
   *     is crossed
   */
  public void setBook(String coin, List<BookLevel> bids, List<BookLevel> asks) {
    engine.setBook(coin, bids, asks);
  }

  /**
   * @param coin a listed coin
   * @return the current book (up to 20 levels a side), as {@code l2Book} serves it
   */
  public L2Book l2Book(String coin) {
    return engine.l2Book(coin);
  }

  /**
   * Prints a trade at {@code px} without touching the book or mid: every resting buy with limit &gt;= px and sell
   * with limit &lt;= px fills completely at its limit price as maker.
   *
   * @param coin a listed coin
   * @param px trade price, USD
   * @return the fills made, in oid order
   */
  public List<FakeFill> tradeThrough(String coin, double px) {
    return engine.tradeThrough(coin, px);
  }

  /**
   * Partially (or fully) fills one resting order at its limit price as maker.
   *
   * @param oid an open order's oid
   * @param sz size to fill, base asset, &lt;= remaining, at most {@code szDecimals} decimals
   * @return the fill
   * @throws IllegalArgumentException for an unknown oid or a bad size
   * @throws IllegalStateException when the order is not open, or a reduce-only order meets a flat position
   */
  public FakeFill fillOrder(long oid, double sz) {
    return engine.fillOrder(oid, sz);
  }

  /**
   * Adds candles served by {@code candleSnapshot} (a candle with the same open time replaces the old one).
   *
   * @param coin a listed coin
   * @param interval one of {@code 1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d 3d 1w 1M}
   * @param candles candles of that coin and interval
   * @throws IllegalArgumentException for an unknown coin or interval, or a candle of another coin or interval
   */
  public void addCandles(String coin, String interval, List<Candle> candles) {
    engine.addCandles(coin, interval, candles);
  }

  /**
   * Adds {@code fundingHistory} rows (kept sorted by time).
   *
   * @param coin a listed coin
   * @param rows rows of that coin
   * @throws IllegalArgumentException for an unknown coin or a row of another coin
   */
  public void addFunding(String coin, List<FundingRate> rows) {
    engine.addFunding(coin, rows);
  }

  /**
   * Pays funding now: every account with a position pays {@code rate x szi x mid} USD (rounded to 6 decimals; longs
   * pay when the rate is positive, shorts receive), and a {@code fundingHistory} row (premium 0) is added.
   *
   * @param coin a listed coin
   * @param rate the funding rate for the period, a fraction of notional
   */
  public void payFunding(String coin, double rate) {
    engine.payFunding(coin, rate, System.currentTimeMillis());
  }

  /**
   * {@link #payFunding(String, double)} with an explicit row time.
   *
   * @param coin a listed coin
   * @param rate the funding rate, a fraction
   * @param timeMs the {@code fundingHistory} row time, epoch ms
   */
  public void payFunding(String coin, double rate, long timeMs) {
    engine.payFunding(coin, rate, timeMs);
  }

  /**
   * Sets the {@code metaAndAssetCtxs} context fields that are not derived from the mid (defaults: volume and open
   * interest 0, prevDayPx = the mid given to {@link #addCoin}).
   *
   * @param coin a listed coin
   * @param dayNtlVlmUsd {@code dayNtlVlm}, USD, &gt;= 0 ({@code dayBaseVlm} = this / mid)
   * @param openInterest {@code openInterest}, base asset, &gt;= 0
   * @param prevDayPx {@code prevDayPx}, USD, &gt; 0
   */
  public void setAssetContext(String coin, double dayNtlVlmUsd, double openInterest, double prevDayPx) {
    engine.setAssetContext(coin, dayNtlVlmUsd, openInterest, prevDayPx);
  }

  /**
   * @param coin a listed coin
   * @param delisted whether {@code meta} marks it {@code isDelisted: true} (trading is not blocked)
   */
  public void setDelisted(String coin, boolean delisted) {
    engine.setDelisted(coin, delisted);
  }

  /**
   * @param takerBps taker fee, bps of notional (default 4.5)
   * @param makerBps maker fee, bps of notional (default 1.5; negative = rebate)
   */
  public void setFees(double takerBps, double makerBps) {
    engine.setFees(takerBps, makerBps);
  }

  // ---------------------------------------------------------------- accounts

  /** @return the primary account (lowercase), {@link #DEFAULT_ACCOUNT} unless {@link #setAccount} changed it */
  public String account() {
    return engine.account();
  }

  /**
   * Sets the primary account; while no custom {@link SignatureCheck} is set, every well-formed signature is
   * attributed to it.
   *
   * @param address {@code 0x} + 40 hex
   * @throws IllegalArgumentException for a malformed address
   */
  public void setAccount(String address) {
    engine.setAccount(address);
  }

  /**
   * Approves an API (agent) wallet: exchange requests it signs act on {@code master}'s account (its nonces stay its
   * own), and {@code userRole} answers {@code {"role":"agent","data":{"user":master}}} for it.
   *
   * @param master the account, {@code 0x} + 40 hex
   * @param agent the API wallet's address
   * @throws IllegalArgumentException for a malformed address, or an agent equal to the master or a vault
   */
  public void approveAgent(String master, String agent) {
    engine.approveAgent(master, agent);
  }

  /**
   * Registers a vault led by {@code leader}: a request with {@code vaultAddress} = vault trades the vault's account
   * and is accepted only when signed by the leader or one of its API wallets (otherwise
   * {@code {"status":"err","response":"User or API Wallet .. is not the leader of vault .."}}). {@code userRole}
   * answers {@code vault} for it and {@code vaultDetails} its leader. While no vault and no agent is registered,
   * any {@code vaultAddress} is accepted (the fake's older, permissive behaviour).
   *
   * @param vault the vault's address
   * @param leader its leader's address
   */
  public void addVault(String vault, String leader) {
    engine.addVault(vault, leader);
  }

  /**
   * Rests a spot order ({@code @N}, asset {@code 10000 + N}; spot pairs are not in {@code meta}) for an account, as
   * if placed elsewhere: {@code openOrders} lists it and {@code cancel} with asset {@code 10000 + N} removes it.
   *
   * @param user the account
   * @param spotIndex N, in [0, 9999]
   * @param isBuy side
   * @param px limit price, USD
   * @param sz size, base asset
   * @return its oid
   */
  public long restSpotOrder(String user, int spotIndex, boolean isBuy, double px, double sz) {
    return engine.restSpotOrder(user, spotIndex, isBuy, px, sz);
  }

  /**
   * @param check decides the signer of each exchange request (e.g. recovery from the signature)
   * @throws IllegalArgumentException when null
   */
  public void setSignatureCheck(SignatureCheck check) {
    engine.setSignatureCheck(check);
  }

  /**
   * Sets the primary account's cash so that its account value is {@code usd} now.
   *
   * @param usd account value, USD
   */
  public void setAccountValue(double usd) {
    engine.setAccountValue(account(), usd);
  }

  /**
   * @param user an account address
   * @param usd account value to set now (cash = usd - unrealised P&amp;L), USD
   */
  public void setAccountValue(String user, double usd) {
    engine.setAccountValue(user, usd);
  }

  /**
   * @param user an account address
   * @return cash + unrealised P&amp;L at the mids, USD (unrounded)
   */
  public double accountValue(String user) {
    return engine.accountValue(user);
  }

  /**
   * @param user an account address
   * @return cash, USD: initial value + realised P&amp;L - fees - funding paid
   */
  public double cash(String user) {
    return engine.cash(user);
  }

  /**
   * @param user an account address
   * @param coin a coin
   * @return the open position (size, entry, value and unrealised P&amp;L at mid), empty when flat
   */
  public Optional<Position> position(String user, String coin) {
    return engine.position(user, coin);
  }

  /**
   * @param user an account address
   * @return the scheduled-cancel time set by {@code scheduleCancel}, epoch ms, if any
   */
  public OptionalLong scheduledCancelMs(String user) {
    return engine.scheduledCancelMs(user);
  }

  /**
   * Runs the account's scheduled cancel now, as if its time had come.
   *
   * @param user an account address
   * @return the number of orders cancelled
   * @throws IllegalStateException when no scheduled cancel is set
   */
  public int fireScheduledCancel(String user) {
    return engine.fireScheduledCancel(user);
  }

  // ---------------------------------------------------------------- observation

  /** @return every order that got an oid, in oid order, with its current status */
  public List<FakeOrder> orders() {
    return engine.orders();
  }

  /**
   * @param oid an oid
   * @return that order's current snapshot, if known
   */
  public Optional<FakeOrder> order(long oid) {
    return engine.order(oid);
  }

  /** @return every fill booked, in time order */
  public List<FakeFill> fills() {
    return engine.fills();
  }

  /** @return every {@code /info} and {@code /exchange} request received, in arrival order (a copy) */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** @return the {@code /exchange} requests received, in arrival order */
  public List<RecordedRequest> exchangeRequests() {
    return requests().stream().filter(r -> r.endpoint().equals("exchange")).toList();
  }

  /** @return how many {@code /info} requests were received (failed injections included) */
  public int infoRequestCount() {
    return (int) requests().stream().filter(r -> r.endpoint().equals("info")).count();
  }

  /**
   * @param type an info type, e.g. {@code candleSnapshot}
   * @return how many {@code /info} requests of that type were received
   */
  public int infoRequestCount(String type) {
    return (int) requests().stream().filter(r -> r.endpoint().equals("info") && r.type().equals(type)).count();
  }

  /** @return every text message WebSocket clients sent, in arrival order (pings and subscriptions included) */
  public List<String> webSocketClientMessages() {
    return hub.clientMessages();
  }

  /** @return the number of open WebSocket connections (not closing, not closed) */
  public int webSocketConnections() {
    return (int) ws.connections().stream().filter(MiniWebSocketServer.Connection::isOpen).count();
  }

  /** @return how many WebSocket connections completed the handshake since start (reconnects show here) */
  public int webSocketConnectionsOpened() {
    return hub.connectionsOpened();
  }

  /** @return how many WebSocket connections the idle rule closed */
  public int webSocketIdleDrops() {
    return hub.idleDrops();
  }

  /**
   * @param subscriptionKey {@code userFills:<user>}, {@code orderUpdates:<user>} (lowercase user),
   *     {@code l2Book:<coin>} or {@code allMids}
   * @return how many open connections hold that subscription
   */
  public int subscriberCount(String subscriptionKey) {
    return hub.subscriberCount(subscriptionKey);
  }

  /** @return unexpected exceptions inside the fake (each also answered HTTP 500); empty in a healthy run */
  public List<Throwable> serverErrors() {
    return List.copyOf(errors);
  }

  // ---------------------------------------------------------------- faults

  /**
   * The next {@code n} REST requests ({@code /info} or {@code /exchange}) are answered {@code httpStatus} with a
   * text body and are not processed (they are recorded). Calls add up.
   *
   * @param n how many, &gt;= 0
   * @param httpStatus e.g. 429 or 500
   * @throws IllegalArgumentException when n &lt; 0 or the status is not in 400..599
   */
  public void failNext(int n, int httpStatus) {
    if (n < 0 || httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("failNext needs n >= 0 and an HTTP error status, was n = " + n
          + ", status " + httpStatus);
    }
    rest.failNext(n, httpStatus);
  }

  /**
   * The next {@code n} REST requests are processed (an order is placed, a cancel done) and then answered
   * {@code httpStatus} with a text body, as a gateway failing after the exchange executed the request. Calls add up.
   *
   * @param n how many, &gt;= 0
   * @param httpStatus e.g. 502
   * @throws IllegalArgumentException when n &lt; 0 or the status is not in 500..599
   */
  public void failNextAfterProcessing(int n, int httpStatus) {
    if (n < 0 || httpStatus < 500 || httpStatus > 599) {
      throw new IllegalArgumentException("failNextAfterProcessing needs n >= 0 and a 5xx status, was n = " + n
          + ", status " + httpStatus);
    }
    rest.failNextAfterProcessing(n, httpStatus);
  }

  /**
   * The next {@code n} served REST requests are processed at once but answered only after {@code delay}, e.g. past
   * the client's timeout: an order is then placed although the client saw a timeout. Calls add up.
   *
   * @param n how many, &gt;= 0
   * @param delay how long to hold each reply, &gt;= 0
   * @throws IllegalArgumentException when n &lt; 0 or the delay is negative
   */
  public void delayNext(int n, Duration delay) {
    if (n < 0 || delay.isNegative()) {
      throw new IllegalArgumentException("delayNext needs n >= 0 and delay >= 0, was n = " + n + ", " + delay);
    }
    rest.delayNext(n, delay);
  }

  /**
   * Drops every WebSocket connection now, without a close frame (the client sees a network failure). New
   * connections are accepted as usual.
   *
   * @return how many connections were dropped
   */
  public int dropWebSockets() {
    List<MiniWebSocketServer.Connection> open = ws.connections();
    open.forEach(MiniWebSocketServer.Connection::abort);
    return open.size();
  }

  /** @param on whether every live {@code userFills} message is sent twice (snapshots are not) */
  public void duplicateFillMessages(boolean on) {
    hub.duplicateFills(on);
  }

  /**
   * The next {@code n} live {@code userFills} messages that have a subscriber are never sent (the fills are booked
   * and REST {@code userFills} shows them). Calls add up.
   *
   * @param n how many, &gt;= 0
   * @throws IllegalArgumentException when n &lt; 0
   */
  public void loseNextFillMessages(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("loseNextFillMessages needs n >= 0, was " + n);
    }
    hub.loseFills(n);
  }

  /**
   * Holds every push (fills, order updates, books, mids) until {@link #resumeWebSocketPushes()}; replies to the
   * client's own messages (acks, snapshots, pongs) still go out.
   */
  public void pauseWebSocketPushes() {
    hub.pause();
  }

  /** Sends the held pushes in order (to the connections subscribed now) and stops holding. */
  public void resumeWebSocketPushes() {
    hub.resume();
  }

  /**
   * @param idleTimeout how long a WebSocket connection may stay without a client text message before the server
   *     closes it (default 60 s); checked about every 10 ms
   * @throws IllegalArgumentException when not positive
   */
  public void setIdleTimeout(Duration idleTimeout) {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
    hub.setIdleTimeout(idleTimeout);
  }

  /**
   * Replaces the clock the WebSocket idle rule reads (default: system time), for tests that step time by hand: a
   * connection's last client message is stamped with it and the idle check (about every 10 ms) compares against it.
   *
   * @param clock epoch ms
   */
  public void setWebSocketClock(LongSupplier clock) {
    if (clock == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    wsClock = clock;
    ws.setClock(clock);
  }

  /** Stops both servers and the timer, dropping open connections and pending replies; idempotent. */
  @Override
  public void close() {
    timer.shutdownNow();
    http.stop(0);
    httpExecutor.shutdownNow();
    ws.close();
  }
}
