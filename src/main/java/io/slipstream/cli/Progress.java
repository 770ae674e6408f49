package io.slipstream.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command on stderr: a live progress bar (rate and time left) when stderr is a terminal,
 * one line per phase otherwise (logs and CI), so stdout stays clean for the summary.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final String task;
  private final long max;
  private long done;

  Progress(String task, long max) {
    this.task = task;
    this.max = max;
    this.bar = System.console() == null ? null
        : new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ClosingConsumer(System.err)).setUpdateIntervalMillis(100)
            .continuousUpdate().build();
  }

  /** Names the phase now running. */
  void setExtraMessage(String phase) {
    if (bar != null) {
      bar.setExtraMessage(phase);
    } else if (done < max) {
      System.err.println(task + " [" + (done + 1) + "/" + max + "] " + phase);
    }
  }

  /** Marks one phase done. */
  void step() {
    done++;
    if (bar != null) {
      bar.step();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /**
   * The console consumer, silent once closed: the bar's background refresh could otherwise draw the final line a
   * second time after the command's summary.
   */
  static final class ClosingConsumer extends ConsoleProgressBarConsumer {
    private volatile boolean closed;

    ClosingConsumer(java.io.PrintStream out) {
      super(out);
    }

    @Override
    public void accept(String rendered) {
      if (!closed) {
        super.accept(rendered);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        super.close();
      }
    }
  }
}
