package io.slipstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A small synthetic lake for the bad-input tests: 4 coins, seeded random-walk 4h candles (400 bars from
 * 2024-01-01) with positive prices and volumes, 1h candles of the same coins and hourly funding; plus a gradient
 * config that runs on it in well under a second.
 */
final class TinyLake {
  static final String[] COINS = {"AAA", "BBB", "CCC", "DDD"};
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final int BARS = 400;

  private TinyLake() {
  }

  /** The columns of one candles file, editable before writing. */
  static final class Candles {
    final String[] coin;
    final long[] time;
    final double[] open;
    final double[] high;
    final double[] low;
    final double[] close;
    final double[] volume;

    Candles(long stepMs, int bars) {
      int n = COINS.length * bars;
      coin = new String[n];
      time = new long[n];
      open = new double[n];
      high = new double[n];
      low = new double[n];
      close = new double[n];
      volume = new double[n];
      SplittableRandom rnd = new SplittableRandom(7);
      int i = 0;
      for (String c : COINS) {
        double p = 10 + rnd.nextDouble(90);
        for (int k = 0; k < bars; k++) {
          double next = p * Math.exp(0.02 * (rnd.nextDouble() - 0.5));
          coin[i] = c;
          time[i] = T0 + k * stepMs;
          open[i] = p;
          close[i] = next;
          high[i] = Math.max(p, next) * 1.001;
          low[i] = Math.min(p, next) * 0.999;
          volume[i] = 1e6 * (1 + rnd.nextDouble());
          p = next;
          i++;
        }
      }
    }

    /** @return the row index of coin {@code c} (position in {@link #COINS}), bar {@code k} */
    static int row(int c, int k) {
      return c * BARS + k;
    }

    Table table() {
      return Table.builder().strings("coin", coin).timestamps("open_time", time).doubles("open", open)
          .doubles("high", high).doubles("low", low).doubles("close", close).doubles("volume", volume).build();
    }
  }

  /** Hourly funding rows of every coin over the 4h file's span. */
  static final class Funding {
    final String[] coin;
    final long[] time;
    final double[] rate;

    Funding() {
      int hours = BARS * 4;
      int n = COINS.length * hours;
      coin = new String[n];
      time = new long[n];
      rate = new double[n];
      int i = 0;
      for (String c : COINS) {
        for (int h = 0; h < hours; h++) {
          coin[i] = c;
          time[i] = T0 + h * 3_600_000L;
          rate[i] = 1e-5;
          i++;
        }
      }
    }

    Table table() {
      return Table.builder().strings("coin", coin).timestamps("time", time).doubles("funding_rate", rate).build();
    }
  }

  /**
   * Writes a lake folder.
   *
   * @param dir the folder (created)
   * @param editCandles edits the 4h candles before writing
   * @param editFunding edits the funding before writing
   * @return {@code dir}
   */
  static Path write(Path dir, Consumer<Candles> editCandles, Consumer<Funding> editFunding) throws IOException {
    Files.createDirectories(dir);
    Candles c4 = new Candles(4 * 3_600_000L, BARS);
    editCandles.accept(c4);
    ParquetIo.write(dir.resolve("candles_4h.parquet"), c4.table());
    ParquetIo.write(dir.resolve("candles_1h.parquet"), new Candles(3_600_000L, BARS).table());
    Funding f = new Funding();
    editFunding.accept(f);
    ParquetIo.write(dir.resolve("funding.parquet"), f.table());
    return dir;
  }

  /** @return a clean lake in {@code dir} */
  static Path write(Path dir) throws IOException {
    return write(dir, c -> { }, f -> { });
  }

  /** @return a gradient config file for the tiny lake (short warm-up, low liquidity bar), written into {@code dir} */
  static Path config(Path dir) throws IOException {
    ObjectNode n = ConfigParser.readTree(Files.readString(Path.of("config/gradient.json")), "gradient.json");
    n.put("start", "2024-01-10T00:00:00Z");
    n.putArray("lookback_spans").add(2).add(4).add(8);
    n.put("vol_span", 6);
    n.put("warmup_bars", 12);
    n.put("liquidity_threshold_usd", 1);
    n.put("concentration_pct", 25);
    Path f = dir.resolve("tiny.json");
    Files.createDirectories(dir);
    Files.writeString(f, n.toString());
    return f;
  }
}
