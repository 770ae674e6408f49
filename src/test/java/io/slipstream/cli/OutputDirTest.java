package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Safe outputs (issue 13, item 1) through {@link Main#execute} on a tiny synthetic lake: {@code --out} equal to or
 * inside {@code --data}, a folder of other files, a run of another command, an existing file, a folder holding the
 * config or a lake (never replaced, not even with {@code --force}), and the reuse of a previous run of the same
 * command; for every command that writes a folder.
 */
class OutputDirTest {
  @TempDir
  Path tmp;
  private Path data;
  private Path cfg;

  private static CliRun.Result backtest(Path config, Path data, Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("backtest", "--config", config.toString(), "--data", data.toString(),
        "--out", out.toString()));
    a.addAll(List.of(extra));
    return CliRun.run(a.toArray(String[]::new));
  }

  /** @return the sorted relative paths of every file under {@code dir} with their sizes: a fingerprint */
  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p) + ":" + size(p)).sorted().toList();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Exit 2 with an error line holding {@code words}. */
  private static void assertRefused(CliRun.Result r, String words) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(words);
  }

  /** @return folder {@code dir} created with one text file {@code name} holding {@code text} */
  private static Path folderWith(Path dir, String name, String text) throws IOException {
    Files.writeString(Files.createDirectories(dir).resolve(name), text);
    return dir;
  }

  /** A lake with a notes file (which must survive every refusal) and a config for it, fresh for each test. */
  @BeforeEach
  void lakeAndConfig() throws IOException {
    data = TinyLake.write(tmp.resolve("lake"));
    Files.writeString(data.resolve("notes.txt"), "my notes");
    cfg = TinyLake.config(tmp);
  }

  @Test
  void backtest_outIsTheDataFolder_exits2AndLeavesTheLake() throws IOException {
    List<String> before = files(data);

    CliRun.Result r = backtest(cfg, data, data);
    CliRun.Result forced = backtest(cfg, data, data, "--force");

    assertRefused(r, "is the data folder");
    assertThat(forced.exit()).as(forced.err()).isEqualTo(2);
    assertThat(files(data)).isEqualTo(before);
  }

  @Test
  void backtest_outInsideData_exits2() throws IOException {

    CliRun.Result r = backtest(cfg, data, data.resolve("runs/a"), "--force");

    assertRefused(r, "inside the data folder");
    assertThat(data.resolve("runs")).doesNotExist();
  }

  /** Refused without --force; replaced with it; then that run folder is reused by the next run without --force. */
  @Test
  void backtest_folderOfOtherFiles_refusedUnlessForce_thenReusedAsABacktestRun() throws IOException {
    Path out = folderWith(tmp.resolve("mine"), "thesis.tex", "years of work");

    CliRun.Result r = backtest(cfg, data, out);

    assertRefused(r, "already exists");
    assertThat(r.err()).contains("--force");
    assertThat(files(out)).containsExactly("thesis.tex:13");

    CliRun.Result forced = backtest(cfg, data, out, "--force");

    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(out.resolve("thesis.tex")).doesNotExist();
    assertThat(out.resolve("returns.csv")).isRegularFile();
    assertThat(out.resolve(OutputDir.MARKER)).hasContent("command=backtest");

    Files.writeString(out.resolve("stale.txt"), "from the first run");
    CliRun.Result again = backtest(cfg, data, out);

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(out.resolve("stale.txt")).doesNotExist();
    assertThat(out.resolve("returns.csv")).isRegularFile();
  }

  @Test
  void backtest_runOfAnotherCommand_refusedUnlessForce() throws IOException {
    Path out = folderWith(tmp.resolve("pca_run"), OutputDir.MARKER, "command=pca\n");
    Files.writeString(out.resolve("summary.csv"), "h,pc1\n");

    CliRun.Result r = backtest(cfg, data, out);

    assertRefused(r, "holds a run of another command (pca)");
    assertThat(out.resolve("summary.csv")).isRegularFile();
  }

  @Test
  void backtest_existingFile_exits2EvenWithForce() throws IOException {
    Path out = Files.writeString(tmp.resolve("results.txt"), "keep me");

    CliRun.Result r = backtest(cfg, data, out, "--force");

    assertRefused(r, "is an existing file");
    assertThat(out).hasContent("keep me");
  }

  @Test
  void backtest_forceOnFolderHoldingTheConfigOrALake_exits2() throws IOException {
    Path project = Files.createDirectories(tmp.resolve("project"));
    Path cfg = TinyLake.config(project.resolve("config"));
    List<String> before = files(project);

    CliRun.Result holdsConfig = backtest(cfg, data, project, "--force");
    CliRun.Result holdsConfigFolder = backtest(cfg, data, cfg.getParent(), "--force");
    Path other = Files.createDirectories(tmp.resolve("other"));
    TinyLake.write(other.resolve("old_lake"));
    CliRun.Result holdsLake = backtest(TinyLake.config(tmp), data, other, "--force");

    assertRefused(holdsConfig, "never replaced");
    assertThat(holdsConfigFolder.exit()).as(holdsConfigFolder.err()).isEqualTo(2);
    assertThat(files(project)).isEqualTo(before);
    assertRefused(holdsLake, "a data lake");
    assertThat(other.resolve("old_lake/candles_4h.parquet")).isRegularFile();
  }

  @Test
  void backtest_forceOnTheWorkingFolder_exits2() {
    CliRun.Result r = CliRun.run("backtest", "--config", "config/gradient.json", "--data", "../shared/data/hyperliquid",
        "--out", ".", "--force");

    assertRefused(r, "never replaced");
    assertThat(Path.of("pom.xml")).isRegularFile();
  }

  /** Every command that writes a folder refuses {@code --out} = {@code --data}, before any work, lake untouched. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pca", "research joint", "study random", "walk-forward", "grid", "ml train", "ml backtest"})
  void everyCommand_outIsTheDataFolder_exits2AndLeavesTheLake(String command) throws IOException {
    Path grid = Files.writeString(tmp.resolve("grid.json"), "{\"concentration_pct\": [10, 25]}");
    List<String> before = files(data);
    List<String> a = new ArrayList<>(List.of(command.split(" ")));
    switch (command) {
      case "study random" -> a.addAll(List.of("--config", cfg.toString(), "--n", "2", "--days", "5"));
      case "walk-forward" -> a.addAll(List.of("--config", cfg.toString(), "--grid", grid.toString(), "--train",
          "20d", "--test", "10d"));
      case "grid" -> a.addAll(List.of("--config", cfg.toString(), "--grid", grid.toString()));
      case "ml train", "ml backtest" -> a.addAll(List.of("--config", "config/sol_xgb.json"));
      default -> {
      }
    }
    a.addAll(List.of("--data", data.toString(), "--out", data.toString(), "--force"));

    CliRun.Result r = CliRun.run(a.toArray(String[]::new));

    assertRefused(r, "is the data folder");
    assertThat(files(data)).isEqualTo(before);
  }

  @Test
  void importFreqtrade_outIsAFolderOfOtherFiles_refusedUnlessForce() throws IOException {
    Path out = folderWith(tmp.resolve("docs"), "readme.md", "docs");
    Path src = Path.of("../shared/data/hyperliquid/freqtrade-sample");

    CliRun.Result r = CliRun.run("import", "freqtrade", src.toString(), "--out", out.toString());
    CliRun.Result file = CliRun.run("import", "freqtrade", src.toString(), "--out", out.resolve("readme.md").toString(),
        "--force");

    assertRefused(r, "is not a data lake");
    assertThat(files(out)).containsExactly("readme.md:4");
    assertThat(file.exit()).as(file.err()).isEqualTo(2);
  }
}
