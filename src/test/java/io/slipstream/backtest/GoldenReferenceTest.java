package io.slipstream.backtest;

import io.slipstream.strategy.gradient.GradientConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java backtest against golden ledgers of the independent pandas implementation
 * ({@code tools/reference_backtest.py}; provenance in {@code tools/golden/README.md}): same bar times exactly,
 * every numeric column within 1e-9 absolute, book sizes exactly.
 */
class GoldenReferenceTest {
  private static final double TOL = 1e-9;
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));

  static Stream<Arguments> goldens() {
    return Stream.of(
        Arguments.of("config/gradient.json", "2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z",
            "/golden/gradient_4h_2025-01-01_2025-03-01.csv", 354),
        Arguments.of("config/gradient_1h.json", "2025-02-01T00:00:00Z", "2025-02-15T00:00:00Z",
            "/golden/gradient_1h_2025-02-01_2025-02-15.csv", 336));
  }

  private static List<String> lines(String resource) {
    try (InputStream in = GoldenReferenceTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0} {1} .. {2}")
  @MethodSource("goldens")
  void run_sameWindowAsReference_matchesGoldenLedger(String config, String start, String end, String golden,
      int expectedRows, @TempDir Path tmp) throws IOException {
    BacktestConfig cfg = ConfigParser.parse(Path.of(config))
        .withWindow(Optional.of(Instant.parse(start)), Optional.of(Instant.parse(end)));
    MarketData md = Lake.load(DIR, cfg.params(GradientConfig.class).interval(), cfg.funding());

    BacktestResult r = Backtester.run(md, cfg);
    Path csv = tmp.resolve("returns.csv");
    LedgerFiles.writeReturnsCsv(csv, r);

    List<String> ref = lines(golden);
    List<String> got = Files.readAllLines(csv);
    assertThat(got.get(0)).isEqualTo(LedgerFiles.RETURNS_HEADER).isEqualTo(ref.get(0));
    assertThat(ref).hasSize(expectedRows + 1);
    assertThat(got).hasSameSizeAs(ref);
    List<String> mismatches = new ArrayList<>();
    for (int i = 1; i < ref.size(); i++) {
      String[] a = ref.get(i).split(",");
      String[] b = got.get(i).split(",");
      assertThat(b).hasSize(9);
      assertThat(Instant.parse(b[0])).as("time of row %d", i).isEqualTo(Instant.parse(a[0]));
      assertThat(Instant.parse(b[0])).isEqualTo(r.time(i - 1));
      for (int k = 1; k <= 6; k++) {
        double x = Double.parseDouble(a[k]);
        double y = Double.parseDouble(b[k]);
        if (!(Math.abs(x - y) <= TOL)) {
          mismatches.add(a[0] + " column " + k + ": reference " + x + " java " + y);
        }
      }
      assertThat(Integer.parseInt(b[7])).as("n_long at %s", a[0]).isEqualTo(Integer.parseInt(a[7]));
      assertThat(Integer.parseInt(b[8])).as("n_short at %s", a[0]).isEqualTo(Integer.parseInt(a[8]));
    }
    assertThat(mismatches).isEmpty();
    // the CSV round-trips the ledger doubles exactly (full precision)
    assertThat(Double.parseDouble(got.get(got.size() - 1).split(",")[5])).isEqualTo(r.nav()[r.size() - 1]);
  }
}
