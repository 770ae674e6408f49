package io.slipstream.data;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.data.Table.ColumnType;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Imports freqtrade's Arrow/Feather data files (Arrow IPC file format, LZ4-frame or ZSTD compressed or not) into
 * the Parquet lake layout of DESIGN.md.
 *
 * <p>Files recognised, by name (others are skipped and listed in the result):
 * <ul>
 *   <li>{@code <COIN>_<QUOTE>_<SETTLE>-<tf>-futures.feather}: candles with columns {@code date}
 *       (timestamp, any unit, normally {@code timestamp[ns, UTC]}) and {@code open, high, low, close, volume}
 *       (double; USD prices, base-asset volume), written to {@code candles_<tf>.parquet};</li>
 *   <li>{@code <COIN>_<QUOTE>_<SETTLE>-<tf>-funding_rate.feather}: funding with the rate (decimal fraction per
 *       funding interval) in the {@code open} column, written to {@code funding.parquet}.</li>
 * </ul>
 * The coin is the file name up to the first {@code _} ({@code BTC_USDC_USDC-4h-futures.feather} is {@code BTC}),
 * the interval the {@code <tf>} part ({@code 4h}, see {@link BarInterval#of}). Timestamps are converted to epoch
 * milliseconds UTC by flooring; a null price or rate becomes NaN (which the validator reports and the loader
 * refuses); rows with the same millisecond within one file keep the last one.
 *
 * <p>Arrow needs the JVM option {@code --add-opens=java.base/java.nio=ALL-UNNAMED}.
 */
public final class FreqtradeImporter {
  private static final Pattern NAME =
      Pattern.compile("([^_/\\\\]+)_[^/\\\\]*-([0-9]+[a-zA-Z]+)-(futures|funding_rate)\\.feather");
  private static final List<String> CANDLE_VALUES = List.of("open", "high", "low", "close", "volume");

  private FreqtradeImporter() {
  }

  /** What a feather file holds. */
  public enum Kind {
    /** OHLCV candles ({@code -<tf>-futures.feather}). */
    CANDLES,
    /** Funding rates ({@code -<tf>-funding_rate.feather}). */
    FUNDING
  }

  /**
   * One imported feather file.
   *
   * @param source the feather file
   * @param coin the coin taken from the file name
   * @param kind candles or funding
   * @param interval the candles' bar interval; empty for funding
   * @param rows rows imported (after dropping duplicates)
   * @param duplicatesDropped rows dropped because a later row of the file had the same millisecond
   */
  public record ImportedFile(Path source, String coin, Kind kind, Optional<BarInterval> interval, int rows,
      int duplicatesDropped) {
    /** Validates non-null components. */
    public ImportedFile {
      Checks.notNull(source, "source");
      Checks.notNull(coin, "coin");
      Checks.notNull(kind, "kind");
      Checks.notNull(interval, "interval");
    }
  }

  /**
   * The outcome of {@link #importDir}.
   *
   * @param filesWritten the lake files written (each once), in the order written
   * @param imported the feather files imported, by file name
   * @param skipped {@code .feather} files of the folder whose names are neither candles nor funding (e.g.
   *     {@code -mark.feather}, spot files), by file name
   */
  public record ImportResult(List<Path> filesWritten, List<ImportedFile> imported, List<Path> skipped) {
    /** Copies the lists. */
    public ImportResult {
      filesWritten = List.copyOf(filesWritten);
      imported = List.copyOf(imported);
      skipped = List.copyOf(skipped);
    }

    /**
     * @param interval a bar interval
     * @return rows imported per coin for candles of {@code interval}, by coin name (empty if none)
     */
    public Map<String, Integer> candleRows(BarInterval interval) {
      Map<String, Integer> m = new TreeMap<>();
      for (ImportedFile f : imported) {
        if (f.kind() == Kind.CANDLES && f.interval().equals(Optional.of(interval))) {
          m.merge(f.coin(), f.rows(), Integer::sum);
        }
      }
      return m;
    }

    /** @return funding rows imported per coin, by coin name (empty if none) */
    public Map<String, Integer> fundingRows() {
      Map<String, Integer> m = new TreeMap<>();
      for (ImportedFile f : imported) {
        if (f.kind() == Kind.FUNDING) {
          m.merge(f.coin(), f.rows(), Integer::sum);
        }
      }
      return m;
    }
  }

  /**
   * Imports every candles and funding feather file of {@code dir} into the lake folder {@code outDataDir}:
   * {@code candles_<tf>.parquet} per interval found and {@code funding.parquet}. When a target file already
   * exists the result is the union of its rows and the imported ones, an imported row replacing an existing one
   * with the same {@code (coin, time)}; the output has no duplicate key and is sorted by coin (by
   * {@link String#compareTo}) then time. Importing the same files twice therefore gives the same files. Every
   * write is atomic ({@link ParquetIo#write}); all inputs are read before the first write.
   *
   * @param dir the folder holding freqtrade's {@code .feather} files (not searched recursively)
   * @param outDataDir the lake folder, created if needed
   * @return the files written, rows per file and coin, the skipped files
   * @throws DataException naming the path and the reason: {@code dir} missing or without any candles or funding
   *     feather file, a feather file that is unreadable or corrupt or lacks a column, an unsupported interval, two
   *     files for the same coin, kind and interval, an existing lake file that is not readable
   * @throws java.io.UncheckedIOException naming the path when a lake file cannot be written
   */
  public static ImportResult importDir(Path dir, Path outDataDir) {
    Checks.notNull(dir, "dir");
    Checks.notNull(outDataDir, "outDataDir");
    if (!Files.isDirectory(dir)) {
      throw new DataException("freqtrade data directory not found: " + dir);
    }
    List<Path> feathers;
    try (Stream<Path> s = Files.list(dir)) {
      feathers = s.filter(p -> p.getFileName().toString().endsWith(".feather") && Files.isRegularFile(p))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new DataException("cannot list freqtrade data directory " + dir + ": " + e.getMessage(), e);
    }
    List<Path> skipped = new ArrayList<>();
    Map<BarInterval, List<Table>> candles = new TreeMap<>();
    List<Table> funding = new ArrayList<>();
    List<ImportedFile> imported = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    try (BufferAllocator alloc = allocator()) {
      for (Path f : feathers) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (!m.matches()) {
          skipped.add(f);
          continue;
        }
        String coin = m.group(1);
        Kind kind = m.group(3).equals("futures") ? Kind.CANDLES : Kind.FUNDING;
        Optional<BarInterval> interval = Optional.empty();
        if (kind == Kind.CANDLES) {
          try {
            interval = Optional.of(BarInterval.of(m.group(2)));
          } catch (IllegalArgumentException e) {
            throw new DataException(f + ": unsupported candle interval '" + m.group(2) + "': " + e.getMessage());
          }
        }
        String key = kind + "/" + interval.map(BarInterval::label).orElse("") + "/" + coin;
        Path other = seen.putIfAbsent(key, f);
        if (other != null) {
          throw new DataException(f + ": coin " + coin + " already imported from " + other
              + " (two freqtrade files for one coin, kind and interval)");
        }
        Parsed p = readFile(f, alloc, coin, kind);
        if (kind == Kind.CANDLES) {
          candles.computeIfAbsent(interval.get(), k -> new ArrayList<>()).add(p.table);
        } else {
          funding.add(p.table);
        }
        imported.add(new ImportedFile(f, coin, kind, interval, p.table.rows(), p.duplicatesDropped));
      }
    }
    if (imported.isEmpty()) {
      throw new DataException(dir + ": no freqtrade candles (*-<tf>-futures.feather) or funding "
          + "(*-<tf>-funding_rate.feather) files found");
    }
    // read every existing target before writing anything
    Map<Path, Table> merged = new LinkedHashMap<>();
    for (Map.Entry<BarInterval, List<Table>> e : candles.entrySet()) {
      Path target = Lake.candlesFile(outDataDir, e.getKey());
      Optional<Table> existing = Files.exists(target) ? Optional.of(Lake.readCandles(target)) : Optional.empty();
      merged.put(target, merge(existing, e.getValue(), "open_time", CANDLE_VALUES));
    }
    if (!funding.isEmpty()) {
      Path target = Lake.fundingFile(outDataDir);
      Optional<Table> existing = Files.exists(target) ? Optional.of(Lake.readFunding(target)) : Optional.empty();
      merged.put(target, merge(existing, funding, "time", List.of("funding_rate")));
    }
    for (Map.Entry<Path, Table> e : merged.entrySet()) {
      ParquetIo.write(e.getKey(), e.getValue());
    }
    return new ImportResult(List.copyOf(merged.keySet()), imported, skipped);
  }

  /**
   * Reads one freqtrade candles feather file into a lake-schema table ({@link Lake#CANDLE_COLUMNS}), all rows of
   * coin {@code coin}, in file order (duplicates within the file reduced to the last row, see class doc).
   *
   * @param file the {@code .feather} file
   * @param coin the coin to put in the {@code coin} column
   * @return the table
   * @throws DataException naming the path when the file is unreadable, corrupt or lacks a column
   */
  public static Table readCandles(Path file, String coin) {
    try (BufferAllocator alloc = allocator()) {
      return readFile(file, alloc, coin, Kind.CANDLES).table;
    }
  }

  /**
   * Reads one freqtrade funding feather file into a lake-schema table ({@link Lake#FUNDING_COLUMNS}): {@code time}
   * from {@code date} (floored to ms), {@code funding_rate} from {@code open} (decimal fraction per funding
   * interval).
   *
   * @param file the {@code .feather} file
   * @param coin the coin to put in the {@code coin} column
   * @return the table
   * @throws DataException naming the path when the file is unreadable, corrupt or lacks a column
   */
  public static Table readFunding(Path file, String coin) {
    try (BufferAllocator alloc = allocator()) {
      return readFile(file, alloc, coin, Kind.FUNDING).table;
    }
  }

  private static BufferAllocator allocator() {
    try {
      return new RootAllocator();
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException("cannot start Apache Arrow (run the JVM with "
          + "--add-opens=java.base/java.nio=ALL-UNNAMED): " + e, e);
    }
  }

  private record Parsed(Table table, int duplicatesDropped) {
  }

  private static Parsed readFile(Path file, BufferAllocator alloc, String coin, Kind kind) {
    List<String> wanted = kind == Kind.CANDLES ? CANDLE_VALUES : List.of("open");
    if (!Files.isRegularFile(file)) {
      throw new DataException("freqtrade file not found: " + file);
    }
    long[] time = new long[1024];
    double[][] vals = new double[wanted.size()][1024];
    int n = 0;
    try (SeekableByteChannel ch = Files.newByteChannel(file);
        ArrowFileReader reader = new ArrowFileReader(ch, alloc, CommonsCompressionFactory.INSTANCE)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      List<Field> fields = root.getSchema().getFields();
      List<String> names = fields.stream().map(Field::getName).toList();
      Field dateField = requireField(file, root, "date", names);
      if (!(dateField.getType() instanceof ArrowType.Timestamp ts)) {
        throw new DataException(file + ": column 'date' is " + dateField.getType() + ", expected a timestamp");
      }
      long mul;
      long div;
      switch (ts.getUnit()) {
        case SECOND -> {
          mul = 1_000;
          div = 1;
        }
        case MILLISECOND -> {
          mul = 1;
          div = 1;
        }
        case MICROSECOND -> {
          mul = 1;
          div = 1_000;
        }
        case NANOSECOND -> {
          mul = 1;
          div = 1_000_000;
        }
        default -> throw new DataException(file + ": column 'date' has unsupported unit " + ts.getUnit());
      }
      for (String w : wanted) {
        Field fw = requireField(file, root, w, names);
        if (!(fw.getType() instanceof ArrowType.FloatingPoint) && !(fw.getType() instanceof ArrowType.Int)) {
          throw new DataException(file + ": column '" + w + "' is " + fw.getType() + ", expected a number");
        }
      }
      while (reader.loadNextBatch()) {
        int rows = root.getRowCount();
        if (n + rows > time.length) {
          int cap = Math.max(time.length * 2, n + rows);
          time = Arrays.copyOf(time, cap);
          for (int k = 0; k < vals.length; k++) {
            vals[k] = Arrays.copyOf(vals[k], cap);
          }
        }
        TimeStampVector dv = (TimeStampVector) root.getVector("date");
        for (int i = 0; i < rows; i++) {
          if (dv.isNull(i)) {
            throw new DataException(file + ": column 'date' is null at row " + (n + i));
          }
          long raw = dv.get(i);
          time[n + i] = div == 1 ? Math.multiplyExact(raw, mul) : Math.floorDiv(raw, div);
        }
        for (int k = 0; k < wanted.size(); k++) {
          FieldVector fv = root.getVector(wanted.get(k));
          double[] out = vals[k];
          if (fv instanceof FloatingPointVector fp) {
            for (int i = 0; i < rows; i++) {
              out[n + i] = fv.isNull(i) ? Double.NaN : fp.getValueAsDouble(i);
            }
          } else if (fv instanceof BaseIntVector iv) {
            for (int i = 0; i < rows; i++) {
              out[n + i] = fv.isNull(i) ? Double.NaN : (double) iv.getValueAsLong(i);
            }
          } else {
            throw new DataException(file + ": column '" + wanted.get(k) + "' is not numeric");
          }
        }
        n += rows;
      }
    } catch (DataException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DataException(file + ": not a readable Arrow/Feather file (corrupt or truncated?): " + ParquetIo.reason(e), e);
    }
    // drop rows whose millisecond repeats later in the file (keep the last)
    Map<Long, Integer> lastRow = new HashMap<>();
    for (int i = 0; i < n; i++) {
      lastRow.put(time[i], i);
    }
    int kept = lastRow.size();
    int[] keep = new int[kept];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (lastRow.get(time[i]) == i) {
        keep[m++] = i;
      }
    }
    long[] t = new long[kept];
    double[][] v = new double[wanted.size()][kept];
    for (int j = 0; j < kept; j++) {
      t[j] = time[keep[j]];
      for (int k = 0; k < wanted.size(); k++) {
        v[k][j] = vals[k][keep[j]];
      }
    }
    Table.Builder b = Table.builder().codedStrings("coin", new int[kept], List.of(coin));
    if (kind == Kind.CANDLES) {
      b.timestamps("open_time", t);
      for (int k = 0; k < wanted.size(); k++) {
        b.doubles(wanted.get(k), v[k]);
      }
    } else {
      b.timestamps("time", t).doubles("funding_rate", v[0]);
    }
    return new Parsed(b.build(), n - kept);
  }

  private static Field requireField(Path file, VectorSchemaRoot root, String name, List<String> names) {
    FieldVector v = root.getVector(name);
    if (v == null) {
      throw new DataException(file + ": missing column '" + name + "' (has " + names + ")");
    }
    return v.getField();
  }

  /**
   * Union of {@code existing} and {@code imported} long-format tables keyed by {@code (coin, timeCol)}: imported
   * rows win over existing ones, later imported tables over earlier ones; sorted by coin then time.
   */
  private static Table merge(Optional<Table> existing, List<Table> imported, String timeCol, List<String> valueCols) {
    List<Table> parts = new ArrayList<>();
    existing.ifPresent(parts::add);
    parts.addAll(imported);
    int total = 0;
    for (Table p : parts) {
      total += p.rows();
    }
    // global coin ranks in String order
    TreeMap<String, Integer> rank = new TreeMap<>();
    for (Table p : parts) {
      for (String c : p.dictionary("coin")) {
        rank.put(c, 0);
      }
    }
    int r = 0;
    for (Map.Entry<String, Integer> e : rank.entrySet()) {
      e.setValue(r++);
    }
    int[] coin = new int[total];
    long[] time = new long[total];
    double[][] vals = new double[valueCols.size()][total];
    int off = 0;
    for (Table p : parts) {
      List<String> dict = p.dictionary("coin");
      int[] map = new int[dict.size()];
      for (int k = 0; k < map.length; k++) {
        map[k] = rank.get(dict.get(k));
      }
      int[] codes = p.codesRef("coin");
      long[] ts = p.longsRef(timeCol, ColumnType.TIMESTAMP_MS);
      for (int i = 0; i < p.rows(); i++) {
        coin[off + i] = map[codes[i]];
        time[off + i] = ts[i];
      }
      for (int k = 0; k < valueCols.size(); k++) {
        System.arraycopy(p.doublesRef(valueCols.get(k)), 0, vals[k], off, p.rows());
      }
      off += p.rows();
    }
    // sort row ids by (coin, time, row id descending): the first of each key is the latest, i.e. the winner
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Integer.compare(coin[a], coin[b]);
      if (c != 0) {
        return c;
      }
      c = Long.compare(time[a], time[b]);
      return c != 0 ? c : Integer.compare(b, a);
    });
    int[] keep = new int[total];
    int m = 0;
    for (int j = 0; j < total; j++) {
      int i = order[j];
      if (m > 0 && coin[keep[m - 1]] == coin[i] && time[keep[m - 1]] == time[i]) {
        continue;
      }
      keep[m++] = i;
    }
    int[] outCoin = new int[m];
    long[] outTime = new long[m];
    double[][] outVals = new double[valueCols.size()][m];
    for (int j = 0; j < m; j++) {
      int i = keep[j];
      outCoin[j] = coin[i];
      outTime[j] = time[i];
      for (int k = 0; k < valueCols.size(); k++) {
        outVals[k][j] = vals[k][i];
      }
    }
    Table.Builder b = Table.builder().codedStringsNoCopy("coin", outCoin, List.copyOf(rank.keySet()))
        .timestampsNoCopy(timeCol, outTime);
    for (int k = 0; k < valueCols.size(); k++) {
      b.doublesNoCopy(valueCols.get(k), outVals[k]);
    }
    return b.build();
  }
}
