package io.slipstream.backtest.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.search.Objective;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.core.ConfigException;
import io.slipstream.data.MarketData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walk-forward on real 4h data (every 4th coin, bars from 2023-01-01 to 2024-03-01, booked from 2023-07-01; 60-day
 * train and 30-day test windows): the choice per window equals the best of independent plain backtests of the train
 * window, each test window is traded by its chosen configuration, the out-of-sample stats are slices of the stitched
 * ledger, and a one-configuration grid gives exactly the plain backtest.
 */
class WalkForwardTest {
  private static final String GRID = "{\"concentration_pct\": [10, 30], \"vol_span\": [24, 48]}";
  private static MarketData data;
  private static ObjectNode base;

  @BeforeAll
  static void load() throws IOException {
    data = Fixtures.cut(4, "2023-01-01T00:00:00Z", "2024-03-01T00:00:00Z");
    base = ConfigParser.readTree(Files.readString(Path.of("config/gradient.json")), "gradient.json");
    base.put("start", "2023-07-01T00:00:00Z");
  }

  private static WalkForwardConfig settings(int threads) {
    return new WalkForwardConfig(Duration.ofDays(60), Duration.ofDays(30), Duration.ofDays(30), false, 0, 0,
        Objective.SHARPE, threads);
  }

  /** Configuration {@code id} of {@link #GRID} built by hand: the last key varies fastest. */
  private static BacktestConfig config(int id) {
    ObjectNode c = base.deepCopy();
    c.put("concentration_pct", new int[] {10, 30}[id / 2]);
    c.put("vol_span", new int[] {24, 48}[id % 2]);
    return ConfigParser.parse(c, "test");
  }

  @Test
  void run_choosesTheBestPlainTrainBacktest_andSlicesTheStitchedLedger() {
    WalkForwardResult r = WalkForward.run(data, base.toString(), GRID, "gradient.json", settings(2),
        WalkForward.Listener.NONE);
    // booked 2023-07-01 .. 2024-03-01 = 244 days: 6 windows of 30 days after 60 days, 4 days left over (dropped)
    assertThat(r.windows()).hasSize(6);
    assertThat(r.configurations()).isEqualTo(4);
    assertThat(r.gridKeys()).containsExactly("concentration_pct", "vol_span");
    Window first = r.windows().get(0).window();
    Window last = r.windows().get(5).window();
    assertThat(first.trainStart()).isEqualTo(Instant.parse("2023-07-01T00:00:00Z"));
    assertThat(first.testStart()).isEqualTo(Instant.parse("2023-08-30T00:00:00Z"));
    assertThat(last.testEnd()).isEqualTo(Instant.parse("2024-02-26T00:00:00Z"));
    BacktestResult st = r.stitched();
    assertThat(st.size()).isEqualTo(6 * 180);
    assertThat(st.time(0)).isEqualTo(first.testStart().plus(Duration.ofHours(4)));
    assertThat(st.time(st.size() - 1)).isEqualTo(last.testEnd());
    assertThat(r.stitchedStats()).isEqualTo(PeriodStats.of(st, 0, st.size()));

    Map<Integer, BacktestResult> spanRuns = new HashMap<>();
    for (WindowResult w : r.windows()) {
      Window win = w.window();
      int best = -1;
      double bestValue = Double.NaN;
      PeriodStats bestStats = null;
      for (int id = 0; id < 4; id++) {
        BacktestResult plain = Backtester.run(data, config(id).withWindow(Optional.of(win.trainStart()),
            Optional.of(win.trainEnd())));
        assertThat(plain.size()).isEqualTo(360);
        PeriodStats s = PeriodStats.of(plain, 0, plain.size());
        if (best < 0 || s.sharpe() > bestValue || (bestValue != bestValue && s.sharpe() == s.sharpe())) {
          best = id;
          bestValue = s.sharpe();
          bestStats = s;
        }
      }
      assertThat(w.configId()).as("window %d", win.index()).isEqualTo(best);
      assertThat(w.inSample()).isEqualTo(bestStats);
      assertThat(w.failedConfigurations()).isZero();
      assertThat(w.paramsJson()).isEqualTo("{\"concentration_pct\":" + new int[] {10, 30}[best / 2]
          + ",\"vol_span\":" + new int[] {24, 48}[best % 2] + "}");
      int from = win.testFromRow() - first.testFromRow();
      int to = win.testToRow() - first.testFromRow();
      assertThat(w.outOfSample()).isEqualTo(PeriodStats.of(st, from, to));

      // the window is traded by its configuration: same rebalance bars, and the same weights right after each
      // rebalance, as a plain run of that configuration over the stitched span (Gradient targets do not depend on
      // the book)
      BacktestResult plain = spanRuns.computeIfAbsent(best, id -> Backtester.run(data, config(id).withWindow(
          Optional.of(first.testStart()), Optional.of(last.testEnd()))));
      Map<Integer, Map<Integer, Double>> ws = weights(st);
      Map<Integer, Map<Integer, Double>> wp = weights(plain);
      int rebalances = 0;
      for (int i = from; i < to; i++) {
        assertThat(st.rebalanced()[i]).as("bar %d", i).isEqualTo(plain.rebalanced()[i]);
        if (st.rebalanced()[i]) {
          rebalances++;
          assertThat(ws.getOrDefault(i, Map.of())).as("bar %d", i).isEqualTo(wp.getOrDefault(i, Map.of()));
        }
      }
      assertThat(rebalances).isPositive();
    }
    assertThat(r.windows().stream().map(WindowResult::configId).distinct().count())
        .as("the fixture should switch configurations at least once").isGreaterThan(1);
  }

