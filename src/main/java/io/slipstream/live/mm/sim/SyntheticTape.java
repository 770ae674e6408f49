package io.slipstream.live.mm.sim;

import io.slipstream.live.mm.MarketTape;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic recording for benchmarks and end-to-end tests (not market data): per coin a CEX mid following a
 * Gaussian random walk ({@code volPerEventBps} per CEX update), an HL mid at {@code cex x (1 + basis)} with an
 * AR(1) basis around 5 bps, an HL book {@code spreadTicks} wide on the coin's tick, and HL trades at the touch or
 * one tick through it, buyer or seller aggressor with equal odds. Events are evenly spaced in time across
 * {@code [startMs, startMs + spanMs)} in the mix 50 % CEX, 35 % HL book, 15 % trades; receive time = event time.
 */
public final class SyntheticTape {
  private SyntheticTape() {
  }

  /**
   * @param coins the coins
   * @param startPx starting mid per coin, USD
   * @param tick price tick per coin, USD
   * @param events total events
   * @param startMs first event time, epoch ms
   * @param spanMs time covered, ms
   * @param volPerEventBps CEX mid step standard deviation, bps
   * @param seed random seed
   * @return the tape
   */
  public static MarketTape generate(List<String> coins, double[] startPx, double[] tick, int events, long startMs,
      long spanMs, double volPerEventBps, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int k = coins.size();
    double[] cexMid = startPx.clone();
    double[] basis = new double[k];
    int nc = 0;
    int nh = 0;
    int nt = 0;
    int[] kind = new int[events];
    for (int i = 0; i < events; i++) {
      double u = rnd.nextDouble();
      kind[i] = u < 0.5 ? 0 : u < 0.85 ? 1 : 2;
      if (kind[i] == 0) {
        nc++;
      } else if (kind[i] == 1) {
        nh++;
      } else {
        nt++;
      }
    }
    Bbo cex = new Bbo(nc);
    Bbo hl = new Bbo(nh);
    int[] tc = new int[nt];
    long[] tt = new long[nt];
    double[] tp = new double[nt];
    double[] ts = new double[nt];
    boolean[] tb = new boolean[nt];
    int ti = 0;
    double[] hlBid = new double[k];
    double[] hlAsk = new double[k];
    for (int c = 0; c < k; c++) {
      basis[c] = 5e-4;
      double mid = startPx[c] * (1 + basis[c]);
      hlBid[c] = Math.floor(mid / tick[c]) * tick[c];
      hlAsk[c] = hlBid[c] + 2 * tick[c];
    }
    for (int i = 0; i < events; i++) {
      long t = startMs + (long) ((double) i * spanMs / events);
      int c = rnd.nextInt(k);
      switch (kind[i]) {
        case 0 -> {
          cexMid[c] *= 1 + volPerEventBps / 1e4 * gaussian(rnd);
          double half = Math.max(tick[c] / 2, cexMid[c] * 0.5e-4);
          cex.add(c, t, cexMid[c] - half, 1 + rnd.nextDouble() * 10, cexMid[c] + half, 1 + rnd.nextDouble() * 10);
        }
        case 1 -> {
          basis[c] = 5e-4 + 0.95 * (basis[c] - 5e-4) + 1e-4 * gaussian(rnd);
          double mid = cexMid[c] * (1 + basis[c]);
          int spreadTicks = 1 + rnd.nextInt(3);
          hlBid[c] = Math.floor(mid / tick[c] - spreadTicks / 2.0) * tick[c];
          hlAsk[c] = hlBid[c] + spreadTicks * tick[c];
          hl.add(c, t, hlBid[c], 0.5 + rnd.nextDouble() * 5, hlAsk[c], 0.5 + rnd.nextDouble() * 5);
        }
        default -> {
          boolean buy = rnd.nextBoolean();
          int through = rnd.nextInt(4) == 0 ? 1 : 0;
          tc[ti] = c;
          tt[ti] = t;
          tp[ti] = buy ? hlAsk[c] + through * tick[c] : Math.max(tick[c], hlBid[c] - through * tick[c]);
          ts[ti] = 0.01 + rnd.nextDouble() * 2;
          tb[ti] = buy;
          ti++;
        }
      }
    }
    return new MarketTape(coins, cex.stream(), hl.stream(),
        new MarketTape.TradeStream(tc, tt, tt.clone(), tp, ts, tb), MarketTape.FundingStream.empty());
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static final class Bbo {
    final int[] c;
    final long[] t;
    final double[] bp;
    final double[] bs;
    final double[] ap;
    final double[] as;
    int n;

    Bbo(int size) {
      c = new int[size];
      t = new long[size];
      bp = new double[size];
      bs = new double[size];
      ap = new double[size];
      as = new double[size];
    }

    void add(int coin, long time, double bid, double bidSz, double ask, double askSz) {
      c[n] = coin;
      t[n] = time;
      bp[n] = bid;
      bs[n] = bidSz;
      ap[n] = ask;
      as[n] = askSz;
      n++;
    }

    MarketTape.BboStream stream() {
      return new MarketTape.BboStream(c, t, t.clone(), bp, bs, ap, as);
    }
  }
}
