package io.slipstream.analytics;

import io.slipstream.backtest.BacktestResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drawdown episodes of a NAV path (quantstats {@code drawdown_details}, quantstats 0.0.81). With the running peak
 * {@code P_t = max(1, max_{s<=t} nav_s)} (the initial NAV of 1 counts as a peak), a bar is under water when
 * {@code nav_t < P_t}; an episode is a maximal run of under-water bars. For each episode: its peak (close time of the
 * last bar at the peak before the run, or the run's start minus one bar when the peak is the initial NAV), its trough
 * (the bar of the deepest drawdown {@code 1 - nav_t / P_t}), its recovery (close time of the first bar back at or
 * above the peak; empty while still under water at the last bar), its depth (a positive fraction) and its length
 * ({@code bars under water x interval hours / 24} days, as {@link Metrics#maxDrawdownDays()}).
 */
public final class Drawdowns {
  private Drawdowns() {
  }

  /**
   * One drawdown episode.
   *
   * @param peak close time of the peak bar (UTC)
   * @param trough close time of the deepest bar
   * @param recovery close time of the first bar back at the peak; empty if not recovered by the last bar
   * @param depth {@code 1 - nav_trough / peak}, positive fraction
   * @param lengthDays bars under water x interval, days
   * @param bars bars under water
   */
  public record Episode(Instant peak, Instant trough, Optional<Instant> recovery, double depth, double lengthDays,
      int bars) {
    /** @return the episode as an ordered map for {@code metrics.json} (times ISO-8601, no recovery = null) */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("peak", peak.toString());
      m.put("trough", trough.toString());
      m.put("recovery", recovery.map(Instant::toString).orElse(null));
      m.put("depth", depth);
      m.put("length_days", lengthDays);
      return m;
    }
  }

  /**
   * All episodes of a ledger's NAV, in time order.
   *
   * @param r the ledger
   * @return the episodes (empty when NAV never falls below its running peak)
   */
  public static List<Episode> of(BacktestResult r) {
    double[] nav = r.nav();
    long[] t = r.closeTimesMs();
    long step = r.interval().millis();
    double daysPerBar = r.interval().hours() / 24.0;
    List<Episode> out = new ArrayList<>();
    double peak = 1.0;
    long peakTime = t.length > 0 ? t[0] - step : 0;
    int start = -1;
    int trough = -1;
    double depth = 0;
    for (int i = 0; i < nav.length; i++) {
      if (nav[i] >= peak) {
        if (start >= 0) {
          out.add(new Episode(Instant.ofEpochMilli(peakTime), Instant.ofEpochMilli(t[trough]),
              Optional.of(Instant.ofEpochMilli(t[i])), depth, (i - start) * daysPerBar, i - start));
          start = -1;
        }
        peak = nav[i];
        peakTime = t[i];
        continue;
      }
      double dd = 1 - nav[i] / peak;
      if (start < 0) {
        start = i;
        trough = i;
        depth = dd;
      } else if (dd > depth) {
        depth = dd;
        trough = i;
      }
    }
    if (start >= 0) {
      out.add(new Episode(Instant.ofEpochMilli(peakTime), Instant.ofEpochMilli(t[trough]), Optional.empty(), depth,
          (nav.length - start) * daysPerBar, nav.length - start));
    }
    return out;
  }

  /**
   * The {@code k} deepest episodes, deepest first (ties: earlier first).
   *
   * @param episodes episodes in time order
   * @param k how many
   * @return at most {@code k} episodes
   */
  public static List<Episode> worst(List<Episode> episodes, int k) {
    return episodes.stream().sorted(Comparator.comparingDouble(Episode::depth).reversed()
        .thenComparing(Episode::peak)).limit(k).toList();
  }

  /**
   * Ulcer index (quantstats {@code ulcer_index}): {@code sqrt(sum_t dd_t^2 / (n - 1))} with
   * {@code dd_t = nav_t / P_t - 1} the drawdown of every bar (0 at a peak). Unlike quantstats, whose peak starts at
   * the first bar's NAV, the initial NAV of 1 counts as a peak (as for the max drawdown); the two differ only when
   * the first bar loses.
   *
   * @param nav NAV per bar, starting from 1 before the first; not modified
   * @return the index, decimal; NaN for fewer than 2 bars
   */
  public static double ulcerIndex(double[] nav) {
    if (nav.length < 2) {
      return Double.NaN;
    }
    double peak = 1.0;
    double s = 0;
    for (double v : nav) {
      peak = Math.max(peak, v);
      double dd = v / peak - 1;
      s += dd * dd;
    }
    return Math.sqrt(s / (nav.length - 1));
  }
}
