package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.data.Table;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.FundingRate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream ingest hyperliquid --endpoint http://127.0.0.1:PORT} end to end: the real
 * {@code HyperliquidClient} (the command's default client factory) pages over HTTP through a {@link FakeExchange}
 * loaded with the lake's own BTC and ETH candles and funding (the fake answers at most 500 rows a request: 720
 * closed 4h candles and 2880 funding rows a coin take several pages). The ingested lake must hold exactly the
 * source lake's rows of those coins in the window, values bit for bit, and a second identical run must leave both
 * files byte for byte unchanged.
 */
class IngestHyperliquidEndToEndTest {
  private static final Path SOURCE = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final List<String> COINS = List.of("BTC", "ETH");
  private static final long SINCE = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
  /** Inside the data, mid-bar: the 00:00 bar of 2025-05-01 is still forming and must not be ingested. */
  private static final long NOW = Instant.parse("2025-05-01T02:30:00Z").toEpochMilli();
  private static final long H4 = BarInterval.H4.millis();
  private static final long DAY = 86_400_000L;

  private LongSupplier savedClock;

  @BeforeEach
  void fixClock() {
    savedClock = IngestCommand.clockMs;
    IngestCommand.clockMs = () -> NOW;
  }

  @AfterEach
  void restore() {
    IngestCommand.clockMs = savedClock;
  }

