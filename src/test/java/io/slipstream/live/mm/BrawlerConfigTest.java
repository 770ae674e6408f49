package io.slipstream.live.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrawlerConfigTest {
  private static void refuses(String symbols, String key, String... words) {
    assertThatThrownBy(() -> MmFixtures.parse(symbols)).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
        .hasMessageContainingAll(words);
  }

  @Test
  void parse_readsEveryKey() {
    BrawlerConfig c = MmFixtures.parse(MmFixtures.ETH);
    BrawlerConfig.SymbolConfig s = c.symbol("ETH");
    assertThat(s.mapping().cexSymbol()).isEqualTo("ETHUSDT");
    assertThat(s.mapping().sizeMultiplier()).isEqualTo(1.0);
    assertThat(s.tickDecimals()).isEqualTo(1);
    assertThat(c.backtest().markoutsMs()).containsExactly(1000L, 5000L, 30000L);
    assertThat(c.reduceOnlyGrossUsd()).isEqualTo(4000);
  }

  @Test
  void shippedConfig_parses() {
    BrawlerConfig c = BrawlerConfig.read(Path.of("config/brawler.json"));
    assertThat(c.symbols()).extracting(BrawlerConfig.SymbolConfig::coin).containsExactly("SOL", "kPEPE");
    assertThat(c.symbol("kPEPE").mapping().cexSymbol()).isEqualTo("1000PEPEUSDT");
  }

  @Test
  void unknownSymbol_refused() {
    refuses(MmFixtures.ETH.replace("\"ETH\"", "\"NOPE\""), "symbols.NOPE", "unknown symbol", "NOPE");
  }

  @Test
  void delistedSymbol_refused() {
    refuses(MmFixtures.ETH.replace("\"ETH\"", "\"OLD\"").replace("0.0001", "0.01"), "symbols.OLD", "delisted");
  }

  @Test
  void missingVenueMapping_refused() {
    refuses(MmFixtures.ETH.replace("\"cex_symbol\": \"ETHUSDT\", ", ""), "symbols.ETH.cex_symbol", "missing key");
  }

  @Test
  void badVenueSymbol_refused() {
    refuses(MmFixtures.ETH.replace("ETHUSDT", "eth-usd"), "symbols.ETH.cex_symbol", "eth-usd");
  }

  @Test
  void tickSizeDisagreeingWithMeta_refused() {
    // szDecimals 4 allows 2 price decimals
    refuses(MmFixtures.ETH.replace("\"tick_size\": 0.1", "\"tick_size\": 0.001"), "symbols.ETH.tick_size",
        "disagrees with meta", "0.001");
    // not a power of ten
    refuses(MmFixtures.ETH.replace("\"tick_size\": 0.1", "\"tick_size\": 0.25"), "symbols.ETH.tick_size", "0.25");
    // finer than the 5-significant-figure step at 2000 (0.1)
    refuses(MmFixtures.ETH.replace("\"tick_size\": 0.1", "\"tick_size\": 0.01"), "symbols.ETH.tick_size",
        "5 significant figures", "0.01");
  }

  @Test
  void lotSizeDisagreeingWithMeta_refused() {
    refuses(MmFixtures.ETH.replace("\"lot_size\": 0.0001", "\"lot_size\": 0.001"), "symbols.ETH.lot_size",
        "szDecimals 4", "0.001");
  }

  @Test
  void negativeSpreadsAndSizes_refused() {
    refuses(MmFixtures.ETH.replace("\"base_spread_bps\": 5", "\"base_spread_bps\": -1"),
        "symbols.ETH.base_spread_bps", "-1");
    refuses(MmFixtures.ETH.replace("\"quote_size_usd\": 200", "\"quote_size_usd\": -200"),
        "symbols.ETH.quote_size_usd", "-200");
    refuses(MmFixtures.ETH.replace("\"skew_bps\": 10", "\"skew_bps\": -3"), "symbols.ETH.skew_bps", "-3");
  }

  @Test
  void quotingInsideTheSpread_refused() {
    // BTC at 60000 with a tick of 1: base 0.005 bps gives a spread of 0.06 USD < 1 tick
    refuses(MmFixtures.BTC.replace("\"base_spread_bps\": 5", "\"base_spread_bps\": 0.005"),
        "symbols.BTC.base_spread_bps", "inside the spread", "0.005");
  }

  @Test
  void unknownAndDuplicateKeys_refused() {
    refuses(MmFixtures.ETH.replace("\"vol_k\": 1", "\"vol_kk\": 1"), "symbols.ETH.vol_kk", "unknown key");
    assertThatThrownBy(() -> BrawlerConfig.parse(MmFixtures.config(MmFixtures.ETH)
        .replace("\"name\": \"t\",", "\"name\": \"t\", \"name\": \"u\","), "x"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("name");
  }

  @Test
  void killBelowMax_andReduceOnlyAboveCap_refused() {
    refuses(MmFixtures.ETH.replace("\"kill_inventory_usd\": 1500", "\"kill_inventory_usd\": 900"),
        "symbols.ETH.kill_inventory_usd", "900");
    assertThatThrownBy(() -> BrawlerConfig.parse(MmFixtures.config(MmFixtures.ETH)
        .replace("\"reduce_only_gross_usd\": 4000", "\"reduce_only_gross_usd\": 6000"), "x"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("reduce_only_gross_usd").hasMessageContaining("6000");
  }

  @Test
  void missingReferenceMid_refused() {
    BrawlerConfig c = BrawlerConfig.parse(MmFixtures.config(MmFixtures.ETH), "x");
    assertThatThrownBy(() -> c.validate(MmFixtures.META, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("symbols.ETH");
  }

  @Test
  void symbolMap_defaultsAndUnits() {
    SymbolMap.Mapping pepe = SymbolMap.defaultMapping("kPEPE");
    assertThat(pepe.cexSymbol()).isEqualTo("1000PEPEUSDT");
    assertThat(pepe.streamName()).isEqualTo("1000pepeusdt@bookTicker");
    assertThat(SymbolMap.defaultMapping("BTC").cexSymbol()).isEqualTo("BTCUSDT");
    SymbolMap.Mapping perUnit = new SymbolMap.Mapping("kPEPE", "PEPEUSDT", 1000);
    assertThat(perUnit.toHlPx(0.000012)).isEqualTo(0.012);
    assertThat(perUnit.toHlSz(5_000_000)).isEqualTo(5000);
    SymbolMap m = SymbolMap.defaults(java.util.List.of("BTC", "kPEPE"));
    assertThat(m.byCex("1000pepeusdt").orElseThrow().hlCoin()).isEqualTo("kPEPE");
  }
}
