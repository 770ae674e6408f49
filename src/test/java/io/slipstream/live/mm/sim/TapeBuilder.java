package io.slipstream.live.mm.sim;

import io.slipstream.live.mm.MarketTape;
import java.util.ArrayList;
import java.util.List;

/** Builds small tapes for simulator tests (receive time = event time). */
final class TapeBuilder {
  private final List<String> coins = new ArrayList<>();
  private final List<double[]> cex = new ArrayList<>();
  private final List<double[]> hl = new ArrayList<>();
  private final List<double[]> trades = new ArrayList<>();
  private final List<double[]> funding = new ArrayList<>();

  private int coin(String c) {
    if (!coins.contains(c)) {
      coins.add(c);
    }
    return coins.indexOf(c);
  }

  TapeBuilder cex(long t, String c, double bid, double ask) {
    cex.add(new double[] {coin(c), t, bid, 1, ask, 1});
    return this;
  }

  TapeBuilder hl(long t, String c, double bid, double bidSz, double ask, double askSz) {
    hl.add(new double[] {coin(c), t, bid, bidSz, ask, askSz});
    return this;
  }

  TapeBuilder trade(long t, String c, double px, double sz, boolean buyerAggressor) {
    trades.add(new double[] {coin(c), t, px, sz, buyerAggressor ? 1 : 0});
    return this;
  }

  TapeBuilder funding(long t, String c, double rate) {
    funding.add(new double[] {coin(c), t, rate});
    return this;
  }

  MarketTape build() {
    return new MarketTape(coins, bbo(cex), bbo(hl), tradeStream(), fundingStream());
  }

  private static MarketTape.BboStream bbo(List<double[]> rows) {
    int n = rows.size();
    int[] c = new int[n];
    long[] t = new long[n];
    double[] bp = new double[n];
    double[] bs = new double[n];
    double[] ap = new double[n];
    double[] as = new double[n];
    for (int i = 0; i < n; i++) {
      double[] r = rows.get(i);
      c[i] = (int) r[0];
      t[i] = (long) r[1];
      bp[i] = r[2];
      bs[i] = r[3];
      ap[i] = r[4];
      as[i] = r[5];
    }
    return new MarketTape.BboStream(c, t, t.clone(), bp, bs, ap, as).sorted();
  }

  private MarketTape.TradeStream tradeStream() {
    int n = trades.size();
    int[] c = new int[n];
    long[] t = new long[n];
    double[] px = new double[n];
    double[] sz = new double[n];
    boolean[] b = new boolean[n];
    for (int i = 0; i < n; i++) {
      double[] r = trades.get(i);
      c[i] = (int) r[0];
      t[i] = (long) r[1];
      px[i] = r[2];
      sz[i] = r[3];
      b[i] = r[4] == 1;
    }
    return new MarketTape.TradeStream(c, t, t.clone(), px, sz, b).sorted();
  }

  private MarketTape.FundingStream fundingStream() {
    int n = funding.size();
    int[] c = new int[n];
    long[] t = new long[n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = (int) funding.get(i)[0];
      t[i] = (long) funding.get(i)[1];
      r[i] = funding.get(i)[2];
    }
    return new MarketTape.FundingStream(c, t, r);
  }
}
