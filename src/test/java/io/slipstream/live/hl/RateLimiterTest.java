package io.slipstream.live.hl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock that only moves when the limiter sleeps (or the test advances it). */
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<Long> sleeps = new ArrayList<>();

  private RateLimiter limiter(int capacity, long windowMs) {
    return new RateLimiter(capacity, Duration.ofMillis(windowMs), now::get, ms -> {
      sleeps.add(ms);
      now.addAndGet(ms);
    });
  }

  @Test
  void infoWeight_knownTypes_matchTheDocumentedTable() {
    assertThat(RateLimiter.infoWeight("l2Book")).isEqualTo(2);
    assertThat(RateLimiter.infoWeight("allMids")).isEqualTo(2);
    assertThat(RateLimiter.infoWeight("clearinghouseState")).isEqualTo(2);
    assertThat(RateLimiter.infoWeight("orderStatus")).isEqualTo(2);
    assertThat(RateLimiter.infoWeight("meta")).isEqualTo(20);
    assertThat(RateLimiter.infoWeight("candleSnapshot")).isEqualTo(20);
    assertThat(RateLimiter.infoWeight("fundingHistory")).isEqualTo(20);
    assertThat(RateLimiter.infoWeight("openOrders")).isEqualTo(20);
    assertThat(RateLimiter.infoWeight("userFills")).isEqualTo(20);
    assertThatThrownBy(() -> RateLimiter.infoWeight(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exchangeWeight_isOnePlusBatchOver40() {
    assertThat(RateLimiter.exchangeWeight(0)).isEqualTo(1);
    assertThat(RateLimiter.exchangeWeight(1)).isEqualTo(1);
    assertThat(RateLimiter.exchangeWeight(39)).isEqualTo(1);
    assertThat(RateLimiter.exchangeWeight(40)).isEqualTo(2);
    assertThat(RateLimiter.exchangeWeight(79)).isEqualTo(2); // the docs' example
    assertThat(RateLimiter.exchangeWeight(80)).isEqualTo(3);
    assertThatThrownBy(() -> RateLimiter.exchangeWeight(-1)).hasMessageContaining("'batch'");
  }

  @Test
  void extraInfoWeight_chargesPerItemsReturned() {
    assertThat(RateLimiter.extraInfoWeight("candleSnapshot", 59)).isZero();
    assertThat(RateLimiter.extraInfoWeight("candleSnapshot", 60)).isEqualTo(1);
    assertThat(RateLimiter.extraInfoWeight("candleSnapshot", 500)).isEqualTo(8);
    assertThat(RateLimiter.extraInfoWeight("fundingHistory", 500)).isEqualTo(25);
    assertThat(RateLimiter.extraInfoWeight("userFills", 2000)).isEqualTo(100);
    assertThat(RateLimiter.extraInfoWeight("meta", 1000)).isZero();
  }

  @Test
  void acquire_withinBudget_doesNotWait() {
    RateLimiter l = limiter(100, 1000);
    l.acquire(60);
    l.acquire(40);
    assertThat(sleeps).isEmpty();
    assertThat(l.usedWeight()).isEqualTo(100);
  }

  @Test
  void acquire_overBudget_waitsUntilTheOldestSpendLeavesTheWindow() {
    RateLimiter l = limiter(100, 1000);
    long t0 = now.get();
    l.acquire(60);
    now.addAndGet(300);
    l.acquire(40);
    now.addAndGet(200);
    l.acquire(30); // 60 + 40 + 30 > 100: the 60 leaves at t0 + 1000, i.e. 500 ms from now
    assertThat(sleeps).containsExactly(500L);
    assertThat(now.get()).isEqualTo(t0 + 1000);
    assertThat(l.usedWeight()).isEqualTo(70);
  }

  @Test
  void acquire_needingSeveralSpendsFreed_waitsForAllOfThem() {
    RateLimiter l = limiter(100, 1000);
    long t0 = now.get();
    l.acquire(30);
    now.addAndGet(100);
    l.acquire(30);
    now.addAndGet(100);
    l.acquire(40);
    l.acquire(50); // needs 50 freed: the 30 at t0 (leaves t0+1000) and the 30 at t0+100 (leaves t0+1100)
    assertThat(sleeps).containsExactly(900L);
    assertThat(now.get()).isEqualTo(t0 + 1100);
    assertThat(l.usedWeight()).isEqualTo(90);
  }

  @Test
  void window_refillsCompletelyAfterItPasses() {
    RateLimiter l = limiter(1200, 60_000);
    l.acquire(1200);
    now.addAndGet(59_999);
    assertThat(l.usedWeight()).isEqualTo(1200);
    now.addAndGet(1);
    assertThat(l.usedWeight()).isZero();
    l.acquire(1200);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void charge_doesNotWaitButDelaysTheNextAcquire() {
    RateLimiter l = limiter(100, 1000);
    l.acquire(90);
    l.charge(30); // over budget: 120, booked without waiting
    assertThat(sleeps).isEmpty();
    assertThat(l.usedWeight()).isEqualTo(120);
    now.addAndGet(10);
    l.acquire(10); // needs 30 freed: the 90 leaves at +1000, i.e. 990 ms from now
    assertThat(sleeps).containsExactly(990L);
    assertThat(l.usedWeight()).isEqualTo(10);
  }

  @Test
  void acquire_weightOutOfRange_isRejected() {
    RateLimiter l = limiter(100, 1000);
    assertThatThrownBy(() -> l.acquire(0)).hasMessageContaining("'weight'").hasMessageContaining("was 0");
    assertThatThrownBy(() -> l.acquire(101)).hasMessageContaining("was 101");
    assertThatThrownBy(() -> l.charge(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_badArguments_areRejected() {
    assertThatThrownBy(() -> new RateLimiter(0, Duration.ofSeconds(1), now::get, ms -> { }))
        .hasMessageContaining("'capacity'");
    assertThatThrownBy(() -> new RateLimiter(10, Duration.ZERO, now::get, ms -> { }))
        .hasMessageContaining("'window'");
  }

  @Test
  void acquire_interrupted_throwsAndKeepsTheFlag() {
    RateLimiter l = new RateLimiter(10, Duration.ofSeconds(1), now::get, ms -> {
      throw new InterruptedException();
    });
    l.acquire(10);
    try {
      assertThatThrownBy(() -> l.acquire(1)).isInstanceOf(ExchangeException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void acquire_anotherThread_waitsOnTheSleeperUntilTheWindowPasses_withoutSpending() throws Exception {
    // a sleeper that parks the waiting thread on a latch: the test decides when its wait is over
    AtomicLong clock = new AtomicLong(1_000);
    CountDownLatch asleep = new CountDownLatch(1);
    CountDownLatch wake = new CountDownLatch(1);
    List<Long> asked = new CopyOnWriteArrayList<>();
    RateLimiter l = new RateLimiter(10, Duration.ofMillis(200), clock::get, ms -> {
      asked.add(ms);
      asleep.countDown();
      wake.await();
      clock.addAndGet(ms);
    });
    l.acquire(10);
    clock.addAndGet(50);
    Thread t = new Thread(() -> l.acquire(5));
    t.start();

    assertThat(asleep.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(asked).containsExactly(150L); // the 10 leave the window at 1000 + 200, 150 ms from now
    assertThat(l.usedWeight()).as("nothing spent while waiting").isEqualTo(10);
    assertThat(t.isAlive()).isTrue();

    wake.countDown();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(l.usedWeight()).isEqualTo(5);
  }
}
