package io.slipstream.bench;

import io.slipstream.core.BarInterval;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.live.Venue;
import io.slipstream.live.hl.AccountState;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.BookLevel;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.ExchangeApi;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderQuery;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PriceRules;
import io.slipstream.live.store.AuditStore;
import io.slipstream.portfolio.SzDecimals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * In-process stand-ins for the exchange and the database, for {@link LiveRebalanceBenchmark}: a synthetic market
 * (seeded random walk), an {@link InfoApi} answering from memory, a {@link Venue} whose order request throws
 * {@link FirstOrder} instead of signing and sending, and an {@link AuditStore} that stores nothing. Nothing here
 * touches the network or a database; calls the benchmark's path never makes throw
 * {@link UnsupportedOperationException}, so an unexpected call fails the run instead of being timed.
 */
final class LiveBenchStubs {
  private LiveBenchStubs() {
  }

  /**
   * Thrown by {@link StubVenue}'s {@code placeOrders}: the moment the first order request reaches the venue, i.e.
   * just before a real venue would sign it.
   */
  static final class FirstOrder extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** {@link System#nanoTime()} when the request was handed over. */
    final long atNanos;
    /** Orders in that first request. */
    final int orders;

    FirstOrder(long atNanos, int orders) {
      super("first order request: " + orders + " orders", null, false, false);
      this.atNanos = atNanos;
      this.orders = orders;
    }
  }

  /**
   * A synthetic 4h market: per coin a geometric random walk of closes (per-bar volatility 0.5% to 3%, small drift),
   * start prices spread log-uniformly over 0.001 to 60,000 USD, and volumes worth 3 to 30 million USD a bar (the
   * liquidity filter passes every coin). No NaN, funding 0.
   *
   * @param coins number of coins
   * @param rows bars per coin
   * @param lastCloseMs close time of the last bar, epoch ms UTC (a multiple of 4 h)
   * @param seed random seed
   * @return the market data, rows = bars, columns = coins {@code C000, C001, ...}
   */
  static MarketData market(int coins, int rows, long lastCloseMs, long seed) {
    BarInterval iv = BarInterval.H4;
    long firstOpen = lastCloseMs - (long) rows * iv.millis();
    Random rnd = new Random(seed);
    List<String> names = new ArrayList<>();
    double[] open = new double[coins * rows];
    double[] high = new double[coins * rows];
    double[] low = new double[coins * rows];
    double[] close = new double[coins * rows];
    double[] volume = new double[coins * rows];
    for (int c = 0; c < coins; c++) {
      names.add(String.format("C%03d", c));
      double px = Math.exp(Math.log(0.001) + rnd.nextDouble() * (Math.log(60_000) - Math.log(0.001)));
      double vol = 0.005 + 0.025 * rnd.nextDouble();
      double drift = (rnd.nextDouble() - 0.5) * 0.002;
      double dollarsPerBar = Math.pow(10, 6.5 + rnd.nextDouble());
      for (int t = 0; t < rows; t++) {
        int i = c * rows + t;
        double o = px;
        px = px * Math.exp(drift + vol * rnd.nextGaussian());
        open[i] = o;
        close[i] = px;
        high[i] = Math.max(o, px) * (1 + vol * Math.abs(rnd.nextGaussian()) / 2);
        low[i] = Math.min(o, px) * (1 - vol * Math.abs(rnd.nextGaussian()) / 2);
        volume[i] = dollarsPerBar * (0.5 + rnd.nextDouble()) / px;
      }
    }
    return new MarketData(Panel.of(iv, firstOpen, rows, names, open), Panel.of(iv, firstOpen, rows, names, high),
        Panel.of(iv, firstOpen, rows, names, low), Panel.of(iv, firstOpen, rows, names, close),
        Panel.of(iv, firstOpen, rows, names, volume), Panel.of(iv, firstOpen, rows, names, new double[coins * rows]));
  }

  /**
   * Answers {@code meta}, {@code allMids} and {@code l2Book} from memory: one asset per coin of the data (szDecimals
   * estimated from the last close), mids = last close, five book levels a side 2 bps apart around the mid.
   */
  static final class StubInfo implements InfoApi {
    private final Meta meta;
    private final Map<String, Double> mids;
    private final Map<String, L2Book> books;

    StubInfo(MarketData data, long timeMs) {
      List<AssetMeta> assets = new ArrayList<>();
      Map<String, Double> m = new LinkedHashMap<>();
      Map<String, L2Book> b = new LinkedHashMap<>();
      int last = data.rows() - 1;
      for (int c = 0; c < data.coins().size(); c++) {
        String coin = data.coins().get(c);
        double mid = data.close().get(last, c);
        int szd = SzDecimals.estimate(mid);
        assets.add(new AssetMeta(c, coin, szd, 20, false));
        m.put(coin, mid);
        List<BookLevel> bids = new ArrayList<>();
        List<BookLevel> asks = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
          double bid = PriceRules.roundPriceDown(mid * (1 - 2e-4 * k), szd);
          double ask = PriceRules.roundPriceUp(mid * (1 + 2e-4 * k), szd);
          bids.add(new BookLevel(bid, PriceRules.roundSize(Math.max(20_000 / bid, Math.pow(10, -szd)), szd), 3));
          asks.add(new BookLevel(ask, PriceRules.roundSize(Math.max(20_000 / ask, Math.pow(10, -szd)), szd), 3));
        }
        b.put(coin, new L2Book(coin, timeMs, bids, asks));
      }
      this.meta = new Meta(assets);
      this.mids = Collections.unmodifiableMap(m);
      this.books = b;
    }

    @Override
    public Meta meta() {
      return meta;
    }

    @Override
    public Map<String, Double> allMids() {
      return mids;
    }

