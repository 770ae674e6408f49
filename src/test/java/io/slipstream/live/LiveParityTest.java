package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.live.store.AuditStore.SignalRow;
import io.slipstream.strategy.gradient.GradientConfig;
import io.slipstream.strategy.gradient.GradientStrategy;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.GradientSignals;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live/backtest parity (issue 5, item 8): at rebalance closes spread over 2024-2025, the live path (candles and
 * funding fetched through {@link io.slipstream.live.hl.InfoApi} as the exchange served them at that close, panels
 * by {@link LiveHistory}, targets by feeding every bar through {@code Strategy.onBar} in {@link LiveTargets}) decides
 * exactly the weights the backtester's batch kernels decide at the same row of the lake loaded whole
 * ({@code GradientStrategy.batch(MarketData).targetsAt(row)}), with the {@code config/gradient.json} parameters.
 *
 * <p>The live path fetches from the lake's first bar: the signals warm up on all history (the longest momentum
 * EWMA has span 1024 bars and never forgets its start), so only the same first bar gives the same numbers bit for
 * bit. The last test shows what the real exchange's 5000-candle memory costs: slightly different momentum scores.
 */
class LiveParityTest {
  private static final BarInterval H4 = BarInterval.H4;
  private static BacktestConfig cfg;
  private static MarketData lake;
  private static TargetSource batch;

  @BeforeAll
  static void load() {
    cfg = ConfigParser.parse(Path.of("config/gradient.json"));
    lake = Lake.load(RecordedInfoApi.DATA, H4, cfg.funding());
    batch = new GradientStrategy(cfg.params(GradientConfig.class), lake.coins()).batch(lake);
  }

  /** 20 closes from 2024-01-01 to mid 2025, 29 days + 4 hours apart (every hour of the 4h grid is visited). */
  private static List<Long> decisionCloses() {
    List<Long> out = new ArrayList<>();
    long t = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    for (int k = 0; k < 20; k++) {
      out.add(t);
      t += 29L * 86_400_000L + 4L * 3_600_000L;
    }
    return out;
  }

  private static int rowClosingAt(long closeMs) {
    int row = lake.close().lastRowClosedBy(closeMs);
    assertThat(lake.close().closeTimeMs(row)).isEqualTo(closeMs);
    return row;
  }

  @Test
  void liveTargets_atTwentyClosesOf2024And2025_equalBacktestBatchTargetsBitForBit() {
    List<Long> closes = decisionCloses();
    assertThat(closes.get(closes.size() - 1)).isLessThan(Instant.parse("2025-07-26T00:00:00Z").toEpochMilli())
        .isGreaterThan(Instant.parse("2025-06-01T00:00:00Z").toEpochMilli());
    int books = 0;
    for (int k = 0; k < closes.size(); k++) {
      long close = closes.get(k);
      int row = rowClosingAt(close);
      RecordedInfoApi api = RecordedInfoApi.at(close);
      boolean withFunding = k % 4 == 0; // funding does not move Gradient targets: fetched at every 4th close

      LiveHistory.Snapshot snap = LiveHistory.fetch(api, lake.coins(), H4, row + 1, close, withFunding);
      LiveTargets.Result live = LiveTargets.compute(c -> new GradientStrategy(cfg.params(GradientConfig.class), c), snap.data());
      Optional<TargetWeights> backtest = batch.targetsAt(row);

      String at = Instant.ofEpochMilli(close).toString();
      assertThat(snap.lastCloseMs()).as(at).isEqualTo(close);
      assertThat(snap.data().close().firstOpenMs()).as(at).isEqualTo(lake.close().firstOpenMs());
      assertThat(snap.data().coins()).as(at).isEqualTo(lake.coins());
      MarketData window = lake.sliceRows(0, row + 1);
      assertThat(snap.data().close().toColumnMajor()).as(at).isEqualTo(window.close().toColumnMajor());
      assertThat(snap.data().volume().toColumnMajor()).as(at).isEqualTo(window.volume().toColumnMajor());
      if (withFunding) {
        // all but the last bar, whose last hourly payment is published a few ms after the close (next test)
        assertThat(snap.data().funding().sliceRows(0, row).toColumnMajor()).as(at)
            .isEqualTo(window.funding().sliceRows(0, row).toColumnMajor());
      }
      assertThat(live.decisionTimeMs()).as(at).isEqualTo(close);
      assertThat(backtest).as(at).isPresent();
      assertThat(live.weights()).as(at).isPresent();
      TargetWeights a = live.weights().get();
      TargetWeights b = backtest.get();
      assertThat(a.decisionTimeMs()).as(at).isEqualTo(b.decisionTimeMs()).isEqualTo(close);
      assertThat(a.coins()).as(at).isEqualTo(b.coins());
      assertThat(a.weights()).as(at).isEqualTo(b.weights());
      assertThat(a.nLong()).as(at).isEqualTo(b.nLong());
      assertThat(a.nShort()).as(at).isEqualTo(b.nShort());
      if (a.nLong() > 0 && a.nShort() > 0) {
        books++;
      }
    }
    // the comparison is about real books, not empty ones
    assertThat(books).isEqualTo(closes.size());
  }

