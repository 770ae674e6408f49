package io.slipstream.cli;

import io.slipstream.backtest.search.GridEngine;
import io.slipstream.backtest.search.GridRow;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a search on stderr: a live bar with the rate (configurations per second) and the time left when
 * stderr is a terminal; otherwise one line every 10% (logs and CI). Thread-safe.
 */
final class GridProgress implements GridEngine.Listener, AutoCloseable {
  private final ProgressBar bar;
  private final long total;
  private final long startNanos = System.nanoTime();
  private long done;
  private long nextReport;

  GridProgress(long total) {
    this.total = total;
    this.nextReport = Math.max(1, total / 10);
    this.bar = System.console() == null || total == 0 ? null
        : new ProgressBarBuilder().setTaskName("grid").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200)
            .setUnit(" cfg", 1).showSpeed().continuousUpdate().build();
  }

  @Override
  public synchronized void done(GridRow row) {
    done++;
    if (bar != null) {
      bar.step();
      return;
    }
    if (done >= nextReport || done == total) {
      double s = (System.nanoTime() - startNanos) / 1e9;
      double rate = done / Math.max(s, 1e-9);
      System.err.printf(Locale.ROOT, "grid: %d/%d configurations (%.0f%%), %.1f/s, %.0f s left%n", done, total,
          100.0 * done / total, rate, (total - done) / rate);
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
