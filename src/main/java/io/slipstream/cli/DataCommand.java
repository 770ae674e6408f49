package io.slipstream.cli;

import io.slipstream.core.BarInterval;
import io.slipstream.data.DataValidator;
import io.slipstream.data.ValidationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipstream data ...}: data lake utilities. */
@Command(name = "data", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream data check --data ../shared/data/hyperliquid --interval 4h", description = "Data lake utilities.",
    subcommands = {DataCommand.Check.class})
final class DataCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (check)");
  }

  /** {@code slipstream data check}: the validation report of the lake. */
  @Command(name = "check", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream data check --data ../shared/data/hyperliquid --interval 4h",
      description = "Validate candles and funding: zero-volume back-fill, OHLC inconsistencies, gaps, duplicated or "
          + "unsorted timestamps, late listing and delisting, funding timestamp offsets.")
  static final class Check implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_HELP)
    Path data;

    @Option(names = "--interval", defaultValue = "4h", description = "candle interval to check (default: 4h)")
    String interval;

    @Override
    public Integer call() {
      BarInterval bi;
      try {
        bi = BarInterval.of(interval);
      } catch (IllegalArgumentException e) {
        throw new Main.UsageException("--interval: " + e.getMessage());
      }
      DataFiles.requireCandles(data, bi, "--interval");
      ValidationReport report = DataValidator.check(data, bi);
      System.out.print(report.format());
      System.out.flush();
      return 0;
    }
  }
}
