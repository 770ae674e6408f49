package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped beta-neutral config end to end on the whole real 4h history (slow profile: about 10 s per run): the five
 * output files, an average gross exposure near the limit L = 1 (targets hold {@code sum |w| <= 1} at each decision,
 * checked in {@code BetaNeutralStrategyTest}; between decisions the legs drift, so the bound here allows 2%), fees
 * charged exactly on the bars that trade, {@code net = gross - funding - fees} on every bar, and the closed-form
 * variant of the same config.
 */
@Tag("slow")
class BetaNeutralBacktestSlowTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static synchronized int cli(String... args) {
    return CliRun.run(args).exit();
  }


  private static void checkRun(Path out, double maxGross) throws IOException {
    assertThat(out.resolve("report.html")).exists();
    assertThat(out.resolve("weights.parquet")).exists();
    assertThat(out.resolve("equity.png")).exists();
    JsonNode m = MAPPER.readTree(out.resolve("metrics.json").toFile());
    assertThat(m.get("sharpe").asDouble()).isFinite();
    assertThat(m.get("rebalances").asInt()).isGreaterThan(500);
    assertThat(m.get("avg_gross_exposure").asDouble()).isBetween(0.2, maxGross + 1e-6);
    List<String> rows = Files.readAllLines(out.resolve("returns.csv"));
    String[] head = rows.get(0).split(",");
    int fee = List.of(head).indexOf("fee_cost");
    int turn = List.of(head).indexOf("turnover");
    int net = List.of(head).indexOf("net_return");
    int gross = List.of(head).indexOf("gross_return");
    int fund = List.of(head).indexOf("funding_cost");
    for (String line : rows.subList(1, rows.size())) {
      String[] f = line.split(",");
      double t = Double.parseDouble(f[turn]);
      double c = Double.parseDouble(f[fee]);
      assertThat(c >= 0 && (t == 0) == (c == 0)).as(line).isTrue();
      assertThat(Double.parseDouble(f[net])).isCloseTo(Double.parseDouble(f[gross]) - Double.parseDouble(f[fund]) - c,
          within(1e-15));
    }
  }

  @Test
  void shippedConfig_costAwareWithLots_andTheClosedFormVariant(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("bn");
    assertThat(cli("backtest", "--config", "config/beta_neutral.json", "--data", DATA.toString(), "--out",
        out.toString())).isZero();
    checkRun(out, 1.02);
    ObjectNode cfg = (ObjectNode) MAPPER.readTree(Path.of("config/beta_neutral.json").toFile());
    ((ObjectNode) cfg.get("beta_neutral")).put("optimizer", "closed_form").put("lot_rounding", false);
    Path file = tmp.resolve("closed.json");
    MAPPER.writeValue(file.toFile(), cfg);
    Path out2 = tmp.resolve("closed");
    assertThat(cli("backtest", "--config", file.toString(), "--data", DATA.toString(), "--out", out2.toString()))
        .isZero();
    checkRun(out2, 1.02);
  }
}
