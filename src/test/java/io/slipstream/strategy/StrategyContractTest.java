package io.slipstream.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.live.LiveTargets;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strategy contract (DESIGN.md "Strategy layer", issue 12), run for every registered strategy found by
 * {@link StrategyRegistry} (so a new strategy is covered by adding its provider line): its shipped
 * {@code config/<name>.json} parses and round-trips; unknown and duplicated keys are refused (the unknown key's value
 * never echoed); the vectorised batch path equals the bar-by-bar path bit for bit through the ledger; no look-ahead
 * (changing every bar after t leaves every decision at or before t unchanged, in both paths); the live path
 * ({@link LiveTargets} on the history up to a decision) equals the backtest path; and the shipped config backtests
 * on the real data.
 *
 * <p>Sample: the last {@code 2 x warm-up + 240} bars (at least 480) of the real data of the config's interval, over the
 * majors BTC, ETH and SOL plus the coins with the most valid closes in it (16 in all), so bar-by-bar runs of strategies that re-estimate at every decision
 * stay short.
 */
class StrategyContractTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final Map<BarInterval, MarketData> DATA = new EnumMap<>(BarInterval.class);
  private static final String SECRET = "0xfeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedface";

  static Stream<String> strategies() {
    return StrategyRegistry.names().stream();
  }

  private static synchronized MarketData data(BarInterval interval) {
    return DATA.computeIfAbsent(interval, iv -> Lake.load(DIR, iv, true));
  }

  private static Path configFile(String name) {
    return Path.of("config", name + ".json");
  }

  private static BacktestConfig config(String name) {
    return ConfigParser.parse(configFile(name));
  }

  /** The sample window: last rows, the 16 coins with the most valid closes in them. */
  private static MarketData sample(BacktestConfig cfg) {
    MarketData all = data(cfg.interval());
    int warmup = cfg.spec().requirements(cfg.params()).warmupBars();
    int rows = Math.min(all.rows(), Math.max(480, 2 * warmup + 240));
    MarketData tail = all.sliceRows(all.rows() - rows, all.rows());
    int n = tail.coins().size();
    Integer[] order = new Integer[n];
    int[] valid = new int[n];
    for (int c = 0; c < n; c++) {
      order[c] = c;
      for (double v : tail.close().column(c)) {
        valid[c] += v == v ? 1 : 0;
      }
    }
    Arrays.sort(order, (a, b) -> valid[a] != valid[b] ? Integer.compare(valid[b], valid[a])
        : tail.coins().get(a).compareTo(tail.coins().get(b)));
    // the majors always (single-coin strategies trade them, BTC features need BTC), then the most complete coins
    List<Integer> pick = new ArrayList<>();
    for (String major : List.of("BTC", "ETH", "SOL")) {
      int c = tail.coins().indexOf(major);
      if (c >= 0) {
        pick.add(c);
      }
    }
    for (int c : order) {
      if (pick.size() < 16 && !pick.contains(c)) {
        pick.add(c);
      }
    }
    int[] keep = pick.stream().mapToInt(Integer::intValue).sorted().toArray();
    return new MarketData(cols(tail.open(), keep), cols(tail.high(), keep), cols(tail.low(), keep),
        cols(tail.close(), keep), cols(tail.volume(), keep), cols(tail.funding(), keep));
  }

  private static Panel cols(Panel p, int[] keep) {
    int rows = p.rows();
    double[] out = new double[rows * keep.length];
    List<String> coins = new ArrayList<>();
    for (int k = 0; k < keep.length; k++) {
      System.arraycopy(p.column(keep[k]), 0, out, k * rows, rows);
      coins.add(p.coins().get(keep[k]));
    }
    return Panel.of(p.interval(), p.firstOpenMs(), rows, coins, out);
  }

  /** Every bar after row t changed: prices scaled by random factors in [0.7, 1.3], volume doubled, funding moved. */
  private static MarketData perturbedAfter(MarketData md, int t) {
    SplittableRandom rng = new SplittableRandom(7);
    return new MarketData(perturb(md.open(), t, rng, 0), perturb(md.high(), t, rng, 0), perturb(md.low(), t, rng, 0),
        perturb(md.close(), t, rng, 0), perturb(md.volume(), t, rng, 1), perturb(md.funding(), t, rng, 2));
  }

  private static Panel perturb(Panel p, int t, SplittableRandom rng, int kind) {
    double[] v = p.toColumnMajor();
    int rows = p.rows();
    for (int c = 0; c < p.columns(); c++) {
      for (int r = t + 1; r < rows; r++) {
        int i = c * rows + r;
        v[i] = kind == 0 ? v[i] * (0.7 + 0.6 * rng.nextDouble()) : kind == 1 ? v[i] * 2 : v[i] + 1e-4;
      }
    }
    return p.withValues(v);
  }

  private static Optional<TargetWeights>[] decisions(TargetSource src, int rows, double navUsd, int n) {
    @SuppressWarnings("unchecked")
    Optional<TargetWeights>[] out = new Optional[rows];
    double[] flat = new double[n];
    for (int r = 0; r < rows; r++) {
      out[r] = src.targetsAt(r, navUsd, flat);
    }
    return out;
  }

  private static void assertSameDecision(Optional<TargetWeights> a, Optional<TargetWeights> b, String what) {
    assertThat(a.isPresent()).as(what).isEqualTo(b.isPresent());
    if (a.isPresent()) {
      assertThat(a.get().decisionTimeMs()).as(what).isEqualTo(b.get().decisionTimeMs());
      assertThat(Arrays.equals(a.get().weights(), b.get().weights())).as(what + ": weights %s vs %s",
          Arrays.toString(a.get().weights()), Arrays.toString(b.get().weights())).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void configFile_isShippedParsesAndRoundTrips(String name) {
    assertThat(configFile(name)).as("config/%s.json", name).exists();
    BacktestConfig cfg = config(name);
    StrategySpec spec = StrategyRegistry.spec(name);
    assertThat(cfg.strategy()).isEqualTo(name);
    assertThat(spec.name()).isEqualTo(name);
    assertThat(spec.description()).isNotBlank();
    assertThat(spec.keys()).isNotEmpty();
    JsonNode json = spec.toJson(cfg.params());
    StrategyParams back = spec.parse(json, spec.topLevelKeys() ? "" : name + ".", cfg.interval());
    assertThat(back).isEqualTo(cfg.params());
    assertThat(spec.gridKeys()).isNotEmpty();
    assertThat(spec.gridKeys()).containsAll(spec.signalKeys());
    assertThat(spec.reportParameters(cfg.params())).isNotEmpty();
    Requirements req = spec.requirements(cfg.params());
    assertThat(req.interval()).isEqualTo(cfg.interval());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void config_unknownKeyInSection_refusedNamingTheKeyNotTheValue(String name) throws Exception {
    StrategySpec spec = StrategyRegistry.spec(name);
    ObjectNode root = ConfigParser.readTree(Files.readString(configFile(name)), name);
    ObjectNode section = spec.topLevelKeys() ? root : (ObjectNode) root.get(name);
    section.put("privat_key", SECRET);
    String key = spec.topLevelKeys() ? "privat_key" : name + ".privat_key";
    assertThatThrownBy(() -> ConfigParser.parse(root, name)).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("feedface"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void config_duplicatedKey_refusedNamingIt(String name) throws Exception {
    StrategySpec spec = StrategyRegistry.spec(name);
    String text = Files.readString(configFile(name));
    String first = spec.keys().keySet().iterator().next();
    ObjectNode root = ConfigParser.readTree(text, name);
    JsonNode section = spec.topLevelKeys() ? root : root.get(name);
    String dup = "\"" + first + "\": " + section.get(first) + ", ";
    String anchor = spec.topLevelKeys() ? "{" : "\"" + name + "\": {";
    int at = text.indexOf(anchor) + anchor.length();
    String doubled = text.substring(0, at) + dup + text.substring(at);
    assertThatThrownBy(() -> ConfigParser.parse(doubled, name)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void config_sectionOfAnotherStrategy_refusedNamingIt(String name) throws Exception {
    String other = StrategyRegistry.names().stream().filter(s -> !s.equals(name)
        && !StrategyRegistry.spec(s).topLevelKeys()).findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "no other sectioned strategy registered");
    ObjectNode root = ConfigParser.readTree(Files.readString(configFile(name)), name);
    root.putObject(other);
    assertThatThrownBy(() -> ConfigParser.parse(root, name)).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(other));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void batch_equalsBarByBar_throughTheLedger(String name) {
    BacktestConfig cfg = config(name);
    StrategySpec spec = cfg.spec();
    MarketData md = sample(cfg);
    CostModel costs = Backtester.costModel(md, cfg);
    TargetSource batch = spec.batch(cfg.params(), md, costs, SignalCache.none());
    TargetSource bars = BarReplay.of(spec.create(cfg.params(), md.coins()), md, costs);
    BacktestResult a = Backtester.run(md, batch, costs, true, cfg.capitalUsd(), Optional.empty(), Optional.empty());
    BacktestResult b = Backtester.run(md, bars, costs, true, cfg.capitalUsd(), Optional.empty(), Optional.empty());
    assertThat(a.nav()).as("nav").containsExactly(b.nav());
    assertThat(a.turnover()).as("turnover").containsExactly(b.turnover());
    assertThat(a.weightEntries()).isEqualTo(b.weightEntries());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void noLookAhead_changingBarsAfterT_leavesDecisionsUpToTUnchanged(String name) {
    BacktestConfig cfg = config(name);
    StrategySpec spec = cfg.spec();
    MarketData md = sample(cfg);
    CostModel costs = Backtester.costModel(md, cfg);
    int n = md.coins().size();
    Optional<TargetWeights>[] base = decisions(spec.batch(cfg.params(), md, costs, SignalCache.none()), md.rows(),
        cfg.capitalUsd(), n);
    List<Integer> decisionRows = new ArrayList<>();
    for (int r = 0; r < md.rows(); r++) {
      if (base[r].isPresent()) {
        decisionRows.add(r);
      }
    }
    assertThat(decisionRows.size()).as("decisions in the sample").isGreaterThanOrEqualTo(4);
    // t = the middle decision: decisions on both sides of the change
    int t = decisionRows.get(decisionRows.size() / 2);
    MarketData changed = perturbedAfter(md, t);
    CostModel costsChanged = Backtester.costModel(changed, cfg);
    Optional<TargetWeights>[] alt = decisions(spec.batch(cfg.params(), changed, costsChanged, SignalCache.none()),
        md.rows(), cfg.capitalUsd(), n);
    Optional<TargetWeights>[] altBars = decisions(BarReplay.of(spec.create(cfg.params(), md.coins()), changed,
        costsChanged), t + 1, cfg.capitalUsd(), n);
    int decided = 0;
    boolean differsAfter = false;
    for (int r = 0; r < md.rows(); r++) {
      if (r <= t) {
        assertSameDecision(base[r], alt[r], name + " batch, row " + r);
        assertSameDecision(base[r], altBars[r], name + " bar by bar, row " + r);
        decided += base[r].isPresent() ? 1 : 0;
      } else if (base[r].isPresent() != alt[r].isPresent() || base[r].isPresent()
          && !Arrays.equals(base[r].get().weights(), alt[r].get().weights())) {
        differsAfter = true;
      }
    }
    assertThat(decided).as("decisions at or before t in the sample").isPositive();
    assertThat(differsAfter).as("the perturbation changes later decisions (the test can fail)").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void livePath_equalsBacktestPath_atTheLastDecision(String name) {
    BacktestConfig cfg = config(name);
    StrategySpec spec = cfg.spec();
    MarketData md = sample(cfg);
    int n = md.coins().size();
    Optional<TargetWeights>[] backtest = decisions(spec.batch(cfg.params(), md, Backtester.costModel(md, cfg),
        SignalCache.none()), md.rows(), cfg.capitalUsd(), n);
    List<Integer> rows = new ArrayList<>();
    for (int r = md.rows() - 1; r >= 0 && rows.isEmpty(); r--) {
      if (backtest[r].isPresent()) {
        rows.add(r);
      }
    }
    assertThat(rows).as("decisions in the sample").isNotEmpty();
    LiveTargets.Factory factory = new LiveTargets.Factory() {
      @Override
      public Strategy apply(List<String> coins) {
        return spec.create(cfg.params(), coins);
      }

      @Override
      public CostModel costModel(MarketData data) {
        return Backtester.costModel(data, cfg);
      }

      @Override
      public double navUsd() {
        return cfg.capitalUsd();
      }
    };
    for (int r : rows) {
      LiveTargets.Result live = LiveTargets.compute(factory, md.sliceRows(0, r + 1));
      assertSameDecision(live.weights(), backtest[r], name + " live vs backtest at row " + r);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void shippedConfig_backtestsOnTheRealData(String name) {
    BacktestConfig cfg = config(name);
    MarketData all = data(cfg.interval());
    // the last year booked (signals warm up on all earlier history), as `backtest --start` would
    Instant start = all.close().closeTime(all.rows() - 1).minusSeconds(365L * 86_400);
    BacktestConfig window = cfg.withWindow(Optional.of(cfg.start().filter(s -> s.isAfter(start)).orElse(start)),
        cfg.end());
    BacktestResult r = Backtester.run(all, window);
    assertThat(r.size()).isPositive();
    int rebalances = 0;
    for (boolean b : r.rebalanced()) {
      rebalances += b ? 1 : 0;
    }
    assertThat(rebalances).as("rebalances").isPositive();
    assertThat(r.weightEntries()).as("positions held").isPositive();
    for (double v : r.nav()) {
      assertThat(Double.isFinite(v)).as("nav finite").isTrue();
    }
  }
}
