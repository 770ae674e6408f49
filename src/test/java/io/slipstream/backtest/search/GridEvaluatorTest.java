package io.slipstream.backtest.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.analytics.Metrics;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid on the real 4h data (window from 2025-01-01): every row equals a plain {@link Backtester#run} of its
 * configuration (signal sharing changes nothing, bit for bit), the whole-window stats equal {@code Metrics}, the
 * multi-core engine's rows equal a sequential evaluation, and the result table round-trips through Parquet.
 */
class GridEvaluatorTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  static final String GRID = "{\"concentration_pct\": [10, 35], \"rebalance_freq_hours\": [4, 24],"
      + " \"vol_span\": [24, 48], \"costs.taker_fee_bps\": [4.5]}";
  private static MarketData data;
  private static String base;

  @BeforeAll
  static void load() throws IOException {
    data = Lake.load(DATA, BarInterval.H4, true);
    ObjectNode b = ConfigParser.readTree(Files.readString(Path.of("config/gradient.json")), "gradient.json");
    b.put("start", "2025-01-01T00:00:00Z");
    base = b.toString();
  }

  static GridJob job(double oos) {
    return new GridJob(base, GRID, "gradient.json", oos, 8, Objective.SHARPE);
  }

  @Test
  void everyRow_equalsPlainBacktest() {
    GridEvaluator ev = new GridEvaluator(data, job(0.3));
    assertThat(ev.spec().size()).isEqualTo(8);
    assertThat(ev.inSampleBars()).isEqualTo((int) Math.floor(ev.bookedBars() * 0.7));
    for (long id : ev.inGroupOrder(new long[] {7, 0, 3, 4, 1, 6, 2, 5})) {
      BacktestConfig cfg = ev.config(id);
      BacktestResult plain = Backtester.run(data, cfg);
      BacktestResult shared = ev.backtest(cfg, cfg.start(), cfg.end());
      assertThat(shared.netReturns()).containsExactly(plain.netReturns());
      assertThat(shared.turnover()).containsExactly(plain.turnover());
      GridRow row = ev.evaluate(id);
      assertThat(row.ok()).isTrue();
      assertThat(row.full()).isEqualTo(PeriodStats.of(plain, 0, plain.size()));
      Metrics m = Metrics.of(plain);
      assertThat(row.full().sharpe()).isEqualTo(m.sharpe());
      assertThat(row.full().sortino()).isEqualTo(m.sortino());
      assertThat(row.full().cagr()).isEqualTo(m.cagr());
      assertThat(row.full().maxDrawdown()).isEqualTo(m.maxDrawdown());
      assertThat(row.full().annualVolatility()).isEqualTo(m.annualVolatility());
      assertThat(row.full().avgTurnoverPerRebalance()).isEqualTo(m.avgTurnoverPerRebalance());
      assertThat(row.full().annualFeeDrag()).isEqualTo(m.annualFeeDrag());
      assertThat(row.full().annualFundingPnl()).isEqualTo(m.annualFundingPnl());
      assertThat(row.full().totalReturn()).isCloseTo(m.totalReturn(), org.assertj.core.data.Offset.offset(1e-12));
      assertThat(row.inSample().bars() + row.outOfSample().bars()).isEqualTo(plain.size());
      long n = 0;
      double sum = 0;
      for (int b = 0; b < 8; b++) {
        n += row.blockN()[b];
        sum += row.blockSum()[b];
      }
      assertThat(n).isEqualTo(plain.size());
      double direct = 0;
      for (double x : plain.netReturns()) {
        direct += x;
      }
      assertThat(sum).isCloseTo(direct, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void signalGroups_followSignalKeysOnly() {
    GridEvaluator ev = new GridEvaluator(data, job(0.3));
    // vol_span is key 2: ids differing only in concentration/rebalance/costs share a group
    assertThat(ev.signalGroup(0)).isEqualTo(ev.signalGroup(2)).isEqualTo(ev.signalGroup(4));
    assertThat(ev.signalGroup(0)).isNotEqualTo(ev.signalGroup(1));
    assertThat(ev.inGroupOrder(new long[] {1, 0, 3, 2})).containsExactly(0, 2, 1, 3);
  }

  @Test
  void multiCore_equalsSequential_andRoundTripsThroughParquet(@TempDir Path tmp) {
    GridEvaluator ev = new GridEvaluator(data, job(0.25));
    long[] ids = ev.inGroupOrder(new long[] {0, 1, 2, 3, 4, 5, 6, 7});
    Path dir = tmp.resolve("results");
    List<GridRow> seen = new ArrayList<>();
    try (ResultWriter w = new ResultWriter(dir, ev.spec(), 8, 3)) {
      new MultiCoreEngine(2).run(ev, ids, w, row -> {
        synchronized (seen) {
          seen.add(row);
        }
      });
    }
    assertThat(seen).hasSize(8);
    assertThat(GridResults.parts(dir)).hasSize(3);
    assertThat(GridResults.doneIds(dir, 8).cardinality()).isEqualTo(8);
    GridSummary.Values v = GridSummary.read(ev, dir);
    for (int id = 0; id < 8; id++) {
      GridRow seq = ev.evaluate(id);
      assertThat(v.inSample()[id]).isEqualTo(seq.inSample().sharpe());
      assertThat(v.outOfSample()[id]).isEqualTo(seq.outOfSample().sharpe());
      assertThat(v.errors()[id]).isEmpty();
    }
    GridSummary s = GridSummary.of(ev, dir);
    int best = 0;
    for (int id = 1; id < 8; id++) {
      if (Objective.better(v.inSample()[id], v.inSample()[best])) {
        best = id;
      }
    }
    assertThat(s.bestId()).isEqualTo(best);
    assertThat(s.bestInSample().sharpe()).isEqualTo(v.inSample()[best]);
    assertThat(s.deflatedSharpe().trials()).isEqualTo(8);
    assertThat(s.pbo().trials()).isEqualTo(8);
    assertThat(s.pbo().pbo()).isBetween(0.0, 1.0);
    // a second writer numbers its parts after the existing ones
    try (ResultWriter w = new ResultWriter(dir, ev.spec(), 8, 100)) {
      assertThat(w.written()).isZero();
    }
  }
}
