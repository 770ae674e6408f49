package io.slipstream.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What {@link Lake#toMarketData} refuses (issue 13, item 2): non-positive prices on traded bars, missing volume on a
 * bar with prices, implausible timestamps (seconds for milliseconds, one stray bar in 2100) in candles and funding;
 * and what it still accepts (a zero price on a bar that did not trade, a real gap).
 */
class LakeTest {
  private static final BarInterval IV = BarInterval.H4;
  private static final long STEP = IV.millis();
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final String[] COINS = {"AAA", "BBB"};
  private static final int BARS = 300;

  /** Two coins, 300 bars each, prices 10 + k, volume 100. */
  private static final class Rows {
    final String[] coin = new String[2 * BARS];
    final long[] time = new long[2 * BARS];
    final double[] o = new double[2 * BARS];
    final double[] h = new double[2 * BARS];
    final double[] l = new double[2 * BARS];
    final double[] c = new double[2 * BARS];
    final double[] v = new double[2 * BARS];

    Rows() {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < BARS; k++) {
          int i = j * BARS + k;
          coin[i] = COINS[j];
          time[i] = T0 + k * STEP;
          o[i] = 10 + k;
          h[i] = 12 + k;
          l[i] = 9 + k;
          c[i] = 11 + k;
          v[i] = 100;
        }
      }
    }

    Table table() {
      return Table.builder().strings("coin", coin).timestamps("open_time", time).doubles("open", o).doubles("high", h)
          .doubles("low", l).doubles("close", c).doubles("volume", v).build();
    }
  }

  private static Table funding(long[] times) {
    String[] coins = new String[times.length];
    double[] rates = new double[times.length];
    java.util.Arrays.fill(coins, "AAA");
    java.util.Arrays.fill(rates, 1e-4);
    return Table.builder().strings("coin", coins).timestamps("time", times).doubles("funding_rate", rates).build();
  }

  private static MarketData load(Rows r) {
    return Lake.toMarketData(r.table(), "candles_4h.parquet", IV, null, "");
  }

  @Test
  void zeroCloseOnTradedBar_refusedNamingFileCoinTimeAndColumn() {
    Rows r = new Rows();
    r.c[BARS + 50] = 0;

    assertThatThrownBy(() -> load(r)).isInstanceOf(DataException.class)
        .hasMessageContaining("candles_4h.parquet").hasMessageContaining("coin BBB")
        .hasMessageContaining(Instant.ofEpochMilli(T0 + 50 * STEP).toString()).hasMessageContaining("close 0.0")
        .hasMessageContaining("traded bar");
  }

  @Test
  void negativeOpenHighOrLowOnTradedBar_refused() {
    for (String col : new String[] {"open", "high", "low"}) {
      Rows r = new Rows();
      double[] a = col.equals("open") ? r.o : col.equals("high") ? r.h : r.l;
      a[7] = -1;
      assertThatThrownBy(() -> load(r)).as(col).isInstanceOf(DataException.class)
          .hasMessageContaining("coin AAA").hasMessageContaining(col + " -1.0");
    }
  }

  @Test
  void zeroPriceOnUntradedBar_isMaskedNotRefused() {
    Rows r = new Rows();
    r.c[7] = 0;
    r.v[7] = 0;

    MarketData md = load(r);

    assertThat(md.close().get(7, 0)).isNaN();
    assertThat(md.close().get(8, 0)).isEqualTo(19.0);
  }

  @Test
  void nanVolumeOnBarWithPrices_refusedNamingTime() {
    Rows r = new Rows();
    r.v[BARS + 3] = Double.NaN;

    assertThatThrownBy(() -> load(r)).isInstanceOf(DataException.class).hasMessageContaining("coin BBB")
        .hasMessageContaining(Instant.ofEpochMilli(T0 + 3 * STEP).toString())
        .hasMessageContaining("volume is missing");
  }

  @Test
  void oneStrayBarIn2100_refusedAsStray() {
    Rows r = new Rows();
    r.time[BARS - 1] = Instant.parse("2099-12-31T20:00:00Z").toEpochMilli();

    assertThatThrownBy(() -> load(r)).isInstanceOf(DataException.class).hasMessageContaining("1 bar time(s)")
        .hasMessageContaining("stray").hasMessageContaining("coin AAA row " + (BARS - 1))
        .hasMessageContaining("2099-12-31T20:00:00Z");
  }

  @Test
  void oneBarAfter2100_refusedAsImplausible() {
    Rows r = new Rows();
    r.time[5] = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    assertThatThrownBy(() -> load(r)).isInstanceOf(DataException.class).hasMessageContaining("not a plausible time");
  }

  @Test
  void candleTimesInSeconds_refusedNamingTheLikelyCause() {
    Rows r = new Rows();
    for (int i = 0; i < r.time.length; i++) {
      r.time[i] /= 1000;
    }

    assertThatThrownBy(() -> load(r)).isInstanceOf(DataException.class).hasMessageContaining("open_time")
        .hasMessageContaining("seconds, not milliseconds");
  }

  @Test
  void fundingTimesInSeconds_refusedInsteadOfIgnored() {
    long[] t = new long[100];
    for (int i = 0; i < t.length; i++) {
      t[i] = (T0 + i * 3_600_000L) / 1000;
    }

    assertThatThrownBy(() -> Lake.toMarketData(new Rows().table(), "candles_4h.parquet", IV, funding(t),
        "funding.parquet")).isInstanceOf(DataException.class).hasMessageContaining("funding.parquet")
        .hasMessageContaining("seconds, not milliseconds");
  }

  @Test
  void realGapOfManyBars_isAccepted() {
    Rows r = new Rows();
    // coin AAA's last 100 bars move 60 days later, coin BBB's too: a long gap, but a third of the bar times
    for (int j = 0; j < 2; j++) {
      for (int k = 200; k < BARS; k++) {
        r.time[j * BARS + k] += 60L * 24 * 3_600_000L;
      }
    }

    MarketData md = load(r);

    assertThat(md.close().rows()).isEqualTo(BARS + 60 * 6);
  }
}
