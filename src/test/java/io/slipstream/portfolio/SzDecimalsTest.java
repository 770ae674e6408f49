package io.slipstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.Panel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SzDecimalsTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));

  @Test
  void estimate_fewestDecimalsWithALotWorthAtMostOneDollar() {
    assertThat(SzDecimals.estimate(23493)).isEqualTo(5); // BTC: lot 1e-5 = 0.23 USD
    assertThat(SzDecimals.estimate(1632.8)).isEqualTo(4); // ETH
    assertThat(SzDecimals.estimate(20.949)).isEqualTo(2); // SOL
    assertThat(SzDecimals.estimate(0.096926)).isEqualTo(0); // DOGE
    assertThat(SzDecimals.estimate(13.514)).isEqualTo(2); // HYPE
    // boundaries: exactly 1 USD per lot is enough, and the clamp
    assertThat(SzDecimals.estimate(1.0)).isEqualTo(0);
    assertThat(SzDecimals.estimate(1.0000001)).isEqualTo(1);
    assertThat(SzDecimals.estimate(10.0)).isEqualTo(1);
    assertThat(SzDecimals.estimate(100.0)).isEqualTo(2);
    assertThat(SzDecimals.estimate(100.01)).isEqualTo(3);
    assertThat(SzDecimals.estimate(1e9)).isEqualTo(5);
    assertThat(SzDecimals.estimate(1e-8)).isEqualTo(0);
  }

  @Test
  void estimate_badPrice_throws() {
    assertThatThrownBy(() -> SzDecimals.estimate(0)).hasMessageContaining("priceUsd");
    assertThatThrownBy(() -> SzDecimals.estimate(Double.NaN)).hasMessageContaining("priceUsd");
    assertThatThrownBy(() -> SzDecimals.estimate(-3)).hasMessageContaining("priceUsd");
  }

  @Test
  void of_metaValues_lookUpAndLotSize() {
    SzDecimals sz = SzDecimals.of(Map.of("BTC", 5, "DOGE", 0, "SOL", 2));
    assertThat(sz.get("BTC")).isEqualTo(5);
    assertThat(sz.find("ETH")).isEqualTo(OptionalInt.empty());
    assertThat(sz.forCoins(List.of("SOL", "DOGE"))).containsExactly(2, 0);
    assertThat(sz.lotSize("BTC")).isEqualTo(0.00001);
    assertThat(sz.lotSize("SOL")).isEqualTo(0.01);
    assertThat(sz.lotSize("DOGE")).isEqualTo(1.0);
    assertThat(sz.asMap()).containsEntry("SOL", 2).hasSize(3);
    assertThatThrownBy(() -> sz.get("ETH")).hasMessageContaining("ETH");
    assertThatThrownBy(() -> SzDecimals.of(Map.of("X", -1))).hasMessageContaining("X").hasMessageContaining("-1");
    assertThatThrownBy(() -> SzDecimals.of(Map.of("X", 16))).hasMessageContaining("X");
  }

  @Test
  void fromFirstPrices_usesEachCoinsFirstValidClose() {
    double n = Double.NaN;
    Panel close = Panel.of(BarInterval.H4, 0L, 3, List.of("A", "B", "C"),
        new double[] {n, 20.949, 300, 0.5, 5000, 5000, n, n, n});
    SzDecimals sz = SzDecimals.fromFirstPrices(close);
    assertThat(sz.get("A")).isEqualTo(2);
    assertThat(sz.get("B")).isEqualTo(0);
    assertThat(sz.find("C")).isEmpty();
  }

  @Test
  void fromFirstPrices_realData_matches15Of17KnownValues() {
    // real szDecimals (see SzDecimals and tools/lots_szdecimals_check.py for the sources); MATIC is not in the data
    Map<String, Integer> real = new TreeMap<>(Map.ofEntries(Map.entry("BTC", 5), Map.entry("ETH", 4),
        Map.entry("ATOM", 2), Map.entry("DYDX", 1), Map.entry("SOL", 2), Map.entry("AVAX", 2), Map.entry("BNB", 3),
        Map.entry("APE", 1), Map.entry("OP", 1), Map.entry("LTC", 2), Map.entry("ARB", 1), Map.entry("DOGE", 0),
        Map.entry("INJ", 1), Map.entry("SUI", 1), Map.entry("HYPE", 2), Map.entry("kPEPE", 0), Map.entry("TAO", 1)));
    SzDecimals est = SzDecimals.fromFirstPrices(Lake.load(DIR, BarInterval.H4, false).close());

    Map<String, Integer> misses = new TreeMap<>();
    real.forEach((coin, d) -> {
      if (est.get(coin) != d) {
        misses.put(coin, est.get(coin));
      }
    });

    assertThat(misses).isEqualTo(Map.of("OP", 0, "TAO", 3));
  }
}