    @Override
    public L2Book l2Book(String coin) {
      L2Book b = books.get(coin);
      if (b == null) {
        throw new IllegalArgumentException("no book for coin \"" + coin + "\"");
      }
      return b;
    }

    @Override
    public List<Candle> candles(String coin, BarInterval interval, long startMs, long endMs) {
      throw new UnsupportedOperationException("candles: the benchmark's history source answers from memory");
    }

    @Override
    public List<FundingRate> fundingHistory(String coin, long startMs, long endMs) {
      throw new UnsupportedOperationException("fundingHistory");
    }

    @Override
    public AccountState clearinghouseState(String user) {
      throw new UnsupportedOperationException("clearinghouseState: the venue reports positions");
    }

    @Override
    public List<OpenOrder> openOrders(String user) {
      throw new UnsupportedOperationException("openOrders");
    }

    @Override
    public List<Fill> userFills(String user) {
      throw new UnsupportedOperationException("userFills");
    }

    @Override
    public OrderQuery orderStatus(String user, String cloid) {
      throw new UnsupportedOperationException("orderStatus");
    }
  }

  /** A flat account whose first order request throws {@link FirstOrder} (nothing is signed or sent). */
  static final class StubVenue implements Venue {
    private final ExchangeApi exchange = new ExchangeApi() {
      @Override
      public List<OrderAck> placeOrders(List<OrderRequest> orders) {
        throw new FirstOrder(System.nanoTime(), orders.size());
      }

      @Override
      public List<String> cancelByCloid(List<CloidCancel> cancels) {
        throw new UnsupportedOperationException("cancelByCloid: nothing rests before the first order");
      }

      @Override
      public List<String> cancel(List<OidCancel> cancels) {
        throw new UnsupportedOperationException("cancel");
      }

      @Override
      public void scheduleCancel(OptionalLong timeMs) {
        // the runner arms the dead man's switch before stage 1: accepted, as the exchange would
      }
    };

    @Override
    public String mode() {
      return "live";
    }

    @Override
    public ExchangeApi exchange() {
      return exchange;
    }

    @Override
    public Map<String, Double> positions() {
      return Map.of();
    }

    @Override
    public double accountValue(Map<String, Double> mids) {
      throw new UnsupportedOperationException("accountValue: the benchmark stops at the first order");
    }

    @Override
    public List<OpenOrder> openOrders() {
      return List.of();
    }

    @Override
    public List<Fill> recentFills() {
      return List.of();
    }

    @Override
    public OrderQuery orderStatus(String cloid) {
      throw new UnsupportedOperationException("orderStatus: no order was sent");
    }

    @Override
    public void onFill(Consumer<Fill> onFill) {
      // no fills ever arrive: the run stops at the first order request
    }

    @Override
    public void poll() {
      // nothing rests, nothing to match
    }

    @Override
    public int reconnects() {
      return 0;
    }

    @Override
    public void close() {
      // holds nothing
    }
  }

  /**
   * Stores nothing: writes return at once, reads are empty, {@link #startRebalance} hands out increasing ids (no
   * unfinished rebalance is ever found, so the runner's reconcile step finds nothing to do).
   */
  static final class NoOpStore implements AuditStore {
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long startRebalance(String mode, String configName, String configJson, long decisionTimeMs,
        double capitalUsd) {
      return ids.incrementAndGet();
    }

    @Override
    public void setStage(long rebalanceId, String stage) {
    }

    @Override
    public void finishRebalance(long rebalanceId, String status, String summaryJson) {
    }

    @Override
    public Optional<RebalanceRecord> unfinishedRebalance(String mode) {
      return Optional.empty();
    }

    @Override
    public Optional<RebalanceRecord> rebalance(long rebalanceId) {
      return Optional.empty();
    }

    @Override
    public void recordSignals(long rebalanceId, List<SignalRow> rows) {
    }

    @Override
    public void recordTargets(long rebalanceId, List<TargetRow> rows) {
    }

    @Override
    public List<TargetRow> targets(long rebalanceId) {
      return List.of();
    }

    @Override
    public void recordOrder(OrderRecord order) {
    }

    @Override
    public void recordAck(String cloid, String status, Optional<Long> oid, String detail) {
    }

    @Override
    public boolean recordFill(Optional<Long> rebalanceId, Fill fill) {
      return true;
    }

    @Override
    public Optional<OrderRecord> order(String cloid) {
      return Optional.empty();
    }

    @Override
    public List<OrderRecord> orders(long rebalanceId) {
      return List.of();
    }

    @Override
    public List<Fill> fills(long rebalanceId) {
      return List.of();
    }

    @Override
    public void recordPositions(Optional<Long> rebalanceId, String source, Map<String, Double> sizes, long timeMs) {
    }

    @Override
    public void recordEquity(String mode, long timeMs, double accountValueUsd) {
    }

    @Override
    public void recordEvent(Optional<Long> rebalanceId, String kind, String level, String message) {
    }

    @Override
    public List<EventRecord> events(Optional<Long> rebalanceId) {
      return List.of();
    }

    @Override
    public void recordError(Optional<Long> rebalanceId, String where, String message) {
    }

    @Override
    public Map<String, Double> paperPositions() {
      throw new UnsupportedOperationException("paperPositions: the benchmark runs live mode");
    }

    @Override
    public double paperCash() {
      throw new UnsupportedOperationException("paperCash: the benchmark runs live mode");
    }

    @Override
    public void initPaperAccount(double cashUsd) {
      throw new UnsupportedOperationException("initPaperAccount: the benchmark runs live mode");
    }

    @Override
    public void applyPaperFill(String coin, double signedSize, double px, double feeUsd) {
      throw new UnsupportedOperationException("applyPaperFill: the benchmark runs live mode");
    }

    @Override
    public void close() {
    }
  }
}
