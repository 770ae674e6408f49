package io.slipstream.live.hl;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Client-side REST weight budget (API.md "Limits"; Hyperliquid docs "Rate limits and user limits"): at most
 * {@code capacity} weight (1200 by default) spent in any rolling window of {@code window} (one minute by default).
 * {@link #acquire(int)} blocks until the spend of the last window plus the new weight fits, so the exchange's own
 * per-IP limit (HTTP 429) is not hit by this process alone.
 *
 * <p>Weights ({@link #infoWeight(String)}, {@link #exchangeWeight(int)}, {@link #extraInfoWeight(String, int)}):
 * an {@code /exchange} action weighs {@code 1 + floor(batch / 40)}; {@code l2Book}, {@code allMids},
 * {@code clearinghouseState}, {@code orderStatus} weigh 2; every other info request 20. The exchange charges some
 * info requests more by the size of their reply: 1 per 20 items for {@code userFills} and {@code fundingHistory},
 * 1 per 60 items for {@code candleSnapshot}. The exact rounding the exchange applies is not documented; this class
 * approximates it by {@code floor(items / per)}, charged after the reply (with {@link #charge(int)}, which does not
 * block but delays later acquisitions).
 *
 * <p>Thread-safe. Acquirers are served in arrival order (a fair lock held while waiting), so a heavy request is not
 * starved by light ones; {@link #charge(int)} and {@link #usedWeight()} never wait. The clock and the sleeper are
 * injectable for tests.
 */
public final class RateLimiter {
  /** The exchange's REST budget: 1200 weight per minute per IP. */
  public static final int DEFAULT_CAPACITY = 1200;
  /** The budget's rolling window: one minute. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  /** Sleeps; {@link Thread#sleep(long)} in production, a clock advance in tests. */
  @FunctionalInterface
  public interface Sleeper {
    /** The real sleeper: {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = Thread::sleep;

    /**
     * @param millis how long to sleep, ms ({@code > 0})
     * @throws InterruptedException when interrupted
     */
    void sleep(long millis) throws InterruptedException;
  }

  private final int capacity;
  private final long windowMs;
  private final LongSupplier clockMs;
  private final Sleeper sleeper;
  /** Serialises waiting acquirers in arrival order. */
  private final ReentrantLock waiters = new ReentrantLock(true);
  /** (time ms, weight) of every spend within the window, oldest first; also the state's monitor. */
  private final Deque<long[]> spent = new ArrayDeque<>();
  private long used;

  /**
   * @param capacity weight allowed per window ({@code > 0})
   * @param window the rolling window ({@code >= 1 ms})
   * @param clockMs current time, epoch ms (or any monotone ms clock)
   * @param sleeper how to wait
   * @throws IllegalArgumentException naming the argument when out of range or null
   */
  public RateLimiter(int capacity, Duration window, LongSupplier clockMs, Sleeper sleeper) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("Argument 'capacity' must be > 0, was " + capacity);
    }
    if (window == null || window.toMillis() < 1) {
      throw new IllegalArgumentException("Argument 'window' must be at least 1 ms, was " + window);
    }
    if (clockMs == null || sleeper == null) {
      throw new IllegalArgumentException("Arguments 'clockMs' and 'sleeper' must not be null");
    }
    this.capacity = capacity;
    this.windowMs = window.toMillis();
    this.clockMs = clockMs;
    this.sleeper = sleeper;
  }

  /**
   * @param capacity weight allowed per window
   * @param window the rolling window
   * @return a limiter on the system clock
   */
  public static RateLimiter of(int capacity, Duration window) {
    return new RateLimiter(capacity, window, System::currentTimeMillis, Sleeper.SYSTEM);
  }

  /** @return the exchange's budget (1200 a minute) on the system clock */
  public static RateLimiter hyperliquidDefault() {
    return of(DEFAULT_CAPACITY, DEFAULT_WINDOW);
  }

  /**
   * Blocks until {@code weight} fits in the budget of the current window, then spends it.
   *
   * @param weight the request's weight, {@code 1..capacity}
   * @throws IllegalArgumentException when {@code weight} is not in {@code [1, capacity]}
   * @throws ExchangeException when interrupted while waiting (the interrupt flag is restored)
   */
  public void acquire(int weight) {
    if (weight < 1 || weight > capacity) {
      throw new IllegalArgumentException("Argument 'weight' must be in [1, " + capacity + "], was " + weight);
    }
    waiters.lock();
    try {
      while (true) {
        long waitMs;
        synchronized (spent) {
          long now = clockMs.getAsLong();
          evict(now);
          if (used + weight <= capacity) {
            record(now, weight);
            return;
          }
          waitMs = Math.max(1, freeAt(used + weight - capacity) - now);
        }
        try {
          sleeper.sleep(waitMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ExchangeException("interrupted while waiting " + waitMs + " ms for rate-limit weight " + weight,
              -1, e);
        }
      }
    } finally {
      waiters.unlock();
    }
  }

  /** @return the time the oldest spends summing to at least {@code need} leave the window, ms */
  private long freeAt(long need) {
    long freed = 0;
    long until = 0;
    for (long[] e : spent) {
      freed += e[1];
      until = e[0] + windowMs;
      if (freed >= need) {
        break;
      }
    }
    return until;
  }

  /**
   * Spends {@code weight} now without waiting (the budget may go over; later {@link #acquire(int)} calls wait
   * longer). Used for the per-item surcharge the exchange books after a reply.
   *
   * @param weight weight to book, {@code >= 0} (0 does nothing)
   * @throws IllegalArgumentException when negative
   */
  public void charge(int weight) {
    if (weight < 0) {
      throw new IllegalArgumentException("Argument 'weight' must be >= 0, was " + weight);
    }
    if (weight == 0) {
      return;
    }
    synchronized (spent) {
      long now = clockMs.getAsLong();
      evict(now);
      record(now, weight);
    }
  }

  /** @return weight spent within the current window */
  public int usedWeight() {
    synchronized (spent) {
      evict(clockMs.getAsLong());
      return (int) Math.min(Integer.MAX_VALUE, used);
    }
  }

  /** @return the configured capacity per window */
  public int capacity() {
    return capacity;
  }

  /** @return the rolling window, ms */
  public long windowMs() {
    return windowMs;
  }

  private void evict(long now) {
    while (!spent.isEmpty() && spent.peekFirst()[0] + windowMs <= now) {
      used -= spent.pollFirst()[1];
    }
  }

  private void record(long now, int weight) {
    spent.addLast(new long[] {now, weight});
    used += weight;
  }

  /**
   * Weight of an {@code /info} request before its reply is counted: 2 for {@code l2Book}, {@code allMids},
   * {@code clearinghouseState}, {@code orderStatus}; 20 for every other type.
   *
   * @param type the request's {@code type}
   * @return its weight
   * @throws IllegalArgumentException when {@code type} is null or blank
   */
  public static int infoWeight(String type) {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("info request type must not be blank, was " + type);
    }
    switch (type) {
      case "l2Book":
      case "allMids":
      case "clearinghouseState":
      case "orderStatus":
        return 2;
      default:
        return 20;
    }
  }

  /**
   * Surcharge the exchange books for the size of an info reply (an approximation, see the class comment):
   * {@code floor(items / 60)} for {@code candleSnapshot}, {@code floor(items / 20)} for {@code userFills} and
   * {@code fundingHistory}, 0 for other types.
   *
   * @param type the request's {@code type}
   * @param items the number of items in the reply ({@code >= 0})
   * @return the extra weight
   * @throws IllegalArgumentException when {@code items < 0}
   */
  public static int extraInfoWeight(String type, int items) {
    if (items < 0) {
      throw new IllegalArgumentException("Argument 'items' must be >= 0, was " + items);
    }
    switch (type) {
      case "candleSnapshot":
        return items / 60;
      case "userFills":
      case "fundingHistory":
        return items / 20;
      default:
        return 0;
    }
  }

  /**
   * Weight of an {@code /exchange} action: {@code 1 + floor(batch / 40)}.
   *
   * @param batch the length of the action's array (orders or cancels); 0 for actions without one
   * @return its weight
   * @throws IllegalArgumentException when {@code batch < 0}
   */
  public static int exchangeWeight(int batch) {
    if (batch < 0) {
      throw new IllegalArgumentException("Argument 'batch' must be >= 0, was " + batch);
    }
    return 1 + batch / 40;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RateLimiter[%d per %d ms]", capacity, windowMs);
  }
}
