package io.slipstream.signal;

import java.util.List;

/**
 * The Gradient signal chain for one coin, one bar at a time: close and volume in, then
 * log return {@code r_t} ({@link LogReturns}), EW volatility {@code sigma_t} ({@link EwVolatility}),
 * {@code z_t = r_t / sigma_{t-1}} ({@link VolNormalisedReturns}), the multi-span momentum score
 * ({@link EwmaMomentum}) and the dollar ADV over the last 24 hours ({@link DollarAdv.Window}).
 *
 * <p>This is what the live adapter runs on freshly fetched bars; {@link GradientSignals#compute} runs this very
 * object over whole columns, so batch and incremental values agree bit for bit. Feed every bar of the grid in
 * order, NaN for a missing or zero-volume bar.
 */
public final class GradientSignalState {
  private final EwVolatility vol;
  private final EwmaMomentum momentum;
  private final DollarAdv.Window adv;
  private double prevClose = Double.NaN;
  private double prevSigma = Double.NaN;
  private double r = Double.NaN;
  private double sigma = Double.NaN;
  private double z = Double.NaN;
  private double score = Double.NaN;

  /**
   * @param lookbackSpans momentum EWMA spans in bars
   * @param volSpan EW volatility span in bars
   * @param warmupBars valid z values before the score is valid
   * @param advWindowBars bars in the ADV window (24 hours of bars)
   * @throws IllegalArgumentException on invalid parameters
   */
  public GradientSignalState(List<Integer> lookbackSpans, int volSpan, int warmupBars, int advWindowBars) {
    this.vol = new EwVolatility(volSpan);
    this.momentum = new EwmaMomentum(lookbackSpans, warmupBars);
    this.adv = new DollarAdv.Window(advWindowBars);
  }

  /**
   * Feeds the bar that just closed.
   *
   * @param close close in USD, NaN when missing or masked
   * @param volume base-asset volume, NaN when missing or masked
   */
  public void update(double close, double volume) {
    r = LogReturns.of(close, prevClose);
    prevClose = close;
    sigma = vol.update(r);
    z = VolNormalisedReturns.of(r, prevSigma);
    prevSigma = sigma;
    score = momentum.update(z);
    adv.update(volume * close);
  }

  /** @return log return of the last bar (decimal), NaN when undefined */
  public double logReturn() {
    return r;
  }

  /** @return EW volatility at the last bar (decimal per bar), NaN during warm-up */
  public double sigma() {
    return sigma;
  }

  /** @return vol-normalised return of the last bar, NaN when undefined */
  public double z() {
    return z;
  }

  /** @return momentum score at the last bar, NaN during warm-up */
  public double score() {
    return score;
  }

  /** @return dollar ADV over the last 24 hours of bars (USD), NaN when incomplete */
  public double adv() {
    return adv.value();
  }
}
