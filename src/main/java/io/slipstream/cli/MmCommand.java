package io.slipstream.cli;

import io.slipstream.live.hl.Meta;
import io.slipstream.live.mm.BrawlerConfig;
import io.slipstream.live.mm.MarketTape;
import io.slipstream.live.mm.MmLake;
import io.slipstream.live.mm.sim.ReplaySimulator;
import io.slipstream.live.mm.sim.SimReport;
import io.slipstream.live.mm.sim.SimResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipstream mm}: Brawler, the CEX-anchored passive market maker (issue 18). Subcommand {@code backtest}
 * replays recorded events through the quoting engine ({@link ReplaySimulator}).
 */
@Command(name = "mm", mixinStandardHelpOptions = true,
    description = "Brawler market making: replay backtest of the quoting engine on recorded data.",
    subcommands = {MmCommand.Backtest.class},
    footerHeading = "%nExample:%n",
    footer = "  slipstream mm backtest --config config/brawler.json --data recorded/ --out reports/mm-backtest")
final class MmCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (backtest)");
  }

  /** {@code slipstream mm backtest --config FILE --data DIR [--out DIR]}. */
  @Command(name = "backtest", mixinStandardHelpOptions = true,
      description = "Replay recorded BBO/trades (the mm record layout) through the quoting engine; writes "
          + "summary.json, pnl.csv, fills.csv, inventory.csv, suspended.csv and report.md.",
      footerHeading = "%nExample:%n",
      footer = "  slipstream mm backtest --config config/brawler.json --data recorded/ --out reports/mm-backtest")
  static final class Backtest implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "Brawler config, e.g. config/brawler.json")
    Path config;

    @Option(names = "--data", required = true, description = "recorded data folder (meta.json, bbo_cex/, bbo_hl/, "
        + "trades_hl/, optional funding.parquet)")
    Path data;

    @Option(names = "--out", description = "output folder (default reports/mm-backtest)",
        defaultValue = "reports/mm-backtest")
    Path out;

    @picocli.CommandLine.Mixin
    OutputDir.ForceOption force;

    @Override
    public Integer call() {
      BrawlerConfig cfg = BrawlerConfig.read(config);
      Meta meta = MmLake.readMeta(data);
      spec.commandLine().getErr().println("reading " + data + " ...");
      MarketTape tape = MmLake.read(data);
      cfg.validate(meta, firstHlMids(tape));
      long t0 = System.nanoTime();
      SimResult r = ReplaySimulator.run(cfg, meta, tape);
      double secs = (System.nanoTime() - t0) / 1e9;
      try (OutputDir dir = OutputDir.open(out, "mm backtest", force.force, data, config)) {
        SimReport.write(dir.file(""), r);
        dir.commit();
      }
      var pw = spec.commandLine().getOut();
      pw.printf(java.util.Locale.ROOT, "replayed %d events in %.2f s: %d fills, total P&L %.4f USD "
          + "(spread %.4f, inventory %.4f, fees %.4f, funding %.4f) -> %s%n", r.events(), secs, r.fills().size(),
          r.total().total(), r.total().spreadCapture(), r.total().inventoryPnl(), r.total().fees(),
          r.total().funding(), out.toAbsolutePath().normalize());
      pw.flush();
      return 0;
    }
  }

  /** The first HL mid of each coin of the tape: the reference for the config's exchange checks. */
  static Map<String, Double> firstHlMids(MarketTape tape) {
    Map<String, Double> m = new HashMap<>();
    MarketTape.BboStream hl = tape.hl();
    for (int i = 0; i < hl.size(); i++) {
      m.putIfAbsent(tape.coins().get(hl.coin()[i]), 0.5 * (hl.bidPx()[i] + hl.askPx()[i]));
    }
    return m;
  }
}