  private static Map<Integer, Map<Integer, Double>> weights(BacktestResult r) {
    Map<Integer, Map<Integer, Double>> out = new HashMap<>();
    int[] rows = r.weightRows();
    int[] coins = r.weightCoins();
    double[] v = r.weightValues();
    for (int e = 0; e < rows.length; e++) {
      out.computeIfAbsent(rows[e], k -> new HashMap<>()).put(coins[e], v[e]);
    }
    return out;
  }

  @Test
  void run_singleConfigurationGrid_equalsPlainBacktestBitForBit() {
    // anchored, gaps between test windows (step 40d > test 30d), purge and embargo: still one configuration
    WalkForwardConfig s = new WalkForwardConfig(Duration.ofDays(60), Duration.ofDays(30), Duration.ofDays(40), true, 3,
        2, Objective.SORTINO, 2);
    WalkForwardResult r = WalkForward.run(data, base.toString(), "{\"concentration_pct\": [30]}", "gradient.json", s,
        WalkForward.Listener.NONE);
    assertThat(r.windows()).hasSize(5);
    Window first = r.windows().get(0).window();
    Window last = r.windows().get(r.windows().size() - 1).window();
    BacktestConfig cfg = ConfigParser.parse(base.deepCopy().put("concentration_pct", 30), "test");
    BacktestResult plain = Backtester.run(data, cfg.withWindow(Optional.of(first.testStart()),
        Optional.of(last.testEnd())));
    BacktestResult st = r.stitched();
    assertThat(st.closeTimesMs()).containsExactly(plain.closeTimesMs());
    assertThat(st.netReturns()).containsExactly(plain.netReturns());
    assertThat(st.nav()).containsExactly(plain.nav());
    assertThat(st.turnover()).containsExactly(plain.turnover());
    assertThat(st.feeCosts()).containsExactly(plain.feeCosts());
    assertThat(st.fundingCosts()).containsExactly(plain.fundingCosts());
    assertThat(st.weightValues()).containsExactly(plain.weightValues());
    for (WindowResult w : r.windows()) {
      Window win = w.window();
      assertThat(w.configId()).isZero();
      assertThat(win.trainFromRow()).isEqualTo(first.trainFromRow());
      assertThat(win.scoredFromRow()).isEqualTo(win.testFromRow() + 2);
      assertThat(w.outOfSample().bars()).isEqualTo(win.testBars() - 2);
      BacktestResult train = Backtester.run(data, cfg.withWindow(Optional.of(win.trainStart()),
          Optional.of(win.trainEnd())));
      assertThat(train.size()).isEqualTo(win.trainBars());
      assertThat(w.inSample()).isEqualTo(PeriodStats.of(train, 0, train.size()));
    }
  }

  @Test
  void run_threadCount_doesNotChangeTheResult() {
    WalkForwardResult one = WalkForward.run(data, base.toString(), GRID, "g", settings(1), WalkForward.Listener.NONE);
    long[] calls = new long[2];
    WalkForwardResult three = WalkForward.run(data, base.toString(), GRID, "g", settings(3), (done, total) -> {
      synchronized (calls) {
        calls[0]++;
        calls[1] = Math.max(calls[1], done);
      }
    });
    assertThat(three.windows()).isEqualTo(one.windows());
    assertThat(three.stitched().netReturns()).containsExactly(one.stitched().netReturns());
    assertThat(calls[0]).isEqualTo(24);
    assertThat(calls[1]).isEqualTo(24);
  }

  @Test
  void run_badGridOrWindows_throwConfigExceptionNamingTheProblem() {
    assertThatThrownBy(() -> WalkForward.run(data, base.toString(), "{\"no_such_key\": [1, 2]}", "g", settings(1),
        WalkForward.Listener.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("grid.no_such_key")
        .hasMessageContaining("not a config key");
    assertThatThrownBy(() -> WalkForward.run(data, base.toString(), "{}", "g", settings(1),
        WalkForward.Listener.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("empty");
    WalkForwardConfig tooLong = new WalkForwardConfig(Duration.ofDays(230), Duration.ofDays(30), Duration.ofDays(30),
        false, 0, 0, Objective.SHARPE, 1);
    assertThatThrownBy(() -> WalkForward.run(data, base.toString(), GRID, "g", tooLong, WalkForward.Listener.NONE))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'train'").hasMessageContaining("longer than");
    WalkForwardConfig short20 = new WalkForwardConfig(Duration.ofDays(20), Duration.ofDays(30), Duration.ofDays(30),
        false, 0, 0, Objective.SHARPE, 1);
    // gradient.json has warmup_bars 180 = 30 days of 4h bars
    assertThatThrownBy(() -> WalkForward.run(data, base.toString(), GRID, "g", short20, WalkForward.Listener.NONE))
        .isInstanceOf(ConfigException.class).hasMessageContaining("warm-up of 180 bars");
    // the warm-up is the largest over the grid
    assertThatThrownBy(() -> WalkForward.run(data, base.toString(), "{\"warmup_bars\": [10, 400]}", "g", settings(1),
        WalkForward.Listener.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("warm-up of 400 bars");
  }

  @Test
  void warmupBars_gradientIsWarmupBars() {
    assertThat(WalkForward.warmupBars(config(0))).isEqualTo(180);
  }

  @Test
  void layout_followsTheBaseConfigWindow() {
    List<Window> w = WalkForward.layout(data.close(), config(0).start(), config(0).end(), settings(1), 180);
    assertThat(w).hasSize(6);
    assertThat(w.get(0).trainStart()).isEqualTo(Instant.parse("2023-07-01T00:00:00Z"));
    assertThat(w.get(5).testEnd()).isEqualTo(Instant.parse("2024-02-26T00:00:00Z"));
  }
}
