package io.slipstream.cli;

import io.slipstream.backtest.search.GridEngine;
import io.slipstream.backtest.search.GridRow;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a search on stderr: a live bar with the rate (configurations per second) and the time left when
 * stderr is a terminal; otherwise (logs and CI) a line for the first configuration done, then one whenever another
 * 10% are done or {@link #QUIET_NANOS} passed since the last line, and one for the last; never the same count
 * twice. Thread-safe.
 */
final class GridProgress implements GridEngine.Listener, AutoCloseable {
  /** Longest silence between two progress lines when stderr is not a terminal: 5 s. */
  static final long QUIET_NANOS = 5_000_000_000L;
  private final ProgressBar bar;
  private final long total;
  private final PrintStream err;
  private final LongSupplier clock;
  private final long startNanos;
  private long done;
  private long nextReport;
  private long lastLineNanos;

  GridProgress(long total) {
    this(total, System.console() != null, System.err, System::nanoTime);
  }

  /**
   * @param total configurations to run
   * @param terminal whether to draw a live bar (stderr is a terminal)
   * @param err where the lines go
   * @param clock nanoseconds, monotonic (injected by tests)
   */
  GridProgress(long total, boolean terminal, PrintStream err, LongSupplier clock) {
    this.total = total;
    this.err = err;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
    this.lastLineNanos = startNanos;
    this.nextReport = 1;
    this.bar = !terminal || total == 0 ? null
        : new ProgressBarBuilder().setTaskName("grid").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new Progress.ClosingConsumer(err)).setUpdateIntervalMillis(200)
            .setUnit(" cfg", 1).showSpeed().continuousUpdate().build();
  }

  @Override
  public synchronized void done(GridRow row) {
    done++;
    if (bar != null) {
      bar.step();
      return;
    }
    long now = clock.getAsLong();
    if (done >= nextReport || done == total || now - lastLineNanos >= QUIET_NANOS) {
      double s = (now - startNanos) / 1e9;
      double rate = done / Math.max(s, 1e-9);
      err.printf(Locale.ROOT, "grid: %d/%d configurations (%.0f%%), %.1f/s, %.0f s left%n", done, total,
          100.0 * done / total, rate, (total - done) / rate);
      lastLineNanos = now;
      nextReport = Math.min(total, done + Math.max(1, total / 10));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
