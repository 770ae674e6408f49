package io.slipstream.analytics;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.Checks;
import io.slipstream.core.ConfigException;
import io.slipstream.data.Panel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * A benchmark's simple return over each booked bar of a ledger, aligned to the ledger's close times: a coin bought
 * and held ({@link #buyAndHold}, the default is BTC) or a returns file ({@link #fromCsv}). NaN where the benchmark has
 * no value for a bar (e.g. before a coin is listed); statistics use the bars where both are known.
 *
 * @param name label shown in reports ({@code "BTC buy and hold"}, the file name)
 * @param closeTimesMs the ledger's bar close times, epoch ms UTC
 * @param returns benchmark simple return of each bar, decimal, NaN = unknown
 */
public record Benchmark(String name, long[] closeTimesMs, double[] returns) {
  /** The default benchmark coin. */
  public static final String DEFAULT_COIN = "BTC";

  /**
   * Copies the arrays.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public Benchmark {
    Checks.notNull(name, "name");
    Checks.sameLength(returns.length, closeTimesMs.length, "returns");
    closeTimesMs = closeTimesMs.clone();
    returns = returns.clone();
  }

  @Override
  public long[] closeTimesMs() {
    return closeTimesMs.clone();
  }

  @Override
  public double[] returns() {
    return returns.clone();
  }

  /**
   * Buy and hold of one coin over the ledger's bars, without costs or funding: {@code R_t = P_t / P_{t-1} - 1} on
   * the forward-filled close (DESIGN.md convention 8, as the ledger prices a held coin); NaN until the coin has two
   * prices.
   *
   * @param coin column of {@code close}
   * @param close close prices (USD) of the run's data, rows = bars on the ledger's grid, columns = coins
   * @param r the ledger
   * @return the benchmark
   * @throws ConfigException ({@code --benchmark}) if the coin is not in the data
   */
  public static Benchmark buyAndHold(String coin, Panel close, BacktestResult r) {
    int c = close.columnOf(coin).orElseThrow(() -> new ConfigException("--benchmark", "coin " + coin
        + " is not in the data (" + close.columns() + " coins); name a coin of the lake or a returns file"));
    long[] t = r.closeTimesMs();
    double[] out = new double[t.length];
    double[] col = close.column(c);
    int row0 = (int) ((t[0] - close.interval().millis() - close.firstOpenMs()) / close.interval().millis());
    double last = Double.NaN;
    for (int k = row0 - 1; k >= 0 && Double.isNaN(last); k--) {
      last = col[k];
    }
    for (int i = 0; i < t.length; i++) {
      int row = close.lastRowClosedBy(t[i]);
      double p = col[row];
      double p1 = Double.isNaN(p) ? last : p;
      out[i] = p1 / last - 1;
      last = p1;
    }
    return new Benchmark(coin + " buy and hold", t, out);
  }

  /**
   * A benchmark from a CSV file with a header and two columns {@code time,return}: {@code time} an ISO-8601 instant
   * (the bar's close time, e.g. {@code 2024-01-01T04:00:00Z}) or a date ({@code 2024-01-01} = 00:00 UTC), {@code return}
   * the simple return over the period ending then (decimal). Rows are matched to the ledger's bars by close time;
   * bars without a row are NaN. Use a file at the run's bar interval (or daily returns against a daily run).
   *
   * @param file the CSV file
   * @param r the ledger
   * @return the benchmark, named after the file
   * @throws ConfigException ({@code --benchmark}) naming the file and row when a row cannot be read, or when no row
   *     matches a bar of the run
   * @throws UncheckedIOException naming the path when it cannot be read
   */
  public static Benchmark fromCsv(Path file, BacktestResult r) {
    Map<Long, Double> byTime = new HashMap<>();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class).with(schema)
        .readValues(Files.newBufferedReader(file))) {
      int row = 1;
      while (it.hasNext()) {
        row++;
        Map<String, String> m = it.next();
        String time = m.get("time");
        String ret = m.get("return");
        if (time == null || ret == null) {
          throw new ConfigException("--benchmark", file + " row " + row + " must have columns 'time' and 'return'");
        }
        try {
          byTime.put(parseTime(time.trim()), Double.parseDouble(ret.trim()));
        } catch (DateTimeParseException | NumberFormatException e) {
          throw new ConfigException("--benchmark", file + " row " + row + ": cannot read time '" + time
              + "' / return '" + ret + "' (" + e.getMessage() + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    long[] t = r.closeTimesMs();
    double[] out = new double[t.length];
    int matched = 0;
    for (int i = 0; i < t.length; i++) {
      Double v = byTime.get(t[i]);
      out[i] = v == null ? Double.NaN : v;
      if (v != null) {
        matched++;
      }
    }
    if (matched < 2) {
      throw new ConfigException("--benchmark", file + " has " + byTime.size() + " rows but " + matched
          + " match a bar close time of the run (" + Instant.ofEpochMilli(t[0]) + " .. "
          + Instant.ofEpochMilli(t[t.length - 1]) + ", every " + r.interval().label() + ")");
    }
    return new Benchmark(file.getFileName().toString(), t, out);
  }

  private static long parseTime(String s) {
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    return Instant.parse(s).toEpochMilli();
  }

  /**
   * @return the benchmark's NAV, starting from 1 before the first bar; a NaN return counts as 0 (flat), as
   *     quantstats' {@code compsum} does for gaps
   */
  public double[] nav() {
    double[] nav = new double[returns.length];
    double v = 1;
    for (int i = 0; i < returns.length; i++) {
      if (!Double.isNaN(returns[i])) {
        v *= 1 + returns[i];
      }
      nav[i] = v;
    }
    return nav;
  }
}
