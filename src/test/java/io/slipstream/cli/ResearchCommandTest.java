package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream research joint} end to end on the real 4h lake (H = 24 and 48, 200 bootstrap resamples): the
 * three tables, the printed summary, a data fact (funding is predictable out of sample: R^2 > 0.1, measured 0.29
 * at H = 24), the same numbers on a second run (seeded), and exit code 2 with nothing written for bad usage.
 */
class ResearchCommandTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));

  private record Run(int exit, String out, String err) {
  }

  private static synchronized Run cli(String... args) {
    CliRun.Result r = CliRun.run(args);
    return new Run(r.exit(), r.out(), r.err());
  }


  @Test
  void joint_realData_writesTablesAndFindsFundingPredictable(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("joint");
    Run r = cli("research", "joint", "--H", "24", "48", "--bootstrap", "200", "--data", DATA.toString(), "--out",
        out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("H* = ").contains("deciles of predicted total alpha");
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(summary).hasSize(3);
    String[] h = summary.get(0).split(",");
    String[] row24 = summary.get(1).split(",");
    assertThat(row24[0]).isEqualTo("24");
    int r2f = List.of(h).indexOf("r2_funding");
    int lo = List.of(h).indexOf("r2_funding_lo");
    int hi = List.of(h).indexOf("r2_funding_hi");
    double f = Double.parseDouble(row24[r2f]);
    assertThat(f).isGreaterThan(0.1);
    assertThat(Double.parseDouble(row24[lo])).isLessThan(f);
    assertThat(Double.parseDouble(row24[hi])).isGreaterThan(f);
    assertThat(Integer.parseInt(row24[1])).isGreaterThan(500);
    assertThat(summary.stream().filter(l -> l.endsWith(",true")).count()).isEqualTo(1);
    assertThat(Files.readAllLines(out.resolve("deciles.csv"))).hasSize(1 + 2 * 10);
    assertThat(Files.readAllLines(out.resolve("coefficients.csv"))).hasSize(1 + 2 * 2 * 9);
    Path again = tmp.resolve("again");
    assertThat(cli("research", "joint", "--H", "24", "48", "--bootstrap", "200", "--data", DATA.toString(), "--out",
        again.toString()).exit()).isZero();
    assertThat(Files.readString(again.resolve("summary.csv"))).isEqualTo(Files.readString(out.resolve("summary.csv")));
  }

  @Test
  void badUsage_exits2_andWritesNothing(@TempDir Path tmp) {
    Path out = tmp.resolve("x");
    Run r = cli("research", "joint", "--H", "6", "--data", DATA.toString(), "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--H").contains("multiple");
    Run w = cli("research", "joint", "--H", "24", "--weight-method", "cube", "--data", DATA.toString(), "--out",
        out.toString());
    assertThat(w.exit()).isEqualTo(2);
    assertThat(w.err()).contains("--weight-method");
    Run b = cli("research", "joint", "--H", "24", "--bootstrap", "5", "--data", DATA.toString(), "--out",
        out.toString());
    assertThat(b.exit()).isEqualTo(2);
    assertThat(b.err()).contains("bootstrap");
    assertThat(Files.exists(out)).isFalse();
  }
}
