package io.slipstream.backtest.search.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.search.GridEngine;
import io.slipstream.backtest.search.GridEvaluator;
import io.slipstream.backtest.search.GridJob;
import io.slipstream.backtest.search.GridResults;
import io.slipstream.backtest.search.GridSummary;
import io.slipstream.backtest.search.MultiCoreEngine;
import io.slipstream.backtest.search.Objective;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.backtest.search.ResultWriter;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.data.Table;
import io.slipstream.data.Table.ColumnSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against the multi-core engine (the reference) on the real 4h data, in {@code local[2]} with one
 * session for the class: the same grid run by both into two result folders gives the same table, bit for bit, and
 * the same summary; failing configurations are reported alike; an invalid id fails both alike.
 */
class SparkGridEngineTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int BLOCKS = 8;
  private static SparkSession spark;
  private static MarketData data;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    data = Lake.load(DATA, BarInterval.H4, true);
    spark = SparkSession.builder().master("local[2]").appName("SparkGridEngineTest")
        .config("spark.ui.enabled", false).config("spark.ui.showConsoleProgress", false)
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1").getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** config/gradient.json booking 2025-01-01 onwards (keeps the test fast). */
  private static String baseConfig() throws IOException {
    ObjectNode n = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("config", "gradient.json")));
    n.put("start", "2025-01-01T00:00:00Z");
    return MAPPER.writeValueAsString(n);
  }

  private static long[] allIds(GridEvaluator ev) {
    return ev.inGroupOrder(LongStream.range(0, ev.spec().size()).toArray());
  }

  /** Runs an engine into {@code dir}/results and returns the ids the listener was told, in order. */
  private static List<Long> run(GridEngine engine, GridEvaluator ev, long[] ids, Path dir) {
    List<Long> told = Collections.synchronizedList(new ArrayList<>());
    try (ResultWriter w = new ResultWriter(dir.resolve("results"), ev.spec(), BLOCKS, 3)) {
      engine.run(ev, ids, w, row -> told.add(row.configId()));
    }
    return told;
  }

  /** All columns of a result folder, rows sorted by config_id. */
  private static Table readSorted(GridEvaluator ev, Path dir) {
    List<ColumnSpec> schema = GridResults.schema(ev.spec(), BLOCKS);
    List<Table> parts = GridResults.read(dir.resolve("results"), schema);
    assertThat(parts).hasSizeGreaterThan(1);
    int n = parts.stream().mapToInt(Table::rows).sum();
    long[] ids = new long[n];
    int k = 0;
    for (Table t : parts) {
      for (long id : t.longs("config_id")) {
        ids[k++] = id;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
    Table.Builder b = Table.builder();
    for (ColumnSpec c : schema) {
      switch (c.type()) {
        case INT64 -> {
          long[] all = concatLongs(parts, c.name());
          long[] v = new long[n];
          for (int i = 0; i < n; i++) {
            v[i] = all[order[i]];
          }
          b.longs(c.name(), v);
        }
        case DOUBLE -> {
          double[] all = concatDoubles(parts, c.name());
          double[] v = new double[n];
          for (int i = 0; i < n; i++) {
            v[i] = all[order[i]];
          }
          b.doubles(c.name(), v);
        }
        default -> {
          List<String> all = new ArrayList<>();
          for (Table t : parts) {
            all.addAll(Arrays.asList(t.strings(c.name())));
          }
          String[] v = new String[n];
          for (int i = 0; i < n; i++) {
            v[i] = all.get(order[i]);
          }
          b.strings(c.name(), v);
        }
      }
    }
    return b.build();
  }

  private static long[] concatLongs(List<Table> parts, String name) {
    return parts.stream().flatMapToLong(t -> Arrays.stream(t.longs(name))).toArray();
  }

  private static double[] concatDoubles(List<Table> parts, String name) {
    return parts.stream().flatMapToDouble(t -> Arrays.stream(t.doubles(name))).toArray();
  }

  /** Every column equal: longs and strings exactly, doubles by their raw bits. */
  private static void assertSameTable(GridEvaluator ev, Table a, Table b) {
    assertThat(b.rows()).isEqualTo(a.rows());
    for (ColumnSpec c : GridResults.schema(ev.spec(), BLOCKS)) {
      switch (c.type()) {
        case INT64 -> assertThat(b.longs(c.name())).as(c.name()).containsExactly(a.longs(c.name()));
        case DOUBLE -> assertThat(bits(b.doubles(c.name()))).as(c.name()).containsExactly(bits(a.doubles(c.name())));
        default -> assertThat(b.strings(c.name())).as(c.name()).containsExactly(a.strings(c.name()));
      }
    }
  }

  private static long[] bits(double[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Double.doubleToRawLongBits(v[i]);
    }
    return out;
  }

  private static void assertSameSummary(GridSummary a, GridSummary b) {
    assertThat(b.configurations()).isEqualTo(a.configurations());
    assertThat(b.failed()).isEqualTo(a.failed());
    assertThat(b.firstError()).isEqualTo(a.firstError());
    assertThat(b.bestId()).isEqualTo(a.bestId());
    assertThat(b.bestParams()).isEqualTo(a.bestParams());
    for (PeriodStats[] s : new PeriodStats[][] {{a.bestFull(), b.bestFull()}, {a.bestInSample(), b.bestInSample()},
        {a.bestOutOfSample(), b.bestOutOfSample()}}) {
      assertThat(bits(s[1].values())).containsExactly(bits(s[0].values()));
    }
    assertThat(b.outOfSampleRank()).isEqualTo(a.outOfSampleRank());
    assertThat(b.deflatedSharpe()).isEqualTo(a.deflatedSharpe());
    assertThat(b.pbo().pbo()).isEqualTo(a.pbo().pbo());
    assertThat(b.pbo().combinations()).isEqualTo(a.pbo().combinations());
    assertThat(bits(b.pbo().logits())).containsExactly(bits(a.pbo().logits()));
  }

  @Test
  void run_smallGradientGrid_sameRowsAndSummaryAsMultiCore() throws IOException {
    String grid = "{\"concentration_pct\": [20, 30], \"rebalance_freq_hours\": [4, 12], \"vol_span\": [24, 48]}";
    GridJob job = new GridJob(baseConfig(), grid, "gradient.json", 0.3, BLOCKS, Objective.SHARPE);
    GridEvaluator ev = new GridEvaluator(data, job);
    long[] ids = allIds(ev);
    assertThat(ids).hasSize(8);

    run(new MultiCoreEngine(2), ev, ids, tmp.resolve("multicore"));
    // local[2]: batches of ceil(8 / (4 x 2)) = 1 configuration, waves of 4 tasks, so two waves
    List<Long> told = run(new SparkGridEngine("local[2]"), ev, ids, tmp.resolve("spark"));

    assertThat(told).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    Table a = readSorted(ev, tmp.resolve("multicore"));
    Table b = readSorted(ev, tmp.resolve("spark"));
    assertThat(a.longs("config_id")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(a.strings("error")).containsOnly("");
    assertThat(Arrays.stream(a.doubles("sharpe")).allMatch(Double::isFinite)).as("finite Sharpe ratios").isTrue();
    assertThat(a.doubles("bars")).containsOnly((double) ev.bookedBars());
    assertSameTable(ev, a, b);
    assertSameSummary(GridSummary.of(ev, tmp.resolve("multicore").resolve("results")),
        GridSummary.of(ev, tmp.resolve("spark").resolve("results")));
    assertThat(spark.sparkContext().isStopped()).as("a session it did not create is left running").isFalse();
  }

  @Test
  void run_manyWavesOfSmallBatches_everyRowOnceAndSameAsMultiCore() throws IOException {
    // 16 configurations in 2 signal groups of 8; one per task: 16 tasks, waves of 2 x 2 = 4 tasks, 4 waves
    String grid = "{\"vol_span\": [24, 48], \"concentration_pct\": [10, 20, 30, 40], "
        + "\"rebalance_freq_hours\": [4, 12]}";
    GridJob job = new GridJob(baseConfig(), grid, "gradient.json", 0.3, BLOCKS, Objective.SHARPE);
    MarketData recent = data.sliceRows(
        data.close().lastRowClosedBy(Instant.parse("2024-09-01T00:00:00Z").toEpochMilli()), data.rows());
    GridEvaluator ev = new GridEvaluator(recent, job);
    long[] ids = allIds(ev);
    assertThat(SparkGridEngine.plan(ids, ev::signalGroup, SparkGridEngine.batchSize(ids.length, 2, 1))).hasSize(16);

    run(new MultiCoreEngine(2), ev, ids, tmp.resolve("multicore"));
    List<Long> told = run(new SparkGridEngine("local[2]", 1), ev, ids, tmp.resolve("spark"));

    assertThat(told).hasSize(16).doesNotHaveDuplicates();
    assertSameTable(ev, readSorted(ev, tmp.resolve("multicore")), readSorted(ev, tmp.resolve("spark")));
  }

  @Test
  void run_failingConfigurations_reportedLikeMultiCore() throws IOException {
    // a non-positive price makes the spread estimator (half_spread_bps "estimate") throw a DataException; the
    // configurations with a fixed spread never look at it
    MarketData sliced = data.sliceRows(
        data.close().lastRowClosedBy(Instant.parse("2024-07-01T00:00:00Z").toEpochMilli()), data.rows());
    Panel close = sliced.close();
    int btc = close.columnOf("BTC").orElseThrow();
    double[] v = close.toColumnMajor();
    v[btc * close.rows() + 100] = -1.0;
    MarketData bad = new MarketData(sliced.open(), sliced.high(), sliced.low(), close.withValues(v), sliced.volume(),
        sliced.funding());
    String grid = "{\"costs.half_spread_bps\": [0, \"estimate\"], \"concentration_pct\": [20, 30]}";
    GridJob job = new GridJob(baseConfig(), grid, "gradient.json", 0.3, BLOCKS, Objective.SHARPE);
    GridEvaluator ev = new GridEvaluator(bad, job);
    long[] ids = allIds(ev);

    run(new MultiCoreEngine(2), ev, ids, tmp.resolve("multicore"));
    run(new SparkGridEngine("local[2]"), ev, ids, tmp.resolve("spark"));

    Table a = readSorted(ev, tmp.resolve("multicore"));
    Table b = readSorted(ev, tmp.resolve("spark"));
    assertThat(a.strings("error")).containsExactly("", "", "DataException: price of BTC at row 100 must be finite and "
        + "> 0, was -1.0", "DataException: price of BTC at row 100 must be finite and > 0, was -1.0");
    assertSameTable(ev, a, b);
    GridSummary sa = GridSummary.of(ev, tmp.resolve("multicore").resolve("results"));
    assertThat(sa.failed()).isEqualTo(2);
    assertSameSummary(sa, GridSummary.of(ev, tmp.resolve("spark").resolve("results")));
  }

  @Test
  void run_idOutsideTheGrid_failsWithTheSameExceptionAsMultiCore() throws IOException {
    String grid = "{\"concentration_pct\": [20, 30]}";
    GridJob job = new GridJob(baseConfig(), grid, "gradient.json", 0.3, BLOCKS, Objective.SHARPE);
    GridEvaluator ev = new GridEvaluator(data.sliceRows(data.rows() - 1500, data.rows()), job);
    long[] ids = {0, 1, 5};
    Throwable expected = org.assertj.core.api.Assertions.catchThrowable(
        () -> run(new MultiCoreEngine(2), ev, ids, tmp.resolve("multicore")));
    assertThat(expected).isNotNull();
    assertThatThrownBy(() -> run(new SparkGridEngine("local[2]"), ev, ids, tmp.resolve("spark")))
        .isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
  }

  @Test
  void constructor_badArguments_throwNamingThem() {
    assertThatThrownBy(() -> new SparkGridEngine(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("master");
    assertThatThrownBy(() -> new SparkGridEngine("local[2]", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBatch").hasMessageContaining("0");
  }
}
