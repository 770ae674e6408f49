package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.live.RiskChecks.Action;
import io.slipstream.live.RiskChecks.Alert;
import io.slipstream.live.RiskChecks.AlertKind;
import io.slipstream.live.RiskChecks.PreTradeResult;
import io.slipstream.live.RiskChecks.Rule;
import io.slipstream.live.RiskChecks.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RiskChecksTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;
  private static final double CAP = 100_000.0;
  /** 10% per coin (10 000 USD), gross 1.0 (100 000 USD), net 0.2 (20 000 USD), 1% of ADV, 1 h data age. */
  private static final RiskLimits L = RiskLimits.of(10, 1.0, 0.2, 0.01, HOUR);
  private static final double BIG_ADV = 1e12;

  private static PreTradeResult pre(List<String> coins, double[] target, double[] order, double[] adv) {
    return RiskChecks.preTrade(L, CAP, coins, target, order, adv, NOW - HOUR / 2, NOW);
  }

  // ---------------------------------------------------------------- stale data

  @Test
  void preTrade_dataOlderThanTheLimit_refusesTheWholeRebalance() {
    PreTradeResult r = RiskChecks.preTrade(L, CAP, List.of("A", "B"), new double[] {5_000, -5_000},
        new double[] {2_000, -5_000}, new double[] {BIG_ADV, BIG_ADV}, NOW - HOUR - 1, NOW);

    assertThat(r.refused()).isTrue();
    assertThat(r.violations()).containsExactly(
        new Violation(Optional.empty(), Rule.STALE_DATA, Action.REFUSED, HOUR + 1, HOUR));
    assertThat(r.violations().get(0).message()).contains("3600001 ms").contains("60.0 min").contains("refused");
    assertThat(r.refusal()).isEqualTo(r.violations().get(0).message());
    assertThat(r.violations().get(0)).hasToString(r.violations().get(0).message());
    // current = target - order: A 3000, B 0; nothing trades
    assertThat(r.adjustedTargetUsd()).containsExactly(3_000, 0);
    assertThat(r.adjustedOrderUsd()).containsExactly(0, 0);
  }

  @Test
  void preTrade_dataExactlyAtTheLimit_passes() {
    PreTradeResult r = RiskChecks.preTrade(L, CAP, List.of("A"), new double[] {5_000}, new double[] {5_000},
        new double[] {BIG_ADV}, NOW - HOUR, NOW);

    assertThat(r.refused()).isFalse();
    assertThat(r.violations()).isEmpty();
    assertThat(r.adjustedOrderUsd()).containsExactly(5_000);
  }

  @Test
  void preTrade_lastBarInTheFuture_refused() {
    PreTradeResult r = RiskChecks.preTrade(L, CAP, List.of("A"), new double[] {5_000}, new double[] {5_000},
        new double[] {BIG_ADV}, NOW + 5_000, NOW);

    assertThat(r.refused()).isTrue();
    assertThat(r.violations().get(0).rule()).isEqualTo(Rule.STALE_DATA);
    assertThat(r.violations().get(0).message()).contains("5000 ms after now");
  }

  // ---------------------------------------------------------------- max position

  @Test
  void preTrade_targetAboveMaxPosition_clippedKeepingItsSign() {
    PreTradeResult r = pre(List.of("A", "B", "C"), new double[] {15_000, -12_000, -8_000},
        new double[] {15_000, -12_000, -8_000}, new double[] {BIG_ADV, BIG_ADV, BIG_ADV});

    assertThat(r.refused()).isFalse();
    assertThat(r.adjustedTargetUsd()).containsExactly(10_000, -10_000, -8_000);
    assertThat(r.adjustedOrderUsd()).containsExactly(10_000, -10_000, -8_000);
    assertThat(r.violations()).containsExactly(
        new Violation(Optional.of("A"), Rule.MAX_POSITION, Action.CLIPPED, 15_000, 10_000),
        new Violation(Optional.of("B"), Rule.MAX_POSITION, Action.CLIPPED, 12_000, 10_000));
    assertThat(r.violations("C")).isEmpty();
    assertThat(r.refusal()).isEmpty();
    assertThat(r.coins().get(2).changed()).isFalse();
  }

  @Test
  void preTrade_clippingBelowTheCurrentPosition_turnsTheOrderIntoAReduction() {
    // current 14 000 (over the limit), target 16 000 -> target 10 000, order -4 000
    PreTradeResult r = pre(List.of("A"), new double[] {16_000}, new double[] {2_000}, new double[] {BIG_ADV});

    assertThat(r.adjustedTargetUsd()).containsExactly(10_000);
    assertThat(r.adjustedOrderUsd()).containsExactly(-4_000);
  }

  // ---------------------------------------------------------------- gross

  @Test
  void preTrade_grossAboveTheLimit_scalesEveryTarget() {
    List<String> coins = new ArrayList<>();
    double[] t = new double[12];
    for (int i = 0; i < 12; i++) {
      coins.add("C" + i);
      t[i] = i < 6 ? 10_000 : -10_000;
    }
    double[] adv = new double[12];
    java.util.Arrays.fill(adv, BIG_ADV);

    PreTradeResult r = pre(coins, t, t.clone(), adv);

    // gross 120 000 > 100 000: factor 5/6 -> 8333.33 a coin
    assertThat(r.refused()).isFalse();
    assertThat(r.violations()).containsExactly(
        new Violation(Optional.empty(), Rule.GROSS_LEVERAGE, Action.SCALED, 1.2, 1.0));
    for (int i = 0; i < 12; i++) {
      assertThat(r.adjustedTargetUsd()[i]).isCloseTo(Math.signum(t[i]) * 10_000 * 5 / 6.0, within(1e-9));
    }
  }

  @Test
  void preTrade_positionClipHappensBeforeTheGrossScaling() {
    // C0 30 000 -> 10 000 first; then 11 coins of 10 000 make the gross 110 000
    List<String> coins = new ArrayList<>();
    double[] t = new double[11];
    double[] adv = new double[11];
    for (int i = 0; i < 11; i++) {
      coins.add("C" + i);
      t[i] = i == 0 ? 30_000 : (i % 2 == 0 ? 10_000 : -10_000);
      adv[i] = BIG_ADV;
    }

    PreTradeResult r = pre(coins, t, t.clone(), adv);

    // after the clip: 6 longs, 5 shorts of 10 000: gross 110 000 -> x 10/11; net 10 000 x 10/11 <= 20 000
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.MAX_POSITION, Rule.GROSS_LEVERAGE);
    assertThat(r.violations().get(1).value()).isCloseTo(1.1, within(1e-12));
    assertThat(r.adjustedTargetUsd()[0]).isCloseTo(100_000 / 11.0, within(1e-9));
  }

  // ---------------------------------------------------------------- net

  @Test
  void preTrade_netAboveTheLimit_refusesTheRebalance() {
    PreTradeResult r = pre(List.of("A", "B", "C"), new double[] {10_000, 10_000, 5_000},
        new double[] {10_000, 10_000, 0}, new double[] {BIG_ADV, BIG_ADV, BIG_ADV});

    assertThat(r.refused()).isTrue();
    assertThat(r.violations()).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.NET_LEVERAGE);
      assertThat(v.action()).isEqualTo(Action.REFUSED);
      assertThat(v.value()).isCloseTo(0.25, within(1e-15));
      assertThat(v.limit()).isEqualTo(0.2);
      assertThat(v.message()).contains("net leverage 0.2500 > limit 0.2000");
    });
    assertThat(r.adjustedTargetUsd()).containsExactly(0, 0, 5_000);
    assertThat(r.adjustedOrderUsd()).containsExactly(0, 0, 0);
  }

  @Test
  void preTrade_netExactlyAtTheLimit_passes() {
    PreTradeResult r = pre(List.of("A", "B"), new double[] {10_000, 10_000}, new double[] {10_000, 10_000},
        new double[] {BIG_ADV, BIG_ADV});

    assertThat(r.refused()).isFalse();
  }

  // ---------------------------------------------------------------- ADV

  @Test
  void preTrade_adv_clipsIncreasesButNeverReductions() {
    List<String> coins = List.of("A", "B", "C", "D", "E", "F", "G", "H");
    //                       current:   0,   8000,  -6000, -2000, -10000, -8000,   0,  4000
    double[] target = {10_000, 0, 9_000, 9_000, -10_000, -8_000, -5_000, 1_000};
    double[] order = {10_000, -8_000, 15_000, 11_000, 0, 0, -5_000, -3_000};
    double[] adv = {500_000, 100_000, 100_000, 500_000, 1_000, 1_000, Double.NaN, Double.NaN};

    PreTradeResult r = pre(coins, target, order, adv);

    assertThat(r.refused()).isFalse(); // net 6 000, gross 52 000
    // A: increase 10 000 > 1% x 500 000 = 5 000 -> 5 000
    // B: pure reduction of 8 000 > 1 000: not clipped
    // C: flip -6 000 -> +9 000, ADV limit 1 000 < reducing part 6 000: allowed 6 000 -> flat
    // D: flip -2 000 -> +9 000, ADV limit 5 000 > reducing part 2 000: allowed 5 000 -> +3 000
    // E, F: no order
    // G: no ADV, increase -> blocked at 0; H: no ADV, reduction 4 000 -> 1 000 allowed
    assertThat(r.adjustedTargetUsd()).containsExactly(5_000, 0, 0, 3_000, -10_000, -8_000, 0, 1_000);
    assertThat(r.adjustedOrderUsd()).containsExactly(5_000, -8_000, 6_000, 5_000, 0, 0, 0, -3_000);
    assertThat(r.violations()).containsExactly(
        new Violation(Optional.of("A"), Rule.ADV, Action.CLIPPED, 10_000, 5_000),
        new Violation(Optional.of("C"), Rule.ADV, Action.CLIPPED, 15_000, 1_000),
        new Violation(Optional.of("D"), Rule.ADV, Action.CLIPPED, 11_000, 5_000),
        new Violation(Optional.of("G"), Rule.NO_ADV, Action.BLOCKED, 5_000, Double.NaN));
    assertThat(r.blocked("G")).isTrue();
    assertThat(r.blocked("A")).isFalse();
    assertThat(r.blocked("H")).isFalse();
    assertThat(r.violations("G").get(0).message()).startsWith("G: no ADV");
  }

  // ---------------------------------------------------------------- validation

  @Test
  void preTrade_badInput_namesTheArgument() {
    List<String> ab = List.of("A", "B");
    double[] two = {1, 2};
    assertThatThrownBy(() -> RiskChecks.preTrade(L, CAP, ab, new double[] {1}, two, two, NOW, NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetUsd");
    assertThatThrownBy(() -> RiskChecks.preTrade(L, CAP, ab, new double[] {1, Double.NaN}, two, two, NOW, NOW))
        .hasMessageContaining("targetUsd").hasMessageContaining("B");
    assertThatThrownBy(() -> RiskChecks.preTrade(L, CAP, ab, two, two, new double[] {1, -1}, NOW, NOW))
        .hasMessageContaining("advUsd").hasMessageContaining("B");
    assertThatThrownBy(() -> RiskChecks.preTrade(L, CAP, List.of("A", "A"), two, two, two, NOW, NOW))
        .hasMessageContaining("coins");
    assertThatThrownBy(() -> RiskChecks.preTrade(L, 0, ab, two, two, two, NOW, NOW))
        .hasMessageContaining("capitalUsd");
  }

  @Test
  void riskLimits_validation_namesTheField() {
    assertThatThrownBy(() -> RiskLimits.of(0, 1, 0.2, 0.01, HOUR)).hasMessageContaining("maxPositionPct");
    assertThatThrownBy(() -> RiskLimits.of(10, Double.NaN, 0.2, 0.01, HOUR)).hasMessageContaining("maxGrossLeverage");
    assertThatThrownBy(() -> RiskLimits.of(10, 1, -0.1, 0.01, HOUR)).hasMessageContaining("maxNetLeverage");
    assertThatThrownBy(() -> RiskLimits.of(10, 1, 0.2, 0, HOUR)).hasMessageContaining("maxAdvFraction");
    assertThatThrownBy(() -> RiskLimits.of(10, 1, 0.2, 1.5, HOUR)).hasMessageContaining("maxAdvFraction");
    assertThatThrownBy(() -> RiskLimits.of(10, 1, 0.2, 0.01, 0)).hasMessageContaining("maxDataAgeMs");
    assertThatThrownBy(() -> new RiskLimits(10, 1, 0.2, 0.01, HOUR, -1, 20)).hasMessageContaining("slippageAlertPct");
    assertThatThrownBy(() -> new RiskLimits(10, 1, 0.2, 0.01, HOUR, 1, 0))
        .hasMessageContaining("positionOffTargetAlertPct");
    assertThat(RiskLimits.of(10, 1, 0.2, 0.01, HOUR).slippageAlertPct()).isEqualTo(1.0);
    assertThat(RiskLimits.of(10, 1, 0.2, 0.01, HOUR).positionOffTargetAlertPct()).isEqualTo(20.0);
  }

  // ---------------------------------------------------------------- post-trade

  @Test
  void postTrade_slippage_adverseOnly() {
    List<String> coins = List.of("BUY_BAD", "BUY_OK", "BUY_GOOD", "SELL_BAD", "SELL_GOOD", "NONE");
    double[] target = {1, 1, 1, -2, -2, 0};
    double[] fin = {1, 1, 1, -2, -2, 0};
    double[] dec = {100, 100, 100, 50, 50, 100};
    double[] avg = {101.5, 100.9, 95, 49, 51, Double.NaN};
    double[] filled = {1, 1, 1, -2, -2, 0};

    List<Alert> alerts = RiskChecks.postTrade(L, coins, target, fin, dec, avg, filled);

    // buy: (101.5 - 100) / 100 = +1.5% > 1%; sell: -(49 - 50) / 50 = +2% > 1%
    assertThat(alerts).extracting(Alert::coin).containsExactly("BUY_BAD", "SELL_BAD");
    assertThat(alerts).allSatisfy(a -> assertThat(a.kind()).isEqualTo(AlertKind.SLIPPAGE));
    assertThat(alerts.get(0).value()).isCloseTo(1.5, within(1e-12));
    assertThat(alerts.get(1).value()).isCloseTo(2.0, within(1e-12));
    assertThat(alerts.get(0).message()).isEqualTo("BUY_BAD: adverse slippage 1.500% > alert 1.000%");
  }

  @Test
  void postTrade_offTarget_relativeToTheTarget() {
    List<String> coins = List.of("A", "B", "C");
    double[] target = {10, 10, -4};
    double[] fin = {7.5, 8.5, -2};
    double[] px = {100, 100, 100};
    double[] zero = {0, 0, 0};

    List<Alert> alerts = RiskChecks.postTrade(L, coins, target, fin, px, zero, zero);

    // A: 2.5 / 10 = 25% > 20%; B: 15%; C: 2 / 4 = 50%
    assertThat(alerts).extracting(Alert::coin).containsExactly("A", "C");
    assertThat(alerts).extracting(Alert::kind).containsOnly(AlertKind.OFF_TARGET);
    assertThat(alerts.get(0).value()).isCloseTo(25, within(1e-12));
    assertThat(alerts.get(1).value()).isCloseTo(50, within(1e-12));
  }

  @Test
  void postTrade_zeroTarget_leftoverOf10UsdOrMoreAlerts() {
    List<String> coins = List.of("A", "B", "C");
    double[] zero = {0, 0, 0};
    double[] fin = {0.5, -0.2, 0.05};
    double[] px = {20, 100, 100};

    List<Alert> alerts = RiskChecks.postTrade(L, coins, zero, fin, px, zero, zero);

    // A: 0.5 x 20 = 10 USD (alert at >= 10); B: 20 USD; C: 5 USD
    assertThat(alerts).containsExactly(new Alert("A", AlertKind.LEFTOVER, 10, 10),
        new Alert("B", AlertKind.LEFTOVER, 20, 10));
  }

  @Test
  void postTrade_badInput_namesTheArgument() {
    double[] one = {1};
    assertThatThrownBy(() -> RiskChecks.postTrade(L, List.of("A"), one, one, new double[] {0}, one, one))
        .hasMessageContaining("decisionPx").hasMessageContaining("A");
    assertThatThrownBy(() -> RiskChecks.postTrade(L, List.of("A"), one, one, one, new double[] {Double.NaN}, one))
        .hasMessageContaining("avgFillPx");
    assertThatThrownBy(() -> RiskChecks.postTrade(L, List.of("A"), one, one, one, one, new double[0]))
        .hasMessageContaining("filledSize");
  }

  // ---------------------------------------------------------------- properties

  @Property(tries = 400, seed = "5")
  void preTrade_adjustedTargetsRespectTheLimitsAndNeverFlipASign(@ForAll @LongRange long seed) {
    Random rnd = new Random(seed);
    int n = 1 + rnd.nextInt(10);
    double cap = 1_000 + rnd.nextDouble() * 1e7;
    RiskLimits l = RiskLimits.of(1 + rnd.nextDouble() * 40, 0.2 + rnd.nextDouble() * 3, rnd.nextDouble() * 3,
        0.001 + rnd.nextDouble() * 0.2, HOUR);
    List<String> coins = new ArrayList<>();
    double[] target = new double[n];
    double[] order = new double[n];
    double[] adv = new double[n];
    for (int i = 0; i < n; i++) {
      coins.add("C" + i);
      target[i] = rnd.nextInt(8) == 0 ? 0 : (rnd.nextDouble() * 2 - 1) * cap;
      double current = rnd.nextInt(4) == 0 ? 0 : (rnd.nextDouble() * 2 - 1) * cap;
      order[i] = target[i] - current;
      adv[i] = rnd.nextInt(6) == 0 ? Double.NaN : rnd.nextDouble() * 1e8;
    }

    PreTradeResult r = RiskChecks.preTrade(l, cap, coins, target, order, adv, NOW - rnd.nextInt((int) HOUR), NOW);

    double[] adj = r.adjustedTargetUsd();
    double[] adjOrder = r.adjustedOrderUsd();
    if (r.refused()) {
      assertThat(adjOrder).containsOnly(0.0);
      return;
    }
    double tol = 1e-9 * cap;
    double gross = 0;
    for (int i = 0; i < n; i++) {
      double current = r.coins().get(i).currentUsd();
      assertThat(Math.abs(adj[i])).isLessThanOrEqualTo(l.maxPositionUsd(cap) + tol);
      assertThat(Math.abs(adj[i])).isLessThanOrEqualTo(Math.abs(target[i]) + tol);
      assertThat(Math.signum(adj[i])).isIn(0.0, Math.signum(target[i]));
      assertThat(adjOrder[i]).isCloseTo(adj[i] - current, within(tol));
      double advLimit = Double.isNaN(adv[i]) ? 0 : l.maxAdvFraction() * adv[i];
      assertThat(Math.abs(adjOrder[i])).isLessThanOrEqualTo(Math.max(advLimit, Math.abs(current)) + tol);
      gross += Math.abs(adj[i]);
    }
    assertThat(gross).isLessThanOrEqualTo(l.maxGrossLeverage() * cap * (1 + 1e-12) + tol);
  }

  @Property(tries = 300, seed = "9")
  void postTrade_slippageAlertIsMonotoneInAdverseSlippage(@ForAll @DoubleRange(min = 1, max = 1e5) double px,
      @ForAll @DoubleRange(min = -0.05, max = 0.05) double x1, @ForAll @DoubleRange(min = 0, max = 0.05) double dx,
      @ForAll boolean buy) {
    // the second fill is worse than the first by dx of the decision price, in the adverse direction
    double side = buy ? 1 : -1;
    double avg1 = px * (1 + side * x1);
    double avg2 = px * (1 + side * (x1 + dx));
    if (!(avg1 > 0 && avg2 > 0)) {
      return;
    }
    boolean alert1 = slippageAlert(px, avg1, side);
    boolean alert2 = slippageAlert(px, avg2, side);

    assertThat(!alert1 || alert2).as("alert at %s implies alert at worse %s", avg1, avg2).isTrue();
  }

  private static boolean slippageAlert(double px, double avg, double side) {
    List<Alert> a = RiskChecks.postTrade(L, List.of("A"), new double[] {side}, new double[] {side},
        new double[] {px}, new double[] {avg}, new double[] {side});
    return a.stream().anyMatch(x -> x.kind() == AlertKind.SLIPPAGE);
  }
}
