package io.slipstream.live.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.ParquetIo;
import io.slipstream.data.Panel;
import io.slipstream.data.Table;
import io.slipstream.live.RecordedInfoApi;
import io.slipstream.live.hl.AccountState;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HyperliquidIngest} against the real lake replayed as the exchange ({@link RecordedInfoApi}): expected rows
 * are read straight from the source files, independently of the ingest.
 */
class HyperliquidIngestTest {
  private static final BarInterval H4 = BarInterval.H4;
  private static final long HOUR = 3_600_000L;
  /** BTC, ETH: whole span; kPEPE; HYPE lists 2024-12-05; RLB is delisted in April 2025. */
  private static final List<String> COINS = List.of("BTC", "ETH", "kPEPE", "HYPE", "RLB");
  private static final Instant SINCE = Instant.parse("2024-11-20T01:00:00Z");
  private static final long NOW = Instant.parse("2025-01-10T02:30:00Z").toEpochMilli();

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  /** Source candle rows of {@code coins} with open time in {@code [from, to]}, as "coin,time,o,h,l,c,v", sorted. */
  private static List<String> sourceCandles(List<String> coins, long from, long to) {
    Table t = RecordedInfoApi.sourceCandles(H4);
    return lines(t, "open_time", List.of("open", "high", "low", "close", "volume"), Set.copyOf(coins), from, to,
        true);
  }

  private static List<String> sourceFunding(List<String> coins, long from, long to) {
    return lines(RecordedInfoApi.sourceFunding(), "time", List.of("funding_rate"), Set.copyOf(coins), from, to, true);
  }

  private static List<String> fileLines(Path file, boolean candles) {
    return candles
        ? lines(Lake.readCandles(file), "open_time", List.of("open", "high", "low", "close", "volume"), null,
            Long.MIN_VALUE, Long.MAX_VALUE, false)
        : lines(Lake.readFunding(file), "time", List.of("funding_rate"), null, Long.MIN_VALUE, Long.MAX_VALUE, false);
  }

  /** The rows of a candles table, in its order, as {@link #fileLines} writes them. */
  private static List<String> tableLines(Table t) {
    return lines(t, "open_time", List.of("open", "high", "low", "close", "volume"), null, Long.MIN_VALUE,
        Long.MAX_VALUE, false);
  }

