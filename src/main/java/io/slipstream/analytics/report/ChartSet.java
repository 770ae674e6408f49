package io.slipstream.analytics.report;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.Checks;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The charts of one ledger's run folder, each drawn and PNG-encoded at most once, as tasks on an executor: the
 * tear sheet asks for its charts (which starts them all at once), the caller writes the ledger files meanwhile, and
 * {@code equity.png} reuses the equity and drawdown charts the tear sheet drew. With {@link #inline} every chart is
 * drawn in the calling thread when first asked for.
 */
public final class ChartSet {
  private final BacktestResult ledger;
  private final Executor executor;
  private final Map<String, CompletableFuture<Drawn>> drawn = new ConcurrentHashMap<>();

  /** A drawn chart and its PNG encoding. */
  public record Drawn(BufferedImage image, byte[] png) {
    /** Validates the parts. */
    public Drawn {
      Checks.notNull(image, "image");
      Checks.notNull(png, "png");
    }
  }

  /**
   * @param ledger the ledger the charts show
   * @param executor runs the drawing tasks (e.g. a pool of one thread per core)
   */
  public ChartSet(BacktestResult ledger, Executor executor) {
    this.ledger = Checks.notNull(ledger, "ledger");
    this.executor = Checks.notNull(executor, "executor");
  }

  /** @return a chart set that draws each chart in the calling thread, once */
  public static ChartSet inline(BacktestResult ledger) {
    return new ChartSet(ledger, Runnable::run);
  }

  /** @return the ledger the charts show */
  public BacktestResult ledger() {
    return ledger;
  }

  /**
   * Starts drawing a chart unless one under {@code key} was already started.
   *
   * @param key names the chart within this set (same key = same chart)
   * @param chart draws it
   * @return the drawn chart (completes exceptionally if drawing failed)
   */
  public CompletableFuture<Drawn> draw(String key, Supplier<BufferedImage> chart) {
    CompletableFuture<Drawn> f = drawn.get(key);
    if (f != null) {
      return f;
    }
    CompletableFuture<Drawn> mine = new CompletableFuture<>();
    f = drawn.putIfAbsent(key, mine);
    if (f != null) {
      return f;
    }
    executor.execute(() -> {
      try {
        BufferedImage image = chart.get();
        mine.complete(new Drawn(image, Charts.png(image)));
      } catch (Throwable t) {
        mine.completeExceptionally(t);
      }
    });
    return mine;
  }

  /** @return the equity chart ({@link Charts#equity(BacktestResult, boolean)}) */
  public CompletableFuture<Drawn> equity(boolean logScale) {
    return draw(logScale ? "equity-log" : "equity", () -> Charts.equity(ledger, logScale));
  }

  /** @return the underwater chart ({@link Charts#drawdown(BacktestResult)}) */
  public CompletableFuture<Drawn> drawdown() {
    return draw("drawdown", () -> Charts.drawdown(ledger));
  }
}
