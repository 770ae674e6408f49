package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.search.GridResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream grid} end to end on the real 4h lake (window from 2025-01-01, 8 configurations): the files, the
 * summary, the best config's file, resume after losing part files (same summary, only the missing rows re-run),
 * a mismatching run folder, and every bad-usage case (exit 2, nothing created).
 */
class GridCommandTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path shared;
  private static Path config;
  private static Path grid;

  @BeforeAll
  static void files() throws IOException {
    ObjectNode b = ConfigParser.readTree(Files.readString(Path.of("config/gradient.json")), "gradient.json");
    b.put("start", "2025-01-01T00:00:00Z");
    config = shared.resolve("base.json");
    Files.writeString(config, b.toString());
    grid = shared.resolve("grid.json");
    Files.writeString(grid, "{\"concentration_pct\": [10, 35], \"rebalance_freq_hours\": [4, 24],"
        + " \"lookback_spans\": [[2, 4, 8, 16, 32], [64, 128, 256]]}");
  }

  private static CliRun.Result grid(Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("grid", "--config", config.toString(), "--grid",
        grid.toString(), "--data", DATA.toString(), "--out", out.toString(), "--blocks", "8", "--threads", "2",
        "--rows-per-part", "2"));
    args.addAll(List.of(extra));
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void runs_writesSummary_andResumes(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("g");
    CliRun.Result r = grid(out);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("grid: 8 configurations (0 failed)").contains("deflated Sharpe ratio")
        .contains("PBO (CSCV, 8 blocks, 70 combinations)");
    for (String f : List.of("manifest.json", "summary.json", "best_config.json", "report.html")) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    assertThat(GridResults.parts(out.resolve("results"))).hasSize(4);
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html.split("Grid search: base.json", -1)).hasSize(3); // <title> and <h1> only
    assertThat(html).contains("<th>concentration_pct</th><th>rebalance_freq_hours</th><th>lookback_spans</th>")
        .contains("<th>Sharpe IS</th><th>Sharpe OOS</th><th>Sharpe all</th>").contains("<th>max DD OOS</th>")
        .contains("<th>turnover/rebal all</th>").contains("<td>2,4,8,16,32</td>")
        .contains("Equity of the best configuration").contains("move the mean in-sample").doesNotContain("[2,4,8,16,32]");
    io.slipstream.analytics.report.BrowserChecks.assertPageClean(out.resolve("report.html"), "grid");
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("configurations").asInt()).isEqualTo(8);
    assertThat(s.get("pbo").get("pbo").asDouble()).isBetween(0.0, 1.0);
    assertThat(s.get("deflated_sharpe").get("trials").asInt()).isEqualTo(8);
    assertThat(s.get("best_in_sample").get("bars").asInt() + s.get("best_out_of_sample").get("bars").asInt())
        .isEqualTo(s.get("booked_bars").asInt());
    // the best config file is the base config with the best values: a plain backtest of it reproduces the row
    Path best = out.resolve("best_config.json");
    Path bt = tmp.resolve("bt");
    CliRun.Result b = CliRun.run("backtest", "--config", best.toString(), "--data", DATA.toString(), "--out",
        bt.toString());
    assertThat(b.exit()).as(b.err()).isZero();
    JsonNode m = JSON.readTree(bt.resolve("metrics.json").toFile());
    assertThat(m.get("sharpe").asDouble()).isEqualTo(s.get("best_full").get("sharpe").asDouble());
    assertThat(m.get("max_drawdown").asDouble()).isEqualTo(s.get("best_full").get("max_drawdown").asDouble());

    // lose two part files (an interrupted run) and resume: only their rows run again, the summary is unchanged
    String summary = Files.readString(out.resolve("summary.json"));
    List<Path> parts = GridResults.parts(out.resolve("results"));
    Files.delete(parts.get(1));
    Files.delete(parts.get(3));
    CliRun.Result again = grid(out);
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).contains("4 already done (resuming), 4 to run");
    assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo(summary);
    CliRun.Result done = grid(out);
    assertThat(done.err()).contains("8 already done (resuming), 0 to run");

    // the same folder with other options is refused
    CliRun.Result other = grid(out, "--oos-fraction", "0.5");
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("holds a grid run with another");
  }

  @Test
  void badUsage_exits2_andCreatesNothing(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("bad");
    Path empty = tmp.resolve("empty.json");
    Files.writeString(empty, "{}");
    Path unknown = tmp.resolve("unknown.json");
    Files.writeString(unknown, "{\"concentration\": [10, 20]}");
    Path badValue = tmp.resolve("badvalue.json");
    Files.writeString(badValue, "{\"concentration_pct\": [10, 80]}");
    String[][] cases = {
        {"--grid", empty.toString()}, {"--grid", unknown.toString()}, {"--grid", badValue.toString()},
        {"--objective", "alpha"}, {"--engine", "gpu"}, {"--blocks", "7"}, {"--oos-fraction", "0.95"},
        {"--heatmap", "concentration_pct,nope"}, {"--threads", "0"}};
    for (String[] c : cases) {
      List<String> args = new java.util.ArrayList<>(List.of("grid", "--config", config.toString(), "--grid",
          grid.toString(), "--data", DATA.toString(), "--out", out.toString()));
      int i = args.indexOf(c[0]);
      if (i >= 0) {
        args.set(i + 1, c[1]);
      } else {
        args.addAll(List.of(c));
      }
      CliRun.Result r = CliRun.run(args.toArray(String[]::new));
      assertThat(r.exit()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("error: ");
      assertThat(out).as(String.join(" ", c)).doesNotExist();
    }
    CliRun.Result unknownErr = CliRun.run("grid", "--config", config.toString(), "--grid", unknown.toString(),
        "--data", DATA.toString(), "--out", out.toString());
    assertThat(unknownErr.err()).contains("grid.concentration").contains("not a config key");
    Files.createDirectories(out);
    Files.writeString(out.resolve("other.txt"), "x");
    CliRun.Result notGrid = grid(out);
    assertThat(notGrid.exit()).isEqualTo(2);
    assertThat(notGrid.err()).contains("is not a grid run folder");
  }
}
