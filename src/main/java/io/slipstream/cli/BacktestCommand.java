package io.slipstream.cli;

import io.slipstream.analytics.Metrics;
import io.slipstream.analytics.RunAnalysis;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipstream backtest}: runs a strategy config over the lake and writes the run folder. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Backtest a strategy config on the Parquet lake. Writes returns.csv, metrics.json, "
        + "weights.parquet, equity.png and report.html to --out (all or nothing).")
final class BacktestCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "strategy config JSON (e.g. config/gradient.json)")
  Path config;

  @Option(names = "--data", defaultValue = "data", description = "lake folder (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--start", description = "override config start (ISO-8601, e.g. 2024-01-01T00:00:00Z)")
  String start;

  @Option(names = "--end", description = "override config end (ISO-8601)")
  String end;

  @Option(names = "--out", description = "output folder (default: reports/<config name>)")
  Path out;

  @Option(names = "--benchmark", paramLabel = "COIN|FILE|none", description = "benchmark of the tear sheet: a coin"
      + " of the data bought and held on the same bars (default: BTC), a CSV file of time,return rows at the run's"
      + " bar close times, or none")
  String benchmark;

  @Override
  public Integer call() {
    PrintStream stdout = System.out;
    BacktestConfig cfg = ConfigParser.parse(config);
    Optional<Instant> s = start == null ? cfg.start() : Optional.of(ConfigParser.parseInstant("--start", start));
    Optional<Instant> e = end == null ? cfg.end() : Optional.of(ConfigParser.parseInstant("--end", end));
    if (s.isPresent() && e.isPresent() && !s.get().isBefore(e.get())) {
      throw new ConfigException(start != null ? "--start" : "start", "start " + s.get() + " must be before end "
          + e.get());
    }
    cfg = cfg.withWindow(s, e);
    BarInterval interval = cfg.interval();
    DataFiles.requireCandles(data, interval, "interval");
    Path outDir = out != null ? out : Path.of("reports", RunOutputs.baseName(config));
    long t0 = System.nanoTime();
    try (Progress pb = new Progress("backtest", 4);
        OutputDir dir = new OutputDir(outDir)) {
      pb.setExtraMessage("loading " + interval.label() + " candles and funding");
      MarketData md = Lake.load(data, interval, cfg.needsFunding());
      pb.step();
      pb.setExtraMessage("signals, book and ledger");
      BacktestResult r = Backtester.run(md, cfg);
      RunAnalysis analysis = RunOutputs.analyse(benchmark, md, cfg.funding(), r);
      Metrics m = analysis.metrics();
      pb.step();
      RunOutputs.write(dir, "Backtest: " + config.getFileName(), RunOutputs.parameters(cfg), r, analysis,
          pb);
      dir.commit();
      pb.setExtraMessage("done");
      pb.close();
      stdout.print(summary(cfg, m, dir.target(), (System.nanoTime() - t0) / 1e9, md));
      stdout.flush();
    }
    return 0;
  }

  private static String summary(BacktestConfig cfg, Metrics m, Path outDir, double seconds, MarketData md) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s backtest, %s bars, %d coins, %s .. %s (%d bars)%n",
        cfg.strategy(), m.interval(), md.coins().size(), m.start(), m.end(), m.bars()));
    sb.append(RunOutputs.metricsLines(m));
    sb.append(String.format(Locale.ROOT, "wrote %s (%.1f s)%n", outDir, seconds));
    return sb.toString();
  }
}
