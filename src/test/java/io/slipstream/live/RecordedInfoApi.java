package io.slipstream.live;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.Table;
import io.slipstream.live.hl.AccountState;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link InfoApi} that replays the real lake ({@code ../shared/data/hyperliquid}, or the
 * {@code slipstream.data} system property) as the exchange would have served it at a time {@code now}: candles
 * with open time {@code <= now} (the one still forming at {@code now} included, with its final values, and
 * {@code T = open + interval - 1}), funding payments with time {@code <= now}. {@code meta} lists, in name order,
 * the coins of the 4h file that have a candle opening at or before {@code now}; a coin is delisted when its last
 * 4h candle opens more than a day before {@code min(now, the file's last open time)}. An optional candle limit
 * mimics the exchange keeping only the most recent candles. Account requests are not recorded and throw.
 *
 * <p>The lake files are read once per JVM and shared by every instance (immutable arrays).
 */
public final class RecordedInfoApi implements InfoApi {
  /** The real lake folder. */
  public static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final long DAY_MS = 86_400_000L;
  private static final Map<BarInterval, Recording> CANDLES = new EnumMap<>(BarInterval.class);
  private static Recording funding;

  private final long nowMs;
  private final int candleLimit;
  private final AtomicInteger candleCalls = new AtomicInteger();
  private final AtomicInteger fundingCalls = new AtomicInteger();

  private RecordedInfoApi(long nowMs, int candleLimit) {
    this.nowMs = nowMs;
    this.candleLimit = candleLimit;
  }

  /**
   * @param nowMs the time the exchange is replayed at, epoch ms UTC
   * @return the exchange as it stood then, without a candle limit
   */
  public static RecordedInfoApi at(long nowMs) {
    return new RecordedInfoApi(nowMs, Integer.MAX_VALUE);
  }

  /** @return the same recording replayed at another time */
  public RecordedInfoApi withNow(long now) {
    return new RecordedInfoApi(now, candleLimit);
  }

  /**
   * @param limit most recent candles kept per coin and interval (the real exchange keeps 5000)
   * @return the same recording serving only candles that open at or after {@code limit} bars before the bar
   *     forming at {@code now}
   */
  public RecordedInfoApi withCandleLimit(int limit) {
    return new RecordedInfoApi(nowMs, limit);
  }

  /** @return the replay time, epoch ms UTC */
  public long nowMs() {
    return nowMs;
  }

  /** @return {@code candleSnapshot} requests served */
  public int candleCalls() {
    return candleCalls.get();
  }

  /** @return {@code fundingHistory} requests served */
  public int fundingCalls() {
    return fundingCalls.get();
  }

  /** @return the lake's candles file of {@code interval} as read (rows in file order) */
  public static Table sourceCandles(BarInterval interval) {
    return candles(interval).table;
  }

  /** @return the lake's funding file as read (rows in file order) */
  public static Table sourceFunding() {
    return funding().table;
  }

  @Override
  public Meta meta() {
    Recording r = candles(BarInterval.H4);
    long end = Math.min(nowMs, r.lastTimeMs);
    List<AssetMeta> universe = new ArrayList<>();
    for (Map.Entry<String, Series> e : r.byCoin.entrySet()) {
      Series s = e.getValue();
      if (s.time[0] > nowMs) {
        continue; // not listed yet
      }
      boolean delisted = s.time[s.time.length - 1] + DAY_MS < end;
      universe.add(new AssetMeta(universe.size(), e.getKey(), 2, 10, delisted));
    }
    return new Meta(universe);
  }

  @Override
  public List<Candle> candles(String coin, BarInterval interval, long startMs, long endMs) {
    candleCalls.incrementAndGet();
    Series s = candles(interval).byCoin.get(coin);
    if (s == null) {
      return List.of();
    }
    long step = interval.millis();
    long oldest = candleLimit == Integer.MAX_VALUE ? Long.MIN_VALUE
        : Math.floorDiv(nowMs, step) * step - (candleLimit - 1L) * step;
    long from = Math.max(startMs, oldest);
    long to = Math.min(endMs, nowMs);
    List<Candle> out = new ArrayList<>();
    int i = lowerBound(s.time, from);
    for (; i < s.time.length && s.time[i] <= to; i++) {
      long t = s.time[i];
      out.add(new Candle(coin, interval.label(), t, t + step - 1, s.values[0][i], s.values[1][i], s.values[2][i],
          s.values[3][i], s.values[4][i], 0));
    }
    return out;
  }

  @Override
  public List<FundingRate> fundingHistory(String coin, long startMs, long endMs) {
    fundingCalls.incrementAndGet();
    Series s = funding().byCoin.get(coin);
    if (s == null) {
      return List.of();
    }
    long to = Math.min(endMs, nowMs);
    List<FundingRate> out = new ArrayList<>();
    for (int i = lowerBound(s.time, startMs); i < s.time.length && s.time[i] <= to; i++) {
      out.add(new FundingRate(coin, s.time[i], s.values[0][i], 0.0));
    }
    return out;
  }

  private static int lowerBound(long[] a, long key) {
    int i = Arrays.binarySearch(a, key);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public L2Book l2Book(String coin) {
    throw new UnsupportedOperationException("l2Book is not recorded");
  }

  @Override
  public Map<String, Double> allMids() {
    throw new UnsupportedOperationException("allMids is not recorded");
  }

  @Override
  public AccountState clearinghouseState(String user) {
    throw new UnsupportedOperationException("clearinghouseState is not recorded");
  }

  @Override
  public List<OpenOrder> openOrders(String user) {
    throw new UnsupportedOperationException("openOrders is not recorded");
  }

  @Override
  public List<Fill> userFills(String user) {
    throw new UnsupportedOperationException("userFills is not recorded");
  }

  @Override
  public OrderQuery orderStatus(String user, String cloid) {
    throw new UnsupportedOperationException("orderStatus is not recorded");
  }

  /** One coin's rows, ascending time. */
  private record Series(long[] time, double[][] values) {
  }

  /** A lake file split by coin. */
  private record Recording(Table table, Map<String, Series> byCoin, long lastTimeMs) {
  }

  private static synchronized Recording candles(BarInterval interval) {
    return CANDLES.computeIfAbsent(interval, i -> split(Lake.readCandles(Lake.candlesFile(DATA, i)), "open_time",
        List.of("open", "high", "low", "close", "volume")));
  }

  private static synchronized Recording funding() {
    if (funding == null) {
      funding = split(Lake.readFunding(Lake.fundingFile(DATA)), "time", List.of("funding_rate"));
    }
    return funding;
  }

  private static Recording split(Table t, String timeCol, List<String> valueCols) {
    String[] coin = t.strings("coin");
    long[] time = t.timestamps(timeCol);
    double[][] vals = new double[valueCols.size()][];
    for (int k = 0; k < vals.length; k++) {
      vals[k] = t.doubles(valueCols.get(k));
    }
    Map<String, int[]> count = new LinkedHashMap<>();
    for (String c : coin) {
      count.computeIfAbsent(c, k -> new int[1])[0]++;
    }
    Map<String, int[]> ids = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : count.entrySet()) {
      ids.put(e.getKey(), new int[e.getValue()[0]]);
      e.getValue()[0] = 0;
    }
    for (int i = 0; i < coin.length; i++) {
      ids.get(coin[i])[count.get(coin[i])[0]++] = i;
    }
    Map<String, Series> byCoin = new TreeMap<>();
    long last = Long.MIN_VALUE;
    for (Map.Entry<String, int[]> e : ids.entrySet()) {
      int[] r = e.getValue();
      boolean sorted = true;
      for (int j = 1; j < r.length && sorted; j++) {
        sorted = time[r[j]] > time[r[j - 1]];
      }
      if (!sorted) {
        r = Arrays.stream(r).boxed().sorted((a, b) -> Long.compare(time[a], time[b])).mapToInt(Integer::intValue)
            .toArray();
      }
      long[] ts = new long[r.length];
      double[][] vs = new double[vals.length][r.length];
      for (int j = 0; j < r.length; j++) {
        ts[j] = time[r[j]];
        for (int k = 0; k < vals.length; k++) {
          vs[k][j] = vals[k][r[j]];
        }
        if (j > 0 && ts[j] <= ts[j - 1]) {
          throw new IllegalStateException("recording: coin " + e.getKey() + " repeats time " + ts[j]);
        }
      }
      last = Math.max(last, ts[ts.length - 1]);
      byCoin.put(e.getKey(), new Series(ts, vs));
    }
    return new Recording(t, byCoin, last);
  }
}
