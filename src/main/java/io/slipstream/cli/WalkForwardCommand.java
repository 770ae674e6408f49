package io.slipstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.analytics.Metrics;
import io.slipstream.analytics.RunAnalysis;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.search.GridSpec;
import io.slipstream.backtest.search.Objective;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.backtest.walkforward.WalkForward;
import io.slipstream.backtest.walkforward.WalkForwardConfig;
import io.slipstream.backtest.walkforward.WalkForwardResult;
import io.slipstream.backtest.walkforward.Window;
import io.slipstream.backtest.walkforward.WindowResult;
import io.slipstream.core.ConfigException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipstream walk-forward}: walk-forward optimisation of a grid over a base config ({@link WalkForward}).
 * Writes the stitched out-of-sample ledger's run files (as {@code backtest} does) plus {@code windows.csv}, all or
 * nothing, and prints the stitched metrics and the configuration chosen in each window.
 */
@Command(name = "walk-forward", mixinStandardHelpOptions = true,
    description = "Walk-forward optimisation: on each train window pick the grid configuration with the best "
        + "objective, trade it in the following test window, and stitch the test windows into one out-of-sample "
        + "ledger. Writes returns.csv, metrics.json, weights.parquet, equity.png, report.html (the stitched ledger) "
        + "and windows.csv (dates, chosen parameters, in- and out-of-sample stats per window) to --out.")
final class WalkForwardCommand implements Callable<Integer> {
  @Mixin
  GridInputs inputs;

  @Option(names = "--out", description = "output folder (default: reports/<config name>_walk_forward)")
  Path out;

  @Option(names = "--train", defaultValue = "90d", description = "train window, whole days (default: ${DEFAULT-VALUE})")
  String train;

  @Option(names = "--test", defaultValue = "30d", description = "test window, whole days (default: ${DEFAULT-VALUE})")
  String test;

  @Option(names = "--step", description = "distance between test window starts, whole days >= --test "
      + "(default: the test length)")
  String step;

  @Option(names = "--anchored", description = "anchored (expanding) train windows that all start at the window "
      + "start, instead of rolling ones")
  boolean anchored;

  @Option(names = "--purge-bars", defaultValue = "0",
      description = "bars left out at the end of each train window, before its test window (default: ${DEFAULT-VALUE})")
  int purgeBars;

  @Option(names = "--embargo-bars", defaultValue = "0", description = "bars at the start of each test window that are "
      + "traded but not counted in its out-of-sample stats (default: ${DEFAULT-VALUE})")
  int embargoBars;

  @Option(names = "--objective", defaultValue = "sharpe",
      description = "train-window objective: sharpe | sortino | cagr | total_return | calmar "
          + "(default: ${DEFAULT-VALUE})")
  String objective;

  @Option(names = "--benchmark", paramLabel = "COIN|FILE|none", description = "benchmark of the tear sheet: a coin"
      + " of the data bought and held on the same bars (default: BTC), a CSV file of time,return rows, or none")
  String benchmark;

  @Option(names = "--threads", description = "worker threads for the train runs (default: all cores)")
  Integer threads;

  private static final Map<String, String> OPTIONS = Map.of("train", "--train", "test", "--test", "step", "--step",
      "purge_bars", "--purge-bars", "embargo_bars", "--embargo-bars", "threads", "--threads", "objective",
      "--objective");

