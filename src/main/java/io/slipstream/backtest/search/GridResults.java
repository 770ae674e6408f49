package io.slipstream.backtest.search;

import io.slipstream.core.DataException;
import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The grid-search result table: one row per configuration, stored as Parquet part files
 * ({@code part-NNNNN.parquet}, any other {@code *.parquet} name is read too, e.g. Spark's) in one folder, so that a
 * run streams rows to disk as they come (memory stays flat whatever the grid size) and an interrupted run keeps what
 * it wrote. Columns:
 * <ul>
 *   <li>{@code config_id} (INT64), {@code params} (STRING, the grid values as a JSON object), {@code error}
 *       (STRING, empty when the configuration ran);</li>
 *   <li>one column per grid key named by the key: DOUBLE when every value of the key is a number, else STRING
 *       holding the value's JSON text;</li>
 *   <li>{@link PeriodStats#NAMES} three times: without prefix (the whole window), with {@code is_} (in sample) and
 *       with {@code oos_} (out of sample), all DOUBLE;</li>
 *   <li>{@code block_n_BB}, {@code block_sum_BB}, {@code block_sumsq_BB} for {@code BB = 00 .. S-1} (DOUBLE): the
 *       per-block bar count, sum and sum of squares of net bar returns, for CSCV.</li>
 * </ul>
 */
public final class GridResults {
  private static final String[] PREFIXES = {"", "is_", "oos_"};

  private GridResults() {
  }

  /**
   * @param spec the grid
   * @param blocks number of CSCV blocks
   * @return the columns of the table, in order
   */
  public static List<ColumnSpec> schema(GridSpec spec, int blocks) {
    List<ColumnSpec> cols = new ArrayList<>();
    cols.add(new ColumnSpec("config_id", ColumnType.INT64));
    cols.add(new ColumnSpec("params", ColumnType.STRING));
    cols.add(new ColumnSpec("error", ColumnType.STRING));
    for (int k = 0; k < spec.keys().size(); k++) {
      cols.add(new ColumnSpec(spec.keys().get(k), spec.isNumeric(k) ? ColumnType.DOUBLE : ColumnType.STRING));
    }
    for (String p : PREFIXES) {
      for (String name : PeriodStats.NAMES) {
        cols.add(new ColumnSpec(p + name, ColumnType.DOUBLE));
      }
    }
    for (String kind : new String[] {"n", "sum", "sumsq"}) {
      for (int b = 0; b < blocks; b++) {
        cols.add(new ColumnSpec(blockColumn(kind, b), ColumnType.DOUBLE));
      }
    }
    return List.copyOf(cols);
  }

  /**
   * @param kind {@code n}, {@code sum} or {@code sumsq}
   * @param block block index
   * @return the column name, e.g. {@code block_sum_03}
   */
  public static String blockColumn(String kind, int block) {
    return String.format(Locale.ROOT, "block_%s_%02d", kind, block);
  }

  /**
   * @param spec the grid
   * @param blocks number of CSCV blocks
   * @param rows evaluated rows
   * @return the rows as a table with {@link #schema}
   */
  public static Table toTable(GridSpec spec, int blocks, List<GridRow> rows) {
    int n = rows.size();
    Table.Builder b = Table.builder();
    long[] ids = new long[n];
    String[] params = new String[n];
    String[] errors = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = rows.get(i).configId();
      params[i] = rows.get(i).paramsJson();
      errors[i] = rows.get(i).error();
    }
    b.longs("config_id", ids).strings("params", params).strings("error", errors);
    for (int k = 0; k < spec.keys().size(); k++) {
      if (spec.isNumeric(k)) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = spec.values(k).get(spec.valueIndex(rows.get(i).configId(), k)).asDouble();
        }
        b.doubles(spec.keys().get(k), v);
      } else {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          v[i] = spec.values(k).get(spec.valueIndex(rows.get(i).configId(), k)).toString();
        }
        b.strings(spec.keys().get(k), v);
      }
    }
    for (String p : PREFIXES) {
      for (int m = 0; m < PeriodStats.NAMES.length; m++) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          GridRow r = rows.get(i);
          PeriodStats s = p.isEmpty() ? r.full() : p.equals("is_") ? r.inSample() : r.outOfSample();
          v[i] = s.values()[m];
        }
        b.doubles(p + PeriodStats.NAMES[m], v);
      }
    }
    for (int blk = 0; blk < blocks; blk++) {
      double[] cnt = new double[n];
      for (int i = 0; i < n; i++) {
        cnt[i] = rows.get(i).blockN()[blk];
      }
      b.doubles(blockColumn("n", blk), cnt);
    }
    for (int blk = 0; blk < blocks; blk++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = rows.get(i).blockSum()[blk];
      }
      b.doubles(blockColumn("sum", blk), v);
    }
    for (int blk = 0; blk < blocks; blk++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = rows.get(i).blockSumSquares()[blk];
      }
      b.doubles(blockColumn("sumsq", blk), v);
    }
    return b.build();
  }

  /**
   * @param dir the results folder
   * @return its Parquet part files, sorted by name (empty when the folder does not exist)
   */
  public static List<Path> parts(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String f = p.getFileName().toString();
        return f.endsWith(".parquet") && !f.startsWith(".");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param dir the results folder
   * @param size grid size
   * @return the ids already written
   * @throws DataException when a part holds an id outside the grid or an id twice
   */
  public static BitSet doneIds(Path dir, long size) {
    BitSet done = new BitSet();
    for (Path p : parts(dir)) {
      long[] ids = ParquetIo.read(p, List.of(new ColumnSpec("config_id", ColumnType.INT64))).longs("config_id");
      for (long id : ids) {
        if (id < 0 || id >= size) {
          throw new DataException(p + ": config_id " + id + " is outside the grid of " + size + " configurations");
        }
        if (done.get((int) id)) {
          throw new DataException(p + ": config_id " + id + " appears twice in " + dir);
        }
        done.set((int) id);
      }
    }
    return done;
  }

  /**
   * Reads chosen columns of every part.
   *
   * @param dir the results folder
   * @param columns the columns to read
   * @return one table per part, in part-name order
   */
  public static List<Table> read(Path dir, List<ColumnSpec> columns) {
    List<Table> out = new ArrayList<>();
    for (Path p : parts(dir)) {
      out.add(ParquetIo.read(p, columns));
    }
    return out;
  }
}
