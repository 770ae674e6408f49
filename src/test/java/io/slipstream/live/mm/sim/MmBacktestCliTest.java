package io.slipstream.live.mm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.cli.Main;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.mm.Bbo;
import io.slipstream.live.mm.Feed;
import io.slipstream.live.mm.MarketTape;
import io.slipstream.live.mm.MmLake;
import io.slipstream.live.mm.Trade;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mm backtest} end to end: a synthetic two-hour recording written in the lake layout, replayed by the CLI. */
class MmBacktestCliTest {
  @TempDir
  Path tmp;

  @Test
  @Tag("slow") // ~30 s: most of it writing and reading the hourly Parquet files
  void backtest_writesReportWhosePnlAddsUp() throws Exception {
    List<String> coins = List.of("AAA", "BBB");
    long start = 1_700_000_000_000L;
    MarketTape tape = SyntheticTape.generate(coins, new double[] {100, 250}, new double[] {0.01, 0.01}, 60_000,
        start, 2 * 3_600_000L, 0.3, 7);
    Path data = tmp.resolve("data");
    MmLake.writeMeta(data, new Meta(List.of(new AssetMeta(0, "AAA", 2, 10, false),
        new AssetMeta(1, "BBB", 2, 10, false))));
    writeHourly(data, "bbo_cex", tape.cex(), Feed.CEX, coins);
    writeHourly(data, "bbo_hl", tape.hl(), Feed.HL, coins);
    List<Trade> trades = new ArrayList<>();
    MarketTape.TradeStream t = tape.trades();
    for (int i = 0; i < t.size(); i++) {
      trades.add(new Trade(coins.get(t.coin()[i]), t.px()[i], t.sz()[i], t.buyerAggressor()[i], t.eventMs()[i],
          t.receiveMs()[i]));
    }
    MmLake.writeTrades(MmLake.hourFile(data, "trades_hl", start), trades);
    String cfg = Files.readString(Path.of("config/brawler.json"));
    String sym = """
        "%s": {"cex_symbol": "%sUSDT", "tick_size": 0.01, "lot_size": 0.01, "base_spread_bps": 2, "vol_k": 1,
          "skew_bps": 6, "quote_size_usd": 150, "max_inventory_usd": 900, "kill_inventory_usd": 1350,
          "vol_ceiling_bps": 60, "basis_deviation_bps": 20}""";
    cfg = cfg.substring(0, cfg.indexOf("\"symbols\"")) + "\"symbols\": {" + sym.formatted("AAA", "AAA") + ","
        + sym.formatted("BBB", "BBB") + "}}";
    Path cfgFile = tmp.resolve("brawler.json");
    Files.writeString(cfgFile, cfg);
    Path out = tmp.resolve("out");
    int code = Main.execute("mm", "backtest", "--config", cfgFile.toString(), "--data", data.toString(), "--out",
        out.toString());
    assertThat(code).isZero();
    for (String f : List.of("summary.json", "pnl.csv", "fills.csv", "inventory.csv", "suspended.csv", "report.md")) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("events").asLong()).isEqualTo(60_000);
    assertThat(s.get("fills").asInt()).isPositive();
    JsonNode total = s.get("total");
    double parts = total.get("spread_capture_usd").asDouble() + total.get("inventory_pnl_usd").asDouble()
        + total.get("fees_usd").asDouble() + total.get("funding_usd").asDouble();
    assertThat(parts).isCloseTo(total.get("total_usd").asDouble(), within(1e-9));
    // with 150 ms feed and 250 ms order latency some quotes arrive after the book moved through them
    assertThat(s.get("post_only_rejections").asLong()).isLessThan(s.get("orders_placed").asLong());
    assertThat(s.get("markouts")).hasSize(3);
    assertThat(Files.readString(out.resolve("report.md"))).contains("Markouts", "spread capture");
  }

  @Test
  void backtest_missingData_exitsOneNamingThePath() {
    Path missing = tmp.resolve("nothing");
    int code = Main.execute("mm", "backtest", "--config", "config/brawler.json", "--data",
        tmp.resolve("nothing").toString(), "--out", tmp.resolve("o").toString());
    assertThat(code).isEqualTo(1);
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  private static void writeHourly(Path dir, String dataset, MarketTape.BboStream s, Feed feed, List<String> coins) {
    List<Bbo> hour = new ArrayList<>();
    long h = -1;
    for (int i = 0; i < s.size(); i++) {
      long hh = s.eventMs()[i] / 3_600_000L;
      if (hh != h && !hour.isEmpty()) {
        MmLake.writeBbo(MmLake.hourFile(dir, dataset, h * 3_600_000L), hour);
        hour = new ArrayList<>();
      }
      h = hh;
      hour.add(new Bbo(coins.get(s.coin()[i]), feed, s.bidPx()[i], s.bidSz()[i], s.askPx()[i], s.askSz()[i],
          s.eventMs()[i], s.receiveMs()[i]));
    }
    MmLake.writeBbo(MmLake.hourFile(dir, dataset, h * 3_600_000L), hour);
  }
}
