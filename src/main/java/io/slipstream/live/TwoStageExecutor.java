package io.slipstream.live;

import io.slipstream.live.hl.ExchangeApi.CloidCancel;
import io.slipstream.live.hl.ExchangeException;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderQuery;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PriceRules;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.store.AuditStore;
import io.slipstream.live.store.AuditStore.OrderRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Two-stage execution of a rebalance's deltas (the Gradient live plan).
 *
 * <p><b>Stage 1, passive.</b> Every delta is quoted as one post-only ({@code Alo}) limit order joining the touch
 * (buys at the best bid, sells at the best ask; {@code limit_order_aggression} moves the quote into the spread,
 * never to the opposite touch). Fills are watched (the venue's fill feed, de-duplicated by trade id) for up to
 * {@code passive_timeout_seconds}. When the book moves away from a quote (a better bid above a resting buy, a better
 * ask below a resting sell) or a quote is rejected for crossing, it is cancelled and re-placed for the unfilled
 * remainder at the new touch, at most {@code max_requotes} times per coin.
 *
 * <p><b>Stage 2, sweep.</b> What still rests is cancelled, fills are reconciled over REST (so a fill whose
 * WebSocket message was lost still counts), and each remainder worth at least {@code min_order_size_usd} (or any
 * remainder of a full close) is sent as an {@code Ioc} order at the slippage-bounded price mid x (1 +/-
 * {@code sweep_slippage_pct}/100), rounded as API.md requires; the minimum is checked at that limit price, as the
 * exchange checks it. Partial fills are accepted and logged.
 *
 * <p><b>Dead man's switch.</b> Before stage 1 the exchange is told ({@code scheduleCancel}) to cancel every open
 * order of the account {@code passive_timeout_seconds + dead_man_switch_seconds} from now; the schedule is removed
 * when execution ends. A runner that dies mid-rebalance therefore leaves no quote on the book for long.
 *
 * <p>Every order is recorded in the {@link AuditStore} before it is sent, every acknowledgement and fill after;
 * client order ids are derived from (rebalance id, coin, stage, attempt), so a retried request cannot create a
 * second order. Not thread-safe: one executor per rebalance.
 */
public final class TwoStageExecutor {
  /** Post-only rejection text prefix (API.md). */
  static final String ALO_REJECTED = "Post only order would have immediately matched";
  private static final long POLL_MS = 200;
  private static final int BOOK_THREADS = 16;

  private final Venue venue;
  private final InfoApi books;
  private final AuditStore store;
  private final LiveConfig.Execution cfg;
  private final Clock clock;
  private final Consumer<String> log;
  private final long bookCheckMs;

  private final ConcurrentLinkedQueue<Fill> inbox = new ConcurrentLinkedQueue<>();
  private final Map<String, Order> byCloid = new LinkedHashMap<>();
  private final Map<Long, String> cloidByOid = new HashMap<>();
  private final Set<Long> seenTids = new HashSet<>();
  private final List<Fill> unattributed = new ArrayList<>();
  private final Map<String, CoinState> coins = new LinkedHashMap<>();
  private long rebalanceId;
  private int ordersSent;
  private int requotes;
  private int aloRejections;
  private int duplicateFills;
  private long firstOrderAtMs = -1;

  /**
   * @param venue where orders go
   * @param books current books (REST {@code l2Book})
   * @param store the audit trail
   * @param cfg execution settings
   * @param clock time source
   * @param bookCheckMs how often resting quotes are checked against the book, ms (the {@code l2Book} requests weigh
   *     2 each against the 1200-per-minute budget)
   * @param log one line per event
   */
  public TwoStageExecutor(Venue venue, InfoApi books, AuditStore store, LiveConfig.Execution cfg, Clock clock,
      long bookCheckMs, Consumer<String> log) {
    this.venue = venue;
    this.books = books;
    this.store = store;
    this.cfg = cfg;
    this.clock = clock;
    this.bookCheckMs = bookCheckMs;
    this.log = log;
  }

  /**
   * Executes the plan in two stages (see the class documentation).
   *
   * @param rebalanceId the rebalance the orders belong to
   * @param plan one entry per coin with a non-zero delta
   * @return what was filled, per coin and in total
   * @throws InterruptedException when interrupted while waiting (resting orders are cancelled first)
   * @throws ExchangeException when the exchange cannot be reached for a step that cannot be skipped
   */
  public ExecutionReport execute(long rebalanceId, List<PlannedOrder> plan) throws InterruptedException {
    this.rebalanceId = rebalanceId;
    venue.onFill(inbox::add);
    for (PlannedOrder p : plan) {
      coins.put(p.coin(), new CoinState(p));
    }
    boolean done = false;
    boolean armed = !plan.isEmpty() && armDeadManSwitch();
    try {
      store.setStage(rebalanceId, "stage1");
      stage1();
      if (cfg.cancelBeforeMarketSweep()) {
        store.setStage(rebalanceId, "stage2");
        cancelResting("stage 2: cancel what rests before the sweep");
        reconcileFills();
        stage2();
      } else {
        reconcileFills();
        log.accept("stage 2 skipped (cancel_before_market_sweep is false): " + resting().size()
            + " passive orders stay on the book");
      }
      done = true;
    } finally {
      if (!done && cfg.cancelBeforeMarketSweep()) {
        try {
          cancelResting("aborting: cancel resting orders");
        } catch (RuntimeException e) {
          store.recordError(Optional.of(rebalanceId), "abort-cancel", e.getMessage());
          log.accept("could not cancel resting orders while aborting: " + e.getMessage());
        }
      }
      if (armed) {
        disarmDeadManSwitch();
      }
    }
    return report();
  }

  // ---- dead man's switch ---------------------------------------------------------------------------------------

  /**
   * Schedules the exchange to cancel every open order of the account {@code passive_timeout_seconds +
   * dead_man_switch_seconds} from now (wall clock: the exchange's time, not the bar clock), so quotes cannot outlive
   * a runner that dies. Only with {@code cancel_before_market_sweep} (otherwise quotes are meant to stay). Best
   * effort: a refusal is logged and recorded, and execution goes on without it.
   *
   * @return whether the switch is armed
   */
  private boolean armDeadManSwitch() {
    if (cfg.deadManSwitchSeconds() <= 0 || !cfg.cancelBeforeMarketSweep()) {
      return false;
    }
    long at = System.currentTimeMillis() + Math.round((cfg.passiveTimeoutSeconds() + cfg.deadManSwitchSeconds())
        * 1000);
    try {
      venue.exchange().scheduleCancel(java.util.OptionalLong.of(at));
      store.recordEvent(Optional.of(rebalanceId), "dead_man_switch", "info", "open orders scheduled to be cancelled"
          + " at " + java.time.Instant.ofEpochMilli(at));
      return true;
    } catch (ExchangeException e) {
      // an unknown outcome may have armed it: then it must be removed at the end like an armed one
      String msg = (e.outcomeUnknown() ? "dead man's switch may be armed (outcome unknown, removed at the end): "
          : "dead man's switch not armed: ") + e.getMessage();
      log.accept(msg);
      store.recordEvent(Optional.of(rebalanceId), "dead_man_switch", "warn", msg);
      return e.outcomeUnknown();
    }
  }

  private void disarmDeadManSwitch() {
    try {
      venue.exchange().scheduleCancel(java.util.OptionalLong.empty());
      store.recordEvent(Optional.of(rebalanceId), "dead_man_switch", "info", "schedule removed");
    } catch (ExchangeException e) {
      String msg = "dead man's switch could not be removed (it will cancel any open order when it fires): "
          + e.getMessage();
      log.accept(msg);
      store.recordEvent(Optional.of(rebalanceId), "dead_man_switch", "warn", msg);
    }
  }

  // ---- stage 1 ------------------------------------------------------------------------------------------------

  private void stage1() throws InterruptedException {
    List<OrderRequest> quotes = new ArrayList<>();
    Map<String, L2Book> first = fetchBooks(new ArrayList<>(coins.keySet()));
    for (CoinState c : coins.values()) {
      quote(c, first.get(c.plan.coin())).ifPresent(quotes::add);
    }
    send(quotes, "stage1");
    long deadline = clock.nowMs() + Math.round(cfg.passiveTimeoutSeconds() * 1000);
    long lastCheck = clock.nowMs();
    while (!resting().isEmpty() && clock.nowMs() < deadline) {
      clock.sleepMs(Math.min(POLL_MS, Math.max(1, deadline - clock.nowMs())));
      venue.poll();
      drain();
      markFilled();
      // re-quote post-only rejections, and quotes the book moved away from
      List<OrderRequest> again = new ArrayList<>();
      for (CoinState c : coins.values()) {
        if (c.needsQuote && c.requotes < cfg.maxRequotes()) {
          c.requotes++;
          requotes++;
          quote(c).ifPresent(again::add);
        }
      }
      if (clock.nowMs() - lastCheck >= bookCheckMs) {
        lastCheck = clock.nowMs();
        for (Order o : resting()) {
          CoinState c = coins.get(o.coin);
          if (c.requotes >= cfg.maxRequotes()) {
            continue;
          }
          L2Book b = books.l2Book(o.coin);
          boolean away = o.isBuy ? b.bestBid() > o.px : b.bestAsk() < o.px;
          if (away) {
            log.accept("stage 1: book moved away from " + o.coin + " quote " + o.px + " (bbo " + b.bestBid() + "@"
                + b.bestAsk() + "), re-quoting");
            cancel(List.of(o), "re-quote");
            reconcileFills();
            c.requotes++;
            requotes++;
            quote(c).ifPresent(again::add);
          }
        }
      }
      send(again, "stage1");
    }
    drain();
    markFilled();
  }

  /** The post-only quote for a coin's unfilled remainder at the current book. */
  private Optional<OrderRequest> quote(CoinState c) {
    return remaining(c) <= 0 ? Optional.empty() : quote(c, books.l2Book(c.plan.coin()));
  }

  /** The post-only quote for a coin's unfilled remainder, or empty when the remainder is too small. */
  private Optional<OrderRequest> quote(CoinState c, L2Book b) {
    c.needsQuote = false;
    PlannedOrder p = c.plan;
    double remaining = remaining(c);
    if (remaining <= 0) {
      return Optional.empty();
    }
    double bid = b.bestBid();
    double ask = b.bestAsk();
    if (!(bid > 0) || !(ask > bid)) {
      c.note("no two-sided book for a passive quote (bbo " + bid + "@" + ask + ")");
      return Optional.empty();
    }
    double a = cfg.limitOrderAggression();
    double px;
    if (p.isBuy()) {
      px = PriceRules.roundPriceDown(bid + a * (ask - bid), p.szDecimals());
      if (px >= ask) {
        px = PriceRules.roundPriceDown(bid, p.szDecimals());
      }
    } else {
      px = PriceRules.roundPriceUp(ask - a * (ask - bid), p.szDecimals());
      if (px <= bid) {
        px = PriceRules.roundPriceUp(ask, p.szDecimals());
      }
    }
    if (!p.reduceOnly() && remaining * px < cfg.minOrderSizeUsd()) {
      c.note("stage 1 remainder " + remaining + " worth $" + round2(remaining * px) + " is under the minimum");
      return Optional.empty();
    }
    return Optional.of(new OrderRequest(p.asset(), p.coin(), p.isBuy(), px, remaining, p.reduceOnly(), Tif.ALO,
        Optional.of(cloid(c, "stage1"))));
  }

  // ---- stage 2 ------------------------------------------------------------------------------------------------

  private void stage2() throws InterruptedException {
    List<OrderRequest> sweeps = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (CoinState c : coins.values()) {
      if (remaining(c) > 0) {
        left.add(c.plan.coin());
      }
    }
    Map<String, L2Book> now = fetchBooks(left);
    for (CoinState c : coins.values()) {
      PlannedOrder p = c.plan;
      double remaining = remaining(c);
      if (remaining <= 0) {
        continue;
      }
      L2Book b = now.get(p.coin());
      double mid = b.mid();
      if (!(mid > 0)) {
        c.note("stage 2: no two-sided book, remainder " + remaining + " not swept");
        continue;
      }
      // the exchange checks the minimum at the order's limit price, which is below the mid for a sell
      double px = PriceRules.slippagePrice(mid, p.isBuy(), cfg.sweepSlippagePct() / 100, p.szDecimals());
      if (!p.reduceOnly() && remaining * px < cfg.minOrderSizeUsd()) {
        c.note("stage 2 remainder " + remaining + " worth $" + round2(remaining * px) + " at the sweep limit " + px
            + " is under the minimum");
        continue;
      }
      sweeps.add(new OrderRequest(p.asset(), p.coin(), p.isBuy(), px, remaining, p.reduceOnly(), Tif.IOC,
          Optional.of(cloid(c, "stage2"))));
    }
    send(sweeps, "stage2");
    // IOC fills are immediate; give their messages a moment, then reconcile over REST
    long until = clock.nowMs() + 1000;
    while (clock.nowMs() < until && hasUnconfirmedSweep()) {
      clock.sleepMs(POLL_MS);
      drain();
    }
    reconcileFills();
  }

  private boolean hasUnconfirmedSweep() {
    for (Order o : byCloid.values()) {
      if (o.stage.equals("stage2") && o.ackFilled > 0 && Math.abs(o.filled - o.ackFilled) > o.sz * 1e-9) {
        return true;
      }
    }
    return false;
  }

  /**
   * Books of many coins at once: the requests go out in parallel (up to {@value #BOOK_THREADS} at a time; the
   * client's rate limiter still meters them), so quoting 150 coins costs a few round trips, not 150.
   */
  private Map<String, L2Book> fetchBooks(List<String> names) throws InterruptedException {
    Map<String, L2Book> out = new HashMap<>();
    if (names.size() <= 1) {
      for (String n : names) {
        out.put(n, books.l2Book(n));
      }
      return out;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        Math.min(BOOK_THREADS, names.size()), r -> {
          Thread t = new Thread(r, "l2book-fetch");
          t.setDaemon(true);
          return t;
        });
    try {
      List<java.util.concurrent.Future<L2Book>> fs = new ArrayList<>();
      for (String n : names) {
        fs.add(pool.submit(() -> books.l2Book(n)));
      }
      for (int i = 0; i < names.size(); i++) {
        try {
          out.put(names.get(i), fs.get(i).get());
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new ExchangeException("l2Book " + names.get(i) + ": " + cause, -1, cause);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- sending, acks, cancels ----------------------------------------------------------------------------------

  private void send(List<OrderRequest> orders, String stage) {
    if (orders.isEmpty()) {
      return;
    }
    long now = clock.nowMs();
    for (OrderRequest r : orders) {
      String cloid = r.cloid().orElseThrow();
      Order o = new Order(cloid, r.coin(), r.asset(), stage, r.isBuy(), r.px(), r.sz(), r.tif());
      byCloid.put(cloid, o);
      store.recordOrder(new OrderRecord(cloid, Optional.of(rebalanceId), stage, r.coin(), r.asset(), r.isBuy(),
          r.px(), r.sz(), r.tif().wire(), r.reduceOnly(), "pending", Optional.empty(), "", now));
    }
    List<OrderAck> acks;
    if (firstOrderAtMs < 0) {
      firstOrderAtMs = clock.nowMs();
    }
    try {
      acks = venue.exchange().placeOrders(orders);
      ordersSent += orders.size();
    } catch (ExchangeException e) {
      // the request may or may not have reached the exchange: ask for each order by its client id
      store.recordError(Optional.of(rebalanceId), stage + "-send", e.getMessage());
      log.accept(stage + ": order request failed (" + e.getMessage() + "); checking each order by cloid");
      for (OrderRequest r : orders) {
        resolveUnknown(byCloid.get(r.cloid().orElseThrow()));
      }
      return;
    }
    if (acks.size() != orders.size()) {
      throw new ExchangeException("order reply has " + acks.size() + " statuses for " + orders.size() + " orders");
    }
    for (int i = 0; i < orders.size(); i++) {
      Order o = byCloid.get(orders.get(i).cloid().orElseThrow());
      OrderAck ack = acks.get(i);
      if (ack instanceof OrderAck.Resting r) {
        o.status = "resting";
        o.oid = r.oid();
        cloidByOid.put(r.oid(), o.cloid);
        store.recordAck(o.cloid, "resting", Optional.of(r.oid()), "");
      } else if (ack instanceof OrderAck.Filled f) {
        o.status = "filled";
        o.oid = f.oid();
        o.ackFilled = f.totalSz();
        cloidByOid.put(f.oid(), o.cloid);
        String detail = "filled " + f.totalSz() + " of " + o.sz + " at avg " + f.avgPx();
        store.recordAck(o.cloid, "filled", Optional.of(f.oid()), detail);
        if (f.totalSz() < o.sz) {
          coins.get(o.coin).note(stage + " partial fill: " + detail);
          log.accept(o.coin + " " + stage + " partial fill: " + detail);
        }
      } else if (ack instanceof OrderAck.Rejected rej) {
        o.status = "rejected";
        store.recordAck(o.cloid, "rejected", Optional.empty(), rej.error());
        CoinState c = coins.get(o.coin);
        if (o.tif == Tif.ALO && rej.error().startsWith(ALO_REJECTED)) {
          aloRejections++;
          c.needsQuote = true;
          log.accept(o.coin + " post-only quote at " + o.px + " rejected (book moved): " + rej.error());
        } else {
          c.note(stage + " rejected: " + rej.error());
          store.recordEvent(Optional.of(rebalanceId), "order", "warn", o.coin + " " + stage + " order rejected: "
              + rej.error());
          log.accept(o.coin + " " + stage + " order rejected: " + rej.error());
        }
      }
    }
    retryUnattributed();
  }

  /** After a failed request: learn from the exchange whether the order exists, by its client id. */
  private void resolveUnknown(Order o) {
    OrderQuery q;
    try {
      q = venue.orderStatus(o.cloid);
    } catch (ExchangeException e) {
      o.status = "unknown";
      store.recordAck(o.cloid, "unknown", Optional.empty(), "status unknown: " + e.getMessage());
      return;
    }
    if (!q.known()) {
      o.status = "error";
      store.recordAck(o.cloid, "error", Optional.empty(), "not received by the exchange");
      if (o.stage.equals("stage1")) {
        coins.get(o.coin).needsQuote = true;
      }
      return;
    }
    long oid = q.order().map(x -> x.oid()).orElse(-1L);
    if (oid >= 0) {
      o.oid = oid;
      cloidByOid.put(oid, o.cloid);
    }
    o.status = q.status().equals("open") ? "resting" : q.status().equals("filled") ? "filled" : "cancelled";
    store.recordAck(o.cloid, o.status, oid >= 0 ? Optional.of(oid) : Optional.empty(), "from orderStatus: "
        + q.status());
  }

  private List<Order> resting() {
    List<Order> out = new ArrayList<>();
    for (Order o : byCloid.values()) {
      if (o.status.equals("resting") || o.status.equals("unknown")) {
        out.add(o);
      }
    }
    return out;
  }

  private void cancelResting(String why) {
    List<Order> r = resting();
    if (!r.isEmpty()) {
      cancel(r, why);
    }
  }

  private void cancel(List<Order> orders, String why) {
    List<CloidCancel> cancels = new ArrayList<>();
    for (Order o : orders) {
      cancels.add(new CloidCancel(o.asset, o.cloid));
    }
    List<String> res = venue.exchange().cancelByCloid(cancels);
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      String r = i < res.size() ? res.get(i) : "no status";
      if (r.equals("success")) {
        o.status = "cancelled";
        store.recordAck(o.cloid, "cancelled", Optional.ofNullable(o.oid), why);
      } else {
        // already filled or gone: ask the exchange what became of it
        log.accept(o.coin + " cancel answered \"" + r + "\"; checking its status");
        resolveUnknown(o);
        if (o.status.equals("resting")) {
          throw new ExchangeException("order " + o.cloid + " (" + o.coin + ") still rests after cancel: " + r);
        }
      }
    }
  }

  // ---- fills ------------------------------------------------------------------------------------------------

  /** Books the fills in the inbox that belong to this rebalance's orders, each trade id once. */
  private void drain() {
    for (Fill f; (f = inbox.poll()) != null;) {
      book(f, true);
    }
  }

  private void book(Fill f, boolean keepIfUnknown) {
    if (seenTids.contains(f.tid())) {
      duplicateFills++;
      return;
    }
    String cloid = f.cloid().filter(byCloid::containsKey).orElse(cloidByOid.get(f.oid()));
    if (cloid == null) {
      if (keepIfUnknown) {
        unattributed.add(f); // e.g. an IOC fill pushed before its acknowledgement came back
      }
      return;
    }
    seenTids.add(f.tid());
    // false when the database has it already (the paper engine records its own fills): counted here all the same,
    // since this executor has not seen the trade id before
    store.recordFill(Optional.of(rebalanceId), f);
    Order o = byCloid.get(cloid);
    o.filled += f.sz();
    CoinState c = coins.get(o.coin);
    double signed = f.isBuy() ? f.sz() : -f.sz();
    if (o.stage.equals("stage1")) {
      c.passiveFilled += signed;
      c.passiveNotional += f.sz() * f.px();
      c.passiveFills++;
    } else {
      c.sweepFilled += signed;
      c.sweepNotional += f.sz() * f.px();
      c.sweepFills++;
    }
    c.fees += f.fee();
    c.shortfall += signed * (f.px() - c.plan.decisionPx());
  }

  private void retryUnattributed() {
    if (unattributed.isEmpty()) {
      return;
    }
    List<Fill> pending = new ArrayList<>(unattributed);
    unattributed.clear();
    for (Fill f : pending) {
      book(f, true);
    }
  }

  /** Reads the venue's recent fills over REST and books those of ours not booked yet (lost messages). */
  private void reconcileFills() {
    drain();
    for (Fill f : venue.recentFills()) {
      book(f, false);
    }
    retryUnattributed();
    markFilled();
  }

  private void markFilled() {
    for (Order o : byCloid.values()) {
      if (o.status.equals("resting") && o.filled >= o.sz * (1 - 1e-9)) {
        o.status = "filled";
        store.recordAck(o.cloid, "filled", Optional.ofNullable(o.oid), "filled by fills totalling " + o.filled);
      }
    }
  }

  // ---- bookkeeping --------------------------------------------------------------------------------------------

  /** Unfilled remainder of a coin's delta, base asset, floored to the lot grid (never negative). */
  private static double remaining(CoinState c) {
    PlannedOrder p = c.plan;
    double left = Math.abs(p.delta()) - Math.abs(c.passiveFilled + c.sweepFilled);
    if (left <= 0) {
      return 0;
    }
    double pow = Math.pow(10, p.szDecimals());
    double lots = Math.floor(left * pow + 1e-9);
    return lots <= 0 ? 0 : PriceRules.roundSize(lots / pow, p.szDecimals());
  }

  private String cloid(CoinState c, String stage) {
    int attempt = c.attempts++;
    return ClientOrderIds.of(rebalanceId + "|" + c.plan.coin() + "|" + stage + "|" + attempt);
  }

  private ExecutionReport report() {
    List<ExecutionReport.CoinExecution> out = new ArrayList<>();
    for (CoinState c : coins.values()) {
      out.add(new ExecutionReport.CoinExecution(c.plan.coin(), c.plan.delta(), c.plan.decisionPx(), c.passiveFilled,
          c.sweepFilled, c.passiveNotional, c.sweepNotional, c.passiveFills, c.sweepFills, c.fees, c.shortfall,
          String.join("; ", c.notes)));
    }
    return new ExecutionReport(out, ordersSent, requotes, aloRejections, duplicateFills, resting().size(),
        firstOrderAtMs);
  }

  private static double round2(double x) {
    return Math.round(x * 100) / 100.0;
  }

  private static final class Order {
    final String cloid;
    final String coin;
    final int asset;
    final String stage;
    final boolean isBuy;
    final double px;
    final double sz;
    final Tif tif;
    String status = "pending";
    Long oid;
    double filled;
    double ackFilled;

    Order(String cloid, String coin, int asset, String stage, boolean isBuy, double px, double sz, Tif tif) {
      this.cloid = cloid;
      this.coin = coin;
      this.asset = asset;
      this.stage = stage;
      this.isBuy = isBuy;
      this.px = px;
      this.sz = sz;
      this.tif = tif;
    }
  }

  private static final class CoinState {
    final PlannedOrder plan;
    final List<String> notes = new ArrayList<>();
    int attempts;
    int requotes;
    boolean needsQuote;
    double passiveFilled;
    double sweepFilled;
    double passiveNotional;
    double sweepNotional;
    int passiveFills;
    int sweepFills;
    double fees;
    double shortfall;

    CoinState(PlannedOrder plan) {
      this.plan = plan;
    }

    void note(String s) {
      notes.add(s);
    }
  }
}
