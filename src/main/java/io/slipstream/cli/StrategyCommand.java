package io.slipstream.cli;

import io.slipstream.strategy.StrategyRegistry;
import io.slipstream.strategy.StrategyScaffold;
import io.slipstream.strategy.StrategySpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipstream strategy list|new}: the registered strategies, and a new strategy package from a template. */
@Command(name = "strategy", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream strategy new my_trend",
    description = "The registered strategies (list) and a new strategy package (new NAME).",
    subcommands = {StrategyCommand.ListStrategies.class, StrategyCommand.NewStrategy.class})
final class StrategyCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or new");
  }

  /** {@code strategy list}: one line per registered strategy, name first. */
  @Command(name = "list", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream strategy list",
      description = "One line per registered strategy: its name, a one-line description and its config keys."
          + "%nExample: slipstream strategy list")
  static final class ListStrategies implements Callable<Integer> {
    @Override
    public Integer call() {
      PrintStream out = System.out;
      for (StrategySpec s : StrategyRegistry.all()) {
        String where = s.topLevelKeys() ? "top-level keys" : "section \"" + s.name() + "\"";
        out.println(s.name() + "  " + s.description() + "  [" + where + ": "
            + String.join(", ", s.keys().keySet()) + "]");
      }
      out.flush();
      return 0;
    }
  }

  /** {@code strategy new NAME}: writes a compiling strategy package, its provider line, config and test. */
  @Command(name = "new", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream strategy new my_trend",
      description = "Write a new strategy package from a working template (spec, strategy, package Javadoc stubs for "
          + "thesis, data needs and risks, provider line, config/NAME.json, a test). Nothing is overwritten: an "
          + "existing file or a registered name is refused. Rebuild (bin/slipstream does) and it backtests as is."
          + "%nExample: slipstream strategy new my_trend && bin/slipstream backtest --config config/my_trend.json "
          + "--data ../shared/data/hyperliquid")
  static final class NewStrategy implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "snake_case strategy name, e.g. my_trend")
    String name;

    @Option(names = "--root", defaultValue = ".", description = "project root (default: the current folder)")
    Path root;

    @Override
    public Integer call() {
      Map<String, String> files = StrategyScaffold.files(name);
      if (StrategyRegistry.isRegistered(name)) {
        throw new Main.UsageException("strategy \"" + name + "\" is already registered");
      }
      Path services = root.resolve(StrategyScaffold.SERVICES);
      if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isRegularFile(services)) {
        throw new Main.UsageException("--root " + root + " is not the Slipstream project (no pom.xml or "
            + StrategyScaffold.SERVICES + ")");
      }
      String line = StrategyScaffold.providerLine(name);
      String registered;
      try {
        registered = Files.readString(services, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + services + ": " + e.getMessage(), e);
      }
      if (registered.lines().map(String::trim).anyMatch(line::equals)) {
        throw new Main.UsageException(services + " already lists " + line);
      }
      for (String rel : files.keySet()) {
        if (Files.exists(root.resolve(rel))) {
          throw new Main.UsageException(root.resolve(rel) + " exists: nothing was written");
        }
      }
      List<Path> written = new ArrayList<>();
      try {
        for (Map.Entry<String, String> f : files.entrySet()) {
          Path target = root.resolve(f.getKey());
          Files.createDirectories(target.getParent());
          writeAtomically(target, f.getValue());
          written.add(target);
        }
        String sep = registered.isEmpty() || registered.endsWith("\n") ? "" : "\n";
        writeAtomically(services, registered + sep + line + "\n");
      } catch (IOException | RuntimeException e) {
        for (Path p : written) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e instanceof IOException io ? new UncheckedIOException("cannot write the strategy files under " + root
            + ": " + io.getMessage(), io) : (RuntimeException) e;
      }
      PrintStream out = System.out;
      out.println("strategy " + name + ": wrote " + files.size() + " files and registered " + line + " in "
          + StrategyScaffold.SERVICES + ":");
      files.keySet().forEach(f -> out.println("  " + f));
      out.println("next: edit the TODOs in the package Javadoc, then bin/slipstream backtest --config config/" + name
          + ".json --data ../shared/data/hyperliquid");
      out.flush();
      return 0;
    }

    private static void writeAtomically(Path target, String text) throws IOException {
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
