package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The conventions every command shares (Main's Javadoc): help, examples, data root, list and length syntax. */
class CliConventionsTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  /** Paths and file names as the help texts write them. */
  private static final Pattern FILE = Pattern.compile("[\\w.$<>\\-]*/[\\w.<>/\\-]+|[\\w<>\\-]+\\.(json|parquet|csv|html|png)");

  /** Every command path under {@code slipstream}, e.g. [], [backtest], [ml, train]. */
  private static List<List<String>> commandPaths() {
    List<List<String>> out = new ArrayList<>();
    walk(Main.commandLine(), new ArrayList<>(), out);
    return out;
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    cl.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().name().equals(name)) {
        return; // an alias
      }
      List<String> p = new ArrayList<>(path);
      p.add(name);
      walk(sub, p, out);
    });
  }

  private static Set<String> fileNames(CommandSpec spec) {
    StringBuilder text = new StringBuilder();
    for (String s : spec.usageMessage().description()) {
      text.append(s).append('\n');
    }
    for (String s : spec.usageMessage().footer()) {
      text.append(s).append('\n');
    }
    for (OptionSpec o : spec.options()) {
      for (String s : o.description()) {
        text.append(s).append('\n');
      }
    }
    Set<String> names = new LinkedHashSet<>();
    Matcher m = FILE.matcher(text);
    while (m.find()) {
      names.add(m.group().replaceAll("[.,;:)]+$", ""));
    }
    return names;
  }

  @Test
  void everyCommand_helpExitsZeroWithAnExampleAndUnbrokenFileNames() {
    List<List<String>> paths = commandPaths();
    assertThat(paths.size()).isGreaterThan(20);
    CommandLine root = Main.commandLine();
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun.Result r = CliRun.run(args.toArray(String[]::new));
      String name = "slipstream " + String.join(" ", path);
      assertThat(r.exit()).as(name).isZero();
      assertThat(r.out()).as(name).contains("Example:").contains("slipstream ");
      CommandLine cl = root;
      for (String p : path) {
        cl = cl.getSubcommands().get(p);
      }
      for (String f : fileNames(cl.getCommandSpec())) {
        soft.assertThat(r.out()).as(name + ": file name '" + f + "' broken across lines").contains(f);
      }
      soft.assertThat(r.out().lines().mapToInt(String::length).max().orElse(0)).as(name)
          .isLessThanOrEqualTo(Main.USAGE_WIDTH);
    }
    soft.assertAll();
  }

  @Test
  void help_command_andTopLevelList() {
    CliRun.Result top = CliRun.run("--help");
    assertThat(top.exit()).isZero();
    assertThat(top.out()).contains("  notebook ").contains("  help ").contains("SLIPSTREAM_DATA");
    CliRun.Result h = CliRun.run("help", "pca");
    assertThat(h.exit()).isZero();
    assertThat(h.out()).startsWith("Usage: slipstream pca").contains("Example:");
    assertThat(CliRun.run("help").out()).contains("Usage: slipstream ");
    assertThat(CliRun.run("help", "nosuch").exit()).isEqualTo(2);
  }

  @Test
  void dataRoot_envElseData() {
    assertThat(Main.dataRoot(Map.of())).isEqualTo("data");
    assertThat(Main.dataRoot(Map.of("SLIPSTREAM_DATA", "  "))).isEqualTo("data");
    assertThat(Main.dataRoot(Map.of("SLIPSTREAM_DATA", "/lake"))).isEqualTo("/lake");
  }

  @Test
  void missingData_everyDataCommand_exits1SayingHowToPointAtTheLake(@TempDir Path tmp) {
    String missing = tmp.resolve("no_lake").toString();
    List<String[]> commands = List.of(
        new String[] {"backtest", "--config", "config/gradient.json", "--out", tmp.resolve("b").toString()},
        new String[] {"pca", "--H", "24h", "--out", tmp.resolve("p").toString()},
        new String[] {"research", "joint", "--H", "24h", "--out", tmp.resolve("r").toString()},
        new String[] {"study", "random", "--config", "config/gradient.json"},
        new String[] {"grid", "--config", "config/gradient.json", "--grid", "config/grids/gradient_small.json",
            "--out", tmp.resolve("g").toString()},
        new String[] {"walk-forward", "--config", "config/gradient.json", "--grid", "config/grids/gradient_small.json",
            "--out", tmp.resolve("w").toString()},
        new String[] {"data", "check"},
        new String[] {"ml", "train", "--config", "config/sol_xgb.json", "--out", tmp.resolve("m").toString()});
    for (String[] c : commands) {
      CliRun.Result r = CliRun.run(Map.of("SLIPSTREAM_DATA", missing), c);
      assertThat(r.exit()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(1);
      assertThat(r.err()).as(String.join(" ", c)).contains(missing).contains("--data DIR")
          .contains("SLIPSTREAM_DATA");
    }
    // without the variable the default is data/ (empty in the repository): same advice
    CliRun.Result r = CliRun.run(Map.of(), "pca", "--H", "24h", "--out", tmp.resolve("p").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("data").contains("--data DIR");
  }

  @Test
  void dataRoot_fromEnvironment_isUsed() {
    CliRun.Result r = CliRun.run(Map.of("SLIPSTREAM_DATA", DATA.toString()), "data", "check");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("candles_4h.parquet");
  }

  private static <T> T parse(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void lists_commaSeparated_unitsOptional_oldSpaceFormStillParses() {
    assertThat(parse(new PcaCommand(), "--H", "4h,8h,1d").horizons).containsExactly(4, 8, 24);
    assertThat(parse(new PcaCommand(), "--H", "4,8").horizons).containsExactly(4, 8);
    assertThat(parse(new PcaCommand(), "--H", "4", "8").horizons).containsExactly(4, 8);
    assertThat(parse(new PcaCommand()).horizons).containsExactly(4, 8, 12, 24, 48);
    assertThat(parse(new ResearchCommand.Joint(), "--H", "4h,12h").horizons).containsExactly(4, 12);
    assertThat(parse(new ResearchCommand.Joint(), "--H", "4", "8", "12").horizons).containsExactly(4, 8, 12);
    assertThat(parse(new ResearchCommand.Joint()).horizons).containsExactly(4, 8, 12, 24, 48);
    CliRun.Result bad = CliRun.run("pca", "--H", "4x");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("4x").contains("--H");
  }

  @Test
  void lengths_writtenWithDays_oldBareDaysStillParse() {
    assertThat(parse(new StudyCommand.Random(), "--config", "c.json").days).isEqualTo(10);
    assertThat(parse(new StudyCommand.Random(), "--config", "c.json", "--window", "30d").days).isEqualTo(30);
    assertThat(parse(new StudyCommand.Random(), "--config", "c.json", "--window", "48h").days).isEqualTo(2);
    assertThat(parse(new StudyCommand.Random(), "--config", "c.json", "--days", "7").oldDays).isEqualTo(7);
    CliRun.Result bad = CliRun.run("study", "random", "--config", "config/gradient.json", "--window", "36h");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--window").contains("36h");
  }

  @Test
  void pca_defaultWeighting_isDollarVolume() {
    assertThat(parse(new PcaCommand()).weightMethod).isEqualTo("sqrt_dollar");
  }

  @Test
  void gridProgress_notTerminal_firstDoneThenEveryTenthOrFiveSeconds_neverTwice() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(0);
    try (PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
        GridProgress p = new GridProgress(100, false, err, now::get)) {
      now.set(2_000_000_000L);
      p.done(null); // 1: the first one always reports
      now.set(3_000_000_000L);
      p.done(null); // 2: quiet (1 s since the last line, below 11)
      now.set(7_000_000_000L);
      p.done(null); // 3: 5 s since the last line
      for (int i = 4; i <= 100; i++) {
        p.done(null);
      }
    }
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).startsWith("grid: 1/100 configurations (1%)");
    assertThat(lines.get(1)).startsWith("grid: 3/100 ");
    assertThat(lines.get(2)).startsWith("grid: 13/100 ");
    assertThat(lines.get(lines.size() - 1)).startsWith("grid: 100/100 configurations (100%)");
    assertThat(lines).doesNotHaveDuplicates().hasSize(12);
  }

  @Test
  void progressConsumer_closed_dropsLaterRenders() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      Progress.ClosingConsumer c = new Progress.ClosingConsumer(out);
      c.accept("task 100% done");
      c.close();
      String afterClose = buf.toString(StandardCharsets.UTF_8);
      c.accept("task 100% done");
      c.close();
      assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo(afterClose);
      assertThat(afterClose).contains("task 100% done");
    }
  }
}
