package io.slipstream.live;

import io.slipstream.core.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Pre-trade and post-trade risk checks of a rebalance, as pure functions of their arguments.
 *
 * <p><b>Pre-trade</b> ({@link #preTrade}). Notation: {@code C} capital, {@code t_i} requested target notional,
 * {@code o_i} requested order notional (signed delta), {@code c_i = t_i - o_i} the notional held now. Rules, in
 * the order applied, and whether each clips or refuses:
 * <ol>
 *   <li>{@link Rule#STALE_DATA} (refuse): {@code age = now - lastBarClose} must lie in {@code [0, maxDataAgeMs]};
 *       otherwise the whole rebalance is refused: no order, every adjusted target = {@code c_i}.</li>
 *   <li>{@link Rule#MAX_POSITION} (clip): {@code |t_i| > maxPositionPct/100 x C} is clipped to
 *       {@code sign(t_i) x maxPositionPct/100 x C} (no redistribution, as in the backtest).</li>
 *   <li>{@link Rule#GROSS_LEVERAGE} (scale): when {@code G = sum |t_i| > maxGrossLeverage x C} every target is
 *       multiplied by {@code maxGrossLeverage x C / G}, which keeps the book's shape (and its neutrality).</li>
 *   <li>{@link Rule#NET_LEVERAGE} (refuse): when the book so adjusted has {@code |sum t_i| > maxNetLeverage x C} the
 *       whole rebalance is refused: the strategy's own book breaks the limit, and trimming one side would be a
 *       different strategy. The check is on the intended book, before the ADV rule below, whose clipping is a
 *       transient that the next rebalances complete.</li>
 *   <li>{@link Rule#ADV} (clip) and {@link Rule#NO_ADV} (block): an order may carry at most
 *       {@code A_i = maxAdvFraction x ADV_i} of notional, except that the part of an order that moves a position
 *       toward zero is never held back (a risk limit must not keep risk on): with {@code r_i} = that part
 *       ({@code min(|o_i|, |c_i|)} when {@code o_i} and {@code c_i} have opposite signs, else 0) the order is
 *       clipped to {@code |o_i| <= max(A_i, r_i)}, keeping its sign. A coin whose ADV is NaN gets {@code A_i = 0}:
 *       it may only reduce, and is reported as blocked ("no ADV") when that removed something.</li>
 * </ol>
 * Consequences, up to floating-point rounding of the scaling: every adjusted target satisfies
 * {@code |adjusted_i| <= maxPositionPct/100 x C}, {@code sum |adjusted_i| <= maxGrossLeverage x C}, has the sign
 * of the requested target or is 0 (clipping never flips a sign), and lies between the current notional and the
 * target after the position and gross rules; unless the rebalance is refused, where it equals the current
 * notional.
 *
 * <p><b>Post-trade</b> ({@link #postTrade}): slippage and off-target alerts, see there.
 */
public final class RiskChecks {
  /** The exchange's minimum order value, USD: a leftover position worth this much when the target is 0 is an alert. */
  public static final double MIN_LEFTOVER_USD = 10.0;

  private RiskChecks() {
  }

  /** A pre-trade rule. */
  public enum Rule {
    /** The last closed bar is too old (or in the future). */
    STALE_DATA,
    /** One coin's target notional above {@code maxPositionPct} of capital. */
    MAX_POSITION,
    /** The book's gross notional above {@code maxGrossLeverage x capital}. */
    GROSS_LEVERAGE,
    /** The book's |net notional| above {@code maxNetLeverage x capital}. */
    NET_LEVERAGE,
    /** An order above {@code maxAdvFraction} of the coin's dollar ADV. */
    ADV,
    /** The coin has no ADV (NaN): it may only reduce. */
    NO_ADV
  }

  /** What a pre-trade rule did. */
  public enum Action {
    /** One coin's target or order was reduced in size. */
    CLIPPED,
    /** Every target was scaled down by one factor. */
    SCALED,
    /** One coin's position-increasing order was dropped. */
    BLOCKED,
    /** The whole rebalance was refused: no orders. */
    REFUSED
  }

  /**
   * One broken pre-trade limit.
   *
   * @param coin the coin, or empty for a book-wide rule (stale data, gross, net)
   * @param rule the rule
   * @param action what was done about it
   * @param value the offending value, in the rule's unit: ms (stale data), USD (max position: |target|; ADV and no
   *     ADV: |order|), a multiple of capital (gross, net)
   * @param limit the limit in the same unit (NaN for no ADV)
   */
  public record Violation(Optional<String> coin, Rule rule, Action action, double value, double limit) {
    /** @return one line naming the coin, the rule, the value, the limit and the action */
    public String message() {
      String who = coin.map(c -> c + ": ").orElse("book: ");
      String what = switch (rule) {
        case STALE_DATA -> value < 0
            ? String.format(Locale.ROOT, "last closed bar closes %.0f ms after now (clock or data error)", -value)
            : String.format(Locale.ROOT, "data age %.0f ms (%.1f min) > limit %.0f ms", value, value / 60_000.0,
                limit);
        case MAX_POSITION -> String.format(Locale.ROOT, "|target| %.2f USD > max position %.2f USD", value, limit);
        case GROSS_LEVERAGE -> String.format(Locale.ROOT, "gross leverage %.4f > limit %.4f", value, limit);
        case NET_LEVERAGE -> String.format(Locale.ROOT, "net leverage %.4f > limit %.4f", value, limit);
        case ADV -> String.format(Locale.ROOT, "|order| %.2f USD > max ADV share %.2f USD", value, limit);
        case NO_ADV -> String.format(Locale.ROOT, "no ADV: position-increasing order of %.2f USD dropped", value);
      };
      String done = switch (action) {
        case CLIPPED -> "clipped";
        case SCALED -> "all targets scaled down";
        case BLOCKED -> "blocked";
        case REFUSED -> "rebalance refused";
      };
      return who + what + ": " + done;
    }

    /** @return {@link #message()} */
    @Override
    public String toString() {
      return message();
    }
  }

  /**
   * One coin after the pre-trade checks.
   *
   * @param coin the coin
   * @param requestedTargetUsd the target asked for, signed USD
   * @param currentUsd the notional held now ({@code target - order}), signed USD
   * @param adjustedTargetUsd the target allowed, signed USD
   * @param adjustedOrderUsd the order allowed, signed USD: the requested order itself when the target is unchanged,
   *     0 when the rebalance is refused, else {@code adjustedTargetUsd - currentUsd}
   */
  public record CoinResult(String coin, double requestedTargetUsd, double currentUsd, double adjustedTargetUsd,
      double adjustedOrderUsd) {
    /** @return true when the adjusted target differs from the requested one */
    public boolean changed() {
      return adjustedTargetUsd != requestedTargetUsd;
    }
  }

  /**
   * The outcome of {@link #preTrade}.
   *
   * @param refused true when the whole rebalance is refused (stale data or net leverage): every adjusted target
   *     is then the current notional and every order 0
   * @param coins per coin, in the input order
   * @param violations every broken limit, in the order the rules were applied
   */
  public record PreTradeResult(boolean refused, List<CoinResult> coins, List<Violation> violations) {
    /** Copies the lists. */
    public PreTradeResult {
      coins = List.copyOf(coins);
      violations = List.copyOf(violations);
    }

    /** @return adjusted target notional per coin, signed USD, input order (a fresh array) */
    public double[] adjustedTargetUsd() {
      return coins.stream().mapToDouble(CoinResult::adjustedTargetUsd).toArray();
    }

    /** @return adjusted order notional per coin, signed USD, input order (a fresh array) */
    public double[] adjustedOrderUsd() {
      return coins.stream().mapToDouble(CoinResult::adjustedOrderUsd).toArray();
    }

    /**
     * @return why the rebalance was refused: the messages of the {@link Action#REFUSED} violations joined by
     *     {@code "; "}; the empty string when it was not refused
     */
    public String refusal() {
      return String.join("; ", violations.stream().filter(v -> v.action() == Action.REFUSED)
          .map(Violation::message).toList());
    }

    /** @param coin a coin @return the violations naming it */
    public List<Violation> violations(String coin) {
      return violations.stream().filter(v -> v.coin().equals(Optional.of(coin))).toList();
    }

    /** @param coin a coin @return true when its position-increasing order was blocked ({@link Rule#NO_ADV}) */
    public boolean blocked(String coin) {
      return violations(coin).stream().anyMatch(v -> v.action() == Action.BLOCKED);
    }
  }

  /** A post-trade alert kind. */
  public enum AlertKind {
    /** Average fill worse than the decision price by more than {@code slippageAlertPct}. */
    SLIPPAGE,
    /** Final position off a non-zero target by more than {@code positionOffTargetAlertPct} of the target. */
    OFF_TARGET,
    /** A position worth at least {@link #MIN_LEFTOVER_USD} left where the target is 0. */
    LEFTOVER
  }

  /**
   * One post-trade alert.
   *
   * @param coin the coin
   * @param kind the kind
   * @param value adverse slippage in percent (slippage), off-target percent of the target (off target), or the
   *     leftover notional in USD (leftover)
   * @param limit the threshold in the same unit
   */
  public record Alert(String coin, AlertKind kind, double value, double limit) {
    /** @return one line naming the coin, the value and the threshold */
    public String message() {
      return coin + ": " + switch (kind) {
        case SLIPPAGE -> String.format(Locale.ROOT, "adverse slippage %.3f%% > alert %.3f%%", value, limit);
        case OFF_TARGET -> String.format(Locale.ROOT, "position off target by %.2f%% > alert %.2f%%", value, limit);
        case LEFTOVER -> String.format(Locale.ROOT, "target 0 but %.2f USD left (>= %.2f USD)", value, limit);
      };
    }

    /** @return {@link #message()} */
    @Override
    public String toString() {
      return message();
    }
  }

  /**
   * Checks and adjusts a rebalance before any order is sent (rules in the class comment).
   *
   * @param l the limits
   * @param capitalUsd capital the targets are sized from, USD, finite and {@code > 0}
   * @param coins the coins, distinct
   * @param targetUsd requested target notional per coin, signed USD, finite. Not modified.
   * @param orderUsd requested order notional per coin ({@code target - current}), signed USD, finite. Not modified.
   * @param advUsd 24-hour dollar ADV per coin, USD, {@code >= 0} or NaN (not available). Not modified.
   * @param lastBarCloseMs close time of the last closed bar the targets were computed from, epoch ms
   * @param nowMs now, epoch ms
   * @return adjusted targets and the broken limits
   * @throws IllegalArgumentException naming the argument (and coin) when an array has the wrong length, a value is
   *     not finite, an ADV is negative, a coin repeats, or the capital is not positive
   */
  public static PreTradeResult preTrade(RiskLimits l, double capitalUsd, List<String> coins, double[] targetUsd,
      double[] orderUsd, double[] advUsd, long lastBarCloseMs, long nowMs) {
    Checks.notNull(l, "limits");
    Checks.positive(capitalUsd, "capitalUsd");
    Checks.notNull(coins, "coins");
    int n = coins.size();
    Checks.sameLength(Checks.notNull(targetUsd, "targetUsd").length, n, "targetUsd");
    Checks.sameLength(Checks.notNull(orderUsd, "orderUsd").length, n, "orderUsd");
    Checks.sameLength(Checks.notNull(advUsd, "advUsd").length, n, "advUsd");
    Set<String> seen = new HashSet<>();
    double[] current = new double[n];
    for (int i = 0; i < n; i++) {
      String c = Checks.notNull(coins.get(i), "coins[" + i + "]");
      if (!seen.add(c)) {
        throw new IllegalArgumentException("Argument 'coins' must be distinct, " + c + " repeats");
      }
      finite(targetUsd[i], "targetUsd", c);
      finite(orderUsd[i], "orderUsd", c);
      if (advUsd[i] < 0 || Double.isInfinite(advUsd[i])) {
        throw new IllegalArgumentException("Argument 'advUsd' of " + c + " must be >= 0 and finite or NaN, was "
            + advUsd[i]);
      }
      current[i] = targetUsd[i] - orderUsd[i] + 0.0; // no -0.0
    }
    List<Violation> violations = new ArrayList<>();

    long age = nowMs - lastBarCloseMs;
    if (age < 0 || age > l.maxDataAgeMs()) {
      violations.add(new Violation(Optional.empty(), Rule.STALE_DATA, Action.REFUSED, age, l.maxDataAgeMs()));
      return refused(coins, targetUsd, current, violations);
    }

    double[] t = targetUsd.clone();
    double maxPos = l.maxPositionUsd(capitalUsd);
    for (int i = 0; i < n; i++) {
      if (Math.abs(t[i]) > maxPos) {
        violations.add(new Violation(Optional.of(coins.get(i)), Rule.MAX_POSITION, Action.CLIPPED, Math.abs(t[i]),
            maxPos));
        t[i] = Math.copySign(maxPos, t[i]);
      }
    }

    double gross = 0;
    for (double x : t) {
      gross += Math.abs(x);
    }
    double maxGross = l.maxGrossLeverage() * capitalUsd;
    if (gross > maxGross) {
      violations.add(new Violation(Optional.empty(), Rule.GROSS_LEVERAGE, Action.SCALED, gross / capitalUsd,
          l.maxGrossLeverage()));
      double k = maxGross / gross;
      for (int i = 0; i < n; i++) {
        t[i] *= k;
      }
    }

    double net = 0;
    for (double x : t) {
      net += x;
    }
    if (Math.abs(net) > l.maxNetLeverage() * capitalUsd) {
      violations.add(new Violation(Optional.empty(), Rule.NET_LEVERAGE, Action.REFUSED, Math.abs(net) / capitalUsd,
          l.maxNetLeverage()));
      return refused(coins, targetUsd, current, violations);
    }

    List<CoinResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double intended = t[i];
      double o = intended - current[i];
      double reducing = (o != 0 && current[i] != 0 && Math.signum(o) != Math.signum(current[i]))
          ? Math.min(Math.abs(o), Math.abs(current[i])) : 0.0;
      boolean noAdv = Double.isNaN(advUsd[i]);
      double advLimit = noAdv ? 0.0 : l.maxAdvFraction() * advUsd[i];
      double allowed = Math.max(advLimit, reducing);
      double adjusted = intended;
      if (Math.abs(o) > allowed) {
        adjusted = current[i] + Math.copySign(allowed, o);
        // never past the intended target (guards against rounding in current + allowed)
        adjusted = (o > 0 ? Math.min(adjusted, intended) : Math.max(adjusted, intended)) + 0.0; // no -0.0
        violations.add(noAdv
            ? new Violation(Optional.of(coins.get(i)), Rule.NO_ADV, Action.BLOCKED, Math.abs(o), Double.NaN)
            : new Violation(Optional.of(coins.get(i)), Rule.ADV, Action.CLIPPED, Math.abs(o), advLimit));
      }
      double order = adjusted == targetUsd[i] ? orderUsd[i] : adjusted - current[i];
      out.add(new CoinResult(coins.get(i), targetUsd[i], current[i], adjusted, order));
    }
    return new PreTradeResult(false, out, violations);
  }

  /**
   * Alerts after a rebalance. Per coin:
   * <ul>
   *   <li>{@link AlertKind#SLIPPAGE} when {@code filledSize != 0} and the adverse slippage
   *       {@code sign(filledSize) x (avgFillPx - decisionPx) / decisionPx x 100} exceeds {@code slippageAlertPct}
   *       (buys filled above the decision price, sells below; favourable slippage never alerts);</li>
   *   <li>{@link AlertKind#OFF_TARGET} when {@code targetSize != 0} and
   *       {@code |finalSize - targetSize| / |targetSize| x 100 > positionOffTargetAlertPct};</li>
   *   <li>{@link AlertKind#LEFTOVER} when {@code targetSize == 0} and
   *       {@code |finalSize| x decisionPx >= }{@value #MIN_LEFTOVER_USD} USD.</li>
   * </ul>
   *
   * @param l the limits (alert thresholds)
   * @param coins the coins
   * @param targetSize target size per coin, signed base asset, finite. Not modified.
   * @param finalSize size held after the rebalance, signed base asset, finite. Not modified.
   * @param decisionPx the price the target was sized at, USD, finite and {@code > 0}. Not modified.
   * @param avgFillPx average price of the coin's fills, USD; finite and {@code > 0} when {@code filledSize != 0},
   *     ignored (may be NaN) when it is 0. Not modified.
   * @param filledSize net filled size, signed base asset ({@code +} bought, {@code -} sold), finite. Not modified.
   * @return the alerts, by coin in input order, slippage before position
   * @throws IllegalArgumentException naming the argument and coin when a length or value is invalid
   */
  public static List<Alert> postTrade(RiskLimits l, List<String> coins, double[] targetSize, double[] finalSize,
      double[] decisionPx, double[] avgFillPx, double[] filledSize) {
    Checks.notNull(l, "limits");
    Checks.notNull(coins, "coins");
    int n = coins.size();
    Checks.sameLength(Checks.notNull(targetSize, "targetSize").length, n, "targetSize");
    Checks.sameLength(Checks.notNull(finalSize, "finalSize").length, n, "finalSize");
    Checks.sameLength(Checks.notNull(decisionPx, "decisionPx").length, n, "decisionPx");
    Checks.sameLength(Checks.notNull(avgFillPx, "avgFillPx").length, n, "avgFillPx");
    Checks.sameLength(Checks.notNull(filledSize, "filledSize").length, n, "filledSize");
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String c = Checks.notNull(coins.get(i), "coins[" + i + "]");
      finite(targetSize[i], "targetSize", c);
      finite(finalSize[i], "finalSize", c);
      finite(filledSize[i], "filledSize", c);
      positive(decisionPx[i], "decisionPx", c);
      if (filledSize[i] != 0) {
        positive(avgFillPx[i], "avgFillPx", c);
        double adversePct = Math.signum(filledSize[i]) * (avgFillPx[i] - decisionPx[i]) / decisionPx[i] * 100.0;
        if (adversePct > l.slippageAlertPct()) {
          alerts.add(new Alert(c, AlertKind.SLIPPAGE, adversePct, l.slippageAlertPct()));
        }
      }
      if (targetSize[i] != 0) {
        double offPct = Math.abs(finalSize[i] - targetSize[i]) / Math.abs(targetSize[i]) * 100.0;
        if (offPct > l.positionOffTargetAlertPct()) {
          alerts.add(new Alert(c, AlertKind.OFF_TARGET, offPct, l.positionOffTargetAlertPct()));
        }
      } else {
        double leftoverUsd = Math.abs(finalSize[i]) * decisionPx[i];
        if (leftoverUsd >= MIN_LEFTOVER_USD) {
          alerts.add(new Alert(c, AlertKind.LEFTOVER, leftoverUsd, MIN_LEFTOVER_USD));
        }
      }
    }
    return alerts;
  }

  private static PreTradeResult refused(List<String> coins, double[] targetUsd, double[] current,
      List<Violation> violations) {
    List<CoinResult> out = new ArrayList<>(coins.size());
    for (int i = 0; i < coins.size(); i++) {
      out.add(new CoinResult(coins.get(i), targetUsd[i], current[i], current[i], 0.0));
    }
    return new PreTradeResult(true, out, violations);
  }

  private static void finite(double x, String name, String coin) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("Argument '" + name + "' of " + coin + " must be finite, was " + x);
    }
  }

  private static void positive(double x, String name, String coin) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("Argument '" + name + "' of " + coin + " must be finite and > 0, was " + x);
    }
  }
}
