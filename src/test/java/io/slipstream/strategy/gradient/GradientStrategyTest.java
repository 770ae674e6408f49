package io.slipstream.strategy.gradient;

import io.slipstream.strategy.BarReplay;
import io.slipstream.cost.CostModel;
import io.slipstream.cost.FeeModel;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.portfolio.WeightScheme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.signal.GradientSignals;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The strategy fed bar by bar ({@link BarReplay}, what the live adapter runs) and the vectorised
 * {@link GradientStrategy#batch} agree bit for bit on the real 4h Hyperliquid data (DESIGN.md: "a test proves it").
 */
class GradientStrategyTest {
  private static final CostModel ZERO_COSTS = CostModel.flat(new FeeModel(0, 0, 0, 0), 1);

  /** Loaded once for the class. */
  private static final class Real {
    static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
    static final BacktestConfig CFG = ConfigParser.parse(Path.of("config/gradient.json"));
    static final MarketData H4 = Lake.load(DIR, BarInterval.H4, true);
  }

  private static GradientConfig variant(GradientConfig g) {
    return new GradientConfig(g.interval(), 20, 12, WeightScheme.EQUAL, List.of(3, 17, 90), 12, 50,
        g.liquidityThresholdUsd(), g.liquidityImpactPct(), 2.0, 5);
  }

  private static int assertSameTargetsAtEveryRow(GradientConfig cfg, MarketData md) {
    TargetSource replay = BarReplay.of(new GradientStrategy(cfg, md.coins()), md, ZERO_COSTS);
    TargetSource batch = new GradientStrategy(cfg, md.coins()).batch(md);
    int booksWithPositions = 0;
    for (int row = 0; row < md.rows(); row++) {
      Optional<TargetWeights> a = replay.targetsAt(row);
      Optional<TargetWeights> b = batch.targetsAt(row);
      assertThat(a.isPresent()).as("row %d", row).isEqualTo(b.isPresent())
          .isEqualTo(cfg.isRebalanceTime(md.close().closeTimeMs(row)));
      if (a.isPresent()) {
        TargetWeights x = a.get();
        TargetWeights y = b.get();
        assertThat(x.decisionTimeMs()).isEqualTo(y.decisionTimeMs()).isEqualTo(md.close().closeTimeMs(row));
        assertThat(x.nLong()).as("row %d", row).isEqualTo(y.nLong());
        assertThat(x.nShort()).as("row %d", row).isEqualTo(y.nShort());
        assertThat(Arrays.equals(x.weights(), y.weights())).as("weights at row %d", row).isTrue();
        if (x.nLong() > 0) {
          booksWithPositions++;
        }
      }
    }
    return booksWithPositions;
  }

  @Test
  void batchAndReplay_realData4hGradientConfig_bitIdenticalTargetsAtEveryRow() {
    int books = assertSameTargetsAtEveryRow(Real.CFG.params(GradientConfig.class), Real.H4);

    assertThat(books).isGreaterThan(4000);
  }

  @Test
  void batchAndReplay_realData4hVariantConfig_bitIdenticalTargetsAtEveryRow() {
    int books = assertSameTargetsAtEveryRow(variant(Real.CFG.params(GradientConfig.class)), Real.H4);

    assertThat(books).isGreaterThan(1000);
  }

  @Test
  void backtester_realData4hBothSources_bitIdenticalLedgers() {
    BacktestConfig cfg = Real.CFG;
    MarketData md = Real.H4;
    BacktestResult viaReplay = Backtester.run(md,
        BarReplay.of(new GradientStrategy(cfg.params(GradientConfig.class), md.coins()), md, ZERO_COSTS), cfg.costs(), cfg.funding(),
        cfg.start(), cfg.end());
    BacktestResult viaBatch = Backtester.run(md, new GradientStrategy(cfg.params(GradientConfig.class), md.coins()).batch(md),
        cfg.costs(), cfg.funding(), cfg.start(), cfg.end());
    BacktestResult viaConfig = Backtester.run(md, cfg);

    for (BacktestResult other : List.of(viaBatch, viaConfig)) {
      assertThat(other.closeTimesMs()).containsExactly(viaReplay.closeTimesMs());
      assertThat(Arrays.equals(other.grossReturns(), viaReplay.grossReturns())).isTrue();
      assertThat(Arrays.equals(other.fundingCosts(), viaReplay.fundingCosts())).isTrue();
      assertThat(Arrays.equals(other.feeCosts(), viaReplay.feeCosts())).isTrue();
      assertThat(Arrays.equals(other.netReturns(), viaReplay.netReturns())).isTrue();
      assertThat(Arrays.equals(other.nav(), viaReplay.nav())).isTrue();
      assertThat(Arrays.equals(other.turnover(), viaReplay.turnover())).isTrue();
      assertThat(other.nLong()).containsExactly(viaReplay.nLong());
      assertThat(other.nShort()).containsExactly(viaReplay.nShort());
      assertThat(Arrays.equals(other.weightValues(), viaReplay.weightValues())).isTrue();
    }
    assertThat(viaReplay.size()).isGreaterThan(4000);
  }

  @Test
  void onBar_realData4h_stateMatchesBatchSignalsAndSkipsNonRebalanceCloses() {
    MarketData md = Real.H4.sliceRows(0, 1500);
    GradientConfig cfg = variant(Real.CFG.params(GradientConfig.class));
    GradientStrategy s = new GradientStrategy(cfg, md.coins());
    GradientSignals sig = GradientSignals.compute(md.close(), md.volume(), cfg.lookbackSpans(), cfg.volSpan(),
        cfg.warmupBars());
    for (int row = 0; row < md.rows(); row++) {
      long close = md.close().closeTimeMs(row);
      Optional<TargetWeights> tw = s.onBar(close, md.close().row(row), md.volume().row(row));
      assertThat(tw.isPresent()).isEqualTo(close / 3_600_000L % 12 == 0);
    }
    int last = md.rows() - 1;
    for (int c = 0; c < md.coins().size(); c++) {
      assertThat(Double.doubleToLongBits(s.state(c).sigma())).isEqualTo(Double.doubleToLongBits(sig.sigma(last, c)));
      assertThat(Double.doubleToLongBits(s.state(c).score())).isEqualTo(Double.doubleToLongBits(sig.score(last, c)));
      assertThat(Double.doubleToLongBits(s.state(c).adv())).isEqualTo(Double.doubleToLongBits(sig.adv(last, c)));
    }
  }

  @Test
  void replay_rowRequestedOutOfOrder_throws() {
    MarketData md = Real.H4.sliceRows(0, 10);
    TargetSource src = BarReplay.of(new GradientStrategy(Real.CFG.params(GradientConfig.class), md.coins()), md, ZERO_COSTS);
    src.targetsAt(5);

    assertThatThrownBy(() -> src.targetsAt(4)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void batch_dataOfOtherIntervalOrCoins_throws() {
    GradientConfig g = Real.CFG.params(GradientConfig.class);
    GradientConfig h1 = new GradientConfig(BarInterval.H1, g.concentrationPct(), g.rebalanceFreqHours(),
        g.weightScheme(), g.lookbackSpans(), g.volSpan(), g.warmupBars(), g.liquidityThresholdUsd(),
        g.liquidityImpactPct(), g.grossLeverage(), g.maxPositionPct());
    MarketData md = Real.H4.sliceRows(0, 10);

    assertThatThrownBy(() -> new GradientStrategy(h1, md.coins()).batch(md))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    assertThatThrownBy(() -> new GradientStrategy(g, md.coins().subList(1, 5)).batch(md))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
