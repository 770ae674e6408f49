package io.slipstream.cli;

import io.slipstream.data.FreqtradeImporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream import ...}: bring other tools' data into the lake layout. */
@Command(name = "import", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream import freqtrade user_data/data/hyperliquid --out data", description = "Import data into the lake layout.",
    subcommands = {ImportCommand.Freqtrade.class})
final class ImportCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (freqtrade)");
  }

  /** {@code slipstream import freqtrade DIR --out DATA_DIR}. */
  @Command(name = "freqtrade", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream import freqtrade user_data/data/hyperliquid --out data",
      description = "Import freqtrade Arrow/Feather files (*-<interval>-futures.feather, *-funding_rate.feather) "
          + "into candles_<interval>.parquet and funding.parquet; merges with existing files, atomically.")
  static final class Freqtrade implements Callable<Integer> {
    @Parameters(index = "0", description = "folder with freqtrade .feather files")
    Path dir;

    @Option(names = "--out", required = true, description = "lake folder to write (new, empty or a lake; "
        + "--force for a folder of other files; nothing there is ever deleted)")
    Path out;

    @CommandLine.Mixin
    OutputDir.ForceOption force;

    @Override
    public Integer call() {
      OutputDir.checkLake(out, "--out", force.force);
      FreqtradeImporter.ImportResult r = FreqtradeImporter.importDir(dir, out);
      for (FreqtradeImporter.ImportedFile f : r.imported()) {
        System.out.println("imported " + f.source().getFileName() + ": " + f.rows() + " rows of " + f.coin());
      }
      for (Path p : r.filesWritten()) {
        System.out.println("wrote " + p);
      }
      return 0;
    }
  }
}
