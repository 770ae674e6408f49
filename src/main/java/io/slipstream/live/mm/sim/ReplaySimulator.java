package io.slipstream.live.mm.sim;

import io.slipstream.core.DataException;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.mm.BrawlerConfig;
import io.slipstream.live.mm.MarketTape;
import io.slipstream.live.mm.QuotingEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Replays a {@link MarketTape} through the same {@link QuotingEngine} object {@code mm run} uses.
 *
 * <p><b>Clocks.</b> The exchange side (HL book, trades, funding) lives at event time. The engine sees a CEX row at
 * {@code max(receive_time, event_time + cex_feed_latency_ms)} and an HL row at
 * {@code max(receive_time, event_time + hl_feed_latency_ms)} (the recorded receive time is a floor, so a recording
 * replays no faster than it arrived live). A quote decided at {@code t} reaches the book at
 * {@code t + order_latency_ms} (until then the previous order rests and may fill); our fills and rejections reach
 * the engine {@code hl_feed_latency_ms} after they happen. Timer ticks every {@code timer_ms}. At one millisecond,
 * events apply in this order: funding, trades, HL book (exchange side), HL delivery, CEX delivery, order actions and
 * notifications (in decision order), timer; so with zero latencies every decision sees the book it meets.
 *
 * <p><b>Fill model.</b> Only a trade fills us (no fill at the touch without volume):
 * <ul>
 *   <li>an order placed at a price better than the displayed touch has nothing ahead; at the touch, the displayed
 *       size there is ahead of it; behind the touch, it joins behind the displayed size when the touch reaches it;
 *   <li>a displayed size at our price that shrinks shrinks the queue ahead (cancels ahead of us);
 *   <li>a trade through our price (a sell below our bid, a buy above our ask) fills the whole remaining order;
 *   <li>a trade at our price first consumes the queue ahead, the rest fills us (up to the remaining size);
 *   <li>the displayed opposite touch moving strictly through our price fills the whole remaining order;
 *   <li>a post-only order that would cross the book when it arrives is rejected (an exchange error to the engine).
 * </ul>
 * Fills are at our limit price and pay {@code maker_fee_bps}.
 *
 * <p><b>P&L</b> per coin, marked at the HL mid (see {@link SimResult.Pnl}): spread capture, inventory P&L, fees and
 * funding ({@code -inventory x mid x rate} at each funding row, times floored to {@code funding_interval_ms}).
 * Markouts at each horizon use the HL mid at {@code fill time + horizon} (the last mid at or before it).
 */
public final class ReplaySimulator implements QuotingEngine.Listener {
  private static final long INVENTORY_SAMPLE_MS = 60_000;
  private static final int ACTION = 0;
  private static final int FILL_NOTIFY = 1;
  private static final int ERROR_NOTIFY = 2;

  private final BrawlerConfig cfg;
  private final MarketTape tape;
  private final QuotingEngine engine;
  private final int[] symOfCoin;
  private final int n;
  private final double makerFee;
  // true HL book per symbol
  private final double[] bid;
  private final double[] bidSz;
  private final double[] ask;
  private final double[] askSz;
  private final double[] mark;
  // resting orders per symbol
  private final Order[] bids;
  private final Order[] asks;
  // ledger per symbol
  private final double[] q;
  private final double[] cash;
  private final double[] spread;
  private final double[] invPnl;
  private final double[] fees;
  private final double[] funding;
  private final MidSeries[] mids;
  private final String[] reason;
  private final long[] reasonSince;
  private final List<Map<String, Long>> suspended = new ArrayList<>();
  private final PriorityQueue<Dyn> dyn = new PriorityQueue<>();
  private final List<SimResult.SimFill> fills = new ArrayList<>();
  private final List<SimResult.InventorySample> inventory = new ArrayList<>();
  private long seq;
  private long now;
  private long placed;
  private long filledOrders;
  private long rejections;
  private long cancels;
  private double placedNotional;
  private double filledNotional;

  private static final class Order {
    final double px;
    double sz;
    double ahead; // +inf: behind the touch
    boolean filled;

    Order(double px, double sz, double ahead) {
      this.px = px;
      this.sz = sz;
      this.ahead = ahead;
    }
  }