  @Test
  void fundingPanel_liveAtClose_equalsLakeExceptPaymentsNotYetPublishedAtTheClose() {
    long close = Instant.parse("2025-02-10T12:00:00Z").toEpochMilli();
    int row = rowClosingAt(close);
    MarketData window = lake.sliceRows(0, row + 1);

    MarketData atClose = LiveHistory.fetch(RecordedInfoApi.at(close), lake.coins(), H4, row + 1, close, true).data();
    MarketData later = LiveHistory.fetch(RecordedInfoApi.at(close + 1_800_000L), lake.coins(), H4, row + 1,
        close + 1_800_000L, true).data();

    // hour 12:00 is paid at 12:00:00.0xx, after the close: at the close itself the last bar lacks it
    for (int c = 0; c < lake.coins().size(); c++) {
      double[] lakeCol = window.funding().column(c);
      assertThat(Arrays.copyOf(atClose.funding().column(c), row)).isEqualTo(Arrays.copyOf(lakeCol, row));
      assertThat(later.funding().column(c)).isEqualTo(lakeCol);
    }
  }

  @Test
  void liveTargets_eightHourRebalance_emptyAtNonRebalanceCloseAndEqualAtRebalanceClose() {
    GradientConfig g = cfg.params(GradientConfig.class);
    GradientConfig eight = new GradientConfig(g.interval(), g.concentrationPct(), 8, g.weightScheme(),
        g.lookbackSpans(), g.volSpan(), g.warmupBars(), g.liquidityThresholdUsd(), g.liquidityImpactPct(),
        g.grossLeverage(), g.maxPositionPct());
    TargetSource batch8 = new GradientStrategy(eight, lake.coins()).batch(lake);
    long onGrid = Instant.parse("2025-05-05T16:00:00Z").toEpochMilli(); // 16 = 2 x 8
    for (long close : List.of(onGrid, onGrid + 4 * 3_600_000L)) {
      int row = rowClosingAt(close);
      MarketData md = LiveHistory.fetch(RecordedInfoApi.at(close), lake.coins(), H4, row + 1, close, false).data();

      LiveTargets.Result live = LiveTargets.compute(c -> new GradientStrategy(eight, c), md);
      Optional<TargetWeights> backtest = batch8.targetsAt(row);

      boolean rebalance = close == onGrid;
      assertThat(live.weights().isPresent()).isEqualTo(rebalance);
      assertThat(backtest.isPresent()).isEqualTo(rebalance);
      if (rebalance) {
        assertThat(live.weights().get().weights()).isEqualTo(backtest.get().weights());
      }
    }
  }

  @Test
  void liveSignals_exchangeKeepsOnly5000Candles_scoresDifferSlightlyFromFullHistory() {
    long close = Instant.parse("2025-07-20T00:00:00Z").toEpochMilli();
    int row = rowClosingAt(close);
    assertThat(row + 1).isGreaterThan(5000);
    RecordedInfoApi exchange = RecordedInfoApi.at(close).withCandleLimit(5000);

    MarketData md = LiveHistory.fetch(exchange, lake.coins(), H4, 5000, close, false).data();
    LiveTargets.Result live = LiveTargets.compute(c -> new GradientStrategy(cfg.params(GradientConfig.class), c), md);
    GradientSignals full = GradientStrategy.signals(cfg.params(GradientConfig.class), lake);

    // sigma (span 24) has forgotten its start after 5000 bars, to the last bit; the span-1024 momentum EWMA has
    // not: its score differs by about (1 - 2/1025)^n of the start difference for coins trading before the cut
    double maxScoreDiff = 0;
    for (int c = 0; c < lake.coins().size(); c++) {
      SignalRow s = live.signals().get(c);
      assertThat(s.coin()).isEqualTo(lake.coins().get(c));
      assertThat(Double.doubleToLongBits(s.sigma())).as(s.coin()).isEqualTo(Double.doubleToLongBits(full.sigma(row, c)));
      if (Double.isFinite(s.score())) {
        maxScoreDiff = Math.max(maxScoreDiff, Math.abs(s.score() - full.score(row, c)));
      } else {
        assertThat(full.score(row, c)).as(s.coin()).isNaN();
      }
    }
    assertThat(maxScoreDiff).isGreaterThan(0.0).isLessThan(1e-3);
  }
}
