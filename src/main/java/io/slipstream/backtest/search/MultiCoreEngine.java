package io.slipstream.backtest.search;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a grid on this machine's cores: one task per configuration on a fixed pool of worker threads, at most
 * {@code 2 x threads} configurations in flight, so memory does not grow with the grid. Signals are shared through
 * the evaluator's cache; give the ids in group order so concurrent workers hit the same entries. The first failure
 * stops the submission of new work and is rethrown after the running tasks end.
 */
public final class MultiCoreEngine implements GridEngine {
  private final int threads;

  /** @param threads worker threads, {@code >= 1} */
  public MultiCoreEngine(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("Argument 'threads' must be >= 1, was " + threads);
    }
    this.threads = threads;
  }

  /** @return an engine with one worker per available processor */
  public static MultiCoreEngine allCores() {
    return new MultiCoreEngine(Runtime.getRuntime().availableProcessors());
  }

  /** @return the number of worker threads */
  public int threads() {
    return threads;
  }

  @Override
  public void run(GridEvaluator evaluator, long[] ids, ResultWriter writer, Listener listener) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "grid-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Semaphore inFlight = new Semaphore(2 * threads);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    try {
      for (long id : ids) {
        if (failure.get() != null) {
          break;
        }
        inFlight.acquire();
        pool.execute(() -> {
          try {
            if (failure.get() == null) {
              GridRow row = evaluator.evaluate(id);
              writer.accept(row);
              listener.done(row);
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } catch (Error e) {
            failure.compareAndSet(null, new IllegalStateException("configuration " + id + " failed: " + e, e));
          } finally {
            inFlight.release();
          }
        });
      }
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // waiting for the running configurations
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("grid search interrupted", e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
