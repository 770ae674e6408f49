package io.slipstream.backtest;

import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a ledger to the files of the CLI contract (DESIGN.md): {@code returns.csv} and {@code weights.parquet}.
 */
public final class LedgerFiles {
  /** Header of {@code returns.csv}. */
  public static final String RETURNS_HEADER =
      "time,gross_return,funding_cost,fee_cost,net_return,nav,turnover,n_long,n_short";

  private LedgerFiles() {
  }

  /**
   * Writes {@code returns.csv}: one row per booked bar, {@code time} = ISO-8601 UTC close time, doubles in full
   * precision (shortest representation that round-trips).
   *
   * @param file target file
   * @param r the ledger
   * @throws UncheckedIOException naming the path on failure
   */
  public static void writeReturnsCsv(Path file, BacktestResult r) {
    long[] t = r.closeTimesMs();
    double[] g = r.grossReturns();
    double[] f = r.fundingCosts();
    double[] fe = r.feeCosts();
    double[] n = r.netReturns();
    double[] nav = r.nav();
    double[] tu = r.turnover();
    int[] nl = r.nLong();
    int[] ns = r.nShort();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(RETURNS_HEADER);
      w.write('\n');
      StringBuilder sb = new StringBuilder(160);
      for (int i = 0; i < t.length; i++) {
        sb.setLength(0);
        sb.append(Instant.ofEpochMilli(t[i])).append(',').append(g[i]).append(',').append(f[i]).append(',')
            .append(fe[i]).append(',').append(n[i]).append(',').append(nav[i]).append(',').append(tu[i]).append(',')
            .append(nl[i]).append(',').append(ns[i]).append('\n');
        w.append(sb);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code weights.parquet} in long format: {@code time} (timestamp ms UTC, the close time of the booked
   * bar), {@code coin}, {@code weight} (signed NAV fraction held over that bar, after the rebalance decided at the
   * bar's open and before drift). Only non-zero weights are written.
   *
   * @param file target file
   * @param r the ledger
   * @throws UncheckedIOException naming the path on failure
   */
  public static void writeWeightsParquet(Path file, BacktestResult r) {
    int[] rows = r.weightRows();
    int[] coins = r.weightCoins();
    long[] times = r.closeTimesMs();
    long[] t = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      t[i] = times[rows[i]];
    }
    Table table = Table.builder().timestamps("time", t).codedStrings("coin", coins, r.coins())
        .doubles("weight", r.weightValues()).build();
    ParquetIo.write(file, table);
  }
}
