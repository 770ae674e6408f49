package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.fake.FakeOrder;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.hl.Tif;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link TwoStageExecutor} against the fake exchange over HTTP, on a stepped clock (its waits advance the clock, never
 * the wall), fills read back over REST.
 */
class TwoStageExecutorTest {
  private static final String KEY = LiveFixture.KEY;

  /**
   * The $10 minimum is checked at the IOC limit the sweep sends (mid x (1 -/+ 1%)), not at the mid.
   *
   * <p>ETH (szDecimals 4) mid 2000: sell 0.005 is $10.00 at the mid but $9.90 at the sweep limit 1980, which the
   * exchange refuses; it is not sent. SOL (szDecimals 2) mid 99.95: buy 0.1 is $9.995 at the mid (under) but the
   * limit 99.95 x 1.01 = 100.9495, 5 significant figures 100.95, is $10.095 (over): it is sent and fills. Neither
   * rests in stage 1 for long: the ETH quote at the ask never fills, and the SOL quote at the bid would be $9.99.
   */
  @Test
  void stage2_minimumOrderValue_isCheckedAtTheLimitPriceSent() throws Exception {
    try (FakeExchange fake = FakeExchange.start()) {
      fake.addCoin("ETH", 4, 2_000, 2.0, 50);
      fake.addCoin("SOL", 2, 99.95, 2.0, 500);
      String account = PrivateKeySigner.fromHex(KEY).address();
      fake.setAccount(account);
      fake.setAccountValue(account, 10_000);
      HyperliquidClient client = new HyperliquidClient(fake.network(true), Optional.of(PrivateKeySigner.fromHex(KEY)),
          RateLimiter.of(100_000, Duration.ofMinutes(1)), new HttpTransport.Settings(Duration.ofSeconds(5),
              Duration.ofSeconds(2), 3, Duration.ofMillis(4), Duration.ofMillis(50)), Optional.empty(),
          HyperliquidClient.Nonces.system());
      InMemoryAuditStore store = new InMemoryAuditStore();
      long id = store.startRebalance("live", "t.json", "{}", 0, 10_000);
      LiveConfig.Execution cfg = new LiveConfig.Execution(1, 0, true, 10, 0, 1.0, 0);
      List<String> log = new ArrayList<>();
      TwoStageExecutor ex = new TwoStageExecutor(new LiveVenue(client, client, new NoUserStream(), account), client,
          store, cfg, new SteppedClock(), 60_000, log::add);

      ExecutionReport r = ex.execute(id, List.of(new PlannedOrder("ETH", 0, 4, -0.005, 2_000, false),
          new PlannedOrder("SOL", 1, 2, 0.1, 99.95, false)));

      List<FakeOrder> iocs = fake.orders().stream().filter(o -> o.tif() == Tif.IOC).toList();
      assertThat(iocs).as("one sweep, SOL's, and no ETH order the exchange would refuse").singleElement()
          .satisfies(o -> {
            assertThat(o.coin()).isEqualTo("SOL");
            assertThat(o.limitPx()).isEqualTo(100.95);
            assertThat(o.status()).isEqualTo("filled");
          });
      assertThat(fake.orders()).noneMatch(o -> o.status().equals("minTradeNtlRejected"));
      ExecutionReport.CoinExecution eth = r.coins().stream().filter(c -> c.coin().equals("ETH")).findFirst()
          .orElseThrow();
      assertThat(eth.note()).contains("at the sweep limit 1980.0 is under the minimum");
      assertThat(fake.position(account, "SOL").orElseThrow().szi()).isEqualTo(0.1);
    }
  }

  /** Time that passes only when the executor waits. */
  private static final class SteppedClock implements Clock {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    @Override
    public long nowMs() {
      return now.get();
    }

    @Override
    public void sleepMs(long ms) {
      now.addAndGet(ms);
    }
  }
}
