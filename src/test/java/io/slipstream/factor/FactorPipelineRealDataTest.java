package io.slipstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real Hyperliquid 4h panel (186 coins, 2022-11 .. 2025-07), H = 24 h, K = 30, sqrt weighting:
 * models exist after the warm-up, PC1 (the market) explains a large share, the BTC loading is positive, loadings
 * and betas are finite, and {@code sum_i l_i beta_i = 1} (OLS identity when every coin of the set is present).
 */
class FactorPipelineRealDataTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static MarketData data;
  private static FactorHistory h24;

  @BeforeAll
  static void load() {
    data = Lake.load(DATA, BarInterval.H4, false);
    h24 = FactorPipeline.run(data, PcaConfig.of(24));
  }

  @Test
  void h24_modelsExistAfterWarmUp_everyDayOnceEnoughCoinsTrade() {
    int[] rows = h24.estimationRows();
    assertThat(h24.windowObservations()).isEqualTo(180);
    assertThat(rows.length).isGreaterThan(700);
    // the file starts 2022-11-30 but trading (non-zero volume) starts 2023-02-26 with 3 coins, and a market-wide
    // missing bar on 2023-04-18 08:00 empties every window for the next 30 days: the first models come in 2023;
    // from 2023-06-01 on every daily estimation time has a model
    long june2023 = java.time.Instant.parse("2023-06-01T00:00:00Z").toEpochMilli();
    assertThat(h24.models().get(0).estimatedAtMs()).isLessThan(june2023);
    for (int s : h24.skippedRows()) {
      assertThat(data.close().closeTimeMs(s)).isLessThan(june2023);
    }
    for (int j = 1; j < rows.length; j++) {
      if (data.close().closeTimeMs(rows[j]) >= june2023) {
        assertThat(rows[j] - rows[j - 1]).isEqualTo(6);
      }
    }
    FactorModel last = h24.models().get(h24.models().size() - 1);
    assertThat(last.size()).isGreaterThan(120);
    assertThat(last.estimatedAt().toString()).startsWith("2025-07-2");
  }

  @Test
  void h24_pc1ExplainsALargeShare_btcLoadingPositive_allFinite() {
    double sumRatio = 0;
    int withBtc = 0;
    for (FactorModel m : h24.models()) {
      double r1 = m.explainedVarianceRatio(0);
      sumRatio += r1;
      assertThat(r1).isGreaterThan(m.explainedVarianceRatio(1));
      assertThat(m.explainedVarianceRatio(1)).isGreaterThanOrEqualTo(m.explainedVarianceRatio(2));
      int btc = m.coins().indexOf("BTC");
      if (btc >= 0) {
        withBtc++;
        assertThat(m.loading(0, btc)).isPositive();
      } else {
        // BTC misses a bar on 2023-04-18 and 2023-06-13: out of the set for one window; sum of loadings > 0
        assertThat(Arrays.stream(m.loadings(0)).sum()).isPositive();
      }
      for (int f = 0; f < 3; f++) {
        assertThat(Arrays.stream(m.loadings(f)).allMatch(Double::isFinite)).isTrue();
      }
      assertThat(Arrays.stream(m.betas()).allMatch(Double::isFinite)).isTrue();
      double lb = 0;
      double[] l = m.loadings(0);
      for (int k = 0; k < m.size(); k++) {
        lb += l[k] * m.beta(k);
      }
      assertThat(lb).isCloseTo(1.0, within(1e-9));
    }
    assertThat(withBtc).isGreaterThan(h24.models().size() * 9 / 10);
    double mean = sumRatio / h24.models().size();
    assertThat(mean).isGreaterThan(0.35).isLessThan(0.95);
    // PC1 is the market: almost all loadings share its sign
    FactorModel last = h24.models().get(h24.models().size() - 1);
    long positive = Arrays.stream(last.loadings(0)).filter(v -> v > 0).count();
    assertThat(positive).isGreaterThan((long) (0.95 * last.size()));
  }

  @Test
  void h24_outOfSampleMarketReturn_tracksTheAverageCoin() {
    double[] oos = h24.outOfSampleFactorReturns(0);
    assertThat(oos).hasSize(h24.models().size() - 1);
    assertThat(Arrays.stream(oos).allMatch(Double::isFinite)).isTrue();
    // R_m of a unit-norm, nearly equal-weight portfolio of N coins is about sqrt(N) x the mean coin return:
    // strongly positively correlated with BTC's daily return
    int btc = data.close().columnOf("BTC").getAsInt();
    int[] rows = h24.estimationRows();
    double[] b = new double[oos.length];
    for (int j = 0; j < oos.length; j++) {
      b[j] = Math.log(data.close().get(rows[j + 1], btc) / data.close().get(rows[j], btc));
    }
    assertThat(new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(oos, b))
        .isGreaterThan(0.6);
  }
}
