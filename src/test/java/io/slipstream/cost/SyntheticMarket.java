package io.slipstream.cost;

import io.slipstream.core.BarInterval;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random OHLCV panels for the cost tests: log-normal walks, random volume, listing gaps and NaN holes. */
final class SyntheticMarket {
  private SyntheticMarket() {
  }

  /** @return panels of {@code rows} 4h bars and {@code coins} coins drawn from {@code seed} */
  static MarketData random(long seed, int rows, int coins) {
    Random rnd = new Random(seed);
    double[] open = new double[rows * coins];
    double[] high = new double[rows * coins];
    double[] low = new double[rows * coins];
    double[] close = new double[rows * coins];
    double[] volume = new double[rows * coins];
    List<String> names = new ArrayList<>();
    for (int c = 0; c < coins; c++) {
      names.add("C" + c);
      int listed = rnd.nextInt(3) == 0 ? rnd.nextInt(Math.max(1, rows / 2)) : 0;
      double p = Math.exp(rnd.nextGaussian() * 3);
      double vol = 0.005 + 0.03 * rnd.nextDouble();
      for (int t = 0; t < rows; t++) {
        int i = c * rows + t;
        boolean hole = t < listed || rnd.nextInt(40) == 0;
        double o = p;
        double cl = p * Math.exp(vol * rnd.nextGaussian());
        p = cl;
        if (hole) {
          open[i] = high[i] = low[i] = close[i] = volume[i] = Double.NaN;
          continue;
        }
        open[i] = o;
        close[i] = cl;
        high[i] = Math.max(o, cl) * Math.exp(vol * rnd.nextDouble());
        low[i] = Math.min(o, cl) * Math.exp(-vol * rnd.nextDouble());
        volume[i] = Math.exp(rnd.nextGaussian()) * 1000 / cl;
      }
    }
    return new MarketData(panel(open, rows, names), panel(high, rows, names), panel(low, rows, names),
        panel(close, rows, names), panel(volume, rows, names), panel(new double[rows * coins], rows, names));
  }

  static Panel panel(double[] v, int rows, List<String> names) {
    return Panel.of(BarInterval.H4, 0L, rows, names, v);
  }

  /** @return {@code md} with every value of rows {@code > row} replaced by fresh random bars (or NaN) */
  static MarketData scrambleAfter(MarketData md, int row, long seed) {
    Random rnd = new Random(seed);
    Panel[] ps = {md.open(), md.high(), md.low(), md.close(), md.volume(), md.funding()};
    Panel[] out = new Panel[ps.length];
    for (int k = 0; k < ps.length; k++) {
      double[] v = ps[k].toColumnMajor();
      int rows = ps[k].rows();
      for (int c = 0; c < ps[k].columns(); c++) {
        for (int t = row + 1; t < rows; t++) {
          v[c * rows + t] = rnd.nextInt(10) == 0 ? Double.NaN : Math.exp(rnd.nextGaussian() * 4);
        }
      }
      out[k] = ps[k].withValues(v);
    }
    return new MarketData(out[0], out[1], out[2], out[3], out[4], out[5]);
  }
}
