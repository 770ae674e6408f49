package io.slipstream.backtest.walkforward;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.search.Objective;
import io.slipstream.data.MarketData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No look-ahead: a window's choice is made on data that closes by its train end only. Perturbing prices, volume and
 * funding from the first bar after a train window (the purge gap, the test window, optionally everything after)
 * leaves that window's chosen configuration and in-sample stats, and those of every earlier window, unchanged, while
 * the stitched ledger over the test window does change. Sanity: perturbing the train window, even its last bar only,
 * changes the in-sample stats (the test can fail). Real 4h data: every 6th coin, bars from 2023-03-01 to 2024-01-01,
 * booked from 2023-07-01, 40-day train and 20-day test windows (7 windows), 4 configurations.
 */
class WalkForwardLookAheadPropertyTest {
  private static final String GRID = "{\"concentration_pct\": [10, 30], \"vol_span\": [24, 48]}";
  private static MarketData data;
  private static String fees;
  private static String liquidity;
  private static WalkForwardResult[] baseline = new WalkForwardResult[2];

  @BeforeContainer
  static void loadForJqwik() {
    load();
  }

  @BeforeAll
  static void loadForJupiter() {
    load();
  }

  private static synchronized void load() {
    if (data != null) {
      return;
    }
    data = Fixtures.cut(6, "2023-03-01T00:00:00Z", "2024-01-01T00:00:00Z");
    try {
      ObjectNode b = ConfigParser.readTree(Files.readString(Path.of("config/gradient.json")), "gradient.json");
      b.put("start", "2023-07-01T00:00:00Z");
      fees = b.toString();
      ObjectNode costs = (ObjectNode) b.get("costs");
      costs.put("half_spread_bps", "estimate");
      costs.put("impact_coefficient", 0.5);
      liquidity = b.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    baseline[0] = run(data, fees, 0);
    baseline[1] = run(data, fees, 6);
  }

  private static WalkForwardResult run(MarketData d, String config, int purge) {
    WalkForwardConfig s = new WalkForwardConfig(Duration.ofDays(40), Duration.ofDays(20), Duration.ofDays(20), false,
        purge, 0, Objective.SHARPE, 2);
    return WalkForward.run(d, config, GRID, "gradient.json", s, WalkForward.Listener.NONE);
  }

  private static void assertUnchangedThrough(WalkForwardResult base, WalkForwardResult changed, int k) {
    for (int j = 0; j <= k; j++) {
      WindowResult a = base.windows().get(j);
      WindowResult b = changed.windows().get(j);
      assertThat(b.window()).isEqualTo(a.window());
      assertThat(b.configId()).as("window %d chosen config", j).isEqualTo(a.configId());
      assertThat(b.inSample()).as("window %d in-sample stats", j).isEqualTo(a.inSample());
    }
  }

  private static double[] stitchedSlice(WalkForwardResult r, Window w) {
    int t0 = r.windows().get(0).window().testFromRow();
    return Arrays.copyOfRange(r.stitched().netReturns(), w.testFromRow() - t0, w.testToRow() - t0);
  }

  @Property(tries = 10, edgeCases = EdgeCasesMode.NONE)
  void perturbingAfterTheTrainEnd_leavesTheChoiceUnchanged(@ForAll @IntRange(min = 0, max = 6) int k,
      @ForAll @IntRange(min = 0, max = 1) int purgeCase, @ForAll boolean toTheEnd, @ForAll long seed) {
    WalkForwardResult base = baseline[purgeCase];
    assertThat(base.windows()).hasSize(7);
    Window w = base.windows().get(k).window();
    int to = toTheEnd ? data.rows() : w.testToRow();
    WalkForwardResult changed = run(Fixtures.perturb(data, w.trainToRow(), to, seed), fees, purgeCase * 6);
    assertUnchangedThrough(base, changed, k);
    assertThat(stitchedSlice(changed, w)).as("the perturbation reaches the test window's ledger")
        .isNotEqualTo(stitchedSlice(base, w));
  }

  @Test
  void perturbingAfterTheTrainEnd_withTheLiquidityCostModel_leavesTheChoiceUnchanged() {
    WalkForwardResult base = run(data, liquidity, 0);
    for (int k : new int[] {1, 4}) {
      Window w = base.windows().get(k).window();
      WalkForwardResult changed = run(Fixtures.perturb(data, w.trainToRow(), data.rows(), 17 + k), liquidity, 0);
      assertUnchangedThrough(base, changed, k);
    }
  }

  @Test
  void perturbingTheTrainWindow_changesTheInSampleStats() {
    WalkForwardResult base = baseline[0];
    int k = 3;
    Window w = base.windows().get(k).window();
    WalkForwardResult whole = run(Fixtures.perturb(data, w.trainFromRow(), w.trainToRow(), 5), fees, 0);
    assertThat(whole.windows().get(k).inSample()).isNotEqualTo(base.windows().get(k).inSample());
  }

  @Test
  void trainWindowBoundary_isTight_lastBarSeenNextBarNot() {
    // one configuration (concentration 35%) that holds positions over the last bar of window 3's train window
    String grid = "{\"concentration_pct\": [35]}";
    WalkForwardConfig s = new WalkForwardConfig(Duration.ofDays(40), Duration.ofDays(20), Duration.ofDays(20), false,
        0, 0, Objective.SHARPE, 2);
    WalkForwardResult base = WalkForward.run(data, fees, grid, "g", s, WalkForward.Listener.NONE);
    int k = 3;
    Window w = base.windows().get(k).window();
    WalkForwardResult lastBar = WalkForward.run(Fixtures.perturb(data, w.trainToRow() - 1, w.trainToRow(), 6), fees,
        grid, "g", s, WalkForward.Listener.NONE);
    assertThat(lastBar.windows().get(k).inSample().totalReturn())
        .isNotEqualTo(base.windows().get(k).inSample().totalReturn());
    WalkForwardResult nextBar = WalkForward.run(Fixtures.perturb(data, w.trainToRow(), w.trainToRow() + 1, 6), fees,
        grid, "g", s, WalkForward.Listener.NONE);
    assertUnchangedThrough(base, nextBar, k);
  }
}
