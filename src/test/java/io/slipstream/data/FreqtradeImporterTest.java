package io.slipstream.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.FreqtradeImporter.ImportResult;
import io.slipstream.data.FreqtradeImporter.ImportedFile;
import io.slipstream.data.FreqtradeImporter.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreqtradeImporterTest {
  private static final Path SAMPLE =
      Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid")).resolve("freqtrade-sample");

  /*
   * Expected values read once with pyarrow 18 from the sample files:
   *   t = pyarrow.ipc.open_file(f).read_all(); ns = t.column('date').cast('int64'); ms = ns // 1_000_000
   *   print(t.num_rows, ms[i], t.column('open')[i], ...) for i in (0, 1000, num_rows - 1)
   * Row counts: BTC/ETH 4h 5814, HYPE 4h 1397; BTC/ETH funding 18778, HYPE funding 5587. No date has a
   * sub-millisecond part and no file repeats a millisecond.
   */
  private static final int BTC_4H = 5814;
  private static final int ETH_4H = 5814;
  private static final int HYPE_4H = 1397;
  private static final int BTC_FUNDING = 18778;
  private static final int ETH_FUNDING = 18778;
  private static final int HYPE_FUNDING = 5587;

  @Test
  void importDir_sample_writesSortedLakeFilesWithPyarrowValues(@TempDir Path out) {
    ImportResult r = FreqtradeImporter.importDir(SAMPLE, out);
    assertThat(r.filesWritten()).containsExactly(Lake.candlesFile(out, BarInterval.H4), Lake.fundingFile(out));
    assertThat(r.skipped()).isEmpty();
    assertThat(r.imported()).hasSize(6);
    assertThat(r.candleRows(BarInterval.H4)).containsExactly(Map.entry("BTC", BTC_4H), Map.entry("ETH", ETH_4H),
        Map.entry("HYPE", HYPE_4H));
    assertThat(r.candleRows(BarInterval.H1)).isEmpty();
    assertThat(r.fundingRows()).containsExactly(Map.entry("BTC", BTC_FUNDING), Map.entry("ETH", ETH_FUNDING),
        Map.entry("HYPE", HYPE_FUNDING));
    assertThat(r.imported()).allSatisfy(f -> assertThat(f.duplicatesDropped()).isZero());
    assertThat(r.imported()).filteredOn(f -> f.kind() == Kind.FUNDING).allSatisfy(f -> assertThat(f.interval())
        .isEmpty());

    Table c = Lake.readCandles(Lake.candlesFile(out, BarInterval.H4));
    assertThat(c.rows()).isEqualTo(BTC_4H + ETH_4H + HYPE_4H);
    assertThat(c.dictionary("coin")).containsExactly("BTC", "ETH", "HYPE");
    assertSortedByCoinThenTime(c, "open_time");
    // BTC row 0: 2022-11-30T04:00Z, volume 0 (the exchange's back-fill)
    assertCandle(c, 0, "BTC", 1669780800000L, 16836.8, 16916.3, 16811.9, 16874.1, 0.0);
    assertCandle(c, 1000, "BTC", 1684180800000L, 27404.0, 27404.0, 27117.0, 27150.0, 15.2712);
    assertCandle(c, BTC_4H - 1, "BTC", 1753488000000L, 117727.0, 117851.0, 117200.0, 117571.0, 4273.69913);
    assertCandle(c, BTC_4H + 1000, "ETH", 1684180800000L, 1827.6, 1828.6, 1811.9, 1815.4, 124.3467);
    assertCandle(c, BTC_4H + ETH_4H, "HYPE", 1733385600000L, 13.207, 14.638, 13.08, 13.514, 2053208.44);
    assertCandle(c, c.rows() - 1, "HYPE", 1753488000000L, 44.228, 44.646, 43.855, 44.305, 1334709.07);

    Table f = Lake.readFunding(Lake.fundingFile(out));
    assertThat(f.rows()).isEqualTo(BTC_FUNDING + ETH_FUNDING + HYPE_FUNDING);
    assertThat(f.dictionary("coin")).containsExactly("BTC", "ETH", "HYPE");
    assertSortedByCoinThenTime(f, "time");
    // millisecond offsets survive the ns -> ms conversion (2023-05-12T00:00:00.048Z)
    assertFunding(f, 0, "BTC", 1683849600048L, -0.0006133368);
    assertFunding(f, BTC_FUNDING + 1000, "ETH", 1689494400227L, 6.4259e-06);
    assertFunding(f, f.rows() - 1, "HYPE", 1753502400029L, 0.0001169274);

    // the result is a lake the loader accepts
    MarketData md = Lake.load(out, BarInterval.H4, true);
    assertThat(md.coins()).containsExactly("BTC", "ETH", "HYPE");
    assertThat(DataValidator.check(out, BarInterval.H4).loaderWouldRefuse()).isFalse();
    // no temporary files left behind
    assertThat(list(out)).containsExactlyInAnyOrder("candles_4h.parquet", "funding.parquet");
  }

  @Test
  void importDir_twice_isIdempotent(@TempDir Path out) {
    FreqtradeImporter.importDir(SAMPLE, out);
    Table c1 = Lake.readCandles(Lake.candlesFile(out, BarInterval.H4));
    Table f1 = Lake.readFunding(Lake.fundingFile(out));
    FreqtradeImporter.importDir(SAMPLE, out);
    Table c2 = Lake.readCandles(Lake.candlesFile(out, BarInterval.H4));
    Table f2 = Lake.readFunding(Lake.fundingFile(out));
    assertSameTable(c1, c2, "open_time", List.of("open", "high", "low", "close", "volume"));
    assertSameTable(f1, f2, "time", List.of("funding_rate"));
  }

  @Test
  void importDir_existingLake_unionWithImportedRowsWinning(@TempDir Path tmp) {
    Path out = tmp.resolve("lake");
    long first = 1669780800000L; // BTC's first 4h bar in the sample
    long before = first - BarInterval.H4.millis(); // not in the sample: kept
    Table existing = Table.builder().strings("coin", new String[] {"ZZZ", "BTC", "AAA", "BTC"})
        .timestamps("open_time", new long[] {first, first, first, before})
        .doubles("open", new double[] {1, -1, 3, 5}).doubles("high", new double[] {1, -1, 3, 5})
        .doubles("low", new double[] {1, -1, 3, 5}).doubles("close", new double[] {1, -1, 3, 5})
        .doubles("volume", new double[] {1, -1, 3, 5}).build();
    ParquetIo.write(Lake.candlesFile(out, BarInterval.H4), existing);

    FreqtradeImporter.importDir(SAMPLE, out);
    Table c = Lake.readCandles(Lake.candlesFile(out, BarInterval.H4));
    assertThat(c.rows()).isEqualTo(BTC_4H + ETH_4H + HYPE_4H + 3);
    assertThat(c.dictionary("coin")).containsExactly("AAA", "BTC", "ETH", "HYPE", "ZZZ");
    assertSortedByCoinThenTime(c, "open_time");
    assertCandle(c, 0, "AAA", first, 3, 3, 3, 3, 3);
    assertCandle(c, 1, "BTC", before, 5, 5, 5, 5, 5);
    assertCandle(c, 2, "BTC", first, 16836.8, 16916.3, 16811.9, 16874.1, 0.0); // imported row replaced -1
    assertCandle(c, c.rows() - 1, "ZZZ", first, 1, 1, 1, 1, 1);
  }

  @Test
  void importDir_nanosecondsAreFlooredAndRepeatedMillisKeepTheLastRow(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    long t = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
    Map<String, double[]> cols = new LinkedHashMap<>();
    cols.put("open", new double[] {1e-5, 2e-5, Double.NaN, 4e-5});
    writeFeather(in.resolve("kPEPE_USDC_USDC-1h-funding_rate.feather"),
        new long[] {t * 1_000_000 + 999_999, t * 1_000_000 + 5, (t + 1) * 1_000_000 + 1, -1}, cols);
    ImportResult r = FreqtradeImporter.importDir(in, tmp.resolve("out"));
    ImportedFile f = r.imported().get(0);
    assertThat(f.coin()).isEqualTo("kPEPE");
    assertThat(f.kind()).isEqualTo(Kind.FUNDING);
    assertThat(f.rows()).isEqualTo(3);
    assertThat(f.duplicatesDropped()).isEqualTo(1);
    Table out = Lake.readFunding(Lake.fundingFile(tmp.resolve("out")));
    assertThat(out.timestamps("time")).containsExactly(-1L, t, t + 1); // -1 ns floors to -1 ms
    assertThat(out.doubles("funding_rate")).containsExactly(4e-5, 2e-5, Double.NaN); // null -> NaN
  }

  @Test
  void importDir_corruptFile_throwsDataExceptionNamingPath(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path src = SAMPLE.resolve("BTC_USDC_USDC-4h-futures.feather");
    byte[] bytes = Files.readAllBytes(src);
    Path truncated = in.resolve("BTC_USDC_USDC-4h-futures.feather");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> FreqtradeImporter.importDir(in, tmp.resolve("out"))).isInstanceOf(DataException.class)
        .hasMessageContaining(truncated.toString());

    Files.write(truncated, "not an arrow file at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> FreqtradeImporter.importDir(in, tmp.resolve("out"))).isInstanceOf(DataException.class)
        .hasMessageContaining(truncated.toString()).hasMessageContaining("Arrow");
    assertThat(Files.exists(tmp.resolve("out"))).isFalse(); // nothing written
  }

  @Test
  void importDir_missingColumn_throwsDataExceptionNamingPathAndColumn(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (String c : List.of("open", "high", "low", "close")) {
      cols.put(c, new double[] {1.0});
    }
    Path file = in.resolve("SOL_USDC_USDC-4h-futures.feather");
    writeFeather(file, new long[] {0}, cols);
    assertThatThrownBy(() -> FreqtradeImporter.importDir(in, tmp.resolve("out"))).isInstanceOf(DataException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("'volume'");
  }

  @Test
  void importDir_noMatchingFiles_throwsDataExceptionNamingDir(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("notes.txt"), "x");
    Files.copy(SAMPLE.resolve("BTC_USDC_USDC-4h-futures.feather"), in.resolve("BTC_USDC_USDC-4h-mark.feather"));
    assertThatThrownBy(() -> FreqtradeImporter.importDir(in, tmp.resolve("out"))).isInstanceOf(DataException.class)
        .hasMessageContaining(in.toString()).hasMessageContaining("no freqtrade");
    Path missing = tmp.resolve("missing");
    assertThatThrownBy(() -> FreqtradeImporter.importDir(missing, tmp.resolve("out")))
        .isInstanceOf(DataException.class).hasMessageContaining(missing.toString());
  }

  @Test
  void importDir_skipsUnknownFeatherFilesAndRejectsUnsupportedInterval(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(SAMPLE.resolve("HYPE_USDC_USDC-4h-futures.feather"), in.resolve("HYPE_USDC_USDC-4h-futures.feather"));
    Files.copy(SAMPLE.resolve("HYPE_USDC_USDC-4h-futures.feather"), in.resolve("HYPE_USDC_USDC-4h-mark.feather"));
    ImportResult r = FreqtradeImporter.importDir(in, tmp.resolve("out"));
    assertThat(r.skipped()).containsExactly(in.resolve("HYPE_USDC_USDC-4h-mark.feather"));
    assertThat(r.imported()).extracting(ImportedFile::interval).containsExactly(Optional.of(BarInterval.H4));
    assertThat(r.filesWritten()).containsExactly(Lake.candlesFile(tmp.resolve("out"), BarInterval.H4));

    Path fiveMin = in.resolve("HYPE_USDC_USDC-5m-futures.feather");
    Files.copy(SAMPLE.resolve("HYPE_USDC_USDC-4h-futures.feather"), fiveMin);
    assertThatThrownBy(() -> FreqtradeImporter.importDir(in, tmp.resolve("out"))).isInstanceOf(DataException.class)
        .hasMessageContaining(fiveMin.toString()).hasMessageContaining("5m");
  }

  @Test
  void readCandles_oneFile_hasLakeSchema() {
    Table t = FreqtradeImporter.readCandles(SAMPLE.resolve("HYPE_USDC_USDC-4h-futures.feather"), "HYPE");
    assertThat(t.columns()).containsExactlyElementsOf(Lake.CANDLE_COLUMNS);
    assertThat(t.rows()).isEqualTo(HYPE_4H);
    Table f = FreqtradeImporter.readFunding(SAMPLE.resolve("HYPE_USDC_USDC-1h-funding_rate.feather"), "HYPE");
    assertThat(f.columns()).containsExactlyElementsOf(Lake.FUNDING_COLUMNS);
    assertThat(f.rows()).isEqualTo(HYPE_FUNDING);
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static void assertCandle(Table t, int row, String coin, long openMs, double o, double h, double l,
      double c, double v) {
    assertThat(t.strings("coin")[row]).isEqualTo(coin);
    assertThat(t.timestamps("open_time")[row]).isEqualTo(openMs);
    assertThat(t.doubles("open")[row]).isEqualTo(o);
    assertThat(t.doubles("high")[row]).isEqualTo(h);
    assertThat(t.doubles("low")[row]).isEqualTo(l);
    assertThat(t.doubles("close")[row]).isEqualTo(c);
    assertThat(t.doubles("volume")[row]).isEqualTo(v);
  }

  private static void assertFunding(Table t, int row, String coin, long timeMs, double rate) {
    assertThat(t.strings("coin")[row]).isEqualTo(coin);
    assertThat(t.timestamps("time")[row]).isEqualTo(timeMs);
    assertThat(t.doubles("funding_rate")[row]).isEqualTo(rate);
  }

  private static void assertSortedByCoinThenTime(Table t, String timeCol) {
    String[] coin = t.strings("coin");
    long[] time = t.timestamps(timeCol);
    for (int i = 1; i < t.rows(); i++) {
      int c = coin[i - 1].compareTo(coin[i]);
      assertThat(c < 0 || (c == 0 && time[i - 1] < time[i])).as("row %d strictly after row %d", i, i - 1).isTrue();
    }
  }

  private static void assertSameTable(Table a, Table b, String timeCol, List<String> valueCols) {
    assertThat(b.rows()).isEqualTo(a.rows());
    assertThat(b.strings("coin")).isEqualTo(a.strings("coin"));
    assertThat(b.timestamps(timeCol)).isEqualTo(a.timestamps(timeCol));
    for (String c : valueCols) {
      assertThat(b.doubles(c)).as(c).isEqualTo(a.doubles(c));
    }
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes an uncompressed Arrow IPC file: {@code date} timestamp[ns, UTC] plus double columns (NaN = null). */
  private static void writeFeather(Path file, long[] dateNs, Map<String, double[]> cols) throws IOException {
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("date", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC")), null));
    for (String c : cols.keySet()) {
      fields.add(new Field(c, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null));
    }
    try (RootAllocator alloc = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), alloc)) {
      root.allocateNew();
      TimeStampNanoTZVector date = (TimeStampNanoTZVector) root.getVector("date");
      for (int i = 0; i < dateNs.length; i++) {
        date.setSafe(i, dateNs[i]);
      }
      for (Map.Entry<String, double[]> e : cols.entrySet()) {
        Float8Vector v = (Float8Vector) root.getVector(e.getKey());
        for (int i = 0; i < e.getValue().length; i++) {
          if (Double.isNaN(e.getValue()[i])) {
            v.setNull(i);
          } else {
            v.setSafe(i, e.getValue()[i]);
          }
        }
      }
      root.setRowCount(dateNs.length);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
          ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
        w.start();
        w.writeBatch();
        w.end();
      }
    }
  }
}
