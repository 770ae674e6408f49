package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream walk-forward} end to end on the real 4h data (booked from 2024-06-01, a 4-configuration grid,
 * 60-day train and 30-day test windows), and every bad input: exit 2 with a one-line cause and no --out folder.
 */
class WalkForwardCommandTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String GRID = "{\"concentration_pct\": [10, 30], \"rebalance_freq_hours\": [4, 24]}";

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static Path config(Path dir) throws IOException {
    ObjectNode n = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("config/gradient.json")));
    n.put("start", "2024-06-01T00:00:00Z");
    Path f = dir.resolve("cfg.json");
    Files.writeString(f, n.toString());
    return f;
  }

  private static Path grid(Path dir, String text) throws IOException {
    Path f = dir.resolve("grid.json");
    Files.writeString(f, text);
    return f;
  }

  private static String errorLine(CliRun.Result r) {
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.stream().filter(l -> l.startsWith("error:")).count()).as(r.err()).isEqualTo(1);
    assertThat(lines.get(lines.size() - 1)).as(r.err()).startsWith("error:");
    return lines.get(lines.size() - 1);
  }

  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("cfg.json") && !n.equals("grid.json"))
          .sorted().toList();
    }
  }

  /** Splits a CSV line with at most one quoted field (the params JSON). */
  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    int q = line.indexOf('"');
    if (q < 0) {
      return Arrays.asList(line.split(","));
    }
    int end = line.lastIndexOf('"');
    out.addAll(Arrays.asList(line.substring(0, q - 1).split(",")));
    out.add(line.substring(q + 1, end).replace("\"\"", "\""));
    out.addAll(Arrays.asList(line.substring(end + 2).split(",")));
    return out;
  }

  @Test
  void walkForward_realData_writesRunFilesAndWindows(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("wf");
    CliRun.Result r = CliRun.run("walk-forward", "--config", config(tmp).toString(), "--grid",
        grid(tmp, GRID).toString(), "--data", DATA.toString(), "--out", out.toString(), "--train", "60d", "--test",
        "30d", "--threads", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    for (String f : List.of("returns.csv", "metrics.json", "weights.parquet", "equity.png", "report.html",
        "windows.csv")) {
      assertThat(out.resolve(f)).as(f).isRegularFile();
    }
    assertThat(leftovers(tmp)).containsExactly("wf");
    try (InputStream in = Files.newInputStream(out.resolve("equity.png"))) {
      assertThat(in.readNBytes(4)).containsExactly((byte) 0x89, 'P', 'N', 'G');
    }

    List<String> ret = Files.readAllLines(out.resolve("returns.csv"));
    List<String> win = Files.readAllLines(out.resolve("windows.csv"));
    List<String> header = fields(win.get(0));
    assertThat(header.subList(0, 10)).containsExactly("window", "train_start", "train_end", "test_start", "test_end",
        "train_bars", "test_bars", "embargo_bars", "config_id", "params");
    assertThat(header).contains("is_sharpe", "oos_sharpe", "is_total_return", "oos_total_return", "oos_max_drawdown");
    int nWin = win.size() - 1;
    assertThat(nWin).isGreaterThanOrEqualTo(10);
    int oosReturn = header.indexOf("oos_total_return");
    int oosBars = header.indexOf("oos_bars");
    int row = 1;
    for (int k = 1; k <= nWin; k++) {
      List<String> f = fields(win.get(k));
      assertThat(f).hasSameSizeAs(header);
      assertThat(Integer.parseInt(f.get(0))).isEqualTo(k - 1);
      assertThat(f.get(9)).startsWith("{\"concentration_pct\":").contains("\"rebalance_freq_hours\":");
      assertThat(Instant.parse(f.get(2))).isEqualTo(Instant.parse(f.get(3)));
      assertThat(Instant.parse(f.get(2))).isEqualTo(Instant.parse(f.get(1)).plusSeconds(60L * 86_400));
      if (k == 1) {
        assertThat(f.get(1)).isEqualTo("2024-06-01T00:00:00Z");
        assertThat(ret.get(1)).startsWith(Instant.parse(f.get(3)).plusSeconds(4 * 3600).toString());
      }
      // the window's out-of-sample return, recomputed from the stitched returns.csv rows in (test_start, test_end]
      Instant end = Instant.parse(f.get(4));
      double nav = 1;
      int bars = 0;
      while (row < ret.size() && !Instant.parse(ret.get(row).split(",")[0]).isAfter(end)) {
        nav *= 1 + Double.parseDouble(ret.get(row).split(",")[4]);
        bars++;
        row++;
      }
      assertThat(bars).isEqualTo(Integer.parseInt(f.get(6))).isEqualTo((int) Double.parseDouble(f.get(oosBars)));
      assertThat(Double.parseDouble(f.get(oosReturn))).isCloseTo(nav - 1, org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(row).as("every returns.csv row belongs to a window").isEqualTo(ret.size());

    JsonNode m = MAPPER.readTree(out.resolve("metrics.json").toFile());
    assertThat(m.get("bars").asInt()).isEqualTo(ret.size() - 1);
    assertThat(r.out()).contains("walk-forward: gradient 4h, 4 configurations x " + nWin + " windows")
        .contains(String.format(java.util.Locale.ROOT, "net Sharpe      %8.2f", m.get("sharpe").asDouble()))
        .contains("stitched out-of-sample Sharpe").contains("wrote");
    assertThat(r.out().lines().filter(l -> l.contains("{\"concentration_pct\"")).count()).isEqualTo(nWin);
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("window 0").contains("rolling, train 60d, test 30d");
    // the chosen parameters per window as a table, the base config's searched values not shown as traded
    assertThat(html).contains("Parameters chosen in each window").contains("<th>concentration_pct</th>")
        .contains("<th>rebalance_freq_hours</th>").contains("<td>concentration_pct</td><td>chosen per window</td>")
        .contains("Stitched out-of-sample equity, dashed lines at window starts")
        .contains("in sample (train) vs out of sample (test)").contains("n/a (&lt; 90 days)");
    // 30-day test windows: no annualised figures in windows.csv; 60-day train windows neither
    int oosCagr = header.indexOf("oos_cagr");
    int isVol = header.indexOf("is_annual_volatility");
    for (int k = 1; k <= nWin; k++) {
      List<String> f = fields(win.get(k));
      assertThat(f.get(oosCagr)).isEmpty();
      assertThat(f.get(isVol)).isEmpty();
      assertThat(Double.parseDouble(f.get(header.indexOf("oos_days")))).isLessThan(90);
    }
    io.slipstream.analytics.report.BrowserChecks.assertPageClean(out.resolve("report.html"), "walk_forward");
  }

  private static void assertUsageError(Path tmp, String grid, String expected, String... options) throws IOException {
    Path out = tmp.resolve("wf");
    List<String> args = new ArrayList<>(List.of("walk-forward", "--config", config(tmp).toString(), "--grid",
        grid(tmp, grid).toString(), "--data", DATA.toString(), "--out", out.toString()));
    args.addAll(List.of(options));
    CliRun.Result r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(errorLine(r)).contains(expected);
    assertThat(out).doesNotExist();
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  void walkForward_gridKeyNotAConfigKey_exits2(@TempDir Path tmp) throws IOException {
    assertUsageError(tmp, "{\"lookback_span\": [3, 6]}", "grid.lookback_span");
  }

  @Test
  void walkForward_emptyGrid_exits2(@TempDir Path tmp) throws IOException {
    assertUsageError(tmp, "{}", "empty");
  }

  @Test
  void walkForward_windowsLongerThanTheData_exits2(@TempDir Path tmp) throws IOException {
    assertUsageError(tmp, GRID, "longer than the booked window", "--train", "600d");
  }

  @Test
  void walkForward_trainShorterThanTheWarmup_exits2(@TempDir Path tmp) throws IOException {
    assertUsageError(tmp, GRID, "warm-up of 180 bars", "--train", "20d");
  }

  @Test
  void walkForward_badOptions_exit2NamingTheOption(@TempDir Path tmp) throws IOException {
    assertUsageError(tmp, GRID, "--train", "--train", "90");
    assertUsageError(tmp, GRID, "--test", "--test", "12h");
    assertUsageError(tmp, GRID, "--step", "--step", "10d");
    assertUsageError(tmp, GRID, "--embargo-bars", "--embargo-bars", "180");
    assertUsageError(tmp, GRID, "--purge-bars", "--purge-bars", "-1");
    assertUsageError(tmp, GRID, "--objective", "--objective", "profit");
    assertUsageError(tmp, GRID, "--threads", "--threads", "0");
  }
}
