package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code backtest} command end to end through {@link Main#execute} (DESIGN.md CLI contract): exit codes 0 / 1 / 2,
 * the five output files, and all-or-nothing output on failure. Standard output and error are captured, never printed.
 */
class BacktestCommandTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Exit code and captured streams of one CLI call. */
  private record Run(int exit, String out, String err) {
    /** The one {@code error:} line, which must also be the last line of standard error (a one-line cause). */
    String errorLine() {
      List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines.stream().filter(l -> l.startsWith("error:")).count()).as(err).isEqualTo(1);
      assertThat(lines.get(lines.size() - 1)).as(err).startsWith("error:");
      return lines.get(lines.size() - 1);
    }
  }

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static synchronized Run cli(String... args) {
    CliRun.Result r = CliRun.run(args);
    return new Run(r.exit(), r.out(), r.err());
  }


  private static Path config(Path dir, String base, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode n = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("config", base)));
    edit.accept(n);
    Path f = dir.resolve("cfg_" + base);
    Files.writeString(f, n.toString());
    return f;
  }

  /** Everything in {@code dir} other than the config files this test wrote: nothing must be left behind. */
  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("cfg_") && !n.equals("data"))
          .sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gradient.json", "gradient_1h.json"})
  void backtest_realDataConfig_writesFiveFilesAndExits0(String configName, @TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("run");

    Run run = cli("backtest", "--config", "config/" + configName, "--data", DATA.toString(), "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote");
    // the five files of the CLI contract, plus benchmark.csv (the default BTC benchmark of the tear sheet)
    for (String f : List.of("returns.csv", "metrics.json", "weights.parquet", "equity.png", "report.html",
        "benchmark.csv")) {
      assertThat(out.resolve(f)).as(f).isRegularFile();
    }
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.count()).isEqualTo(6);
    }
    assertThat(leftovers(tmp)).containsExactly("run");

    List<String> csv = Files.readAllLines(out.resolve("returns.csv"));
    assertThat(csv.get(0)).isEqualTo("time,gross_return,funding_cost,fee_cost,net_return,nav,turnover,n_long,n_short");
    assertThat(csv.get(1)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,.*");
    assertThat(csv.get(1).split(",")).hasSize(9);

    JsonNode m = MAPPER.readTree(out.resolve("metrics.json").toFile());
    double sharpe = m.get("sharpe").asDouble();
    double mdd = m.get("max_drawdown").asDouble();
    int bars = m.get("bars").asInt();
    assertThat(m.get("sharpe").isNumber()).isTrue();
    assertThat(Double.isFinite(sharpe)).isTrue();
    assertThat(Math.abs(sharpe)).isLessThan(10);
    assertThat(mdd).isGreaterThan(0).isLessThan(1);
    assertThat(bars).isGreaterThan(1000).isEqualTo(csv.size() - 1);
    assertThat(Double.isFinite(m.get("cagr").asDouble())).isTrue();
    assertThat(m.get("interval").asText()).isEqualTo(configName.contains("1h") ? "1h" : "4h");
    String lastNav = csv.get(csv.size() - 1).split(",")[5];
    assertThat(m.get("total_return").asDouble()).isCloseTo(Double.parseDouble(lastNav) - 1,
        org.assertj.core.data.Offset.offset(1e-12));

    try (InputStream in = Files.newInputStream(out.resolve("equity.png"))) {
      assertThat(in.readNBytes(8)).containsExactly(PNG_MAGIC);
    }
    Table w = ParquetIo.read(out.resolve("weights.parquet"), List.of(new ColumnSpec("time", ColumnType.TIMESTAMP_MS),
        new ColumnSpec("coin", ColumnType.STRING), new ColumnSpec("weight", ColumnType.DOUBLE)));
    assertThat(w.rows()).isGreaterThan(bars);

    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=").doesNotContainPattern("(?i)<link[^>]+href=");
    Matcher img = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int pngs = 0;
    while (img.find()) {
      byte[] png = Base64.getDecoder().decode(img.group(1));
      assertThat(java.util.Arrays.copyOf(png, 8)).containsExactly(PNG_MAGIC);
      pngs++;
    }
    assertThat(pngs).isGreaterThanOrEqualTo(1);
    assertThat(html).doesNotContainPattern("(?i)<img(?![^>]*src=\"data:)[^>]*>");
  }

  @Test
  void backtest_unknownConfigKey_exits2NamingKeyAndWritesNothing(@TempDir Path tmp) throws IOException {
    Path cfg = config(tmp, "gradient.json", n -> n.put("lookback_span", 3));
    Path out = tmp.resolve("run");

    Run run = cli("backtest", "--config", cfg.toString(), "--data", DATA.toString(), "--out", out.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errorLine()).contains("lookback_span");
    assertThat(out).doesNotExist();
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  void backtest_outOfRangeValue_exits2NamingKeyAndWritesNothing(@TempDir Path tmp) throws IOException {
    Path cfg = config(tmp, "gradient.json", n -> n.put("concentration_pct", 60));
    Path out = tmp.resolve("run");

    Run run = cli("backtest", "--config", cfg.toString(), "--data", DATA.toString(), "--out", out.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errorLine()).contains("concentration_pct").contains("60");
    assertThat(out).doesNotExist();
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  void backtest_intervalWithoutDataFile_exits2(@TempDir Path tmp) throws IOException {
    Path cfg = config(tmp, "gradient.json", n -> n.put("interval", "1d"));
    Path out = tmp.resolve("run");

    Run run = cli("backtest", "--config", cfg.toString(), "--data", DATA.toString(), "--out", out.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errorLine()).contains("interval").contains("candles_1d.parquet");
    assertThat(out).doesNotExist();
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  void backtest_startAfterEndOnCommandLine_exits2(@TempDir Path tmp) {
    Path out = tmp.resolve("run");

    Run run = cli("backtest", "--config", "config/gradient.json", "--data", DATA.toString(), "--start",
        "2025-02-01T00:00:00Z", "--end", "2025-01-01T00:00:00Z", "--out", out.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errorLine()).contains("start");
    assertThat(out).doesNotExist();
  }

  @Test
  void backtest_unknownOption_exits2(@TempDir Path tmp) {
    Run run = cli("backtest", "--config", "config/gradient.json", "--frobnicate", "--out",
        tmp.resolve("run").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(tmp.resolve("run")).doesNotExist();
  }

  @Test
  void backtest_help_exits0() {
    Run run = cli("backtest", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("--config").contains("--out");
  }

  @Test
  void backtest_missingDataDir_exits1(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("run");
    Path missing = tmp.resolve("no-such-data");

    Run run = cli("backtest", "--config", "config/gradient.json", "--data", missing.toString(), "--out",
        out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errorLine()).contains("no-such-data");
    assertThat(out).doesNotExist();
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  void backtest_truncatedParquet_exits1WithOneLineNamingFile(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    try (InputStream in = Files.newInputStream(DATA.resolve("candles_4h.parquet"))) {
      Files.write(data.resolve("candles_4h.parquet"), in.readNBytes(1000));
    }
    Path out = tmp.resolve("run");

    Run run = cli("backtest", "--config", "config/gradient.json", "--data", data.toString(), "--out",
        out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errorLine()).contains("candles_4h.parquet");
    assertThat(out).doesNotExist();
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  void backtest_parquetOfWrongSchema_exits1WithOneLineNamingFile(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.copy(DATA.resolve("funding.parquet"), data.resolve("candles_4h.parquet"));
    Files.copy(DATA.resolve("funding.parquet"), data.resolve("funding.parquet"));
    Path out = tmp.resolve("run");

    Run run = cli("backtest", "--config", "config/gradient.json", "--data", data.toString(), "--out",
        out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errorLine()).contains("candles_4h.parquet").contains("schema");
    assertThat(out).doesNotExist();
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  void backtest_failedRunOverExistingOut_leavesOldContentUntouched(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(out.resolve("keep.txt"), "previous run");
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.write(data.resolve("candles_4h.parquet"), new byte[] {'P', 'A', 'R', '1'});

    Run run = cli("backtest", "--config", "config/gradient.json", "--data", data.toString(), "--out",
        out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errorLine()).contains("candles_4h.parquet");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("keep.txt");
    }
    assertThat(leftovers(tmp)).containsExactly("run");
  }
}
