package io.slipstream.ml.nlp;

import java.util.Locale;

/**
 * The three sentiment classes, in the order of ProsusAI/finbert's {@code id2label}
 * ({@code 0: positive, 1: negative, 2: neutral}); {@link #ordinal()} is that index.
 */
public enum SentimentLabel {
  /** Good news for an investor. */
  POSITIVE,
  /** Bad news for an investor. */
  NEGATIVE,
  /** No investor-relevant polarity. */
  NEUTRAL;

  /** @return the lower-case name used in files and reports: {@code positive}, {@code negative}, {@code neutral} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a label, ignoring case and surrounding blanks.
   *
   * @param text {@code positive}, {@code negative} or {@code neutral}
   * @return the label
   * @throws IllegalArgumentException naming the value when it is none of the three
   */
  public static SentimentLabel parse(String text) {
    if (text != null) {
      String t = text.strip().toLowerCase(Locale.ROOT);
      for (SentimentLabel l : values()) {
        if (l.label().equals(t)) {
          return l;
        }
      }
    }
    throw new IllegalArgumentException("Argument 'label' must be positive, negative or neutral, was "
        + (text == null ? "null" : "'" + text + "'"));
  }
}
