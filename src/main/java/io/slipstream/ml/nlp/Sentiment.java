package io.slipstream.ml.nlp;

/**
 * The sentiment of one text: class probabilities (each in [0, 1], summing to 1 within {@link #SUM_TOLERANCE}) and
 * the score {@code pPositive - pNegative} in [-1, 1] (-1 = surely negative, +1 = surely positive, 0 = balanced or
 * neutral).
 *
 * @param pPositive probability of {@link SentimentLabel#POSITIVE}, in [0, 1]
 * @param pNegative probability of {@link SentimentLabel#NEGATIVE}, in [0, 1]
 * @param pNeutral probability of {@link SentimentLabel#NEUTRAL}, in [0, 1]
 */
public record Sentiment(double pPositive, double pNegative, double pNeutral) {
  /** Largest accepted {@code |pPositive + pNegative + pNeutral - 1|}. */
  public static final double SUM_TOLERANCE = 1e-6;

  /**
   * @throws IllegalArgumentException naming the field when a probability is NaN or outside [0, 1], or when the
   *     three do not sum to 1 within {@link #SUM_TOLERANCE}
   */
  public Sentiment {
    probability(pPositive, "pPositive");
    probability(pNegative, "pNegative");
    probability(pNeutral, "pNeutral");
    double sum = pPositive + pNegative + pNeutral;
    if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
      throw new IllegalArgumentException("Arguments 'pPositive + pNegative + pNeutral' must sum to 1 within "
          + SUM_TOLERANCE + ", was " + sum + " (" + pPositive + " + " + pNegative + " + " + pNeutral + ")");
    }
  }

  private static void probability(double p, String name) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be a probability in [0, 1], was " + p);
    }
  }

  /**
   * Softmax of three logits: {@code p_k = exp(z_k - m) / sum_j exp(z_j - m)} with {@code m = max_j z_j}
   * (shifted for overflow safety), computed in double precision.
   *
   * @param zPositive logit of the positive class
   * @param zNegative logit of the negative class
   * @param zNeutral logit of the neutral class
   * @return the probabilities
   * @throws IllegalArgumentException naming the logit when one is NaN or infinite
   */
  public static Sentiment softmax(double zPositive, double zNegative, double zNeutral) {
    finite(zPositive, "zPositive");
    finite(zNegative, "zNegative");
    finite(zNeutral, "zNeutral");
    double m = Math.max(zPositive, Math.max(zNegative, zNeutral));
    double ePos = Math.exp(zPositive - m);
    double eNeg = Math.exp(zNegative - m);
    double eNeu = Math.exp(zNeutral - m);
    double s = ePos + eNeg + eNeu;
    return new Sentiment(ePos / s, eNeg / s, eNeu / s);
  }

  private static void finite(double z, String name) {
    if (!Double.isFinite(z)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be a finite logit, was " + z);
    }
  }

  /** @return {@code pPositive - pNegative}, in [-1, 1] */
  public double score() {
    return pPositive - pNegative;
  }

  /**
   * @param label a class
   * @return that class's probability
   */
  public double probability(SentimentLabel label) {
    return switch (label) {
      case POSITIVE -> pPositive;
      case NEGATIVE -> pNegative;
      case NEUTRAL -> pNeutral;
    };
  }

  /**
   * The predicted class: the arg max of the probabilities. Exact ties go to {@link SentimentLabel#NEUTRAL} first
   * (a text with as much good as bad news is neutral), then to {@link SentimentLabel#POSITIVE}.
   *
   * @return the most probable class
   */
  public SentimentLabel label() {
    if (pNeutral >= pPositive && pNeutral >= pNegative) {
      return SentimentLabel.NEUTRAL;
    }
    return pPositive >= pNegative ? SentimentLabel.POSITIVE : SentimentLabel.NEGATIVE;
  }
}