  private record Dyn(long time, long seq, int type, int sym, double a, double b, double c, double d,
      boolean isBuy) implements Comparable<Dyn> {
    @Override
    public int compareTo(Dyn o) {
      int t = Long.compare(time, o.time);
      return t != 0 ? t : Long.compare(seq, o.seq);
    }
  }

  /** Growing (time, mid) series of one symbol's HL mid. */
  private static final class MidSeries {
    long[] t = new long[1024];
    double[] m = new double[1024];
    int size;

    void add(long time, double mid) {
      if (size > 0 && t[size - 1] == time) {
        m[size - 1] = mid;
        return;
      }
      if (size == t.length) {
        t = Arrays.copyOf(t, size * 2);
        m = Arrays.copyOf(m, size * 2);
      }
      t[size] = time;
      m[size++] = mid;
    }

    /** The last mid at or before {@code time}, NaN if none. */
    double at(long time) {
      int i = Arrays.binarySearch(t, 0, size, time);
      if (i < 0) {
        i = -i - 2;
      }
      return i < 0 ? Double.NaN : m[i];
    }
  }

  private ReplaySimulator(BrawlerConfig cfg, Meta meta, MarketTape tape) {
    this.cfg = cfg;
    this.tape = tape;
    this.engine = new QuotingEngine(cfg, meta, this);
    this.n = engine.symbols();
    this.symOfCoin = new int[tape.coins().size()];
    for (int i = 0; i < symOfCoin.length; i++) {
      String c = tape.coins().get(i);
      symOfCoin[i] = cfg.symbols().stream().anyMatch(s -> s.coin().equals(c)) ? engine.index(c) : -1;
    }
    this.makerFee = cfg.makerFeeBps() / 1e4;
    bid = nan(n);
    bidSz = new double[n];
    ask = nan(n);
    askSz = new double[n];
    mark = nan(n);
    bids = new Order[n];
    asks = new Order[n];
    q = new double[n];
    cash = new double[n];
    spread = new double[n];
    invPnl = new double[n];
    fees = new double[n];
    funding = new double[n];
    mids = new MidSeries[n];
    reason = new String[n];
    reasonSince = new long[n];
    for (int i = 0; i < n; i++) {
      mids[i] = new MidSeries();
      suspended.add(new LinkedHashMap<>());
    }
  }