  @Test
  void ingest_overHttp_reproducesTheSourceRowsBitForBit_andARepeatChangesNoByte(@TempDir Path dir)
      throws Exception {
    Table source = Lake.readCandles(Lake.candlesFile(SOURCE, BarInterval.H4));
    Table sourceFunding = Lake.readFunding(Lake.fundingFile(SOURCE));
    Table expectedCandles = candleRows(source, SINCE, NOW);
    Table expectedFunding = fundingRows(sourceFunding, SINCE, NOW);
    assertThat(expectedCandles.rows()).as("closed 4h bars of 2 coins, 120 days").isEqualTo(2 * 120 * 6);
    assertThat(expectedFunding.rows()).as("more than one 500-row page a coin").isGreaterThan(2 * 1000);

    try (FakeExchange fake = FakeExchange.start()) {
      fake.addCoin("BTC", 5, 95_000, 2.0, 1);
      fake.addCoin("ETH", 4, 1_800, 2.0, 10);
      fake.addCoin("SOL", 2, 150, 2.0, 100);
      // the exchange holds more than the window on both sides: 5 days before --since and after now
      for (String coin : COINS) {
        fake.addCandles(coin, "4h", candles(source, coin, SINCE - 5 * DAY, NOW + 5 * DAY));
        fake.addFunding(coin, funding(sourceFunding, coin, SINCE - 5 * DAY, NOW + 5 * DAY));
      }
      fake.addCandles("SOL", "4h", candles(source, "SOL", SINCE - 5 * DAY, NOW + 5 * DAY));
      String endpoint = fake.restBase().toString();

      CliRun.Result r = CliRun.run("ingest", "hyperliquid", "--coins", "BTC,ETH", "--interval", "4h", "--since",
          "2025-01-01T00:00:00Z", "--data", dir.toString(), "--endpoint", endpoint);

      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("coins: 2 from " + endpoint)
          .contains("candles_4h.parquet: 1440 rows fetched, 1440 added, 0 replaced, 1440 in file");
      // the real client paged: 720 candles and ~2880 funding rows a coin, 500 a reply
      assertThat(fake.infoRequestCount("candleSnapshot")).isGreaterThanOrEqualTo(2 * 2);
      assertThat(fake.infoRequestCount("fundingHistory")).isGreaterThanOrEqualTo(2 * 6);
      assertThat(fake.exchangeRequests()).isEmpty();
      assertThat(fake.serverErrors()).isEmpty();

      Path candlesFile = Lake.candlesFile(dir, BarInterval.H4);
      Path fundingFile = Lake.fundingFile(dir);
      assertSameCandles(Lake.readCandles(candlesFile), expectedCandles);
      assertSameFunding(Lake.readFunding(fundingFile), expectedFunding);
      MarketData got = Lake.load(dir, BarInterval.H4, true);
      MarketData want = Lake.toMarketData(expectedCandles, "expected candles", BarInterval.H4, expectedFunding,
          "expected funding");
      assertThat(got.coins()).containsExactly("BTC", "ETH");
      assertThat(got.close().firstOpenMs()).isEqualTo(SINCE);
      assertThat(got.close().closeTimeMs(got.rows() - 1)).isEqualTo(Instant.parse("2025-05-01T00:00:00Z")
          .toEpochMilli());
      assertSamePanel("open", got.open(), want.open());
      assertSamePanel("high", got.high(), want.high());
      assertSamePanel("low", got.low(), want.low());
      assertSamePanel("close", got.close(), want.close());
      assertSamePanel("volume", got.volume(), want.volume());
      assertSamePanel("funding", got.funding(), want.funding());
      byte[] candleBytes = Files.readAllBytes(candlesFile);
      byte[] fundingBytes = Files.readAllBytes(fundingFile);
      int candleRequests = fake.infoRequestCount("candleSnapshot");

      CliRun.Result again = CliRun.run("ingest", "hyperliquid", "--coins", "BTC,ETH", "--interval", "4h", "--since",
          "2025-01-01T00:00:00Z", "--data", dir.toString(), "--endpoint", endpoint);

      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(fake.infoRequestCount("candleSnapshot")).as("fetched again").isGreaterThan(candleRequests);
      assertThat(again.out()).contains("candles_4h.parquet: 1440 rows fetched, 0 added, 0 replaced, 1440 in file "
          + "(unchanged)").contains("funding.parquet: " + expectedFunding.rows() + " rows fetched, 0 added, 0 "
          + "replaced, " + expectedFunding.rows() + " in file (unchanged)");
      assertThat(Files.readAllBytes(candlesFile)).isEqualTo(candleBytes);
      assertThat(Files.readAllBytes(fundingFile)).isEqualTo(fundingBytes);
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
            .as("no temporary file left").containsExactly("candles_4h.parquet", "funding.parquet");
      }
    }
  }

  // ---- the source lake ------------------------------------------------------------------------------------------

  /** Indices of {@code coin}'s rows with {@code from <= time < to}, ascending time. */
  private static List<Integer> rows(String[] coin, long[] time, String wanted, long from, long to) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < coin.length; i++) {
      if (coin[i].equals(wanted) && time[i] >= from && time[i] < to) {
        out.add(i);
      }
    }
    out.sort(Comparator.comparingLong(i -> time[i]));
    return out;
  }

  private static List<Candle> candles(Table t, String coin, long from, long to) {
    long[] open = t.timestamps("open_time");
    double[] o = t.doubles("open");
    double[] h = t.doubles("high");
    double[] l = t.doubles("low");
    double[] c = t.doubles("close");
    double[] v = t.doubles("volume");
    List<Candle> out = new ArrayList<>();
    for (int i : rows(t.strings("coin"), open, coin, from, to)) {
      out.add(new Candle(coin, "4h", open[i], open[i] + H4 - 1, o[i], h[i], l[i], c[i], v[i], 100));
    }
    return out;
  }

  private static List<FundingRate> funding(Table t, String coin, long from, long to) {
    long[] time = t.timestamps("time");
    double[] rate = t.doubles("funding_rate");
    List<FundingRate> out = new ArrayList<>();
    for (int i : rows(t.strings("coin"), time, coin, from, to)) {
      out.add(new FundingRate(coin, time[i], rate[i], 0.0));
    }
    return out;
  }

  /** The source's closed candles of {@link #COINS}: open time in [since, now - 4h], sorted by coin then time. */
  private static Table candleRows(Table t, long since, long now) {
    String[] coin = t.strings("coin");
    long[] open = t.timestamps("open_time");
    List<Integer> idx = new ArrayList<>();
    for (String c : COINS) {
      idx.addAll(rows(coin, open, c, since, now - H4 + 1));
    }
    Table.Builder b = Table.builder().strings("coin", idx.stream().map(i -> coin[i]).toArray(String[]::new))
        .timestamps("open_time", idx.stream().mapToLong(i -> open[i]).toArray());
    for (String col : List.of("open", "high", "low", "close", "volume")) {
      double[] x = t.doubles(col);
      b.doubles(col, idx.stream().mapToDouble(i -> x[i]).toArray());
    }
    return b.build();
  }

  /** The source's funding rows of {@link #COINS} with time in [since, now], sorted by coin then time. */
  private static Table fundingRows(Table t, long since, long now) {
    String[] coin = t.strings("coin");
    long[] time = t.timestamps("time");
    double[] rate = t.doubles("funding_rate");
    List<Integer> idx = new ArrayList<>();
    for (String c : COINS) {
      idx.addAll(rows(coin, time, c, since, now + 1));
    }
    return Table.builder().strings("coin", idx.stream().map(i -> coin[i]).toArray(String[]::new))
        .timestamps("time", idx.stream().mapToLong(i -> time[i]).toArray())
        .doubles("funding_rate", idx.stream().mapToDouble(i -> rate[i]).toArray()).build();
  }

  // ---- bit-for-bit comparisons ----------------------------------------------------------------------------------

  private static void assertSameCandles(Table got, Table want) {
    assertThat(got.rows()).isEqualTo(want.rows());
    assertThat(got.strings("coin")).containsExactly(want.strings("coin"));
    assertThat(got.timestamps("open_time")).containsExactly(want.timestamps("open_time"));
    for (String col : List.of("open", "high", "low", "close", "volume")) {
      assertThat(bits(got.doubles(col))).as(col).containsExactly(bits(want.doubles(col)));
    }
  }

  private static void assertSameFunding(Table got, Table want) {
    assertThat(got.rows()).isEqualTo(want.rows());
    assertThat(got.strings("coin")).containsExactly(want.strings("coin"));
    assertThat(got.timestamps("time")).containsExactly(want.timestamps("time"));
    assertThat(bits(got.doubles("funding_rate"))).containsExactly(bits(want.doubles("funding_rate")));
  }

  private static void assertSamePanel(String name, Panel got, Panel want) {
    assertThat(got.coins()).as(name).isEqualTo(want.coins());
    assertThat(got.firstOpenMs()).as(name).isEqualTo(want.firstOpenMs());
    assertThat(got.rows()).as(name).isEqualTo(want.rows());
    assertThat(bits(got.toColumnMajor())).as(name).containsExactly(bits(want.toColumnMajor()));
  }

  private static long[] bits(double[] x) {
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Double.doubleToRawLongBits(x[i]);
    }
    return out;
  }
}
