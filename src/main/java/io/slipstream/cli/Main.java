package io.slipstream.cli;

import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code slipstream} command line (DESIGN.md CLI contract): exit 0 on success, 2 on bad usage or an invalid
 * config (one line naming the key and value), 1 on a run-time error (one line with the cause). The only code
 * that prints or calls {@link System#exit}.
 */
@Command(name = "slipstream", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Research-first backtesting and analytics for crypto perpetual futures.")
public final class Main implements Runnable {
  /** What {@code --version} prints. */
  static final String VERSION = "slipstream 0.1.0";
  /**
   * The commands, in the order the help lists them. Only the one named first on the command line is built (picocli
   * reflects over every option of each command it builds); {@code --help}, an unknown or no command build all.
   */
  private static final List<Class<?>> COMMANDS = List.of(BacktestCommand.class, DataCommand.class,
      ImportCommand.class, PcaCommand.class, ResearchCommand.class, GridCommand.class, WalkForwardCommand.class,
      StudyCommand.class, HlCommand.class, IngestCommand.class, LiveCommand.class, MlCommand.class,
      StrategyCommand.class, MmCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /**
   * Runs the CLI.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(execute(args));
  }

  /**
   * Runs the CLI without exiting (for tests).
   *
   * @param args command-line arguments
   * @return the exit code: 0 success, 1 run-time error, 2 bad usage or config
   */
  public static int execute(String... args) {
    if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
      System.out.println(VERSION);
      System.out.flush();
      return 0;
    }
    CommandLine cl = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    List<Class<?>> named = COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
    for (Class<?> c : named.isEmpty() ? COMMANDS : named) {
      cl.addSubcommand(c);
    }
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      if (ex instanceof ConfigException || ex instanceof UsageException) {
        err.println("error: " + ex.getMessage());
        err.flush();
        return 2;
      }
      String msg = ex instanceof DataException || ex instanceof UncheckedIOException ? ex.getMessage()
          : ex.getClass().getSimpleName() + ": " + ex.getMessage();
      err.println("error: " + msg);
      err.flush();
      return 1;
    });
    return cl.execute(args);
  }

  /** A bad option value found after parsing (exit 2). */
  static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
