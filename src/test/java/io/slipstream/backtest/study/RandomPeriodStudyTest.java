package io.slipstream.backtest.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The random-period study on the real 4h data (bars from 2024-01-01), booked from 2024-06-01: seeded and
 * reproducible, starts drawn as documented, every window equal to a plain backtest of that window, the full period
 * equal to the plain backtest.
 */
class RandomPeriodStudyTest {
  private static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static MarketData data;
  private static BacktestConfig cfg;

  @BeforeAll
  static void load() throws IOException {
    MarketData all = Lake.load(DATA, BarInterval.H4, true);
    // five months of warm-up before the booked window are plenty (warmup_bars 180 = 30 days) and keep it fast
    data = all.sliceRows(all.close().lastRowClosedBy(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()) + 1,
        all.rows());
    ObjectNode b = ConfigParser.readTree(Files.readString(Path.of("config/gradient.json")), "gradient.json");
    b.put("start", "2024-06-01T00:00:00Z");
    cfg = ConfigParser.parse(b, "gradient.json");
  }

  @Test
  void run_seeded_reproducibleAndEveryWindowEqualsAPlainBacktest() {
    RandomPeriodResult r = RandomPeriodStudy.run(data, cfg, 6, 10, 7);
    RandomPeriodResult again = RandomPeriodStudy.run(data, cfg, 6, 10, 7);
    assertThat(again.windows()).isEqualTo(r.windows());
    assertThat(again.totalReturn()).isEqualTo(r.totalReturn());
    assertThat(r.windowBars()).isEqualTo(60);

    Panel close = data.close();
    int[] booked = Backtester.bookedRows(close, cfg.start(), cfg.end());
    int m = booked[1] - booked[0] + 1;
    SplittableRandom rng = new SplittableRandom(7);
    double[] returns = new double[6];
    for (int i = 0; i < 6; i++) {
      RandomWindow w = r.windows().get(i);
      int from = booked[0] + rng.nextInt(m - 60 + 1);
      assertThat(w.index()).isEqualTo(i);
      assertThat(w.fromRow()).isEqualTo(from);
      assertThat(w.start()).isEqualTo(Instant.ofEpochMilli(close.openTimeMs(from)));
      assertThat(w.end()).isEqualTo(close.closeTime(from + 59));
      BacktestResult plain = Backtester.run(data, cfg.withWindow(Optional.of(w.start()), Optional.of(w.end())));
      assertThat(plain.size()).isEqualTo(60);
      assertThat(w.stats()).isEqualTo(PeriodStats.of(plain, 0, 60));
      double turnover = 0;
      for (double x : plain.turnover()) {
        turnover += x;
      }
      assertThat(w.turnover()).isEqualTo(turnover);
      assertThat(plain.turnover()[0] + plain.turnover()[1]).as("starts flat: the entry trade is in the window")
          .isGreaterThan(0.5);
      returns[i] = plain.nav()[59] - 1;
    }
    double mean = 0;
    for (double x : returns) {
      mean += x / 6;
    }
    assertThat(r.totalReturn().mean()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.totalReturn().count()).isEqualTo(6);

    BacktestResult full = Backtester.run(data, cfg);
    assertThat(r.full()).isEqualTo(PeriodStats.of(full, 0, full.size()));
    assertThat(r.fullStart()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
    assertThat(r.fullEnd()).isEqualTo(full.time(full.size() - 1));
    assertThat(r.fullReturnPerWindow())
        .isCloseTo(Math.pow(full.nav()[full.size() - 1], 60.0 / full.size()) - 1,
            org.assertj.core.data.Offset.offset(1e-12));

    RandomPeriodResult other = RandomPeriodStudy.run(data, cfg, 6, 10, 8);
    assertThat(other.windows().stream().map(RandomWindow::fromRow).toList())
        .isNotEqualTo(r.windows().stream().map(RandomWindow::fromRow).toList());
  }

  @Test
  void run_windowAsLongAsTheFullPeriod_everyWindowIsTheFullPeriod() {
    BacktestConfig twoMonths = cfg.withWindow(Optional.of(Instant.parse("2025-01-01T00:00:00Z")),
        Optional.of(Instant.parse("2025-03-01T00:00:00Z")));
    RandomPeriodResult r = RandomPeriodStudy.run(data, twoMonths, 3, 59, 1);
    for (RandomWindow w : r.windows()) {
      assertThat(w.stats()).isEqualTo(r.full());
    }
    assertThat(r.totalReturn().std()).isZero();
    assertThat(r.fullReturnPerWindow()).isCloseTo(r.full().totalReturn(), org.assertj.core.data.Offset.offset(1e-15));
    assertThatThrownBy(() -> RandomPeriodStudy.run(data, twoMonths, 3, 60, 1)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'days'").hasMessageContaining("360 bars").hasMessageContaining("354 bars");
  }

  @Test
  void run_badCounts_throwNamingTheSetting() {
    assertThatThrownBy(() -> RandomPeriodStudy.run(data, cfg, 0, 10, 1)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'n'").hasMessageContaining("0");
    assertThatThrownBy(() -> RandomPeriodStudy.run(data, cfg, 5, 0, 1)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'days'");
  }
}