  @Override
  public Integer call() {
    PrintStream stdout = System.out;
    long t0 = System.nanoTime();
    WalkForwardConfig settings = settings();
    String configText = inputs.configText();
    String gridText = inputs.gridText();
    String source = inputs.config.toString();
    GridInputs.Parsed parsed = inputs.parse(configText, gridText);
    ObjectNode base = parsed.base();
    BacktestConfig baseConfig = parsed.baseConfig();
    GridSpec spec = parsed.spec();
    int warmup = 0;
    for (long id = 0; id < spec.size(); id++) {
      warmup = Math.max(warmup, WalkForward.warmupBars(spec.config(base, id, source)));
    }
    try {
      WalkForward.checkTrainWindow(settings, baseConfig.interval(), warmup);
    } catch (ConfigException e) {
      throw asUsage(e);
    }
    DataFiles.requireCandles(inputs.data, baseConfig.interval(), "interval");
    Path outDir = out != null ? out : Path.of("reports", RunOutputs.baseName(inputs.config) + "_walk_forward");

    WalkForwardResult r;
    Metrics m;
    try (Progress pb = new Progress("walk-forward", 4)) {
      pb.setExtraMessage("loading " + baseConfig.interval().label() + " candles and funding");
      MarketData md = Lake.load(inputs.data, baseConfig.interval(), baseConfig.needsFunding());
      pb.step();
      pb.setExtraMessage("train runs (" + spec.size() + " configurations per window)");
      WalkForward.Listener listener = new WalkForward.Listener() {
        private long next;

        @Override
        public synchronized void trainRunDone(long done, long total) {
          if (done >= next && done < total) {
            pb.setExtraMessage("train runs " + done + "/" + total);
            next = done + Math.max(1, total / 10);
          }
        }
      };
      try {
        r = WalkForward.run(md, configText, gridText, source, settings, listener);
      } catch (ConfigException e) {
        throw asUsage(e);
      }
      RunAnalysis analysis = RunOutputs.analyse(benchmark, md, baseConfig.funding(), r.stitched());
      m = analysis.metrics();
      pb.step();
      try (OutputDir dir = new OutputDir(outDir)) {
        WalkForwardResult res = r;
        RunOutputs.write(dir, "Walk-forward: " + inputs.config.getFileName() + " over " + inputs.grid.getFileName(),
            parameters(r), r.stitched(), analysis, pb, page -> WalkForwardReport.append(page, res));
        writeWindowsCsv(dir.file("windows.csv"), r);
        dir.commit();
      }
      pb.setExtraMessage("done");
    }
    stdout.print(summary(r, m, outDir.toAbsolutePath().normalize(), (System.nanoTime() - t0) / 1e9));
    stdout.flush();
    return 0;
  }

  private WalkForwardConfig settings() {
    Objective obj;
    try {
      obj = Objective.of(objective);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("--objective: " + e.getMessage());
    }
    try {
      Duration tr = WalkForwardConfig.parseDays("train", train);
      Duration te = WalkForwardConfig.parseDays("test", test);
      Duration st = step == null ? te : WalkForwardConfig.parseDays("step", step);
      int th = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      return new WalkForwardConfig(tr, te, st, anchored, purgeBars, embargoBars, obj, th);
    } catch (ConfigException e) {
      throw asUsage(e);
    }
  }

  /** A walk-forward setting's error named by its option (exit 2); other config errors pass through. */
  private static RuntimeException asUsage(ConfigException e) {
    String option = OPTIONS.get(e.key());
    if (option == null) {
      return e;
    }
    String prefix = "config key '" + e.key() + "': ";
    String msg = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    return new Main.UsageException(option + ": " + msg);
  }

  private static Map<String, String> parameters(WalkForwardResult r) {
    Map<String, String> p = new LinkedHashMap<>();
    WalkForwardConfig s = r.settings();
    p.put("walk-forward", String.format(Locale.ROOT, "%s, train %dd, test %dd, step %dd, purge %d bars, embargo %d "
        + "bars, objective %s", s.anchored() ? "anchored" : "rolling", s.train().toDays(), s.test().toDays(),
        s.step().toDays(), s.purgeBars(), s.embargoBars(), s.objective().key()));
    p.put("grid", r.configurations() + " configurations over " + String.join(", ", r.gridKeys())
        + " (chosen per window: see the table of chosen parameters)");
    // the base config's values of the searched keys were never traded: show them as chosen per window
    for (Map.Entry<String, String> e : RunOutputs.parameters(r.baseConfig()).entrySet()) {
      boolean searched = r.gridKeys().stream().anyMatch(k -> e.getKey().equals(k)
          || e.getKey().contains(k.substring(k.lastIndexOf('.') + 1).replace("_fee_bps", "")));
      p.put(e.getKey(), searched ? "chosen per window" : e.getValue());
    }
    return p;
  }

