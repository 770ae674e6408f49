package io.slipstream.signal;

import io.slipstream.data.Panel;
import java.util.List;

/**
 * Batch Gradient signals over whole panels: per coin, {@link GradientSignalState} is run over every bar and its
 * sigma and score are stored; ADV is evaluated on demand ({@link #adv(int, int)}) from stored dollar volumes with
 * the same oldest-to-newest sum as the incremental window. Shapes: rows = bars, columns = coins, as the inputs.
 * Values agree bit for bit with feeding the bars one at a time.
 */
public final class GradientSignals {
  private final int rows;
  private final int cols;
  private final int advWindowBars;
  private final double[] sigma;
  private final double[] score;
  private final double[] dollarVolume;
  private final Panel template;

  private GradientSignals(Panel template, int advWindowBars, double[] sigma, double[] score, double[] dollarVolume) {
    this.template = template;
    this.rows = template.rows();
    this.cols = template.columns();
    this.advWindowBars = advWindowBars;
    this.sigma = sigma;
    this.score = score;
    this.dollarVolume = dollarVolume;
  }

  /**
   * Computes the signals.
   *
   * @param close masked close prices (USD); rows = bars, columns = coins. Not modified.
   * @param volume masked base-asset volumes, same shape. Not modified.
   * @param lookbackSpans momentum spans in bars
   * @param volSpan EW volatility span in bars
   * @param warmupBars valid z values before a score is valid
   * @return the signals
   * @throws IllegalArgumentException on shape mismatch or invalid parameters
   */
  public static GradientSignals compute(Panel close, Panel volume, List<Integer> lookbackSpans, int volSpan,
      int warmupBars) {
    if (close.rows() != volume.rows() || !close.coins().equals(volume.coins())) {
      throw new IllegalArgumentException("shapes differ: close " + close + " vs volume " + volume);
    }
    int rows = close.rows();
    int cols = close.columns();
    int k = DollarAdv.windowBars(close.interval());
    double[] sigma = new double[rows * cols];
    double[] score = new double[rows * cols];
    double[] dv = new double[rows * cols];
    for (int c = 0; c < cols; c++) {
      double[] cl = close.column(c);
      double[] vo = volume.column(c);
      GradientSignalState s = new GradientSignalState(lookbackSpans, volSpan, warmupBars, k);
      int base = c * rows;
      for (int t = 0; t < rows; t++) {
        s.update(cl[t], vo[t]);
        sigma[base + t] = s.sigma();
        score[base + t] = s.score();
        dv[base + t] = vo[t] * cl[t];
      }
    }
    return new GradientSignals(close, k, sigma, score, dv);
  }

  /** @return number of bars */
  public int rows() {
    return rows;
  }

  /** @return number of coins */
  public int columns() {
    return cols;
  }

  /** @return EW volatility at bar t of coin c (decimal per bar), NaN during warm-up */
  public double sigma(int t, int c) {
    return sigma[c * rows + t];
  }

  /** @return momentum score at bar t of coin c, NaN during warm-up */
  public double score(int t, int c) {
    return score[c * rows + t];
  }

  /** @return dollar ADV at bar t of coin c (USD over the last 24 hours of bars), NaN when incomplete */
  public double adv(int t, int c) {
    return DollarAdv.at(dollarVolume, c * rows, t, advWindowBars);
  }

  /** @return the EW volatility as a panel (a copy) */
  public Panel sigmaPanel() {
    return template.withValues(sigma);
  }

  /** @return the momentum scores as a panel (a copy) */
  public Panel scorePanel() {
    return template.withValues(score);
  }
}