  private static double[] nan(int k) {
    double[] a = new double[k];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  /**
   * Replays a tape.
   *
   * @param cfg the config (validated against {@code meta})
   * @param meta the HL universe of the recording
   * @param tape the recorded events
   * @return the result
   * @throws DataException when the tape holds no event of a configured coin
   */
  public static SimResult run(BrawlerConfig cfg, Meta meta, MarketTape tape) {
    for (BrawlerConfig.SymbolConfig s : cfg.symbols()) {
      if (!tape.coins().contains(s.coin())) {
        throw new DataException("the recording has no event of configured coin " + s.coin() + " (it has "
            + tape.coins() + ")");
      }
    }
    return new ReplaySimulator(cfg, meta, tape).loop();
  }

  private SimResult loop() {
    MarketTape.BboStream cex = tape.cex();
    MarketTape.BboStream hl = tape.hl();
    MarketTape.TradeStream tr = tape.trades();
    MarketTape.FundingStream fu = tape.funding();
    BrawlerConfig.Backtest bt = cfg.backtest();
    long[] cexAt = deliveries(cex, bt.cexFeedLatencyMs());
    int[] cexOrd = orderOf(cexAt);
    long[] hlAt = deliveries(hl, bt.hlFeedLatencyMs());
    int[] hlOrd = orderOf(hlAt);
    long fInt = bt.fundingIntervalMs();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    if (cex.size() > 0) {
      start = Math.min(start, cex.eventMs()[0]);
      end = Math.max(end, cexAt[cexOrd[cexOrd.length - 1]]);
    }
    if (hl.size() > 0) {
      start = Math.min(start, hl.eventMs()[0]);
      end = Math.max(end, hlAt[hlOrd[hlOrd.length - 1]]);
    }
    if (tr.size() > 0) {
      start = Math.min(start, tr.eventMs()[0]);
      end = Math.max(end, tr.eventMs()[tr.size() - 1]);
    }
    if (start == Long.MAX_VALUE) {
      throw new DataException("the recording holds no event");
    }
    for (int s = 0; s < n; s++) {
      reason[s] = QuotingEngine.WARMUP;
      reasonSince[s] = start;
    }
    int iC = 0;
    int iH = 0;
    int iX = 0;
    int iT = 0;
    int iF = 0;
    long timer = Math.floorDiv(start, bt.timerMs()) * bt.timerMs() + bt.timerMs();
    long nextSample = Math.floorDiv(start, INVENTORY_SAMPLE_MS) * INVENTORY_SAMPLE_MS + INVENTORY_SAMPLE_MS;
    long events = 0;
    while (true) {
      long best = Long.MAX_VALUE;
      int src = -1;
      if (iF < fu.size() && Math.floorDiv(fu.timeMs()[iF], fInt) * fInt < best) {
        best = Math.floorDiv(fu.timeMs()[iF], fInt) * fInt;
        src = 0;
      }
      if (iT < tr.size() && tr.eventMs()[iT] < best) {
        best = tr.eventMs()[iT];
        src = 1;
      }
      if (iX < hl.size() && hl.eventMs()[iX] < best) {
        best = hl.eventMs()[iX];
        src = 2;
      }
      if (iH < hlOrd.length && hlAt[hlOrd[iH]] < best) {
        best = hlAt[hlOrd[iH]];
        src = 5;
      }
      if (iC < cexOrd.length && cexAt[cexOrd[iC]] < best) {
        best = cexAt[cexOrd[iC]];
        src = 4;
      }
      if (!dyn.isEmpty() && dyn.peek().time() < best) {
        best = dyn.peek().time();
        src = 3;
      }
      if (timer < best && timer <= end) {
        best = timer;
        src = 6;
      }
      if (src < 0) {
        break;
      }
      now = Math.max(now, best);
      while (nextSample <= now) {
        sampleInventory(nextSample);
        nextSample += INVENTORY_SAMPLE_MS;
      }
      switch (src) {
        case 0 -> {
          int s = symOfCoin[fu.coin()[iF]];
          if (s >= 0 && !Double.isNaN(mark[s])) {
            double pay = -q[s] * mark[s] * fu.rate()[iF];
            funding[s] += pay;
            cash[s] += pay;
          }
          iF++;
        }
        case 1 -> {
          int s = symOfCoin[tr.coin()[iT]];
          if (s >= 0) {
            onTrade(s, tr.px()[iT], tr.sz()[iT], tr.buyerAggressor()[iT]);
          }
          iT++;
          events++;
        }
        case 2 -> {
          int s = symOfCoin[hl.coin()[iX]];
          if (s >= 0) {
            onBook(s, hl.bidPx()[iX], hl.bidSz()[iX], hl.askPx()[iX], hl.askSz()[iX]);
          }
          iX++;
          events++;
        }
        case 3 -> apply(dyn.poll());
        case 4 -> {
          int k = cexOrd[iC++];
          int s = symOfCoin[cex.coin()[k]];
          if (s >= 0) {
            engine.onCexBbo(s, cex.bidPx()[k], cex.askPx()[k], cex.eventMs()[k], cexAt[k]);
          }
          events++;
        }
        case 5 -> {
          int k = hlOrd[iH++];
          int s = symOfCoin[hl.coin()[k]];
          if (s >= 0) {
            engine.onHlBbo(s, hl.bidPx()[k], hl.askPx()[k], hl.eventMs()[k], hlAt[k]);
          }
        }
        default -> {
          engine.onTimer(timer);
          timer += bt.timerMs();
        }
      }
    }
    return result(start, now, events);
  }

  private static long[] deliveries(MarketTape.BboStream s, long latency) {
    long[] at = new long[s.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = Math.max(s.receiveMs()[i], s.eventMs()[i] + latency);
    }
    return at;
  }

  /** Indices ordered by delivery time (stable); the identity when already sorted. */
  private static int[] orderOf(long[] at) {
    int k = at.length;
    int[] o = new int[k];
    boolean sorted = true;
    for (int i = 0; i < k; i++) {
      o[i] = i;
      sorted &= i == 0 || at[i] >= at[i - 1];
    }
    if (sorted || k == 0) {
      return o;
    }
    long min = Arrays.stream(at).min().getAsLong();
    long max = Arrays.stream(at).max().getAsLong();
    if (max - min < (1L << 31)) {
      long[] packed = new long[k];
      for (int i = 0; i < k; i++) {
        packed[i] = ((at[i] - min) << 32) | i;
      }
      Arrays.sort(packed);
      for (int i = 0; i < k; i++) {
        o[i] = (int) packed[i];
      }
      return o;
    }
    Integer[] boxed = new Integer[k];
    for (int i = 0; i < k; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (x, y) -> Long.compare(at[x], at[y]));
    for (int i = 0; i < k; i++) {
      o[i] = boxed[i];
    }
    return o;
  }

  // ------------------------------------------------------------------------------------------- exchange side

  private void onBook(int s, double bp, double bs, double ap, double as) {
    bid[s] = bp;
    bidSz[s] = bs;
    ask[s] = ap;
    askSz[s] = as;
    double mid = 0.5 * (bp + ap);
    if (!Double.isNaN(mark[s])) {
      invPnl[s] += q[s] * (mid - mark[s]);
    }
    mark[s] = mid;
    mids[s].add(now, mid);
    Order b = bids[s];
    if (b != null) {
      if (ap < b.px) {
        fill(s, true, b, b.sz);
      } else if (bp == b.px) {
        b.ahead = Math.min(b.ahead, bs);
      } else if (bp < b.px) {
        b.ahead = 0;
      }
    }
    Order a = asks[s];
    if (a != null) {
      if (bp > a.px) {
        fill(s, false, a, a.sz);
      } else if (ap == a.px) {
        a.ahead = Math.min(a.ahead, as);
      } else if (ap > a.px) {
        a.ahead = 0;
      }
    }
  }

  private void onTrade(int s, double px, double sz, boolean buyerAggressor) {
    Order o = buyerAggressor ? asks[s] : bids[s];
    if (o == null) {
      return;
    }
    boolean through = buyerAggressor ? px > o.px : px < o.px;
    if (through) {
      fill(s, !buyerAggressor, o, o.sz);
    } else if (px == o.px) {
      if (Double.isInfinite(o.ahead)) {
        o.ahead = buyerAggressor ? askSz[s] : bidSz[s];
      }
      double left = o.ahead - sz;
      if (left < 0) {
        o.ahead = 0;
        fill(s, !buyerAggressor, o, Math.min(o.sz, -left));
      } else {
        o.ahead = left;
      }
    }
  }

  private void fill(int s, boolean isBuy, Order o, double sz) {
    if (sz <= 0) {
      return;
    }
    double side = isBuy ? 1 : -1;
    double px = o.px;
    double m = mark[s];
    double fee = makerFee * px * sz;
    cash[s] -= side * px * sz + fee;
    q[s] += side * sz;
    spread[s] += side * (m - px) * sz;
    fees[s] -= fee;
    filledNotional += px * sz;
    if (!o.filled) {
      o.filled = true;
      filledOrders++;
    }
    o.sz -= sz;
    if (o.sz <= 1e-12 * Math.max(1, sz)) {
      if (isBuy) {
        bids[s] = null;
      } else {
        asks[s] = null;
      }
    }
    String coin = engine.coin(s);
    fills.add(new SimResult.SimFill(now, coin, isBuy, px, sz, m, fee));
    inventory.add(new SimResult.InventorySample(now, coin, q[s], m));
    push(now + cfg.backtest().hlFeedLatencyMs(), FILL_NOTIFY, s, sz, 0, 0, 0, isBuy);
  }

  // ------------------------------------------------------------------------------------------- engine side

  @Override
  public void quote(int sym, double bidPx, double bidSzQ, double askPx, double askSzQ, long timeMs) {
    push(timeMs + cfg.backtest().orderLatencyMs(), ACTION, sym, bidPx, bidSzQ, askPx, askSzQ, false);
  }

  @Override
  public void suspended(int sym, String why, long timeMs) {
    close(sym, timeMs);
    reason[sym] = why;
    reasonSince[sym] = timeMs;
  }

  @Override
  public void resumed(int sym, long timeMs) {
    close(sym, timeMs);
    reason[sym] = "";
  }

  private void close(int sym, long timeMs) {
    if (!reason[sym].isEmpty()) {
      suspended.get(sym).merge(reason[sym], Math.max(0, timeMs - reasonSince[sym]), Long::sum);
    }
  }

  private void push(long time, int type, int sym, double a, double b, double c, double d, boolean isBuy) {
    dyn.add(new Dyn(time, seq++, type, sym, a, b, c, d, isBuy));
  }

  private void apply(Dyn e) {
    int s = e.sym();
    switch (e.type()) {
      case ACTION -> {
        bids[s] = place(s, true, bids[s], e.a(), e.b());
        asks[s] = place(s, false, asks[s], e.c(), e.d());
      }
      case FILL_NOTIFY -> engine.onFill(s, e.isBuy(), e.a(), e.time());
      default -> engine.onExchangeError(s, e.time());
    }
  }

  private Order place(int s, boolean isBuy, Order old, double px, double sz) {
    if (old != null && sz > 0 && old.px == px && Math.abs(old.sz - sz) <= 1e-12 * sz) {
      return old;
    }
    if (old != null) {
      cancels++;
    }
    if (!(sz > 0)) {
      return null;
    }
    double touch = isBuy ? bid[s] : ask[s];
    double opposite = isBuy ? ask[s] : bid[s];
    if (!Double.isNaN(opposite) && (isBuy ? px >= opposite : px <= opposite)) {
      rejections++;
      push(now + cfg.backtest().hlFeedLatencyMs(), ERROR_NOTIFY, s, 0, 0, 0, 0, isBuy);
      return null;
    }
    double ahead;
    if (Double.isNaN(touch) || (isBuy ? px > touch : px < touch)) {
      ahead = 0;
    } else if (px == touch) {
      ahead = isBuy ? bidSz[s] : askSz[s];
    } else {
      ahead = Double.POSITIVE_INFINITY;
    }
    placed++;
    placedNotional += px * sz;
    return new Order(px, sz, ahead);
  }

  private void sampleInventory(long t) {
    for (int s = 0; s < n; s++) {
      inventory.add(new SimResult.InventorySample(t, engine.coin(s), q[s], mark[s]));
    }
  }

  // ------------------------------------------------------------------------------------------------- result

  private SimResult result(long start, long end, long events) {
    List<SimResult.Pnl> pnl = new ArrayList<>();
    double sp = 0;
    double ip = 0;
    double fe = 0;
    double fu = 0;
    double tot = 0;
    Map<String, Map<String, Long>> susp = new LinkedHashMap<>();
    for (int s = 0; s < n; s++) {
      close(s, end);
      double m = Double.isNaN(mark[s]) ? 0 : mark[s];
      double total = cash[s] + q[s] * m;
      pnl.add(new SimResult.Pnl(engine.coin(s), spread[s], invPnl[s], fees[s], funding[s], total, q[s]));
      sp += spread[s];
      ip += invPnl[s];
      fe += fees[s];
      fu += funding[s];
      tot += total;
      susp.put(engine.coin(s), Map.copyOf(suspended.get(s)));
    }
    List<SimResult.Markout> markouts = new ArrayList<>();
    for (long h : cfg.backtest().markoutsMs()) {
      int k = 0;
      double usd = 0;
      double bpsW = 0;
      double w = 0;
      for (SimResult.SimFill f : fills) {
        if (f.timeMs() + h > end) {
          continue;
        }
        double m = mids[engine.index(f.coin())].at(f.timeMs() + h);
        double side = f.isBuy() ? 1 : -1;
        usd += side * (m - f.px()) * f.sz();
        bpsW += side * (m / f.px() - 1) * 1e4 * f.sz();
        w += f.sz();
        k++;
      }
      markouts.add(new SimResult.Markout(h, k, usd, k == 0 ? Double.NaN : bpsW / w));
    }
    return new SimResult(engine.symbols() == 0 ? List.of() : cfg.symbols().stream()
        .map(BrawlerConfig.SymbolConfig::coin).toList(), start, end, events, pnl,
        new SimResult.Pnl("TOTAL", sp, ip, fe, fu, tot, Double.NaN), markouts, placed, filledOrders, rejections,
        cancels, placedNotional, filledNotional, susp, fills, inventory);
  }
}
