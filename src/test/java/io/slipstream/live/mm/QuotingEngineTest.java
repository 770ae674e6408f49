package io.slipstream.live.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.live.mm.MmFixtures.Call;
import io.slipstream.live.mm.MmFixtures.Recorder;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotingEngineTest {
  private final Recorder rec = new Recorder();

  private QuotingEngine engine(String symbols) {
    return new QuotingEngine(MmFixtures.parse(symbols), MmFixtures.META, rec);
  }

  /** CEX 1999/2001 at 0, 1000, 2000 ms; HL 2001/2003 at 0 ms: basis 0.001, sigma 0 after two samples. */
  private static void warm(QuotingEngine e, int sym) {
    e.onCexBbo(sym, 1999, 2001, 0, 0);
    e.onHlBbo(sym, 2001, 2003, 0, 0);
    e.onCexBbo(sym, 1999, 2001, 1000, 1000);
    e.onCexBbo(sym, 1999, 2001, 2000, 2000);
  }

  @Test
  void firstQuote_handWorked() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    // fair = 2000 * 1.001 = 2002; half = 5 bps; bid 2002 * 0.9995 = 2000.999 -> floor to 0.1 = 2000.9;
    // ask 2002 * 1.0005 = 2003.001 -> ceil = 2003.1; size 200 / 2002 = 0.0999001 -> 0.0999 (lot 0.0001)
    assertThat(rec.calls).extracting(Call::kind).containsExactly("resumed", "quote");
    Call q = rec.last();
    assertThat(q.bidPx()).isEqualTo(2000.9);
    assertThat(q.askPx()).isEqualTo(2003.1);
    assertThat(q.bidSz()).isEqualTo(0.0999);
    assertThat(q.askSz()).isEqualTo(0.0999);
    assertThat(e.fair(0)).isCloseTo(2002, within(1e-9));
    assertThat(e.status(0)).isEqualTo("quoting");
  }

  @Test
  void fill_skewsAndTapers_handWorked() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    rec.drain();
    e.onFill(0, true, 0.0999, 2500);
    // rho = 0.0999 * 2002 / 1000 = 0.1999998; r = 2002 (1 - 10 * rho / 1e4) = 2001.5996004
    // bid = r * 0.9995 = 2000.5988 -> 2000.5; ask = r * 1.0005 = 2002.6004 -> 2002.7
    // bid size = 0.0999001 * (1 - rho) * (1 - 199.9998 / 5000) = 0.0767233 -> 0.0767; ask keeps 0.0999
    Call q = rec.last();
    assertThat(q.kind()).isEqualTo("quote");
    assertThat(q.bidPx()).isEqualTo(2000.5);
    assertThat(q.bidSz()).isEqualTo(0.0767);
    assertThat(q.askPx()).isEqualTo(2002.7);
    assertThat(q.askSz()).isEqualTo(0.0999);
    assertThat(e.inventory(0)).isEqualTo(0.0999);
  }

  @Test
  void volatility_handWorkedEwmaOfSquaredReturns() {
    QuotingEngine e = engine(MmFixtures.ETH);
    e.onCexBbo(0, 99.5, 100.5, 0, 0); // mid 100, first sample mid
    e.onCexBbo(0, 100.5, 101.5, 500, 500); // mid 101
    e.onCexBbo(0, 100.5, 101.5, 1000, 1000); // boundary 1: r1 = ln(101/100), v = r1^2
    double r1 = Math.log(101.0 / 100);
    assertThat(e.sigmaBps(0)).isCloseTo(1e4 * Math.abs(r1), within(1e-9));
    e.onCexBbo(0, 99.5, 100.5, 2500, 2500); // boundary 2: r = ln(101/101) = 0, v = r1^2 / 3
    assertThat(e.sigmaBps(0)).isCloseTo(1e4 * Math.sqrt(r1 * r1 / 3), within(1e-9));
    e.onCexBbo(0, 99.5, 100.5, 4200, 4200); // boundary 3: r = ln(100/101); boundary 4 quiet (r = 0)
    double r3 = Math.log(100.0 / 101);
    double v = (r1 * r1 / 3 / 3 + 2.0 / 3 * r3 * r3) / 3;
    assertThat(e.sigmaBps(0)).isCloseTo(1e4 * Math.sqrt(v), within(1e-9));
  }

  @Test
  void basis_timeDecayedEwma_handWorked() {
    QuotingEngine e = engine(MmFixtures.ETH);
    e.onCexBbo(0, 1999, 2001, 0, 0);
    e.onHlBbo(0, 2001, 2003, 0, 0); // b0 = 0.001
    e.onHlBbo(0, 2005, 2007, 10, 1000); // b1 = 0.003, one half-life later: B = 0.001 + 0.5 * 0.002
    assertThat(e.basisEwma(0)).isCloseTo(0.002, within(1e-12));
  }

  @Test
  void requote_onlyBeyondTolerance() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    rec.drain();
    // CEX mid 2000.1: fair 2002.1001, bid 2001.0990 -> 2001.0 (1 tick from 2000.9): within tolerance 1
    e.onCexBbo(0, 1999.1, 2001.1, 2100, 2100);
    assertThat(rec.calls).isEmpty();
    // CEX mid 2000.3: bid 2001.2992 -> 2001.2 (3 ticks): requote
    e.onCexBbo(0, 1999.3, 2001.3, 2200, 2200);
    assertThat(rec.last().bidPx()).isEqualTo(2001.2);
  }

  @Test
  void postOnly_neverCrossesTheHlBook() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    e.onHlBbo(0, 2001, 2003, 2000, 2000);
    rec.drain();
    // the HL book drops far below fair at once (dt = 0: the basis EWMA stays 0.001): the bid would cross
    e.onHlBbo(0, 1990.0, 1990.4, 2000, 2000);
    for (Call c : rec.calls) {
      if (c.kind().equals("quote") && c.bidSz() > 0) {
        assertThat(c.bidPx()).isLessThan(1990.4);
      }
    }
    assertThat(e.status(0)).isEqualTo("suspended: basis_deviation");
  }

  @Test
  void postOnly_clampsWithinBasisTolerance() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    e.onHlBbo(0, 2001, 2003, 2000, 2000);
    rec.drain();
    // the HL ask drops to 2000.5, below the desired bid 2000.9 (dt = 0: B stays 0.001);
    // mid 1999.45 gives b = -0.000275, |b - B| = 12.75 bps < 20
    e.onHlBbo(0, 1998.4, 2000.5, 2000, 2000);
    Call q = rec.last();
    assertThat(q.kind()).isEqualTo("quote");
    assertThat(q.bidPx()).isEqualTo(2000.4); // one tick below the HL ask
    assertThat(q.askPx()).isGreaterThan(1998.4);
  }

  @Test
  void killSwitch_volatility_suspendsAndResumesAfterCooldown() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    e.onHlBbo(0, 2001, 2003, 2000, 2000);
    rec.drain();
    // a 1 % jump: r = ln(2020/2000) ~ 99.5 bps; v = 2/3 r^2 -> sigma ~ 81 bps > 30
    e.onCexBbo(0, 2019, 2021, 2100, 2100);
    e.onCexBbo(0, 2019, 2021, 3000, 3000);
    assertThat(rec.calls).extracting(Call::kind).contains("suspended");
    assertThat(e.status(0)).isEqualTo("suspended: volatility");
    Call cancel = rec.calls.stream().filter(c -> c.kind().equals("quote")).reduce((a, b) -> b).orElseThrow();
    assertThat(cancel.bidSz()).isZero();
    assertThat(cancel.askSz()).isZero();
    // calm: each quiet boundary divides v by 3: sigma 81.2 (3000 ms), 46.9 (4000), 27.1 < 30 (5000)
    e.onHlBbo(0, 2021, 2023, 3000, 3000);
    long t = 3000;
    while (!e.status(0).equals("quoting") && t < 20000) {
      t += 100;
      e.onCexBbo(0, 2019, 2021, t, t);
      e.onHlBbo(0, 2021, 2023, t, t);
    }
    assertThat(e.status(0)).isEqualTo("quoting");
    // sigma fell below the ceiling at 5000 ms; quoting resumes one cooldown (1000 ms) later
    Call resumed = rec.calls.stream().filter(c -> c.kind().equals("resumed")).findFirst().orElseThrow();
    assertThat(resumed.timeMs()).isEqualTo(6000);
  }

  @Test
  void killSwitch_staleCexFeed_thenResume() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    rec.drain();
    e.onTimer(7001); // CEX last received at 2000, stale after more than 5000 ms
    assertThat(e.status(0)).isEqualTo("suspended: feed_stale_cex");
    assertThat(rec.calls).extracting(Call::kind).containsExactly("quote", "suspended");
    e.onCexBbo(0, 1999, 2001, 7100, 7100);
    e.onHlBbo(0, 2001, 2003, 7100, 7100);
    assertThat(e.status(0)).isEqualTo("suspended: feed_stale_cex"); // in the cooldown
    e.onTimer(8100);
    assertThat(e.status(0)).isEqualTo("quoting");
    assertThat(rec.last().kind()).isEqualTo("quote");
  }

  @Test
  void killSwitch_staleHlFeed() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    e.onCexBbo(0, 1999, 2001, 10_500, 10_500);
    assertThat(e.status(0)).isEqualTo("suspended: feed_stale_hl");
  }

  @Test
  void killSwitch_exchangeErrors_clearWithTheWindow() {
    QuotingEngine e = engine(MmFixtures.ETH);
    warm(e, 0);
    e.onExchangeError(0, 2100);
    e.onExchangeError(0, 2200);
    assertThat(e.status(0)).isEqualTo("quoting");
    e.onExchangeError(0, 2300);
    assertThat(e.status(0)).isEqualTo("suspended: exchange_errors");
    e.onCexBbo(0, 1999, 2001, 3000, 3000);
    e.onHlBbo(0, 2001, 2003, 3000, 3000);
    e.onCexBbo(0, 1999, 2001, 4000, 4000);
    e.onHlBbo(0, 2001, 2003, 12_150, 12_150); // the first error (2100) left the 10 s window: 2 remain
    assertThat(e.status(0)).isEqualTo("suspended: feed_stale_cex");
  }

  @Test
  void killSwitch_inventory() {
    QuotingEngine e = engine(MmFixtures.ETH);
    e.setInventory(0, 0.75); // 0.75 * 2002 = 1501.5 >= kill 1500
    warm(e, 0);
    assertThat(e.status(0)).isEqualTo("suspended: inventory");
    assertThat(rec.calls).extracting(Call::kind).containsExactly("suspended");
  }

  @Test
  void softLimit_noQuoteOnTheGrowingSideAtMaxInventory() {
    QuotingEngine e = engine(MmFixtures.ETH);
    e.setInventory(0, 0.5); // 1001 USD >= max 1000: rho > 1, no bid; the ask sells 0.0999
    warm(e, 0);
    Call q = rec.last();
    assertThat(q.bidSz()).isZero();
    assertThat(q.bidPx()).isNaN();
    assertThat(q.askSz()).isEqualTo(0.0999);
  }

  @Test
  void reduceOnly_atPortfolioGross() {
    String bigBtc = MmFixtures.BTC.replace("\"max_inventory_usd\": 1000, \"kill_inventory_usd\": 1500",
        "\"max_inventory_usd\": 5000, \"kill_inventory_usd\": 5000");
    QuotingEngine e = engine(MmFixtures.ETH + "," + bigBtc);
    int btc = e.index("BTC");
    e.setInventory(btc, -0.07); // 0.07 * 60060 = 4204 USD >= reduce-only 4000
    warm(e, 0);
    e.onCexBbo(btc, 59990, 60010, 0, 0);
    e.onHlBbo(btc, 60050, 60070, 0, 0);
    e.onCexBbo(btc, 59990, 60010, 1000, 1000);
    e.onCexBbo(btc, 59990, 60010, 2000, 2000);
    e.onTimer(2000);
    assertThat(e.reduceOnly()).isTrue();
    // ETH is flat: nothing reduces, so no quote at all; BTC is short: only a bid, at most |inventory|
    assertThat(e.postedBidSz(0)).isZero();
    assertThat(e.postedAskSz(0)).isZero();
    assertThat(e.postedAskSz(btc)).isZero();
    assertThat(e.postedBidSz(btc)).isEqualTo(0.00333); // 200 / 60060 = 0.0033300 -> 0.00333
  }

  @Test
  void deterministic_sameEventsSameDecisions() {
    QuotingEngine a = engine(MmFixtures.ETH);
    List<Call> first = run(a);
    rec.drain();
    QuotingEngine b = engine(MmFixtures.ETH);
    assertThat(run(b)).isEqualTo(first);
  }

  private List<Call> run(QuotingEngine e) {
    java.util.Random r = new java.util.Random(7);
    double mid = 2000;
    for (long t = 0; t < 60_000; t += 50) {
      mid *= 1 + 2e-4 * r.nextGaussian();
      e.onCexBbo(0, mid - 1, mid + 1, t, t);
      if (t % 200 == 0) {
        double hm = Math.round(mid * 1.001 * 10) / 10.0;
        e.onHlBbo(0, hm - 0.5, hm + 0.5, t, t + 5);
      }
      if (t % 5000 == 0 && e.postedBidSz(0) > 0) {
        e.onFill(0, r.nextBoolean(), 0.01, t + 5);
      }
    }
    return rec.drain();
  }
}
