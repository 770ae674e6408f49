package io.slipstream.cli;

import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code slipstream} command line (DESIGN.md CLI contract): exit 0 on success, 2 on bad usage or an invalid
 * config (one line naming the key and value), 1 on a run-time error (one line with the cause). The only code
 * that prints or calls {@link System#exit}.
 *
 * <p>Conventions shared by every command: the data root ({@code --data}) defaults to {@value #DATA_ENV} when set,
 * else {@value #DEFAULT_DATA} (one place: {@link #dataRoot}); lists are comma-separated ({@code --H 4,8,24});
 * lengths of time are whole days written {@code 10d}; every {@code --help} ends with an example; progress goes to
 * stderr from the first second, results to stdout.
 */
@Command(name = "slipstream", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Research-first backtesting and analytics for crypto perpetual futures.",
    footerHeading = "%nConventions:%n",
    footer = {"  --data defaults to $SLIPSTREAM_DATA, else data/ (the lake layout of ../shared/data/hyperliquid).",
        "  Lists are comma-separated (--H 4,8,24); lengths of time are whole days (--train 90d, --window 10d).",
        "  Exit codes: 0 success, 1 run-time error, 2 bad usage or config.",
        "",
        "Example:",
        "  slipstream backtest --config config/gradient.json --data ../shared/data/hyperliquid --out reports/gradient",
        "  slipstream help grid"})
public final class Main implements Runnable {
  /** What {@code --version} prints. */
  static final String VERSION = "slipstream 0.1.0";
  /**
   * The commands, in the order the help lists them. Only the one named first on the command line is built (picocli
   * reflects over every option of each command it builds); {@code --help}, {@code help}, an unknown or no command
   * build all. {@code help} itself is always added.
   */
  private static final List<Class<?>> COMMANDS = List.of(BacktestCommand.class, DataCommand.class,
      ImportCommand.class, PcaCommand.class, ResearchCommand.class, GridCommand.class, WalkForwardCommand.class,
      StudyCommand.class, HlCommand.class, IngestCommand.class, LiveCommand.class, MlCommand.class,
      StrategyCommand.class, NotebookCommand.class, MmCommand.class);

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

  /** The environment variable that names the default data root. */
  public static final String DATA_ENV = "SLIPSTREAM_DATA";
  /** The data root when {@value #DATA_ENV} is unset or blank. */
  public static final String DEFAULT_DATA = "data";
  /** Columns of every usage message. */
  static final int USAGE_WIDTH = 100;
  /** How every command describes its {@code --data} default. */
  static final String DATA_HELP = "lake folder (default: $SLIPSTREAM_DATA, else data/)";

  /**
   * The default of every {@code --data} option.
   *
   * @param env the environment
   * @return {@code env[SLIPSTREAM_DATA]} when set and not blank, else {@code data}
   */
  static String dataRoot(Map<String, String> env) {
    String v = env.get(DATA_ENV);
    return v == null || v.isBlank() ? DEFAULT_DATA : v;
  }

  /**
   * @return the whole command tree (every command and {@code help}), as {@code slipstream --help} builds it
   */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    COMMANDS.forEach(cl::addSubcommand);
    cl.addSubcommand(CommandLine.HelpCommand.class);
    return cl;
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
    return execute(System.getenv(), args);
  }

  /**
   * Runs the CLI without exiting, with the given environment for the defaults that read it ({@code --data}).
   *
   * @param env the environment
   * @param args command-line arguments
   * @return the exit code: 0 success, 1 run-time error, 2 bad usage or config
   */
  static int execute(Map<String, String> env, String... args) {
    CommandLine cl = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    List<Class<?>> named = COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
    for (Class<?> c : named.isEmpty() || first.equals("help") ? COMMANDS : named) {
      cl.addSubcommand(c);
    }
    cl.addSubcommand(CommandLine.HelpCommand.class);
    // wide enough that examples and file names are never broken across lines (picocli breaks after '/')
    cl.setUsageHelpWidth(USAGE_WIDTH);
    cl.getSubcommands().get("help").getCommandSpec().usageMessage().footerHeading("%nExample:%n")
        .footer("  slipstream help walk-forward      (the same as: slipstream walk-forward --help)");
    String data = dataRoot(env);
    cl.setDefaultValueProvider(arg -> arg instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--data")
        ? data : null);
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
