package io.slipstream.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command on stderr: a live progress bar (rate and time left) when stderr is a terminal,
 * one line per phase otherwise (logs and CI), so stdout stays clean for the summary.
 *
 * <p>With the environment variable {@code SLIPSTREAM_TIMINGS=1}, each phase also prints its wall time in ms on
 * stderr when the next one starts or the progress closes, and the first phase prints the time since the JVM
 * started (start-up: JVM, class loading, argument and config parsing): the per-stage split of a cold run.
 */
final class Progress implements AutoCloseable {
  private static final boolean TIMINGS = "1".equals(System.getenv("SLIPSTREAM_TIMINGS"));
  private final ProgressBar bar;
  private final String task;
  private final long max;
  private long done;
  private String phase;
  private long phaseStartNs;
  private long phaseStartCpuMs;

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
    if (TIMINGS) {
      timing(phase);
    }
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

  private void timing(String next) {
    long now = System.nanoTime();
    ProcessHandle.Info info = ProcessHandle.current().info();
    long cpuMs = info.totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    if (this.phase == null) {
      long sinceStartMs = info.startInstant().map(t -> System.currentTimeMillis() - t.toEpochMilli()).orElse(-1L);
      System.err.printf("timing %s: start-up (JVM start to first phase) wall %d ms, cpu %d ms%n", task, sinceStartMs,
          cpuMs);
    } else {
      System.err.printf("timing %s: %s wall %.1f ms, cpu %d ms%n", task, this.phase, (now - phaseStartNs) / 1e6,
          cpuMs - phaseStartCpuMs);
    }
    this.phase = next;
    this.phaseStartNs = now;
    this.phaseStartCpuMs = cpuMs;
  }

  @Override
  public void close() {
    if (TIMINGS && phase != null) {
      timing(null);
    }
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
