package io.slipstream.signal;

import io.slipstream.core.Checks;
import io.slipstream.data.Panel;
import java.util.List;

/**
 * Multi-span EWMA momentum (DESIGN.md convention 5): {@code score_t = sum over spans s of EWMA_s(z)_t}, each EWMA
 * started at the coin's first valid z. Dimensionless (a sum of vol-normalised returns' averages).
 *
 * <p>Warm-up and NaN: NaN when {@code z_t} is NaN (the EWMA states are left unchanged) or when the coin has had
 * fewer than {@code warmupBars} valid z values (the current one counted). Incremental and batch forms run the same
 * update and agree bit for bit.
 */
public final class EwmaMomentum {
  private final Ewma[] ewmas;
  private final int warmupBars;
  private int count;

  /**
   * @param spans the EWMA spans in bars, each {@code >= 1}, at least one; summed in this order
   * @param warmupBars number of valid z values before the score is valid, {@code >= 0}
   * @throws IllegalArgumentException on an empty span list, a span {@code < 1} or {@code warmupBars < 0}
   */
  public EwmaMomentum(List<Integer> spans, int warmupBars) {
    if (spans.isEmpty()) {
      throw new IllegalArgumentException("Argument 'spans' must not be empty");
    }
    if (warmupBars < 0) {
      throw new IllegalArgumentException("Argument 'warmupBars' must be >= 0, was " + warmupBars);
    }
    this.ewmas = new Ewma[spans.size()];
    for (int k = 0; k < ewmas.length; k++) {
      ewmas[k] = new Ewma(Checks.notNull(spans.get(k), "spans[" + k + "]"));
    }
    this.warmupBars = warmupBars;
  }

  /**
   * Feeds one bar.
   *
   * @param z the vol-normalised return at this bar, NaN = not available
   * @return the momentum score, NaN when {@code z} is NaN or during warm-up
   */
  public double update(double z) {
    if (z != z) {
      return Double.NaN;
    }
    count++;
    double s = 0.0;
    for (Ewma e : ewmas) {
      s += e.update(z);
    }
    return count >= warmupBars ? s : Double.NaN;
  }

  /**
   * Batch form.
   *
   * @param z vol-normalised returns; rows = bars, columns = coins. Not modified.
   * @param spans EWMA spans in bars
   * @param warmupBars valid z values needed before the score is valid
   * @return scores, same shape
   * @throws IllegalArgumentException on invalid spans or warm-up
   */
  public static Panel of(Panel z, List<Integer> spans, int warmupBars) {
    int rows = z.rows();
    double[] out = new double[rows * z.columns()];
    for (int c = 0; c < z.columns(); c++) {
      double[] col = z.column(c);
      EwmaMomentum m = new EwmaMomentum(spans, warmupBars);
      for (int t = 0; t < rows; t++) {
        out[c * rows + t] = m.update(col[t]);
      }
    }
    return z.withValues(out);
  }
}
