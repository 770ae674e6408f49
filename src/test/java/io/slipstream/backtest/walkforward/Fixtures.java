package io.slipstream.backtest.walkforward;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Real 4h data (loaded once), cut to a few coins and months for fast walk-forward tests, and perturbations. */
final class Fixtures {
  static final Path DATA = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));
  private static MarketData h4;

  private Fixtures() {
  }

  static synchronized MarketData h4() {
    if (h4 == null) {
      h4 = Lake.load(DATA, BarInterval.H4, true);
    }
    return h4;
  }

  /**
   * @return every {@code coinStep}-th coin of the 4h data, bars opening in {@code [from, to)}
   */
  static MarketData cut(int coinStep, String from, String to) {
    MarketData d = h4();
    Panel c = d.close();
    int r0 = (int) ((Instant.parse(from).toEpochMilli() - c.firstOpenMs()) / c.interval().millis());
    int r1 = (int) ((Instant.parse(to).toEpochMilli() - c.firstOpenMs()) / c.interval().millis());
    MarketData rows = d.sliceRows(r0, r1);
    List<Integer> cols = new ArrayList<>();
    for (int j = 0; j < c.columns(); j += coinStep) {
      cols.add(j);
    }
    return new MarketData(cols(rows.open(), cols), cols(rows.high(), cols), cols(rows.low(), cols),
        cols(rows.close(), cols), cols(rows.volume(), cols), cols(rows.funding(), cols));
  }

  private static Panel cols(Panel p, List<Integer> cols) {
    int rows = p.rows();
    double[] out = new double[rows * cols.size()];
    List<String> names = new ArrayList<>();
    for (int k = 0; k < cols.size(); k++) {
      System.arraycopy(p.column(cols.get(k)), 0, out, k * rows, rows);
      names.add(p.coins().get(cols.get(k)));
    }
    return Panel.of(p.interval(), p.firstOpenMs(), rows, names, out);
  }

  /**
   * Multiplies every finite open/high/low/close and volume in rows {@code [fromRow, toRow)} by a random factor in
   * {@code [0.7, 1.4)} (a price factor per (row, coin), shared by the four prices; the masking pattern is kept) and
   * adds noise to the funding there.
   */
  static MarketData perturb(MarketData d, int fromRow, int toRow, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int rows = d.rows();
    int n = d.coins().size();
    double[] o = d.open().toColumnMajor();
    double[] h = d.high().toColumnMajor();
    double[] l = d.low().toColumnMajor();
    double[] c = d.close().toColumnMajor();
    double[] v = d.volume().toColumnMajor();
    double[] f = d.funding().toColumnMajor();
    for (int j = 0; j < n; j++) {
      for (int t = fromRow; t < toRow; t++) {
        int i = j * rows + t;
        double k = rng.nextDouble(0.7, 1.4);
        o[i] *= k;
        h[i] *= k;
        l[i] *= k;
        c[i] *= k;
        v[i] *= rng.nextDouble(0.2, 5.0);
        f[i] += rng.nextDouble(-1e-3, 1e-3);
      }
    }
    return new MarketData(d.open().withValues(o), d.high().withValues(h), d.low().withValues(l),
        d.close().withValues(c), d.volume().withValues(v), d.funding().withValues(f));
  }
}
