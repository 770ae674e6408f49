package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream grid --engine spark --master local[2]} end to end through {@link Main#execute}: exit 0, and the
 * same summary and best config as {@code --engine multicore}. No session is running, so the engine creates its own
 * and stops it.
 */
class SparkGridCommandTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path tmp;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private String[] args(Path config, Path grid, Path out, String... engine) {
    String[] base = {"grid", "--config", config.toString(), "--grid", grid.toString(), "--data", DATA.toString(),
        "--out", out.toString(), "--blocks", "8"};
    String[] all = new String[base.length + engine.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(engine, 0, all, base.length, engine.length);
    return all;
  }

  @Test
  void grid_sparkEngineLocal2_exits0WithTheMultiCoreSummary() throws IOException {
    ObjectNode cfg = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("config", "gradient.json")));
    cfg.put("start", "2025-01-01T00:00:00Z");
    Path config = tmp.resolve("gradient.json");
    Files.writeString(config, MAPPER.writeValueAsString(cfg));
    Path grid = tmp.resolve("grid.json");
    Files.writeString(grid, "{\"concentration_pct\": [20, 30], \"rebalance_freq_hours\": [4, 12], "
        + "\"vol_span\": [24, 48]}");

    CliRun.Result spark = CliRun.run(args(config, grid, tmp.resolve("spark"), "--engine", "spark", "--master",
        "local[2]"));
    assertThat(spark.exit()).as(spark.err()).isZero();
    assertThat(spark.err()).contains("8 to run with the spark engine").doesNotContain("error");
    assertThat(spark.out()).contains("grid: 8 configurations (0 failed)");
    CliRun.Result multi = CliRun.run(args(config, grid, tmp.resolve("multicore"), "--engine", "multicore",
        "--threads", "2"));
    assertThat(multi.exit()).as(multi.err()).isZero();

    for (String f : new String[] {"summary.json", "best_config.json"}) {
      assertThat(Files.readString(tmp.resolve("spark").resolve(f))).as(f)
          .isEqualTo(Files.readString(tmp.resolve("multicore").resolve(f)));
    }
    assertThat(MAPPER.readTree(tmp.resolve("spark").resolve("summary.json").toFile()).get("configurations").asInt())
        .isEqualTo(8);
    assertThat(tmp.resolve("spark").resolve("report.html")).isRegularFile();
  }

  @Test
  void grid_sparkEngineBlankMaster_exits2NamingTheOption() throws IOException {
    Path grid = tmp.resolve("grid.json");
    Files.writeString(grid, "{\"concentration_pct\": [20, 30]}");
    CliRun.Result r = CliRun.run(args(Path.of("config", "gradient.json"), grid, tmp.resolve("out"), "--engine",
        "spark", "--master", " "));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("error: --master");
  }
}
