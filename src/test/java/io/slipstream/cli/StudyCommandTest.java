package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream study random} end to end on the real 4h data (booked from 2024-06-01): the summary line, the
 * files, reproducibility with the seed, and the bad inputs (exit 2, no --out folder).
 */
class StudyCommandTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Path config(Path dir) throws IOException {
    ObjectNode n = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("config/gradient.json")));
    n.put("start", "2024-06-01T00:00:00Z");
    Path f = dir.resolve("cfg.json");
    Files.writeString(f, n.toString());
    return f;
  }

  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("cfg.json")).sorted().toList();
    }
  }

  @Test
  void studyRandom_realData_printsTheSeedSummaryAndWritesFiles(@TempDir Path tmp) throws IOException {
    Path cfg = config(tmp);
    Path out = tmp.resolve("study");
    CliRun.Result r = CliRun.run("study", "random", "--config", cfg.toString(), "--data", DATA.toString(), "--n", "20",
        "--window", "10d", "--seed", "1", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String first = r.out().lines().findFirst().orElseThrow();
    assertThat(first).matches("20 random 10-day windows: return mean [+-]\\d+\\.\\d\\d% \\+- \\d+\\.\\d\\d% \\(std\\), "
        + "annualised Sharpe mean -?\\d+\\.\\d\\d \\+- \\d+\\.\\d\\d; full period 2024-06-01 \\.\\. "
        + "\\d{4}-\\d\\d-\\d\\d: return [+-]\\d+\\.\\d\\d%, Sharpe -?\\d+\\.\\d\\d");
    assertThat(leftovers(tmp)).containsExactly("study");

    List<String> csv = Files.readAllLines(out.resolve("windows.csv"));
    assertThat(csv).hasSize(21);
    List<String> header = List.of(csv.get(0).split(","));
    assertThat(header).startsWith("window", "start", "end").contains("total_return", "sharpe", "max_drawdown",
        "turnover");
    int ret = header.indexOf("total_return");
    int sh = header.indexOf("sharpe");
    double sum = 0;
    double sumSharpe = 0;
    for (int i = 1; i <= 20; i++) {
      String[] f = csv.get(i).split(",");
      assertThat(java.time.Duration.between(java.time.Instant.parse(f[1]), java.time.Instant.parse(f[2])))
          .isEqualTo(java.time.Duration.ofDays(10));
      sum += Double.parseDouble(f[ret]);
      sumSharpe += Double.parseDouble(f[sh]);
    }
    JsonNode s = MAPPER.readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("windows").asInt()).isEqualTo(20);
    assertThat(s.get("seed").asLong()).isEqualTo(1);
    assertThat(s.get("total_return").get("mean").asDouble()).isCloseTo(sum / 20,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(first).contains(String.format(Locale.ROOT, "return mean %+.2f%%", 100 * sum / 20))
        .contains(String.format(Locale.ROOT, "Sharpe mean %.2f", sumSharpe / 20));
    assertThat(first).contains(String.format(Locale.ROOT, "Sharpe %.2f",
        s.get("full_period").get("sharpe").asDouble()));

    // the old spelling --days 10 still works and means the same
    CliRun.Result again = CliRun.run("study", "random", "--config", cfg.toString(), "--data", DATA.toString(), "--n",
        "20", "--days", "10", "--seed", "1");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out().lines().findFirst().orElseThrow()).isEqualTo(first);
  }

  private static void assertUsageError(Path tmp, String expected, String... options) throws IOException {
    Path out = tmp.resolve("study");
    List<String> args = new java.util.ArrayList<>(List.of("study", "random", "--config", config(tmp).toString(),
        "--data", DATA.toString(), "--out", out.toString()));
    args.addAll(List.of(options));
    CliRun.Result r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("error:").contains(expected);
    assertThat(out).doesNotExist();
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  void studyRandom_badInput_exits2AndWritesNothing(@TempDir Path tmp) throws IOException {
    assertUsageError(tmp, "--n", "--n", "0");
    assertUsageError(tmp, "--window", "--window", "0d");
    assertUsageError(tmp, "longer than the booked window", "--window", "1000d");
  }

  @Test
  void study_withoutSubcommand_exits2() {
    CliRun.Result r = CliRun.run("study");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("random");
  }
}
