package io.slipstream.live.mm;

import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.PriceRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brawler's quoting engine: a pure, deterministic object driven by events (CEX and HL best bid/offer, own fills,
 * exchange errors, timer ticks). It holds no thread, clock or I/O: time is the largest receive time seen, so the live
 * runner and the replay simulator drive the very same object and get the very same decisions. Decisions go to a
 * {@link Listener}. Not thread-safe: one thread drives it.
 *
 * <p><b>Fair value.</b> {@code fair = cexMid * (1 + B)} where {@code B} is the EWMA of the basis
 * {@code b = hlMid / cexMid - 1} (fraction, from the latest mid of each venue), updated on every update of either
 * venue while both feeds are fresh, time-decayed with half-life {@code basis_halflife_ms}:
 * {@code B <- B + (1 - 2^(-dt/halflife)) (b - B)}, {@code dt} = engine time since the previous basis update,
 * started at the first {@code b}.
 *
 * <p><b>Volatility.</b> The CEX mid is sampled on the grid of {@code vol_sample_ms} (CEX event time): at each grid
 * boundary crossed, {@code r = ln(mid at the boundary / mid at the previous boundary)} (the mid at a boundary is the
 * last mid before it), and {@code v <- (1 - a) v + a r^2}, {@code a = 2 / (vol_span_samples + 1)}, started at
 * {@code v = r^2} (a zero-mean EWMA of squared returns; boundaries without an update contribute {@code r = 0}).
 * {@code sigma_bps = 1e4 sqrt(v * vol_horizon_ms / vol_sample_ms)}, valid after {@code vol_span_samples} samples.
 *
 * <p><b>Quotes</b> (prices USD, spreads bps): {@code half = base_spread_bps + vol_k * sigma_bps};
 * inventory ratio {@code rho = inventory * fair / max_inventory_usd}; reservation price
 * {@code r = fair * (1 - skew_bps * rho / 1e4)}; {@code bid = r (1 - half/1e4)}, {@code ask = r (1 + half/1e4)}.
 * The bid is floored and the ask ceiled to the tick grid and to the exchange's 5-significant-figure rule
 * ({@link PriceRules#roundPriceDown}/{@link PriceRules#roundPriceUp}), then clamped post-only: the bid at most one tick
 * below the HL best ask, the ask at least one tick above the HL best bid, so an order never crosses.
 *
 * <p><b>Sizes</b> (HL units): {@code base = quote_size_usd / fair} per side. The side that grows {@code |inventory|}
 * (both when flat) is tapered by {@code max(0, 1 - |rho|)} (inventory) and {@code max(0, 1 - gross / max_gross_usd)}
 * (portfolio; {@code gross = sum |inventory_i x fair_i|}), and capped so that neither {@code |inventory|} exceeds
 * {@code max_inventory_usd / fair} nor gross exceeds {@code max_gross_usd} if it fills. From
 * {@code gross >= reduce_only_gross_usd} on, every symbol is reduce-only: only the reducing side is quoted, at most
 * {@code |inventory|}. Sizes are floored to the lot; a side worth less than the exchange minimum ($10) is not quoted.
 *
 * <p><b>Requotes.</b> A side is re-sent only when its desired price moved by more than
 * {@code quote_reprice_tolerance_ticks} ticks, its size by more than {@code quote_resize_tolerance_fraction} of the
 * posted size, it appears or disappears, or the posted price would now cross the HL book.
 *
 * <p><b>Kill switches</b> (checked in this order; the first that holds is the reason): {@code warmup} (a feed not yet
 * seen, sigma or basis not yet valid), {@code feed_stale_cex}, {@code feed_stale_hl} (nothing received for longer
 * than {@code cex_stale_ms}/{@code hl_stale_ms}), {@code exchange_errors} ({@code max_exchange_errors} within
 * {@code exchange_error_window_ms}), {@code inventory} ({@code |inventory x fair| >= kill_inventory_usd}),
 * {@code volatility} ({@code sigma_bps > vol_ceiling_bps}), {@code basis_deviation}
 * ({@code |b - B| * 1e4 > basis_deviation_bps}). A symbol entering a kill condition has its quotes cancelled (a
 * {@link Listener#quote} with zero sizes) and is reported {@link Listener#suspended}; once every condition has
 * been clear for {@code resume_cooldown_ms} (no cooldown after {@code warmup}) it is {@link Listener#resumed}.
 */
public final class QuotingEngine {
  /** Reason of a symbol that has not seen enough data to quote. */
  public static final String WARMUP = "warmup";
  private static final double EPS = 1e-9;
  private static final double LN2 = Math.log(2);

  /** Receives the engine's decisions, synchronously, on the driving thread. */
  public interface Listener {
    /**
     * The quotes a symbol should now have resting: both sides, a size of 0 meaning no order on that side.
     *
     * @param sym the symbol index ({@link #index})
     * @param bidPx bid price, USD (NaN when {@code bidSz == 0})
     * @param bidSz bid size, HL units
     * @param askPx ask price, USD (NaN when {@code askSz == 0})
     * @param askSz ask size, HL units
     * @param timeMs engine time, epoch ms
     */
    void quote(int sym, double bidPx, double bidSz, double askPx, double askSz, long timeMs);

    /**
     * A symbol stopped quoting (or changed its reason while suspended).
     *
     * @param sym the symbol index
     * @param reason the reason ({@code warmup}, {@code feed_stale_cex}, ...)
     * @param timeMs engine time, epoch ms
     */
    void suspended(int sym, String reason, long timeMs);

    /**
     * A suspended symbol quotes again.
     *
     * @param sym the symbol index
     * @param timeMs engine time, epoch ms
     */
    void resumed(int sym, long timeMs);
  }

  private final BrawlerConfig cfg;
  private final Listener listener;
  private final Sym[] syms;
  private final Map<String, Integer> index = new HashMap<>();
  private final double volAlpha;
  private final double volScale;
  private long nowMs = Long.MIN_VALUE;
  private boolean reduceOnly;

  /**
   * @param cfg the config, already {@link BrawlerConfig#validate validated} against {@code meta}
   * @param meta the exchange universe (szDecimals of every configured coin)
   * @param listener receives the decisions
   * @throws IllegalArgumentException when a configured coin is not in {@code meta}
   */
  public QuotingEngine(BrawlerConfig cfg, Meta meta, Listener listener) {
    this.cfg = cfg;
    this.listener = listener;
    List<BrawlerConfig.SymbolConfig> list = cfg.symbols();
    this.syms = new Sym[list.size()];
    for (int i = 0; i < syms.length; i++) {
      BrawlerConfig.SymbolConfig c = list.get(i);
      AssetMeta a = meta.get(c.coin());
      syms[i] = new Sym(c, a.szDecimals(), cfg.maxExchangeErrors());
      index.put(c.coin(), i);
    }
    this.volAlpha = 2.0 / (cfg.volSpanSamples() + 1);
    this.volScale = (double) cfg.volHorizonMs() / cfg.volSampleMs();
  }

  private static final class Sym {
    final BrawlerConfig.SymbolConfig c;
    final int szDecimals;
    final double tick;
    final double tickScale; // 10^tickDecimals when the tick is < 1, else 0
    final double lotScale; // 10^szDecimals
    double cexMid = Double.NaN;
    long cexRecvMs = Long.MIN_VALUE;
    long volBucket = Long.MIN_VALUE;
    double sampleMid = Double.NaN;
    double v = Double.NaN;
    long nSamples;
    double hlBid = Double.NaN;
    double hlAsk = Double.NaN;
    long hlRecvMs = Long.MIN_VALUE;
    double basis = Double.NaN;
    double basisEwma = Double.NaN;
    long basisTimeMs;
    double inventory;
    final long[] errors;
    int errorCount;
    int errorHead;
    String reason = WARMUP;
    long clearSinceMs = Long.MIN_VALUE;
    double postedBidPx = Double.NaN;
    double postedBidSz;
    double postedAskPx = Double.NaN;
    double postedAskSz;
    double fair = Double.NaN;

    Sym(BrawlerConfig.SymbolConfig c, int szDecimals, int maxErrors) {
      this.c = c;
      this.szDecimals = szDecimals;
      this.tick = c.tickSize();
      int d = c.tickDecimals();
      this.tickScale = c.tickSize() < 1 ? Math.pow(10, d) : 0;
      this.lotScale = Math.pow(10, szDecimals);
      this.errors = new long[maxErrors];
    }

    double ticksToPx(long ticks) {
      return tickScale > 0 ? ticks / tickScale : ticks * tick;
    }
  }

  /**
   * @param coin a configured coin
   * @return its symbol index
   * @throws IllegalArgumentException when the coin is not configured
   */
  public int index(String coin) {
    Integer i = index.get(coin);
    if (i == null) {
      throw new IllegalArgumentException("coin " + coin + " is not configured");
    }
    return i;
  }

  /** @return the number of configured symbols */
  public int symbols() {
    return syms.length;
  }

  /** @param sym a symbol index @return its coin */
  public String coin(int sym) {
    return syms[sym].c.coin();
  }

  /** @return the config the engine runs */
  public BrawlerConfig config() {
    return cfg;
  }

  // ------------------------------------------------------------------------------------------------------ events

  /**
   * A CEX best bid/offer (already in HL units). Updates the volatility estimate, then re-evaluates the symbol.
   *
   * @param sym the symbol index
   * @param bidPx CEX best bid, USD per HL unit
   * @param askPx CEX best ask, USD per HL unit ({@code > bidPx})
   * @param eventTimeMs the CEX event time, epoch ms (drives the volatility sampling grid)
   * @param receiveTimeMs the receive time, epoch ms (drives staleness and engine time)
   */
  public void onCexBbo(int sym, double bidPx, double askPx, long eventTimeMs, long receiveTimeMs) {
    Sym s = syms[sym];
    advance(receiveTimeMs);
    double mid = 0.5 * (bidPx + askPx);
    long bucket = Math.floorDiv(eventTimeMs, cfg.volSampleMs());
    if (s.volBucket == Long.MIN_VALUE) {
      s.volBucket = bucket;
      s.sampleMid = mid;
    } else if (bucket > s.volBucket) {
      double r = Math.log(s.cexMid / s.sampleMid);
      double r2 = r * r;
      s.v = Double.isNaN(s.v) ? r2 : (1 - volAlpha) * s.v + volAlpha * r2;
      long quiet = bucket - s.volBucket - 1;
      if (quiet > 0) {
        s.v *= Math.pow(1 - volAlpha, quiet);
      }
      s.nSamples += 1 + quiet;
      s.sampleMid = s.cexMid;
      s.volBucket = bucket;
    }
    s.cexMid = mid;
    s.cexRecvMs = receiveTimeMs;
    updateBasis(s);
    evaluate(sym);
  }

  /**
   * An HL best bid/offer. Updates the basis (when the CEX side is fresh), then re-evaluates the symbol.
   *
   * @param sym the symbol index
   * @param bidPx HL best bid, USD
   * @param askPx HL best ask, USD ({@code > bidPx})
   * @param eventTimeMs the HL event time, epoch ms (not used by the maths; kept for symmetry)
   * @param receiveTimeMs the receive time, epoch ms
   */
  public void onHlBbo(int sym, double bidPx, double askPx, long eventTimeMs, long receiveTimeMs) {
    Sym s = syms[sym];
    advance(receiveTimeMs);
    s.hlBid = bidPx;
    s.hlAsk = askPx;
    s.hlRecvMs = receiveTimeMs;
    updateBasis(s);
    evaluate(sym);
  }

  /** The basis from the latest mids of both venues, when both are known and fresh. */
  private void updateBasis(Sym s) {
    if (Double.isNaN(s.cexMid) || Double.isNaN(s.hlBid) || nowMs - s.cexRecvMs > cfg.cexStaleMs()
        || nowMs - s.hlRecvMs > cfg.hlStaleMs()) {
      return;
    }
    double b = 0.5 * (s.hlBid + s.hlAsk) / s.cexMid - 1;
    s.basis = b;
    if (Double.isNaN(s.basisEwma)) {
      s.basisEwma = b;
    } else {
      long dt = Math.max(0, nowMs - s.basisTimeMs);
      double w = -Math.expm1(-dt * LN2 / cfg.basisHalflifeMs());
      s.basisEwma += w * (b - s.basisEwma);
    }
    s.basisTimeMs = nowMs;
  }

  /**
   * One of our orders filled (fully or partly). Inventory moves by {@code +sz} (buy) or {@code -sz} (sell) and the
   * posted side shrinks by {@code sz}; then the symbol (every symbol when reduce-only mode flips) is re-evaluated.
   *
   * @param sym the symbol index
   * @param isBuy true when our bid filled
   * @param sz filled size, HL units, {@code > 0}
   * @param timeMs when the fill was learned, epoch ms
   */
  public void onFill(int sym, boolean isBuy, double sz, long timeMs) {
    Sym s = syms[sym];
    advance(timeMs);
    s.inventory += isBuy ? sz : -sz;
    if (Math.abs(s.inventory) < 0.5 / s.lotScale) {
      s.inventory = 0;
    }
    if (isBuy) {
      s.postedBidSz = shrink(s.postedBidSz, sz, s.lotScale);
      if (s.postedBidSz == 0) {
        s.postedBidPx = Double.NaN;
      }
    } else {
      s.postedAskSz = shrink(s.postedAskSz, sz, s.lotScale);
      if (s.postedAskSz == 0) {
        s.postedAskPx = Double.NaN;
      }
    }
    boolean was = reduceOnly;
    evaluate(sym);
    if (reduceOnly != was) {
      evaluateAll();
    }
  }

  private static double shrink(double posted, double sz, double lotScale) {
    double left = posted - sz;
    return left < 0.5 / lotScale ? 0 : Math.round(left * lotScale) / lotScale;
  }

  /**
   * The exchange refused or failed a request of this symbol; enough of them within the window suspend it.
   *
   * @param sym the symbol index
   * @param timeMs when, epoch ms
   */
  public void onExchangeError(int sym, long timeMs) {
    Sym s = syms[sym];
    advance(timeMs);
    s.errors[s.errorHead] = timeMs;
    s.errorHead = (s.errorHead + 1) % s.errors.length;
    s.errorCount = Math.min(s.errorCount + 1, s.errors.length);
    evaluate(sym);
  }

  /**
   * A timer tick: advances engine time and re-evaluates every symbol (staleness, cooldowns, error windows).
   *
   * @param timeMs now, epoch ms
   */
  public void onTimer(long timeMs) {
    advance(timeMs);
    evaluateAll();
  }

  /**
   * Seeds a symbol's inventory (from {@code --inventory-file}, a snapshot or the account). Does not quote by itself.
   *
   * @param sym the symbol index
   * @param inventory signed position, HL units (long > 0)
   */
  public void setInventory(int sym, double inventory) {
    if (!Double.isFinite(inventory)) {
      throw new IllegalArgumentException("Argument 'inventory' of " + coin(sym) + " must be finite, was "
          + inventory);
    }
    syms[sym].inventory = inventory;
  }

  /**
   * Restores a symbol's smoothed basis from a snapshot.
   *
   * @param sym the symbol index
   * @param basisEwma the EWMA basis, fraction
   * @param timeMs the time of its last update, epoch ms
   */
  public void restoreBasis(int sym, double basisEwma, long timeMs) {
    if (!Double.isFinite(basisEwma)) {
      throw new IllegalArgumentException("Argument 'basisEwma' of " + coin(sym) + " must be finite, was "
          + basisEwma);
    }
    syms[sym].basisEwma = basisEwma;
    syms[sym].basisTimeMs = timeMs;
  }

  private void advance(long t) {
    if (t > nowMs) {
      nowMs = t;
    }
  }

  private void evaluateAll() {
    for (int i = 0; i < syms.length; i++) {
      evaluate(i);
    }
  }

  // ---------------------------------------------------------------------------------------------------- decisions

  private String killReason(Sym s) {
    if (s.cexRecvMs == Long.MIN_VALUE || s.hlRecvMs == Long.MIN_VALUE) {
      return WARMUP;
    }
    if (nowMs - s.cexRecvMs > cfg.cexStaleMs()) {
      return "feed_stale_cex";
    }
    if (nowMs - s.hlRecvMs > cfg.hlStaleMs()) {
      return "feed_stale_hl";
    }
    if (s.nSamples < cfg.volSpanSamples() || Double.isNaN(s.basisEwma)) {
      return WARMUP;
    }
    if (recentErrors(s) >= cfg.maxExchangeErrors()) {
      return "exchange_errors";
    }
    s.fair = s.cexMid * (1 + s.basisEwma);
    if (Math.abs(s.inventory * s.fair) >= s.c.killInventoryUsd()) {
      return "inventory";
    }
    if (sigmaBps(s) > s.c.volCeilingBps()) {
      return "volatility";
    }
    if (!Double.isNaN(s.basis) && Math.abs(s.basis - s.basisEwma) * 1e4 > s.c.basisDeviationBps()) {
      return "basis_deviation";
    }
    return "";
  }

  private int recentErrors(Sym s) {
    int n = 0;
    for (int i = 0; i < s.errorCount; i++) {
      if (nowMs - s.errors[i] < cfg.exchangeErrorWindowMs()) {
        n++;
      }
    }
    return n;
  }

  private double sigmaBps(Sym s) {
    return 1e4 * Math.sqrt(s.v * volScale);
  }

  private void evaluate(int sym) {
    Sym s = syms[sym];
    double gross = grossUsd();
    reduceOnly = gross >= cfg.reduceOnlyGrossUsd();
    String why = killReason(s);
    if (!why.isEmpty()) {
      s.clearSinceMs = Long.MIN_VALUE;
      if (!why.equals(s.reason)) {
        boolean hadQuotes = s.postedBidSz > 0 || s.postedAskSz > 0;
        s.postedBidSz = 0;
        s.postedAskSz = 0;
        s.postedBidPx = Double.NaN;
        s.postedAskPx = Double.NaN;
        if (hadQuotes) {
          listener.quote(sym, Double.NaN, 0, Double.NaN, 0, nowMs);
        }
        s.reason = why;
        listener.suspended(sym, why, nowMs);
      }
      return;
    }
    if (!s.reason.isEmpty()) {
      if (!s.reason.equals(WARMUP)) {
        if (s.clearSinceMs == Long.MIN_VALUE) {
          s.clearSinceMs = nowMs;
        }
        if (nowMs - s.clearSinceMs < cfg.resumeCooldownMs()) {
          return;
        }
      }
      s.reason = "";
      s.clearSinceMs = Long.MIN_VALUE;
      listener.resumed(sym, nowMs);
    }
    quote(sym, s, gross);
  }

  private void quote(int sym, Sym s, double gross) {
    BrawlerConfig.SymbolConfig c = s.c;
    double fair = s.fair;
    double half = c.baseSpreadBps() + c.volK() * sigmaBps(s);
    double rho = s.inventory * fair / c.maxInventoryUsd();
    double r = fair * (1 - c.skewBps() * rho / 1e4);
    long bidTicks = (long) Math.floor(r * (1 - half / 1e4) / s.tick + EPS);
    long askTicks = (long) Math.ceil(r * (1 + half / 1e4) / s.tick - EPS);
    long hlAskTicks = (long) Math.ceil(s.hlAsk / s.tick - EPS);
    long hlBidTicks = (long) Math.floor(s.hlBid / s.tick + EPS);
    bidTicks = Math.min(bidTicks, hlAskTicks - 1);
    askTicks = Math.max(askTicks, hlBidTicks + 1);
    double bidPx = bidTicks > 0 ? onPriceGrid(s, s.ticksToPx(bidTicks), false) : Double.NaN;
    double askPx = onPriceGrid(s, s.ticksToPx(askTicks), true);

    double inv = s.inventory;
    double base = c.quoteSizeUsd() / fair;
    double portfolioTaper = Math.max(0, 1 - gross / cfg.maxGrossUsd());
    double invTaper = Math.max(0, 1 - Math.abs(rho));
    double roomSymbol = c.maxInventoryUsd() / fair - Math.abs(inv);
    double roomGross = (cfg.maxGrossUsd() - gross) / fair;
    double grow = Math.max(0, Math.min(base * invTaper * portfolioTaper, Math.min(roomSymbol, roomGross)));
    double bidSz;
    double askSz;
    if (reduceOnly) {
      bidSz = inv < 0 ? Math.min(base, -inv) : 0;
      askSz = inv > 0 ? Math.min(base, inv) : 0;
    } else {
      bidSz = inv >= 0 ? grow : base;
      askSz = inv <= 0 ? grow : base;
    }
    bidSz = Double.isNaN(bidPx) ? 0 : lots(bidSz, s, bidPx);
    askSz = lots(askSz, s, askPx);
    if (bidSz == 0) {
      bidPx = Double.NaN;
    }
    if (askSz == 0) {
      askPx = Double.NaN;
    }
    boolean bidChanged = sideChanged(s.postedBidPx, s.postedBidSz, bidPx, bidSz, s)
        || (s.postedBidSz > 0 && s.postedBidPx >= s.hlAsk);
    boolean askChanged = sideChanged(s.postedAskPx, s.postedAskSz, askPx, askSz, s)
        || (s.postedAskSz > 0 && s.postedAskPx <= s.hlBid);
    if (!bidChanged && !askChanged) {
      return;
    }
    if (bidChanged) {
      s.postedBidPx = bidPx;
      s.postedBidSz = bidSz;
    }
    if (askChanged) {
      s.postedAskPx = askPx;
      s.postedAskSz = askSz;
    }
    listener.quote(sym, s.postedBidPx, s.postedBidSz, s.postedAskPx, s.postedAskSz, nowMs);
  }

  /**
   * A tick-grid price made valid for the exchange: the tick is a power of ten no finer than the price decimals
   * (checked by the config), so a grid price is valid while it has at most 5 significant figures, i.e. below
   * {@code tick x 1e5}, or when the tick is 1 or more (integers are always valid); beyond, the directional
   * {@link PriceRules} rounding applies (down for bids, up for asks).
   */
  private static double onPriceGrid(Sym s, double px, boolean up) {
    if (s.tick >= 1 || px < s.tick * 1e5) {
      return px;
    }
    return up ? PriceRules.roundPriceUp(px, s.szDecimals) : PriceRules.roundPriceDown(px, s.szDecimals);
  }

  private static double lots(double sz, Sym s, double px) {
    double lots = Math.floor(sz * s.lotScale + EPS);
    double out = lots / s.lotScale;
    return out * px < PriceRules.MIN_ORDER_VALUE_USD ? 0 : out;
  }

  private boolean sideChanged(double oldPx, double oldSz, double px, double sz, Sym s) {
    if ((oldSz == 0) != (sz == 0)) {
      return true;
    }
    if (sz == 0) {
      return false;
    }
    return Math.abs(px - oldPx) / s.tick > cfg.repriceToleranceTicks() + EPS
        || Math.abs(sz - oldSz) > cfg.resizeToleranceFraction() * oldSz + 0.5 / s.lotScale;
  }

  private double grossUsd() {
    double g = 0;
    for (Sym x : syms) {
      if (x.inventory != 0) {
        double px = !Double.isNaN(x.fair) ? x.fair : 0.5 * (x.hlBid + x.hlAsk);
        if (!Double.isNaN(px)) {
          g += Math.abs(x.inventory) * px;
        }
      }
    }
    return g;
  }

  // --------------------------------------------------------------------------------------------------- accessors

  /** @return engine time: the largest receive time seen, epoch ms ({@code Long.MIN_VALUE} before any event) */
  public long nowMs() {
    return nowMs;
  }

  /** @param sym a symbol index @return {@code quoting} or {@code suspended: <reason>} */
  public String status(int sym) {
    String r = syms[sym].reason;
    return r.isEmpty() ? "quoting" : "suspended: " + r;
  }

  /** @param sym a symbol index @return the kill reason, empty while quoting */
  public String suspendReason(int sym) {
    return syms[sym].reason;
  }

  /** @param sym a symbol index @return inventory, HL units */
  public double inventory(int sym) {
    return syms[sym].inventory;
  }

  /** @param sym a symbol index @return the last fair value, USD (NaN before the first evaluation past warm-up) */
  public double fair(int sym) {
    return syms[sym].fair;
  }

  /** @param sym a symbol index @return sigma over the horizon, bps (NaN before the first sample) */
  public double sigmaBps(int sym) {
    return sigmaBps(syms[sym]);
  }

  /** @param sym a symbol index @return the EWMA basis, fraction (NaN before the first basis) */
  public double basisEwma(int sym) {
    return syms[sym].basisEwma;
  }

  /** @param sym a symbol index @return the time of the last basis update, epoch ms */
  public long basisTimeMs(int sym) {
    return syms[sym].basisTimeMs;
  }

  /** @param sym a symbol index @return the last CEX mid, USD per HL unit */
  public double cexMid(int sym) {
    return syms[sym].cexMid;
  }

  /** @param sym a symbol index @return the posted bid price, USD (NaN when none) */
  public double postedBidPx(int sym) {
    return syms[sym].postedBidPx;
  }

  /** @param sym a symbol index @return the posted bid size, HL units (0 when none) */
  public double postedBidSz(int sym) {
    return syms[sym].postedBidSz;
  }

  /** @param sym a symbol index @return the posted ask price, USD (NaN when none) */
  public double postedAskPx(int sym) {
    return syms[sym].postedAskPx;
  }

  /** @param sym a symbol index @return the posted ask size, HL units (0 when none) */
  public double postedAskSz(int sym) {
    return syms[sym].postedAskSz;
  }

  /** @return whether the portfolio is in reduce-only mode ({@code gross >= reduce_only_gross_usd}) */
  public boolean reduceOnly() {
    return reduceOnly;
  }

  /** @return {@code sum |inventory x fair|}, USD */
  public double grossUsdNow() {
    return grossUsd();
  }
}
