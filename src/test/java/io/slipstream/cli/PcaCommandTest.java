package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pca} command end to end through {@link Main#execute} on the real 4h lake: the five output files with
 * their schemas and invariants (unit-norm loadings per estimation, one out-of-sample factor return per consecutive
 * pair of estimations, a self-contained report with PNG charts), and exit codes 2 / 1 for bad usage and bad data,
 * with nothing written. Standard output and error are captured, never printed.
 */
class PcaCommandTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private record Run(int exit, String out, String err) {
    String errorLine() {
      List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines.stream().filter(l -> l.startsWith("error:")).count()).as(err).isEqualTo(1);
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


  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void pca_realData_writesFiveFilesWithTheirInvariants(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("pca");

    Run run = cli("pca", "--H", "24", "48", "--K", "30", "--weight-method", "sqrt_dollar", "--data",
        DATA.toString(), "--start", "2025-01-01", "--end", "2025-03-01T00:00:00Z", "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(entries(out)).containsExactly(OutputDir.MARKER, "betas.parquet", "explained_variance.csv",
        "factor_returns.parquet", "loadings.parquet", "report.html");
    assertThat(entries(tmp)).containsExactly("pca");
    assertThat(run.out()).contains("24h").contains("48h").contains("wrote");
    long start = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    long end = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();

    Table l = ParquetIo.read(out.resolve("loadings.parquet"), List.of(new ColumnSpec("time", ColumnType.TIMESTAMP_MS),
        new ColumnSpec("horizon_hours", ColumnType.INT64), new ColumnSpec("coin", ColumnType.STRING),
        new ColumnSpec("factor", ColumnType.INT64), new ColumnSpec("loading", ColumnType.DOUBLE)));
    long[] time = l.timestamps("time");
    long[] hh = l.longs("horizon_hours");
    long[] factor = l.longs("factor");
    String[] coin = l.strings("coin");
    double[] loading = l.doubles("loading");
    Map<String, Double> sumSq = new HashMap<>();
    Map<String, Double> btc = new HashMap<>();
    Map<Long, Set<Long>> timesByH = new HashMap<>();
    for (int i = 0; i < l.rows(); i++) {
      assertThat(time[i]).isGreaterThan(start).isLessThanOrEqualTo(end);
      assertThat(time[i] % (hh[i] * 3_600_000L)).isZero();
      assertThat(factor[i]).isBetween(1L, 3L);
      assertThat(loading[i]).isFinite();
      String key = time[i] + "/" + hh[i] + "/" + factor[i];
      sumSq.merge(key, loading[i] * loading[i], Double::sum);
      if (coin[i].equals("BTC")) {
        btc.put(key, loading[i]);
      }
      timesByH.computeIfAbsent(hh[i], k -> new HashSet<>()).add(time[i]);
    }
    assertThat(timesByH.keySet()).containsExactlyInAnyOrder(24L, 48L);
    assertThat(timesByH.get(24L)).hasSize(59); // daily estimations in (2025-01-01, 2025-03-01]
    assertThat(timesByH.get(48L)).hasSize(30); // epoch-day parity: 2025-01-02, 01-04, .., 03-01
    for (double s : sumSq.values()) {
      assertThat(s).isCloseTo(1.0, within(1e-12));
    }
    assertThat(btc).hasSameSizeAs(sumSq);
    btc.forEach((k, v) -> {
      if (k.endsWith("/1")) {
        assertThat(v).as(k).isPositive();
      }
    });

    Table f = ParquetIo.read(out.resolve("factor_returns.parquet"), List.of(
        new ColumnSpec("time", ColumnType.TIMESTAMP_MS), new ColumnSpec("horizon_hours", ColumnType.INT64),
        new ColumnSpec("factor", ColumnType.INT64), new ColumnSpec("return", ColumnType.DOUBLE)));
    assertThat(f.rows()).isEqualTo((59 - 1) * 3 + (30 - 1) * 3);
    assertThat(Arrays.stream(f.doubles("return")).allMatch(Double::isFinite)).isTrue();
    long firstReturn24 = Long.MAX_VALUE;
    for (int i = 0; i < f.rows(); i++) {
      if (f.longs("horizon_hours")[i] == 24) {
        firstReturn24 = Math.min(firstReturn24, f.timestamps("time")[i]);
      }
    }
    // out of sample: the first return is over (t_0, t_1], stamped t_1
    assertThat(firstReturn24).isEqualTo(start + 2 * 86_400_000L);

    Table b = ParquetIo.read(out.resolve("betas.parquet"), List.of(new ColumnSpec("time", ColumnType.TIMESTAMP_MS),
        new ColumnSpec("horizon_hours", ColumnType.INT64), new ColumnSpec("coin", ColumnType.STRING),
        new ColumnSpec("beta", ColumnType.DOUBLE)));
    assertThat(b.rows() * 3).isEqualTo(l.rows());
    assertThat(Arrays.stream(b.doubles("beta")).allMatch(Double::isFinite)).isTrue();

    List<String> csv = Files.readAllLines(out.resolve("explained_variance.csv"));
    assertThat(csv.get(0)).isEqualTo("horizon_hours,factor,mean_ratio,median_ratio,last_ratio,n_estimations,"
        + "mean_coins");
    assertThat(csv).hasSize(1 + 2 * 3);
    String[] pc1 = csv.get(1).split(",");
    assertThat(pc1[0]).isEqualTo("24");
    assertThat(pc1[1]).isEqualTo("1");
    assertThat(Double.parseDouble(pc1[2])).isBetween(0.3, 0.95);
    assertThat(pc1[5]).isEqualTo("59");
    assertThat(Double.parseDouble(pc1[6])).isGreaterThan(100);

    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    assertThat(html).doesNotContainPattern("(?i)<script").doesNotContainPattern("(?i)<link[^>]+href=");
    assertThat(html).contains("PC1 loadings at the last estimation, H = 24 h").contains("Explained variance");
    Matcher img = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int pngs = 0;
    while (img.find()) {
      assertThat(Arrays.copyOf(Base64.getDecoder().decode(img.group(1)), 8)).containsExactly(PNG_MAGIC);
      pngs++;
    }
    assertThat(pngs).isEqualTo(3); // PC1 share over time + one loadings chart per H
  }

  @Test
  void pca_horizonNotMultipleOfInterval_exits2AndWritesNothing(@TempDir Path tmp) throws IOException {
    Run run = cli("pca", "--H", "6", "24", "--data", DATA.toString(), "--out", tmp.resolve("pca").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errorLine()).contains("--H 6").contains("4h");
    assertThat(entries(tmp)).isEmpty();
  }

  @Test
  void pca_unknownWeightMethod_exits2NamingIt(@TempDir Path tmp) throws IOException {
    Run run = cli("pca", "--H", "24", "--weight-method", "cube", "--data", DATA.toString(), "--out",
        tmp.resolve("pca").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errorLine()).contains("--weight-method").contains("cube").contains("sqrt_dollar");
    assertThat(entries(tmp)).isEmpty();
  }

  @Test
  void pca_badIntervalOrIntervalWithoutData_exits2(@TempDir Path tmp) throws IOException {
    Run bad = cli("pca", "--interval", "3h", "--data", DATA.toString(), "--out", tmp.resolve("a").toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.errorLine()).contains("--interval").contains("3h");

    Run none = cli("pca", "--interval", "1d", "--H", "24", "--data", DATA.toString(), "--out",
        tmp.resolve("b").toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.errorLine()).contains("candles_1d.parquet");
    assertThat(entries(tmp)).isEmpty();
  }

  @Test
  void pca_windowShorterThanFactors_orStartAfterEnd_exits2(@TempDir Path tmp) throws IOException {
    Run shortWindow = cli("pca", "--H", "4", "--K", "2", "--factors", "3", "--data", DATA.toString(), "--out",
        tmp.resolve("a").toString());
    assertThat(shortWindow.exit()).isEqualTo(2);
    assertThat(shortWindow.errorLine()).contains("--K 2").contains("--factors");

    Run reversed = cli("pca", "--H", "24", "--start", "2025-02-01", "--end", "2025-01-01", "--data",
        DATA.toString(), "--out", tmp.resolve("b").toString());
    assertThat(reversed.exit()).isEqualTo(2);
    assertThat(reversed.errorLine()).contains("start");
    assertThat(entries(tmp)).isEmpty();
  }

  @Test
  void pca_missingDataDir_exits1(@TempDir Path tmp) throws IOException {
    Run run = cli("pca", "--H", "24", "--data", tmp.resolve("no-such-data").toString(), "--out",
        tmp.resolve("pca").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errorLine()).contains("no-such-data");
    assertThat(entries(tmp)).isEmpty();
  }

  @Test
  void pca_noEstimationTimeWithEnoughCoins_exits1AndLeavesOldOutput(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("pca"));
    Files.writeString(out.resolve(OutputDir.MARKER), "command=pca\n");
    Files.writeString(out.resolve("keep.txt"), "previous run");
    // before 2023-02-26 no coin trades (zero volume is masked): no model can be estimated
    Run run = cli("pca", "--H", "24", "--end", "2023-02-01", "--data", DATA.toString(), "--out", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errorLine()).contains("H = 24 h").contains("no estimation time");
    assertThat(entries(out)).containsExactly(OutputDir.MARKER, "keep.txt");
    assertThat(entries(tmp)).containsExactly("pca");
  }

  @Test
  void pca_help_exits0() {
    Run run = cli("pca", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("--H").contains("--K").contains("--weight-method").contains("loadings.parquet");
  }
}
