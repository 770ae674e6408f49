package io.slipstream.backtest.walkforward;

import io.slipstream.backtest.search.Objective;
import io.slipstream.core.ConfigException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of a walk-forward study ({@link WalkForward}); the CLI options are in parentheses. Lengths are whole
 * days (every bar interval divides a day, so a length of {@code d} days is {@code d x 24 / interval hours} bars).
 *
 * <p>Layout, in booked bars of the base config's window (see {@link WalkForward#layout}): test window {@code k}
 * starts {@code train + k x step} after the window start and lasts {@code test}; its train window ends where the
 * test window starts, minus {@code purge_bars}, and starts at the window start ({@code anchored}) or
 * {@code k x step} after it (rolling, the default).
 *
 * <p>Purge and embargo, after López de Prado, <em>Advances in Financial Machine Learning</em> (2018), ch. 7,
 * adapted to a forward-only walk:
 * <ul>
 *   <li>{@code purge_bars} p: the last p bars before each test window are left out of its train window (a gap
 *       between the last training bar and the first test bar). LdP §7.4.1 purges training observations whose labels
 *       overlap the test set. Here a train run books only bars that close by its end and every signal is causal,
 *       so no training outcome reaches into the test window even with p = 0; the purge is a safety gap against
 *       serial correlation across the boundary and for strategies whose decisions pay off over several bars (a
 *       beta-neutral horizon of h bars: p = h - 1).</li>
 *   <li>{@code embargo_bars} e: the first e bars of each test window are traded (the stitched ledger books them
 *       with the window's chosen configuration) but are left out of that window's out-of-sample stats. LdP §7.4.2
 *       embargoes the bars right after a test set from training, which cannot happen when training always precedes
 *       testing; the forward-only analogue of that contamination is the hand-over at the start of a test window,
 *       where the book still holds the previous configuration's positions until the new configuration's first
 *       rebalance. The stitched ledger's own metrics include the embargoed bars.</li>
 * </ul>
 *
 * @param train length of each (first, when anchored) train window, whole days {@code >= 1} ({@code --train})
 * @param test length of each test window, whole days {@code >= 1} ({@code --test})
 * @param step distance between consecutive test window starts, whole days {@code >= test} ({@code --step}); when
 *     {@code step > test} the bars between two test windows are traded by the earlier window's configuration but
 *     belong to no window's out-of-sample stats
 * @param anchored whether every train window starts at the window start (expanding) instead of rolling
 *     ({@code --anchored})
 * @param purgeBars bars dropped from the end of each train window, {@code >= 0} ({@code --purge-bars})
 * @param embargoBars bars at the start of each test window not counted in its out-of-sample stats,
 *     {@code >= 0} and smaller than the test window ({@code --embargo-bars})
 * @param objective what is maximised on each train window ({@code --objective}, net Sharpe by default)
 * @param threads worker threads for the train runs, {@code >= 1} ({@code --threads})
 */
public record WalkForwardConfig(Duration train, Duration test, Duration step, boolean anchored, int purgeBars,
    int embargoBars, Objective objective, int threads) {
  private static final Pattern DAYS = Pattern.compile("([0-9]{1,5})d");

  /**
   * Validates.
   *
   * @throws ConfigException naming the setting ({@code train}, {@code test}, {@code step}, {@code purge_bars},
   *     {@code embargo_bars}, {@code threads}) and its value
   */
  public WalkForwardConfig {
    wholeDays(train, "train");
    wholeDays(test, "test");
    wholeDays(step, "step");
    if (step.compareTo(test) < 0) {
      throw new ConfigException("step", "must be at least the test length " + test.toDays() + "d (test windows "
          + "may not overlap), was " + step.toDays() + "d");
    }
    if (purgeBars < 0) {
      throw new ConfigException("purge_bars", "must be >= 0, was " + purgeBars);
    }
    if (embargoBars < 0) {
      throw new ConfigException("embargo_bars", "must be >= 0, was " + embargoBars);
    }
    if (objective == null) {
      throw new ConfigException("objective", "must be given");
    }
    if (threads < 1) {
      throw new ConfigException("threads", "must be >= 1, was " + threads);
    }
  }

  /**
   * Rolling windows with {@code step = test}, no purge or embargo, net Sharpe, one thread per core.
   *
   * @param train train length, whole days
   * @param test test length, whole days
   * @return the settings
   * @throws ConfigException for lengths that are not whole positive days
   */
  public static WalkForwardConfig of(Duration train, Duration test) {
    return new WalkForwardConfig(train, test, test, false, 0, 0, Objective.SHARPE,
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * Parses a length in whole days, written {@code <n>d} (e.g. {@code 90d}); hours or fractions are not accepted.
   *
   * @param key the setting or option, named in the message
   * @param text the text
   * @return the duration
   * @throws ConfigException naming {@code key} and the text when it is not {@code <n>d} with {@code n >= 1}
   */
  public static Duration parseDays(String key, String text) {
    Matcher m = DAYS.matcher(text == null ? "" : text.trim());
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
      throw new ConfigException(key, "must be a whole number of days >= 1 written like 90d, was \"" + text + "\"");
    }
    return Duration.ofDays(Integer.parseInt(m.group(1)));
  }

  /**
   * @param d a whole-day length
   * @param intervalHours bar interval in hours (a divisor of 24)
   * @return the length in bars, {@code days x 24 / intervalHours}
   */
  static int bars(Duration d, int intervalHours) {
    return Math.toIntExact(d.toHours() / intervalHours);
  }

  private static void wholeDays(Duration d, String key) {
    if (d == null) {
      throw new ConfigException(key, "must be given");
    }
    if (d.isNegative() || d.isZero() || !d.equals(Duration.ofDays(d.toDays()))) {
      throw new ConfigException(key, "must be a whole number of days >= 1, was " + d);
    }
  }
}
