package io.slipstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.backtest.study.Distribution;
import io.slipstream.backtest.study.RandomPeriodResult;
import io.slipstream.backtest.study.RandomPeriodStudy;
import io.slipstream.backtest.study.RandomWindow;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipstream study}: studies of one config across sub-periods; {@code study random} for now. */
@Command(name = "study", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = {"  slipstream study random --config config/gradient.json --n 100 --window 10d --seed 1 \\", "      --data ../shared/data/hyperliquid"},
    description = "Studies of one config across sub-periods.", subcommands = {StudyCommand.Random.class})
final class StudyCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (random)");
  }

  /**
   * {@code slipstream study random}: the random-period study ({@link RandomPeriodStudy}); prints the mean and
   * standard deviation of the window return and annualised Sharpe next to the full period's figures, and with
   * {@code --out} writes {@code windows.csv} and {@code summary.json} (all or nothing).
   */
  @Command(name = "random", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = {"  slipstream study random --config config/gradient.json --n 100 --window 10d --seed 1 \\", "      --data ../shared/data/hyperliquid"},
      description = "N random windows of --window days (seeded), each an independent backtest that starts flat; prints the "
          + "distribution of return, Sharpe and drawdown next to the full period. With --out writes windows.csv and "
          + "summary.json.")
  static final class Random implements Callable<Integer> {
    @Option(names = "--config", required = true,
        description = "strategy config JSON; its start..end is the full period")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_HELP)
    Path data;

    @Option(names = "--n", defaultValue = "100", description = "number of windows (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--window", paramLabel = "LENGTH", defaultValue = "10d", converter = OptionSyntax.Days.class,
        description = "window length, whole days like 10d (default: ${DEFAULT-VALUE})")
    int days;

    /** The old spelling {@code --days 10}, still accepted. */
    @Option(names = "--days", hidden = true, converter = OptionSyntax.Days.class)
    Integer oldDays;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the window draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "output folder for windows.csv and summary.json (default: none)")
    Path out;

    @Mixin
    OutputDir.ForceOption force;

    @Override
    public Integer call() {
      PrintStream stdout = System.out;
      long t0 = System.nanoTime();
      if (n < 1) {
        throw new Main.UsageException("--n must be >= 1, was " + n);
      }
      if (oldDays != null) {
        days = oldDays;
      }
      if (days < 1) {
        throw new Main.UsageException("--window must be >= 1d, was " + days + "d");
      }
      BacktestConfig cfg = ConfigParser.parse(config);
      DataFiles.requireCandles(data, cfg.interval(), "interval");
      RandomPeriodResult r;
      if (out != null) {
        OutputDir.check(out, "study random", force.force, data, config);
      }
      try (Progress pb = new Progress("study random", 3)) {
        pb.setExtraMessage("loading " + cfg.interval().label() + " candles and funding");
        MarketData md = Lake.load(data, cfg.interval(), cfg.needsFunding());
        pb.step();
        pb.setExtraMessage(n + " windows of " + days + " days");
        try {
          r = RandomPeriodStudy.run(md, cfg, n, days, seed);
        } catch (ConfigException e) {
          if (e.key().equals("days") || e.key().equals("n")) {
            String prefix = "config key '" + e.key() + "': ";
            throw new Main.UsageException((e.key().equals("days") ? "--window" : "--" + e.key()) + ": "
                + e.getMessage().replace(prefix, ""));
          }
          throw e;
        }
        pb.step();
        if (out != null) {
          pb.setExtraMessage("writing windows.csv and summary.json");
          try (OutputDir dir = OutputDir.open(out, "study random", force.force, data, config)) {
            writeWindowsCsv(dir.file("windows.csv"), r);
            writeSummaryJson(dir.file("summary.json"), r, config.toString());
            dir.commit();
          }
        }
        pb.step();
      }
      stdout.print(text(r));
      if (out != null) {
        stdout.printf(Locale.ROOT, "wrote %s (%.1f s)%n", out.toAbsolutePath().normalize(),
            (System.nanoTime() - t0) / 1e9);
      } else {
        stdout.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
      }
      stdout.flush();
      return 0;
    }
  }

  static String text(RandomPeriodResult r) {
    StringBuilder sb = new StringBuilder();
    Distribution ret = r.totalReturn();
    Distribution sh = r.sharpe();
    sb.append(String.format(Locale.ROOT, "%d random %d-day windows: return mean %+.2f%% +- %.2f%% (std), "
        + "annualised Sharpe mean %.2f +- %.2f; full period %s .. %s: return %+.2f%%, Sharpe %.2f%n",
        r.windows().size(), r.days(), 100 * ret.mean(), 100 * ret.std(), sh.mean(), sh.std(), day(r.fullStart()),
        day(r.fullEnd()), 100 * r.full().totalReturn(), r.full().sharpe()));
    sb.append(String.format(Locale.ROOT, "  window return   median %+.2f%%, 5%% %+.2f%%, 95%% %+.2f%%, positive in "
        + "%.0f%% of windows; full period per %d days (geometric) %+.2f%%%n", 100 * ret.median(), 100 * ret.q05(),
        100 * ret.q95(), 100 * ret.sharePositive(), r.days(), 100 * r.fullReturnPerWindow()));
    sb.append(String.format(Locale.ROOT, "  window Sharpe   median %.2f, 5%% %.2f, 95%% %.2f (%d of %d windows "
        + "defined)%n", sh.median(), sh.q05(), sh.q95(), sh.count(), r.windows().size()));
    sb.append(String.format(Locale.ROOT, "  max drawdown    mean %.2f%%, median %.2f%%, 95%% %.2f%%; full period "
        + "%.2f%%%n", 100 * r.maxDrawdown().mean(), 100 * r.maxDrawdown().median(), 100 * r.maxDrawdown().q95(),
        100 * r.full().maxDrawdown()));
    sb.append(String.format(Locale.ROOT, "  turnover        mean %.2f x NAV per window (entry trade included); full "
        + "period %.2f x NAV per %d days%n", r.turnover().mean(),
        r.fullTurnover() * r.windowBars() / r.full().bars(), r.days()));
    sb.append(String.format(Locale.ROOT, "  seed %d; windows start flat and are drawn uniformly over start bars, with "
        + "replacement%n", r.seed()));
    return sb.toString();
  }

  private static String day(Instant t) {
    return t.toString().substring(0, 10);
  }

  static void writeWindowsCsv(Path file, RandomPeriodResult r) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder("window,start,end");
      for (String name : PeriodStats.NAMES) {
        sb.append(',').append(name);
      }
      sb.append(",turnover\n");
      w.write(sb.toString());
      for (RandomWindow x : r.windows()) {
        sb.setLength(0);
        sb.append(x.index()).append(',').append(x.start()).append(',').append(x.end());
        WalkForwardCommand.appendStats(sb, x.stats());
        sb.append(',').append(x.turnover()).append('\n');
        w.write(sb.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void writeSummaryJson(Path file, RandomPeriodResult r, String configName) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("config", configName);
    m.put("windows", r.windows().size());
    m.put("days", r.days());
    m.put("window_bars", r.windowBars());
    m.put("seed", r.seed());
    m.put("draws", "java.util.SplittableRandom(seed).nextInt(m - L + 1) per window, uniform over start bars, with "
        + "replacement; each window starts flat");
    m.put("total_return", dist(r.totalReturn()));
    m.put("sharpe", dist(r.sharpe()));
    m.put("max_drawdown", dist(r.maxDrawdown()));
    m.put("turnover", dist(r.turnover()));
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("start", r.fullStart().toString());
    f.put("end", r.fullEnd().toString());
    double[] v = r.full().values();
    for (int i = 0; i < v.length; i++) {
      f.put(PeriodStats.NAMES[i], num(v[i]));
    }
    f.put("turnover", num(r.fullTurnover()));
    f.put("return_per_window_geometric", num(r.fullReturnPerWindow()));
    m.put("full_period", f);
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> dist(Distribution d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", d.count());
    m.put("mean", num(d.mean()));
    m.put("std", num(d.std()));
    m.put("median", num(d.median()));
    m.put("q05", num(d.q05()));
    m.put("q95", num(d.q95()));
    m.put("share_positive", num(d.sharePositive()));
    return m;
  }

  private static Double num(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
