package io.slipstream.strategy.sizing;

import io.slipstream.cost.CostModel;
import io.slipstream.portfolio.TargetWeights;
import io.slipstream.strategy.BarContext;
import io.slipstream.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helper: feeds hand-written bars (rows = bars, columns = coins) to a strategy through a plain context. */
public final class Bars {
  private Bars() {
  }

  /**
   * @param s the strategy
   * @param hourMs the interval in ms; row t closes at {@code (t + 1) x interval}
   * @param close closes [row][coin]
   * @param volume volumes [row][coin]
   * @param funding funding [row][coin], or null for zeros
   * @return the strategy's answer per row
   */
  public static List<Optional<TargetWeights>> feed(Strategy s, long intervalMs, double[][] close, double[][] volume,
      double[][] funding) {
    List<Optional<TargetWeights>> out = new ArrayList<>();
    int n = s.coins().size();
    for (int t = 0; t < close.length; t++) {
      int row = t;
      double[] f = funding == null ? new double[n] : funding[t];
      double[] c = close[t];
      double[] v = volume[t];
      out.add(s.onBar(new BarContext() {
        @Override
        public List<String> coins() {
          return s.coins();
        }

        @Override
        public int row() {
          return row;
        }

        @Override
        public long closeTimeMs() {
          return (row + 1L) * intervalMs;
        }

        @Override
        public double[] open() {
          return nan(n);
        }

        @Override
        public double[] high() {
          return nan(n);
        }

        @Override
        public double[] low() {
          return nan(n);
        }

        @Override
        public double[] close() {
          return c.clone();
        }

        @Override
        public double[] volume() {
          return v.clone();
        }

        @Override
        public double[] funding() {
          return f.clone();
        }

        @Override
        public double navUsd() {
          return 10_000;
        }

        @Override
        public double[] weights() {
          return new double[n];
        }

        @Override
        public CostModel costs() {
          return (r, nav) -> {
            throw new AssertionError("the strategy does not read costs");
          };
        }
      }));
    }
    return out;
  }

  private static double[] nan(int n) {
    double[] x = new double[n];
    java.util.Arrays.fill(x, Double.NaN);
    return x;
  }

  /**
   * Independent reference: EW volatility (span 2, alpha 2/3) of the log returns of a column up to row t, by the
   * recursion of DESIGN.md convention 4 written out here.
   */
  public static double sigmaSpan2(double[][] close, int coin, int t) {
    double a = 2.0 / 3.0;
    double m = 0;
    double v = 0;
    int count = 0;
    for (int i = 1; i <= t; i++) {
      double r = Math.log(close[i][coin] / close[i - 1][coin]);
      if (count == 0) {
        m = r;
        v = 0;
      } else {
        double d = r - m;
        m = a * r + (1 - a) * m;
        v = (1 - a) * (v + a * d * d);
      }
      count++;
    }
    return Math.sqrt(v);
  }
}