  private static List<String> lines(Table t, String timeCol, List<String> cols, Set<String> coins, long from, long to,
      boolean sort) {
    String[] coin = t.strings("coin");
    long[] time = t.timestamps(timeCol);
    List<double[]> v = cols.stream().map(t::doubles).toList();
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < coin.length; i++) {
      if ((coins == null || coins.contains(coin[i])) && time[i] >= from && time[i] <= to) {
        StringBuilder sb = new StringBuilder().append(time[i]);
        for (double[] x : v) {
          sb.append(',').append(x[i]);
        }
        rows.add(new String[] {coin[i], String.format("%020d", time[i]), coin[i] + "," + sb});
      }
    }
    if (sort) {
      rows.sort(Comparator.<String[], String>comparing(r -> r[0]).thenComparing(r -> r[1]));
    }
    return rows.stream().map(r -> r[2]).toList();
  }

  private static HyperliquidIngest ingest(InfoApi api, Path dir, long now) {
    return new HyperliquidIngest(api, dir, () -> now);
  }

  private static List<Path> tempFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  @Test
  void ingest_emptyLake_writesClosedSourceRowsSortedByCoinThenTime(@TempDir Path dir) {
    HyperliquidIngest.Summary s = ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE,
        HyperliquidIngest.ProgressListener.NONE);

    // candles: first grid open at or after since (04:00), last closed bar opens 2025-01-09T20:00 (the 00:00 bar
    // closes at 04:00, after now)
    long firstOpen = ms("2024-11-20T04:00:00Z");
    long lastOpen = ms("2025-01-09T20:00:00Z");
    List<String> expected = sourceCandles(COINS, firstOpen, lastOpen);
    assertThat(fileLines(dir.resolve("candles_4h.parquet"), true)).containsExactlyElementsOf(expected);
    List<String> expectedFunding = sourceFunding(COINS, SINCE.toEpochMilli(), NOW);
    assertThat(fileLines(dir.resolve("funding.parquet"), false)).containsExactlyElementsOf(expectedFunding);
    assertThat(s.candles().rowsAdded()).isEqualTo(expected.size()).isEqualTo(s.candles().rowsTotal())
        .isEqualTo(s.candles().rowsFetched());
    assertThat(s.funding().rowsAdded()).isEqualTo(expectedFunding.size()).isEqualTo(s.funding().rowsTotal());
    assertThat(s.candles().rowsReplaced()).isZero();
    assertThat(s.candles().written()).isTrue();
    assertThat(s.firstOpenTime()).contains(Instant.ofEpochMilli(firstOpen));
    assertThat(s.lastOpenTime()).contains(Instant.ofEpochMilli(lastOpen));
    assertThat(s.coins()).isEqualTo(COINS);
    assertThat(s.coinsWithoutCandles()).isEmpty();
    assertThat(s.nowMs()).isEqualTo(NOW);
    assertThat(tableLines(s.candlesTable())).isEqualTo(fileLines(dir.resolve("candles_4h.parquet"), true));
  }

  @Test
  void ingest_rerunWithSameNow_changesNothingAndLeavesFilesByteIdentical(@TempDir Path dir) throws IOException {
    ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);
    Path cf = dir.resolve("candles_4h.parquet");
    Path ff = dir.resolve("funding.parquet");
    byte[] candles = Files.readAllBytes(cf);
    byte[] funding = Files.readAllBytes(ff);
    FileTime mtime = Files.getLastModifiedTime(cf);

    HyperliquidIngest.Summary again = ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE,
        HyperliquidIngest.ProgressListener.NONE);

    assertThat(again.candles().rowsAdded()).isZero();
    assertThat(again.candles().rowsReplaced()).isZero();
    assertThat(again.candles().written()).isFalse();
    assertThat(again.funding().rowsAdded()).isZero();
    assertThat(again.funding().written()).isFalse();
    assertThat(again.candles().rowsFetched()).isEqualTo(again.candles().rowsTotal());
    assertThat(Files.readAllBytes(cf)).isEqualTo(candles);
    assertThat(Files.readAllBytes(ff)).isEqualTo(funding);
    assertThat(Files.getLastModifiedTime(cf)).isEqualTo(mtime);
    assertThat(tableLines(again.candlesTable())).isEqualTo(fileLines(cf, true));
  }

  @Test
  void ingest_laterNow_appendsOnlyTheNewBarsAndKeepsEveryOldRow(@TempDir Path dir) {
    ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);
    List<String> before = fileLines(dir.resolve("candles_4h.parquet"), true);
    long later = ms("2025-04-20T10:00:00Z");

    HyperliquidIngest.Summary s = ingest(RecordedInfoApi.at(later), dir, later).ingest(COINS, H4,
        Instant.parse("2025-01-01T00:00:00Z"), HyperliquidIngest.ProgressListener.NONE);

    // new closed bars: open in (2025-01-09T20:00, 2025-04-20T04:00]; RLB stops at its delisting
    List<String> added = sourceCandles(COINS, ms("2025-01-10T00:00:00Z"), ms("2025-04-20T04:00:00Z"));
    assertThat(s.candles().rowsAdded()).isEqualTo(added.size());
    assertThat(s.candles().rowsReplaced()).isZero();
    assertThat(s.candles().rowsTotal()).isEqualTo(before.size() + added.size());
    List<String> after = fileLines(dir.resolve("candles_4h.parquet"), true);
    assertThat(after).containsAll(before);
    assertThat(after).containsExactlyElementsOf(sourceCandles(COINS, ms("2024-11-20T04:00:00Z"),
        ms("2025-04-20T04:00:00Z")));
    assertThat(s.funding().rowsAdded()).isEqualTo(sourceFunding(COINS, NOW + 1, later).size());
  }

  @Test
  void ingest_overlapWithDifferentValues_exchangeWinsAndLakeOnlyRowsAreKept(@TempDir Path dir) {
    ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);
    long revised = ms("2024-12-24T08:00:00Z");
    InfoApi exchange = new Tampered(RecordedInfoApi.at(NOW), cs -> cs.stream()
        .map(c -> c.coin().equals("ETH") && c.openMs() == revised ? withClose(c, 3401.5) : c).toList(), fs -> fs);

    // second run: fewer coins, later since: January rows and other coins exist only in the lake
    HyperliquidIngest.Summary s = ingest(exchange, dir, NOW).ingest(List.of("ETH"), H4,
        Instant.parse("2024-12-20T00:00:00Z"), HyperliquidIngest.ProgressListener.NONE);

    assertThat(s.candles().rowsAdded()).isZero();
    assertThat(s.candles().rowsReplaced()).isEqualTo(1);
    assertThat(s.candles().written()).isTrue();
    List<String> expected = new ArrayList<>(sourceCandles(COINS, ms("2024-11-20T04:00:00Z"),
        ms("2025-01-09T20:00:00Z")));
    int k = expected.indexOf(expected.stream().filter(l -> l.startsWith("ETH," + revised + ",")).findFirst()
        .orElseThrow());
    String[] f = expected.get(k).split(",");
    expected.set(k, String.join(",", f[0], f[1], f[2], f[3], f[4], "3401.5", f[6]));
    assertThat(fileLines(dir.resolve("candles_4h.parquet"), true)).containsExactlyElementsOf(expected);
  }

  private static Candle withClose(Candle c, double close) {
    return new Candle(c.coin(), c.interval(), c.openMs(), c.closeMs(), c.open(), c.high(), c.low(), close, c.volume(),
        c.trades());
  }

  @Test
  void ingest_writerCrashesMidFile_oldFileIntactAndNoTempLeft(@TempDir Path dir) throws IOException {
    ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);
    Path cf = dir.resolve("candles_4h.parquet");
    byte[] old = Files.readAllBytes(cf);
    long later = NOW + 10 * 24 * HOUR;
    HyperliquidIngest.TableWriter crashing = (file, table) -> {
      ParquetIo.write(file, table);
      try {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new UncheckedIOException(new IOException("simulated crash after half the file"));
    };

    assertThatThrownBy(() -> new HyperliquidIngest(RecordedInfoApi.at(later), dir, () -> later, crashing)
        .ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("simulated crash");

    assertThat(Files.readAllBytes(cf)).isEqualTo(old);
    assertThat(tempFiles(dir)).isEmpty();
  }

  @Test
  void ingest_tornWriteWithoutError_detectedOnReadBackAndOldFileIntact(@TempDir Path dir) throws IOException {
    ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);
    Path cf = dir.resolve("candles_4h.parquet");
    byte[] old = Files.readAllBytes(cf);
    long later = NOW + 10 * 24 * HOUR;
    HyperliquidIngest.TableWriter torn = (file, table) -> {
      ParquetIo.write(file, table);
      try {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 100));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };

    assertThatThrownBy(() -> new HyperliquidIngest(RecordedInfoApi.at(later), dir, () -> later, torn)
        .ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE))
        .isInstanceOf(DataException.class).hasMessageContaining("does not read back")
        .hasMessageContaining(cf.toString());

    assertThat(Files.readAllBytes(cf)).isEqualTo(old);
    assertThat(tempFiles(dir)).isEmpty();
  }

  @Test
  void ingest_crashBetweenCandlesAndFunding_nextRunCompletesTheLake(@TempDir Path dir, @TempDir Path fresh)
      throws IOException {
    long later = NOW + 10 * 24 * HOUR;
    ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);
    HyperliquidIngest.TableWriter fundingFails = (file, table) -> {
      if (file.getFileName().toString().startsWith(".funding")) {
        throw new UncheckedIOException(new IOException("simulated crash before funding"));
      }
      ParquetIo.write(file, table);
    };
    assertThatThrownBy(() -> new HyperliquidIngest(RecordedInfoApi.at(later), dir, () -> later, fundingFails)
        .ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE)).isInstanceOf(UncheckedIOException.class);

    HyperliquidIngest.Summary s = ingest(RecordedInfoApi.at(later), dir, later).ingest(COINS, H4, SINCE,
        HyperliquidIngest.ProgressListener.NONE);
    ingest(RecordedInfoApi.at(later), fresh, later).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);

    assertThat(s.candles().written()).isFalse();
    assertThat(s.funding().written()).isTrue();
    assertThat(fileLines(dir.resolve("candles_4h.parquet"), true))
        .isEqualTo(fileLines(fresh.resolve("candles_4h.parquet"), true));
    assertThat(fileLines(dir.resolve("funding.parquet"), false))
        .isEqualTo(fileLines(fresh.resolve("funding.parquet"), false));
  }

  @Test
  void ingest_badCandleOfLastCoin_refusedBeforeAnyWriteNamingCoinAndTime(@TempDir Path dir) throws IOException {
    ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);
    byte[] candles = Files.readAllBytes(dir.resolve("candles_4h.parquet"));
    byte[] funding = Files.readAllBytes(dir.resolve("funding.parquet"));
    long later = NOW + 10 * 24 * HOUR;
    long bad = ms("2025-01-15T08:00:00Z");
    record Case(String what, UnaryOperator<List<Candle>> candles, UnaryOperator<List<FundingRate>> funding,
        String message) {
    }
    List<Case> cases = List.of(
        new Case("NaN close", cs -> map(cs, bad, c -> withClose(c, Double.NaN)), fs -> fs, "close NaN is not finite"),
        new Case("negative volume", cs -> map(cs, bad, c -> new Candle(c.coin(), c.interval(), c.openMs(),
            c.closeMs(), c.open(), c.high(), c.low(), c.close(), -1.0, c.trades())), fs -> fs,
            "volume -1.0 is negative"),
        new Case("off-grid open", cs -> map(cs, bad, c -> new Candle(c.coin(), c.interval(), c.openMs() + HOUR,
            c.closeMs() + HOUR, c.open(), c.high(), c.low(), c.close(), c.volume(), c.trades())), fs -> fs,
            "not on the 4h grid"),
        new Case("infinite high", cs -> map(cs, bad, c -> new Candle(c.coin(), c.interval(), c.openMs(),
            c.closeMs(), c.open(), Double.POSITIVE_INFINITY, c.low(), c.close(), c.volume(), c.trades())),
            fs -> fs, "high Infinity is not finite"),
        new Case("NaN funding", cs -> cs, fs -> fs.stream().map(f -> f.timeMs() / HOUR == bad / HOUR
            ? new FundingRate(f.coin(), f.timeMs(), Double.NaN, 0) : f).toList(), "funding_rate NaN"));
    for (Case c : cases) {
      InfoApi exchange = new Tampered(RecordedInfoApi.at(later),
          cs -> cs.isEmpty() || !cs.get(0).coin().equals("RLB") ? cs : c.candles.apply(cs),
          fs -> fs.isEmpty() || !fs.get(0).coin().equals("RLB") ? fs : c.funding.apply(fs));

      assertThatThrownBy(() -> ingest(exchange, dir, later).ingest(COINS, H4, SINCE,
          HyperliquidIngest.ProgressListener.NONE)).as(c.what).isInstanceOf(DataException.class)
          .hasMessageContaining("coin RLB").hasMessageContaining("2025-01-15T0").hasMessageContaining(c.message);

      assertThat(Files.readAllBytes(dir.resolve("candles_4h.parquet"))).as(c.what).isEqualTo(candles);
      assertThat(Files.readAllBytes(dir.resolve("funding.parquet"))).as(c.what).isEqualTo(funding);
    }
  }

  @Test
  void ingest_badDataIntoEmptyLake_createsNoFile(@TempDir Path dir) throws IOException {
    long bad = ms("2025-01-02T00:00:00Z");
    InfoApi exchange = new Tampered(RecordedInfoApi.at(NOW),
        cs -> cs.isEmpty() || !cs.get(0).coin().equals("HYPE") ? cs : map(cs, bad, c -> withClose(c, Double.NaN)),
        fs -> fs);

    assertThatThrownBy(() -> ingest(exchange, dir, NOW).ingest(COINS, H4, SINCE,
        HyperliquidIngest.ProgressListener.NONE)).isInstanceOf(DataException.class)
        .hasMessageContaining("coin HYPE at 2025-01-02T00:00:00Z");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  private static List<Candle> map(List<Candle> cs, long open, UnaryOperator<Candle> f) {
    assertThat(cs.stream().anyMatch(c -> c.openMs() == open)).isTrue();
    return cs.stream().map(c -> c.openMs() == open ? f.apply(c) : c).toList();
  }

  @Test
  void ingest_roundTrip_lakeLoadsEqualToTheSourceWindow(@TempDir Path dir) {
    long now = ms("2025-02-01T00:30:00Z"); // half an hour after the close: the 00:00 funding is published
    ingest(RecordedInfoApi.at(now), dir, now).ingest(COINS, H4, SINCE, HyperliquidIngest.ProgressListener.NONE);

    MarketData got = Lake.load(dir, H4, true);
    MarketData source = Lake.load(RecordedInfoApi.DATA, H4, true);

    long firstOpen = ms("2024-11-20T04:00:00Z");
    int from = source.close().lastRowClosedBy(firstOpen + H4.millis());
    int to = source.close().lastRowClosedBy(ms("2025-02-01T00:00:00Z"));
    assertThat(source.close().openTimeMs(from)).isEqualTo(firstOpen);
    assertThat(got.close().firstOpenMs()).isEqualTo(firstOpen);
    assertThat(got.rows()).isEqualTo(to - from + 1);
    assertThat(got.coins()).containsExactlyInAnyOrderElementsOf(COINS);
    MarketData window = source.sliceRows(from, to + 1);
    for (String coin : COINS) {
      int a = got.close().columnOf(coin).getAsInt();
      int b = window.close().columnOf(coin).getAsInt();
      for (Map.Entry<Panel, Panel> p : Map.of(got.open(), window.open(), got.high(), window.high(), got.low(),
          window.low(), got.close(), window.close(), got.volume(), window.volume(), got.funding(), window.funding())
          .entrySet()) {
        assertThat(p.getKey().column(a)).as(coin).isEqualTo(p.getValue().column(b));
      }
    }
  }

  @Test
  void ingest_reportsProgressOncePerCoinInOrder(@TempDir Path dir) {
    List<String> calls = new ArrayList<>();
    ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(COINS, H4, SINCE,
        (done, total, coin) -> calls.add(done + "/" + total + " " + coin));

    assertThat(calls).containsExactly("1/5 BTC", "2/5 ETH", "3/5 kPEPE", "4/5 HYPE", "5/5 RLB");
  }

  @Test
  void ingest_coinNotTradingInTheWindow_listedAsWithoutCandles(@TempDir Path dir) {
    HyperliquidIngest.Summary s = ingest(RecordedInfoApi.at(NOW), dir, NOW).ingest(List.of("BTC", "BERA"), H4,
        SINCE, HyperliquidIngest.ProgressListener.NONE);

    assertThat(s.coinsWithoutCandles()).containsExactly("BERA");
    assertThat(Lake.readCandles(dir.resolve("candles_4h.parquet")).dictionary("coin")).containsExactly("BTC");
  }

  @Test
  void ingest_badArguments_rejectedNamingTheArgument(@TempDir Path dir) {
    HyperliquidIngest in = ingest(RecordedInfoApi.at(NOW), dir, NOW);
    HyperliquidIngest.ProgressListener none = HyperliquidIngest.ProgressListener.NONE;

    assertThatThrownBy(() -> in.ingest(List.of(), H4, SINCE, none)).hasMessageContaining("coins");
    assertThatThrownBy(() -> in.ingest(List.of("BTC", "BTC"), H4, SINCE, none)).hasMessageContaining("\"BTC\" twice");
    assertThatThrownBy(() -> in.ingest(List.of("BTC"), H4, Instant.ofEpochMilli(NOW), none))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("since");
  }

  @Test
  void resolveCoins_all_listedCoinsPlusDelistedOnesAlreadyInTheLake(@TempDir Path dir) {
    long now = ms("2025-05-01T00:00:00Z");
    RecordedInfoApi exchange = RecordedInfoApi.at(now);
    Meta meta = exchange.meta();
    HyperliquidIngest in = ingest(exchange, dir, now);

    List<String> before = in.resolveCoins(Optional.empty(), H4);
    in.ingest(List.of("RLB"), H4, Instant.parse("2025-03-01T00:00:00Z"), HyperliquidIngest.ProgressListener.NONE);
    List<String> after = in.resolveCoins(Optional.empty(), H4);

    assertThat(meta.get("RLB").delisted()).isTrue();
    assertThat(meta.get("AI").delisted()).isTrue();
    assertThat(before).contains("BTC", "HYPE").doesNotContain("RLB", "AI");
    assertThat(before).containsExactlyElementsOf(meta.universe().stream().filter(a -> !a.delisted())
        .map(a -> a.name()).toList());
    assertThat(after).contains("RLB").doesNotContain("AI").hasSize(before.size() + 1);
  }

  @Test
  void resolveCoins_explicit_keepsOrderAndRefusesUnlistedCoin(@TempDir Path dir) {
    HyperliquidIngest in = ingest(RecordedInfoApi.at(NOW), dir, NOW);

    assertThat(in.resolveCoins(Optional.of(List.of("SOL", "BTC")), H4)).containsExactly("SOL", "BTC");
    assertThatThrownBy(() -> in.resolveCoins(Optional.of(List.of("BTC", "NOPE")), H4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"NOPE\"");
    // BERA lists only in February 2025: at NOW the exchange does not know it
    assertThatThrownBy(() -> in.resolveCoins(Optional.of(List.of("BERA")), H4))
        .hasMessageContaining("\"BERA\" is not listed");
  }

  /** Delegates to an exchange and rewrites its candle and funding replies. */
  private static final class Tampered implements InfoApi {
    private final InfoApi inner;
    private final UnaryOperator<List<Candle>> candles;
    private final UnaryOperator<List<FundingRate>> funding;

    Tampered(InfoApi inner, UnaryOperator<List<Candle>> candles, UnaryOperator<List<FundingRate>> funding) {
      this.inner = inner;
      this.candles = candles;
      this.funding = funding;
    }

    @Override
    public Meta meta() {
      return inner.meta();
    }

    @Override
    public List<Candle> candles(String coin, BarInterval interval, long startMs, long endMs) {
      return candles.apply(inner.candles(coin, interval, startMs, endMs));
    }

    @Override
    public List<FundingRate> fundingHistory(String coin, long startMs, long endMs) {
      return funding.apply(inner.fundingHistory(coin, startMs, endMs));
    }

    @Override
    public L2Book l2Book(String coin) {
      return inner.l2Book(coin);
    }

    @Override
    public Map<String, Double> allMids() {
      return inner.allMids();
    }

    @Override
    public AccountState clearinghouseState(String user) {
      return inner.clearinghouseState(user);
    }

    @Override
    public List<OpenOrder> openOrders(String user) {
      return inner.openOrders(user);
    }

    @Override
    public List<Fill> userFills(String user) {
      return inner.userFills(user);
    }

    @Override
    public OrderQuery orderStatus(String user, String cloid) {
      return inner.orderStatus(user, cloid);
    }
  }
}
