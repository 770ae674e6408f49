package io.slipstream.live;

import io.slipstream.core.Checks;
import io.slipstream.cost.FeeModel;
import io.slipstream.live.hl.BookLevel;
import io.slipstream.live.hl.ExchangeApi;
import io.slipstream.live.hl.ExchangeException;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.hl.WireFormat;
import io.slipstream.live.store.AuditStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Simulated execution against the live Hyperliquid book for {@code --mode paper}: an {@link ExchangeApi} whose
 * orders are matched against {@link InfoApi#l2Book} snapshots and whose positions and cash live in the
 * {@link AuditStore}'s paper account ({@link AuditStore#applyPaperFill}, {@link AuditStore#paperPositions},
 * {@link AuditStore#paperCash}).
 *
 * <p><b>Matching rules</b> (the exchange's error texts are reproduced verbatim, API.md and the Hyperliquid
 * "Error responses" page):
 * <ul>
 *   <li>Checks in this order: reduce-only (size clipped to the part that reduces the current paper position;
 *       {@code Reduce only order would increase position.} when nothing would reduce), minimum value
 *       ({@code px x sz < $10}, computed exactly on the decimal values, rejected with
 *       {@code Order must have minimum value of $10.} unless the order is reduce-only and closes the whole
 *       position), then the time in force.</li>
 *   <li>{@link Tif#ALO}: a buy with {@code px >= best ask} or a sell with {@code px <= best bid} is rejected with
 *       {@code Post only order would have immediately matched, bbo was {bid}@{ask}.} (numbers by
 *       {@link WireFormat#toWire}; an empty side prints as {@code none}); otherwise it rests.</li>
 *   <li>{@link Tif#IOC}: walks the opposite side of the book, best level first, while the level's price is within
 *       the limit (asks {@code <= px} for a buy, bids {@code >= px} for a sell), taking {@code min(remaining, level
 *       size)} at each level's own price, one {@link Fill} per level, taker fee. Nothing taken: rejected with
 *       {@code Order could not immediately match against any resting orders. asset=N}. Otherwise
 *       {@link OrderAck.Filled} with the total size and the size-weighted average price; the rest is
 *       cancelled.</li>
 *   <li>{@link Tif#GTC}: takes like an Ioc, then rests what is left. Fully filled: {@link OrderAck.Filled};
 *       anything left (partly filled or not at all): {@link OrderAck.Resting} (the partial fills are reported
 *       through the fill listener and {@link #fills()}).</li>
 *   <li>Within one {@link #placeOrders} call each coin's book is fetched once (before any order is processed, so a
 *       failed fetch changes nothing) and the liquidity a taker order consumes is removed from that local copy, so
 *       two orders of one batch do not take the same level twice. Each later call fetches a fresh book: the paper
 *       account's own past trades leave no mark on the live book. Paper orders never match each other.</li>
 *   <li>Resting orders live in memory only (the runner records every order and acknowledgement in the
 *       {@link AuditStore} itself). {@link #poll()} fetches the book of every coin with resting orders and fills a
 *       resting buy when {@code best ask <= px} and a resting sell when {@code best bid >= px} (the book has
 *       traded through it), at the order's limit price, maker fee, for the <em>whole</em> remaining size:
 *       queue position and the size available at that price are ignored, which is optimistic for passive fills.
 *       A resting reduce-only order is clipped again to the position at fill time and cancelled when nothing is
 *       left to reduce.</li>
 *   <li>Margin is not simulated (no {@code Insufficient margin} rejections): leverage is bounded by
 *       {@link RiskChecks} before orders are sent.</li>
 *   <li>A client order id may be used once per session; a second order with the same cloid is rejected with
 *       {@code Paper exchange: cloid 0x.. was already used.} (a paper-only text: the runner never resubmits a
 *       recorded cloid). Every order that reaches the matching uses up its cloid, rejected ones included.</li>
 * </ul>
 *
 * <p><b>Every fill</b> becomes a {@link Fill} (tid from a counter, {@code crossed} true for taker fills, fee
 * {@code = px x sz x bps / 1e4} USD, the order's cloid), is booked with {@link AuditStore#applyPaperFill}
 * ({@code position += signed size; cash -= signed size x px + fee}), recorded with
 * {@link AuditStore#recordFill}{@code (Optional.empty(), fill)}, added to {@link #fills()} and passed to the fill
 * listener, in that order, on the calling thread.
 *
 * <p><b>Ids</b>: order ids and trade ids come from two counters both seeded with {@code clockMs() x 1000} at
 * construction, so a later session (started at least one millisecond per thousand fills later) does not reuse a
 * tid that the store already holds ({@link AuditStore#recordFill} ignores a known tid).
 *
 * <p>Sizes are added and compared as decimals ({@link BigDecimal#valueOf(double)}), so {@code 0.3 - 0.1 - 0.2}
 * leaves exactly zero. All public methods are {@code synchronized}.
 */
public final class PaperExchange implements ExchangeApi {
  /** The rejection of a trigger order: the paper engine does not simulate stop-loss or take-profit triggers. */
  public static final String TRIGGER_UNSUPPORTED = "Paper exchange: trigger orders (stop-loss, take-profit) are "
      + "not simulated.";

  /** The text of a cancel that finds no resting order (the exchange's {@code MissingOrder} error). */
  public static final String MISSING_ORDER = "Order was never placed, already canceled, or filled.";
  /** The text of a reduce-only order that would increase the position. */
  public static final String REDUCE_ONLY_INCREASES = "Reduce only order would increase position.";
  /** The text of an order under the minimum value. */
  public static final String MIN_VALUE = "Order must have minimum value of $10.";
  /** How long ahead a {@link #scheduleCancel} time must be, ms (the exchange's rule). */
  public static final long SCHEDULE_CANCEL_MIN_AHEAD_MS = 5_000L;

  private static final BigDecimal MIN_ORDER_VALUE_USD = BigDecimal.TEN;

  private final InfoApi books;
  private final AuditStore store;
  private final FeeModel fees;
  private final LongSupplier clockMs;
  private final Consumer<Fill> fillListener;
  private final Map<Long, Resting> resting = new LinkedHashMap<>();
  private final Set<String> usedCloids = new HashSet<>();
  private final List<Fill> sessionFills = new ArrayList<>();
  private long nextOid;
  private long nextTid;
  private OptionalLong scheduledCancelMs = OptionalLong.empty();

  /**
   * A paper exchange over an existing paper account (the caller has called {@link AuditStore#initPaperAccount};
   * see {@link #open} to do both).
   *
   * @param books source of live {@code l2Book} snapshots
   * @param store the paper account and the fill record
   * @param fees the run's fee model (the backtest's {@code costs}): maker fee on resting fills, taker fee on
   *     crossing fills, bps of notional
   * @param clockMs the clock, epoch ms (fill and order times, the id seeds, scheduled cancels)
   * @param fillListener told about every paper fill, on the thread that caused it
   * @throws IllegalArgumentException naming the argument when one is null
   */
  public PaperExchange(InfoApi books, AuditStore store, FeeModel fees, LongSupplier clockMs,
      Consumer<Fill> fillListener) {
    this.books = Checks.notNull(books, "books");
    this.store = Checks.notNull(store, "store");
    this.fees = Checks.notNull(fees, "fees");
    this.clockMs = Checks.notNull(clockMs, "clockMs");
    this.fillListener = Checks.notNull(fillListener, "fillListener");
    long seed = Math.multiplyExact(clockMs.getAsLong(), 1000L);
    this.nextOid = seed;
    this.nextTid = seed;
  }

  /**
   * Creates the paper account with {@code capitalUsd} of cash when it does not exist yet
   * ({@link AuditStore#initPaperAccount}: an existing account keeps its cash and positions) and returns a paper
   * exchange over it.
   *
   * @param books source of live {@code l2Book} snapshots
   * @param store the paper account and the fill record
   * @param capitalUsd starting cash of a new paper account, USD, finite and {@code > 0}
   * @param fees the run's fee model (the backtest's {@code costs}): maker fee on resting fills, taker fee on
   *     crossing fills, bps of notional
   * @param clockMs the clock, epoch ms
   * @param fillListener told about every paper fill
   * @return the paper exchange
   * @throws IllegalArgumentException naming {@code capitalUsd} when it is not positive and finite
   */
  public static PaperExchange open(InfoApi books, AuditStore store, double capitalUsd, FeeModel fees,
      LongSupplier clockMs, Consumer<Fill> fillListener) {
    Checks.positive(capitalUsd, "capitalUsd");
    Checks.notNull(store, "store").initPaperAccount(capitalUsd);
    return new PaperExchange(books, store, fees, clockMs, fillListener);
  }

  /**
   * Matches each order against the live book as the class comment describes, in list order (a fill of an earlier
   * order changes the position a later reduce-only order sees).
   *
   * @param orders the orders
   * @return one acknowledgement per order, same order
   * @throws ExchangeException when a book cannot be fetched (then no order of the call has been processed)
   */
  @Override
  public synchronized List<OrderAck> placeOrders(List<OrderRequest> orders) {
    Checks.notNull(orders, "orders");
    Map<String, BookCopy> local = new HashMap<>();
    for (OrderRequest o : orders) {
      local.computeIfAbsent(o.coin(), c -> new BookCopy(books.l2Book(c)));
    }
    List<OrderAck> acks = new ArrayList<>(orders.size());
    for (OrderRequest o : orders) {
      acks.add(place(o, local.get(o.coin())));
    }
    return acks;
  }

  private OrderAck place(OrderRequest o, BookCopy book) {
    if (o.trigger().isPresent()) {
      // a trigger order would otherwise be matched as a plain Gtc limit order at its worst price
      return new OrderAck.Rejected(TRIGGER_UNSUPPORTED);
    }
    if (o.cloid().isPresent() && usedCloids.contains(o.cloid().get())) {
      return new OrderAck.Rejected("Paper exchange: cloid " + o.cloid().get() + " was already used.");
    }
    o.cloid().ifPresent(usedCloids::add);
    BigDecimal sz = BigDecimal.valueOf(o.sz());
    boolean closesWhole = false;
    if (o.reduceOnly()) {
      BigDecimal reducible = reducible(o.coin(), o.isBuy());
      if (reducible.signum() == 0) {
        return new OrderAck.Rejected(REDUCE_ONLY_INCREASES);
      }
      if (sz.compareTo(reducible) >= 0) {
        sz = reducible;
        closesWhole = true;
      }
    }
    if (!closesWhole && BigDecimal.valueOf(o.px()).multiply(sz).compareTo(MIN_ORDER_VALUE_USD) < 0) {
      return new OrderAck.Rejected(MIN_VALUE);
    }
    long now = clockMs.getAsLong();
    if (o.tif() == Tif.ALO) {
      double bid = book.bestBid();
      double ask = book.bestAsk();
      boolean crosses = o.isBuy() ? o.px() >= ask : o.px() <= bid;
      if (crosses) {
        return new OrderAck.Rejected("Post only order would have immediately matched, bbo was " + wireOrNone(bid)
            + "@" + wireOrNone(ask) + ".");
      }
      long oid = nextOid++;
      resting.put(oid, new Resting(o, sz, oid, now));
      return new OrderAck.Resting(oid);
    }
    long oid = nextOid++;
    BigDecimal filled = BigDecimal.ZERO;
    double notional = 0;
    Iterator<MutableLevel> it = book.side(!o.isBuy()).iterator();
    while (it.hasNext() && filled.compareTo(sz) < 0) {
      MutableLevel level = it.next();
      boolean within = o.isBuy() ? level.px <= o.px() : level.px >= o.px();
      if (!within) {
        break;
      }
      BigDecimal take = sz.subtract(filled).min(level.sz);
      if (take.signum() <= 0) {
        continue;
      }
      level.sz = level.sz.subtract(take);
      filled = filled.add(take);
      double takeSz = take.doubleValue();
      notional += level.px * takeSz;
      book(o, level.px, takeSz, oid, now, true);
      if (level.sz.signum() == 0) {
        it.remove();
      }
    }
    BigDecimal left = sz.subtract(filled);
    if (o.tif() == Tif.IOC) {
      if (filled.signum() == 0) {
        return new OrderAck.Rejected(
            "Order could not immediately match against any resting orders. asset=" + o.asset());
      }
      return new OrderAck.Filled(filled.doubleValue(), notional / filled.doubleValue(), oid);
    }
    if (left.signum() == 0) {
      return new OrderAck.Filled(filled.doubleValue(), notional / filled.doubleValue(), oid);
    }
    resting.put(oid, new Resting(o, left, oid, now));
    return new OrderAck.Resting(oid);
  }

  /**
   * Cancels resting paper orders by client order id.
   *
   * @param cancels (asset, cloid) pairs
   * @return per cancel: {@code "success"}, or {@link #MISSING_ORDER} when no resting order of that asset carries
   *     the cloid
   */
  @Override
  public synchronized List<String> cancelByCloid(List<CloidCancel> cancels) {
    List<String> out = new ArrayList<>(cancels.size());
    for (CloidCancel c : cancels) {
      Optional<Long> oid = resting.values().stream()
          .filter(r -> r.order.asset() == c.asset() && r.order.cloid().equals(Optional.of(c.cloid())))
          .map(r -> r.oid).findFirst();
      oid.ifPresent(resting::remove);
      out.add(oid.isPresent() ? "success" : MISSING_ORDER);
    }
    return out;
  }

  /**
   * Cancels resting paper orders by order id.
   *
   * @param cancels (asset, oid) pairs
   * @return per cancel: {@code "success"}, or {@link #MISSING_ORDER} when no resting order of that asset has the
   *     oid
   */
  @Override
  public synchronized List<String> cancel(List<OidCancel> cancels) {
    List<String> out = new ArrayList<>(cancels.size());
    for (OidCancel c : cancels) {
      Resting r = resting.get(c.oid());
      if (r != null && r.order.asset() == c.asset()) {
        resting.remove(c.oid());
        out.add("success");
      } else {
        out.add(MISSING_ORDER);
      }
    }
    return out;
  }

  /**
   * Sets or unsets the paper dead man's switch. The cancel-all happens on the first {@link #poll()} whose clock
   * reads at or after {@code timeMs} (there is no timer thread).
   *
   * @param timeMs when to cancel all resting orders, epoch ms, at least
   *     {@link #SCHEDULE_CANCEL_MIN_AHEAD_MS} after the clock's now; empty to unset
   * @throws ExchangeException when the time is less than 5 s ahead (the exchange refuses the whole action)
   */
  @Override
  public synchronized void scheduleCancel(OptionalLong timeMs) {
    Checks.notNull(timeMs, "timeMs");
    if (timeMs.isPresent()) {
      long now = clockMs.getAsLong();
      if (timeMs.getAsLong() < now + SCHEDULE_CANCEL_MIN_AHEAD_MS) {
        throw new ExchangeException("scheduleCancel: time " + timeMs.getAsLong()
            + " must be at least 5 s after now (" + now + ")");
      }
    }
    scheduledCancelMs = timeMs;
  }

  /**
   * One matching round for resting orders: first the scheduled cancel-all when its time has come, then for each
   * coin with resting orders one {@code l2Book} fetch (all fetched before anything fills) and a maker fill at the
   * limit price, for the whole remaining size, of every resting buy with {@code best ask <= px} and every resting
   * sell with {@code best bid >= px}.
   *
   * @return the fills of this round, in order
   * @throws ExchangeException when a book cannot be fetched (then nothing has filled)
   */
  public synchronized List<Fill> poll() {
    long now = clockMs.getAsLong();
    if (scheduledCancelMs.isPresent() && now >= scheduledCancelMs.getAsLong()) {
      resting.clear();
      scheduledCancelMs = OptionalLong.empty();
    }
    Set<String> coins = new LinkedHashSet<>();
    for (Resting r : resting.values()) {
      coins.add(r.order.coin());
    }
    Map<String, L2Book> snapshot = new HashMap<>();
    for (String c : coins) {
      snapshot.put(c, books.l2Book(c));
    }
    int before = sessionFills.size();
    Iterator<Resting> it = resting.values().iterator();
    while (it.hasNext()) {
      Resting r = it.next();
      L2Book b = snapshot.get(r.order.coin());
      boolean through = r.order.isBuy() ? b.bestAsk() <= r.order.px() : b.bestBid() >= r.order.px();
      if (!through) {
        continue;
      }
      BigDecimal sz = r.remaining;
      if (r.order.reduceOnly()) {
        sz = sz.min(reducible(r.order.coin(), r.order.isBuy()));
      }
      it.remove();
      if (sz.signum() > 0) {
        book(r.order, r.order.px(), sz.doubleValue(), r.oid, now, false);
      }
    }
    return List.copyOf(sessionFills.subList(before, sessionFills.size()));
  }

  /** @return the resting paper orders, in placement order ({@code sz} = remaining size) */
  public synchronized List<OpenOrder> openOrders() {
    List<OpenOrder> out = new ArrayList<>();
    for (Resting r : resting.values()) {
      out.add(new OpenOrder(r.order.coin(), r.order.isBuy(), r.order.px(), r.remaining.doubleValue(), r.oid,
          r.timeMs, r.order.cloid()));
    }
    return out;
  }

  /** @return the paper positions from the store: signed size by coin, base asset (zero sizes omitted) */
  public synchronized Map<String, Double> positions() {
    return store.paperPositions();
  }

  /**
   * Paper account value: {@code cash + sum over held coins of size x mid}, USD.
   *
   * @param mids mid price by coin, USD
   * @return the account value, USD
   * @throws IllegalArgumentException naming the coin when a held coin has no finite positive mid
   */
  public synchronized double accountValue(Map<String, Double> mids) {
    Checks.notNull(mids, "mids");
    double value = store.paperCash();
    for (Map.Entry<String, Double> p : store.paperPositions().entrySet()) {
      Double mid = mids.get(p.getKey());
      if (mid == null || !(mid > 0) || mid.isInfinite()) {
        throw new IllegalArgumentException("mid of held coin " + p.getKey() + " must be finite and > 0, was " + mid);
      }
      value += p.getValue() * mid;
    }
    return value;
  }

  /** @return this session's paper fills, in the order they happened */
  public synchronized List<Fill> fills() {
    return List.copyOf(sessionFills);
  }

  /** The size an order of this side may trade without increasing |position|: |pos| when opposite, else 0. */
  private BigDecimal reducible(String coin, boolean isBuy) {
    double pos = store.paperPositions().getOrDefault(coin, 0.0);
    if (isBuy ? pos < 0 : pos > 0) {
      return BigDecimal.valueOf(Math.abs(pos));
    }
    return BigDecimal.ZERO;
  }

  private void book(OrderRequest o, double px, double sz, long oid, long timeMs, boolean crossed) {
    double bps = crossed ? fees.takerFeeBps() : fees.makerFeeBps();
    double fee = px * sz * bps / 1e4;
    Fill fill = new Fill(o.coin(), o.isBuy(), px, sz, timeMs, oid, nextTid++, fee, crossed, o.cloid());
    store.applyPaperFill(o.coin(), o.isBuy() ? sz : -sz, px, fee);
    store.recordFill(Optional.empty(), fill);
    sessionFills.add(fill);
    fillListener.accept(fill);
  }

  private static String wireOrNone(double px) {
    return Double.isNaN(px) ? "none" : WireFormat.toWire(px);
  }

  /** A resting paper order. */
  private static final class Resting {
    final OrderRequest order;
    final BigDecimal remaining;
    final long oid;
    final long timeMs;

    Resting(OrderRequest order, BigDecimal remaining, long oid, long timeMs) {
      this.order = order;
      this.remaining = remaining;
      this.oid = oid;
      this.timeMs = timeMs;
    }
  }

  /** A price level whose size taker orders of one call consume. */
  private static final class MutableLevel {
    final double px;
    BigDecimal sz;

    MutableLevel(BookLevel l) {
      this.px = l.px();
      this.sz = BigDecimal.valueOf(l.sz());
    }
  }

  /** One call's working copy of a book. */
  private static final class BookCopy {
    final List<MutableLevel> bids = new ArrayList<>();
    final List<MutableLevel> asks = new ArrayList<>();

    BookCopy(L2Book b) {
      b.bids().forEach(l -> bids.add(new MutableLevel(l)));
      b.asks().forEach(l -> asks.add(new MutableLevel(l)));
    }

    List<MutableLevel> side(boolean bidSide) {
      return bidSide ? bids : asks;
    }

    double bestBid() {
      return bids.isEmpty() ? Double.NaN : bids.get(0).px;
    }

    double bestAsk() {
      return asks.isEmpty() ? Double.NaN : asks.get(0).px;
    }
  }
}
