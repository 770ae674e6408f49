package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.live.RecordedInfoApi;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.InfoApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipstream ingest hyperliquid} with the exchange replaced by the recorded lake. */
class IngestCommandTest {
  private static final long NOW = Instant.parse("2025-01-10T02:30:00Z").toEpochMilli();
  private Function<String, InfoApi> savedFactory;
  private LongSupplier savedClock;
  private final List<String> endpoints = new ArrayList<>();

  @BeforeEach
  void fake() {
    savedFactory = IngestCommand.clientFactory;
    savedClock = IngestCommand.clockMs;
    IngestCommand.clientFactory = endpoint -> {
      endpoints.add(endpoint);
      return RecordedInfoApi.at(NOW);
    };
    IngestCommand.clockMs = () -> NOW;
  }

  @AfterEach
  void restore() {
    IngestCommand.clientFactory = savedFactory;
    IngestCommand.clockMs = savedClock;
  }

  @Test
  void ingest_twoCoins_writesTheLakeAndPrintsTheSummary(@TempDir Path dir) {
    CliRun.Result r = CliRun.run("ingest", "hyperliquid", "--coins", "BTC, ETH", "--interval", "4h", "--since",
        "2025-01-01", "--data", dir.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    MarketData md = Lake.load(dir, BarInterval.H4, true);
    assertThat(md.coins()).containsExactly("BTC", "ETH");
    assertThat(md.close().firstOpenMs()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
    assertThat(md.close().closeTimeMs(md.rows() - 1)).isEqualTo(Instant.parse("2025-01-10T00:00:00Z").toEpochMilli());
    // 9 days of 6 bars a coin
    assertThat(r.out()).contains("candles_4h.parquet: 108 rows fetched, 108 added, 0 replaced, 108 in file")
        .contains("open times 2025-01-01T00:00:00Z .. 2025-01-09T20:00:00Z");
    assertThat(r.err()).contains("BTC").contains("ETH");
    assertThat(endpoints).containsExactly("https://api.hyperliquid.xyz");

    CliRun.Result again = CliRun.run("ingest", "hyperliquid", "--coins", "BTC,ETH", "--interval", "4h", "--since",
        "2025-01-01T00:00:00Z", "--data", dir.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("0 added, 0 replaced, 108 in file (unchanged)");
  }

  @Test
  void ingest_all_fetchesEveryListedCoin(@TempDir Path dir) {
    CliRun.Result r = CliRun.run("ingest", "hyperliquid", "--coins", "all", "--interval", "4h", "--since",
        "2025-01-09", "--data", dir.toString(), "--testnet");

    assertThat(r.exit()).as(r.err()).isZero();
    long listed = RecordedInfoApi.at(NOW).meta().universe().stream().filter(a -> !a.delisted()).count();
    assertThat(r.out()).contains("coins: " + listed + " from https://api.hyperliquid-testnet.xyz");
    assertThat(endpoints).containsExactly("https://api.hyperliquid-testnet.xyz");
    List<String> inLake = Lake.readCandles(dir.resolve("candles_4h.parquet")).dictionary("coin");
    assertThat(inLake).contains("BTC", "HYPE").hasSizeGreaterThan(100);
    assertThat(RecordedInfoApi.at(NOW).meta().universe().stream().filter(AssetMeta::delisted).count()).isZero();
  }

  @Test
  void ingest_customEndpoint_passedToTheClientFactory(@TempDir Path dir) {
    CliRun.Result r = CliRun.run("ingest", "hyperliquid", "--coins", "BTC", "--interval", "4H", "--since",
        "2025-01-09", "--data", dir.toString(), "--endpoint", "http://127.0.0.1:8080/");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(endpoints).containsExactly("http://127.0.0.1:8080");
    assertThat(Files.exists(dir.resolve("candles_4h.parquet"))).isTrue();
  }

  @Test
  void ingest_badOptions_exit2NamingTheOption(@TempDir Path dir) {
    String d = dir.toString();
    List<String[]> cases = List.of(
        new String[] {"--coins", "BTC,,ETH", "--interval", "4h", "--since", "2025-01-01", "--data", d},
        new String[] {"--coins", "BTC,BTC", "--interval", "4h", "--since", "2025-01-01", "--data", d},
        new String[] {"--coins", "NOPE", "--interval", "4h", "--since", "2025-01-01", "--data", d},
        new String[] {"--coins", "BTC", "--interval", "3h", "--since", "2025-01-01", "--data", d},
        new String[] {"--coins", "BTC", "--interval", "4h", "--since", "yesterday", "--data", d},
        new String[] {"--coins", "BTC", "--interval", "4h", "--since", "2025-02-01", "--data", d},
        new String[] {"--coins", "BTC", "--interval", "4h", "--since", "2025-01-01", "--data", d, "--endpoint",
            "ftp://x"},
        new String[] {"--coins", "BTC", "--interval", "4h", "--since", "2025-01-01", "--data", d, "--endpoint",
            "http://127.0.0.1:1", "--testnet"});
    List<String> named = List.of("--coins", "--coins", "--coins", "--interval", "--since", "--since", "--endpoint",
        "--testnet");
    for (int k = 0; k < cases.size(); k++) {
      List<String> args = new ArrayList<>(List.of("ingest", "hyperliquid"));
      args.addAll(List.of(cases.get(k)));

      CliRun.Result r = CliRun.run(args.toArray(new String[0]));

      assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).contains(named.get(k));
    }
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void ingest_missingRequiredOption_exit2() {
    CliRun.Result r = CliRun.run("ingest", "hyperliquid", "--coins", "BTC", "--interval", "4h");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--since");
  }
}