  /** {@code windows.csv}: one row per window; doubles in full precision, NaN written as {@code NaN}. */
  static void writeWindowsCsv(Path file, WalkForwardResult r) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder("window,train_start,train_end,test_start,test_end,train_bars,test_bars,"
          + "embargo_bars,config_id,params");
      for (String n : PeriodStats.NAMES) {
        sb.append(",is_").append(n);
      }
      for (String n : PeriodStats.NAMES) {
        sb.append(",oos_").append(n);
      }
      sb.append(",failed_configurations,is_days,oos_days\n");
      w.write(sb.toString());
      for (WindowResult x : r.windows()) {
        Window win = x.window();
        sb.setLength(0);
        sb.append(win.index()).append(',').append(win.trainStart()).append(',').append(win.trainEnd()).append(',')
            .append(win.testStart()).append(',').append(win.testEnd()).append(',').append(win.trainBars())
            .append(',').append(win.testBars()).append(',').append(win.scoredFromRow() - win.testFromRow())
            .append(',').append(x.configId()).append(",\"").append(x.paramsJson().replace("\"", "\"\""))
            .append('"');
        double isDays = days(win.trainStart(), win.trainEnd());
        double oosDays = days(win.testStart(), win.testEnd());
        appendStats(sb, x.inSample(), isDays);
        appendStats(sb, x.outOfSample(), oosDays);
        sb.append(',').append(x.failedConfigurations()).append(',').append(isDays).append(',').append(oosDays)
            .append('\n');
        w.write(sb.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends {@code ,bars,total_return,...} ({@link PeriodStats#NAMES}): bars as an integer, doubles in full. */
  static void appendStats(StringBuilder sb, PeriodStats s) {
    appendStats(sb, s, Double.POSITIVE_INFINITY);
  }

  /**
   * Appends {@code ,bars,total_return,...} ({@link PeriodStats#NAMES}): bars as an integer, doubles in full. For a
   * period shorter than {@link WalkForwardReport#MIN_ANNUALISED_DAYS} days the annualised columns
   * ({@link WalkForwardReport#ANNUALISED}) are left empty: a 30-day CAGR extrapolated to a year is not a figure.
   */
  static void appendStats(StringBuilder sb, PeriodStats s, double days) {
    double[] v = s.values();
    sb.append(',').append(s.bars());
    for (int i = 1; i < v.length; i++) {
      sb.append(',');
      if (days >= WalkForwardReport.MIN_ANNUALISED_DAYS || !WalkForwardReport.ANNUALISED.contains(PeriodStats.NAMES[i])) {
        sb.append(v[i]);
      }
    }
  }

  /** @return days between two instants */
  static double days(Instant from, Instant to) {
    return (to.toEpochMilli() - from.toEpochMilli()) / 86_400_000.0;
  }

  private static String day(Instant t) {
    return t.toString().substring(0, 10);
  }

  private static String summary(WalkForwardResult r, Metrics m, Path outDir, double seconds) {
    WalkForwardConfig s = r.settings();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "walk-forward: %s %s, %d configurations x %d windows (%s, train %dd, test "
        + "%dd, step %dd, purge %d, embargo %d bars), objective %s%n", r.baseConfig().strategy(),
        r.baseConfig().interval().label(), r.configurations(), r.windows().size(),
        s.anchored() ? "anchored" : "rolling", s.train().toDays(), s.test().toDays(), s.step().toDays(),
        s.purgeBars(), s.embargoBars(), s.objective().key()));
    sb.append(String.format(Locale.ROOT, "stitched out-of-sample ledger %s .. %s (%d bars)%n", m.start(), m.end(),
        m.bars()));
    sb.append(RunOutputs.metricsLines(m));
    sb.append(String.format(Locale.ROOT, "  %-3s %-24s %6s %9s %10s %10s  %s%n", "win", "test window", "config",
        "IS Sharpe", "OOS Sharpe", "OOS return", "parameters"));
    double isSum = 0;
    int isN = 0;
    int failed = 0;
    for (WindowResult w : r.windows()) {
      sb.append(String.format(Locale.ROOT, "  %-3d %s .. %s %6d %9.2f %10.2f %9.2f%%  %s%n", w.window().index(),
          day(w.window().testStart()), day(w.window().testEnd()), w.configId(), w.inSample().sharpe(),
          w.outOfSample().sharpe(), 100 * w.outOfSample().totalReturn(), w.paramsJson()));
      if (Double.isFinite(w.inSample().sharpe())) {
        isSum += w.inSample().sharpe();
        isN++;
      }
      failed += w.failedConfigurations();
    }
    sb.append(String.format(Locale.ROOT, "  mean in-sample Sharpe of the chosen configurations %.2f; stitched "
        + "out-of-sample Sharpe %.2f%n", isN > 0 ? isSum / isN : Double.NaN, r.stitchedStats().sharpe()));
    if (failed > 0) {
      sb.append("  warning: ").append(failed).append(" train runs failed; see failed_configurations in windows.csv")
          .append(System.lineSeparator());
    }
    sb.append(String.format(Locale.ROOT, "wrote %s (%.1f s)%n", outDir, seconds));
    return sb.toString();
  }
}
