package io.slipstream.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.DataException;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct decoder against the independent parquet-java column reader ({@link ParquetIo#readGeneral}): the same
 * tables bit for bit on the real lake files (pyarrow-written: dictionary pages, RLE_DICTIONARY, ZSTD, several row
 * groups) and on files this project writes (parquet-java v1 pages, PLAIN_DICTIONARY, PLAIN fallback, nulls).
 */
class ParquetDecoderTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));

  @TempDir
  Path tmp;

  @Test
  void read_realCandlesAndFunding_identicalToParquetJava() throws Exception {
    assertSameTable(DATA.resolve("candles_4h.parquet"), Lake.CANDLE_COLUMNS);
    assertSameTable(DATA.resolve("funding.parquet"), Lake.FUNDING_COLUMNS);
  }

  @Test
  void read_writtenTableWithNullsAndManyStrings_roundTripsAndMatchesParquetJava() throws Exception {
    int n = 150_000;
    Random rnd = new Random(7);
    String[] coin = new String[n];
    String[] id = new String[n];
    long[] time = new long[n];
    double[] x = new double[n];
    long[] count = new long[n];
    for (int i = 0; i < n; i++) {
      coin[i] = "C" + rnd.nextInt(40);
      id[i] = Long.toHexString(rnd.nextLong()); // mostly distinct: the writer falls back from dictionary to PLAIN
      time[i] = 1_700_000_000_000L + 3_600_000L * i;
      x[i] = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextGaussian();
      count[i] = rnd.nextInt(5);
    }
    Table t = Table.builder().strings("coin", coin).strings("id", id).timestamps("time", time).doubles("x", x)
        .longs("count", count).build();
    Path f = tmp.resolve("t.parquet");
    ParquetIo.write(f, t);
    List<ColumnSpec> cols = t.columns();
    Table back = assertSameTable(f, cols);
    assertThat(back.strings("coin")).containsExactly(coin);
    assertThat(back.strings("id")).containsExactly(id);
    assertThat(back.timestamps("time")).containsExactly(time);
    assertThat(bits(back.doubles("x"))).containsExactly(bits(x));
    assertThat(back.longs("count")).containsExactly(count);
    // a subset of the columns, in another order
    Table part = ParquetDecoder.read(f, List.of(new ColumnSpec("x", ColumnType.DOUBLE),
        new ColumnSpec("coin", ColumnType.STRING)));
    assertThat(bits(part.doubles("x"))).containsExactly(bits(x));
    assertThat(part.dictionary("coin")).isEqualTo(back.dictionary("coin"));
  }

  @Test
  void read_truncatedOrCorruptFile_dataExceptionNamingTheFile() throws IOException {
    Path src = DATA.resolve("funding.parquet");
    byte[] all = Files.readAllBytes(src);
    Path truncated = tmp.resolve("truncated.parquet");
    Files.write(truncated, Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> ParquetIo.read(truncated, Lake.FUNDING_COLUMNS)).isInstanceOf(DataException.class)
        .hasMessageContaining(truncated.toString()).hasMessageContaining("not a readable Parquet file");
    Path corrupt = tmp.resolve("corrupt.parquet");
    byte[] bad = all.clone();
    for (int i = 1000; i < 1000 + 4096; i++) {
      bad[i] ^= (byte) 0x5a;
    }
    Files.write(corrupt, bad);
    assertThatThrownBy(() -> ParquetIo.read(corrupt, Lake.FUNDING_COLUMNS)).isInstanceOf(DataException.class)
        .hasMessageContaining(corrupt.toString());
  }

  @Test
  void read_missingOrMistypedColumn_namesIt() {
    Path f = DATA.resolve("funding.parquet");
    assertThatThrownBy(() -> ParquetIo.read(f, List.of(new ColumnSpec("price", ColumnType.DOUBLE))))
        .isInstanceOf(DataException.class).hasMessageContaining("missing column 'price'");
    assertThatThrownBy(() -> ParquetIo.read(f, List.of(new ColumnSpec("coin", ColumnType.DOUBLE))))
        .isInstanceOf(DataException.class).hasMessageContaining("column 'coin' is BYTE_ARRAY");
  }

  private static Table assertSameTable(Path file, List<ColumnSpec> cols) throws Exception {
    Table fast = ParquetDecoder.read(file, cols);
    Table ref = ParquetIo.readGeneral(file, cols);
    assertThat(fast.rows()).isEqualTo(ref.rows());
    for (ColumnSpec c : cols) {
      switch (c.type()) {
        case STRING -> {
          assertThat(fast.dictionary(c.name())).as(c.name()).isEqualTo(ref.dictionary(c.name()));
          assertThat(Arrays.equals(fast.codes(c.name()), ref.codes(c.name()))).as(c.name()).isTrue();
        }
        case TIMESTAMP_MS -> assertThat(Arrays.equals(fast.timestamps(c.name()), ref.timestamps(c.name())))
            .as(c.name()).isTrue();
        case INT64 -> assertThat(Arrays.equals(fast.longs(c.name()), ref.longs(c.name()))).as(c.name()).isTrue();
        case DOUBLE -> assertThat(Arrays.equals(bits(fast.doubles(c.name())), bits(ref.doubles(c.name()))))
            .as(c.name()).isTrue();
        default -> throw new IllegalStateException();
      }
    }
    return fast;
  }

  private static long[] bits(double[] x) {
    long[] b = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      b[i] = Double.doubleToRawLongBits(x[i]);
    }
    return b;
  }
}
