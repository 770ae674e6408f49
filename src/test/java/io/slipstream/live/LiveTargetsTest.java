package io.slipstream.live;

import io.slipstream.strategy.gradient.GradientConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.live.store.AuditStore.SignalRow;
import io.slipstream.strategy.gradient.GradientStrategy;
import io.slipstream.strategy.Strategy;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.signal.GradientSignals;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link LiveTargets}: feeding order, the last-row decision, and the audit signals. */
class LiveTargetsTest {
  private static final BarInterval H4 = BarInterval.H4;
  private static final long STEP = H4.millis();
  private static final List<String> COINS = List.of("AAA", "BBB");

  /** 5 bars of two coins opening at {@code firstOpenMs}; close(t, c) = 100 c + t + 1, volume = 1. */
  private static MarketData hand(long firstOpenMs) {
    double[] close = new double[10];
    double[] vol = new double[10];
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < 5; t++) {
        close[c * 5 + t] = 100 * c + t + 1;
        vol[c * 5 + t] = 1;
      }
    }
    Panel p = Panel.of(H4, firstOpenMs, 5, COINS, close);
    return new MarketData(p, p, p, p, Panel.of(H4, firstOpenMs, 5, COINS, vol),
        Panel.of(H4, firstOpenMs, 5, COINS, new double[10]));
  }

  /** Records what it is fed; decides (weights = +-close/1000) when the close hour is a multiple of 8. */
  private static final class Recording implements Strategy {
    final List<String> coins;
    final List<Long> closes = new ArrayList<>();
    final List<double[]> rows = new ArrayList<>();

    Recording(List<String> coins) {
      this.coins = coins;
    }

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public List<String> coins() {
      return coins;
    }

    @Override
    public io.slipstream.strategy.Requirements requirements() {
      return new io.slipstream.strategy.Requirements(H4, 0, false, false, 4);
    }

    @Override
    public Optional<TargetWeights> onBar(io.slipstream.strategy.BarContext bar) {
      long closeTimeMs = bar.closeTimeMs();
      double[] close = bar.close();
      closes.add(closeTimeMs);
      rows.add(close.clone());
      if (closeTimeMs / 3_600_000L % 8 != 0) {
        return Optional.empty();
      }
      return Optional.of(new TargetWeights(closeTimeMs, coins, new double[] {close[0] / 1000, -close[1] / 1000}, 1,
          1));
    }
  }

  @Test
  void compute_feedsEveryRowInOrderAndReturnsTheLastRowsDecision() {
    long first = Instant.parse("2025-01-01T04:00:00Z").toEpochMilli(); // last close 2025-01-02T00:00: 8h grid
    List<Recording> made = new ArrayList<>();

    LiveTargets.Result r = LiveTargets.compute(c -> {
      Recording s = new Recording(c);
      made.add(s);
      return s;
    }, hand(first));

    assertThat(made).hasSize(1);
    Recording s = made.get(0);
    assertThat(s.closes).containsExactly(first + STEP, first + 2 * STEP, first + 3 * STEP, first + 4 * STEP,
        first + 5 * STEP);
    assertThat(s.rows.get(0)).containsExactly(1.0, 101.0);
    assertThat(s.rows.get(4)).containsExactly(5.0, 105.0);
    assertThat(r.decisionTimeMs()).isEqualTo(first + 5 * STEP);
    assertThat(r.weights()).isPresent();
    assertThat(r.weights().get().weights()).containsExactly(0.005, -0.105);
    assertThat(r.signals()).isEmpty();
    assertThat(r.advUsd()).isEmpty();
  }

  @Test
  void compute_lastRowNotARebalanceTime_noTargetsEvenIfAnEarlierRowHadSome() {
    long first = Instant.parse("2025-01-01T04:00:00Z").toEpochMilli(); // closes 08:00 (8h) .. 00:00; last 00:00
    LiveTargets.Result onGrid = LiveTargets.compute(Recording::new, hand(first));
    long shifted = first + STEP; // last close 04:00: not a multiple of 8 h; 16:00 and 00:00 earlier were
    LiveTargets.Result off = LiveTargets.compute(Recording::new, hand(shifted));

    assertThat(onGrid.weights()).isPresent();
    assertThat(off.weights()).isEmpty();
    assertThat(off.decisionTimeMs()).isEqualTo(shifted + 5 * STEP);
  }

  @Test
  void compute_strategyWithOtherCoins_rejected() {
    assertThatThrownBy(() -> LiveTargets.compute(c -> new Recording(List.of("AAA")), hand(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coins");
  }

  @Test
  void compute_gradientOnRealData_signalsAreTheStateAtTheLastRowAndWeightsEqualBatch() {
    BacktestConfig cfg = ConfigParser.parse(Path.of("config/gradient.json"));
    MarketData md = Lake.load(RecordedInfoApi.DATA, H4, false).sliceRows(0, 3000);
    int last = md.rows() - 1;

    LiveTargets.Factory factory = c -> new GradientStrategy(cfg.params(GradientConfig.class), c);
    LiveTargets.Result r = LiveTargets.compute(factory, md);

    GradientSignals sig = GradientStrategy.signals(cfg.params(GradientConfig.class), md);
    TargetWeights batch = new GradientStrategy(cfg.params(GradientConfig.class), md.coins()).batch(md).targetsAt(last).orElseThrow();
    assertThat(r.weights().orElseThrow().weights()).isEqualTo(batch.weights());
    assertThat(r.signals()).hasSize(md.coins().size());
    int held = 0;
    for (int c = 0; c < md.coins().size(); c++) {
      SignalRow s = r.signals().get(c);
      assertThat(s.coin()).isEqualTo(md.coins().get(c));
      assertThat(Double.doubleToLongBits(s.score())).isEqualTo(Double.doubleToLongBits(sig.score(last, c)));
      assertThat(Double.doubleToLongBits(s.sigma())).isEqualTo(Double.doubleToLongBits(sig.sigma(last, c)));
      assertThat(Double.doubleToLongBits(s.advUsd())).isEqualTo(Double.doubleToLongBits(sig.adv(last, c)));
      assertThat(s.weight()).isEqualTo(batch.weight(c));
      assertThat(Double.doubleToLongBits(r.advUsd().get(s.coin()))).isEqualTo(Double.doubleToLongBits(s.advUsd()));
      if (s.weight() != 0) {
        held++;
      }
    }
    assertThat(held).isEqualTo(batch.nLong() + batch.nShort()).isPositive();
  }
}
