package io.slipstream.ml.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentimentTest {
  @Test
  void constructor_validProbabilities_scoreIsPositiveMinusNegative() {
    Sentiment s = new Sentiment(0.7, 0.1, 0.2);
    assertThat(s.score()).isCloseTo(0.6, within(1e-15));
    assertThat(s.label()).isEqualTo(SentimentLabel.POSITIVE);
    assertThat(s.probability(SentimentLabel.NEUTRAL)).isEqualTo(0.2);
  }

  @Test
  void constructor_probabilityOutOfRange_namesField() {
    assertThatThrownBy(() -> new Sentiment(1.2, -0.2, 0.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pPositive").hasMessageContaining("1.2");
    assertThatThrownBy(() -> new Sentiment(0.5, Double.NaN, 0.5)).hasMessageContaining("pNegative")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> new Sentiment(0.5, 0.5, -0.0001)).hasMessageContaining("pNeutral");
  }

  @Test
  void constructor_sumOffByMoreThanTolerance_namesSum() {
    assertThatThrownBy(() -> new Sentiment(0.5, 0.3, 0.2 + 2e-6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pPositive + pNegative + pNeutral").hasMessageContaining("1.000002");
    assertThat(new Sentiment(0.5, 0.3, 0.2 + 5e-7).pNeutral()).isEqualTo(0.2 + 5e-7);
  }

  @Test
  void softmax_handComputed() {
    // z = (1, 0, 0.5): exp = (e, 1, e^0.5) = (2.718281828459045, 1, 1.6487212707001282), sum = 5.367003099159174 (numpy)
    Sentiment s = Sentiment.softmax(1, 0, 0.5);
    assertThat(s.pPositive()).isCloseTo(0.506480391055654, within(1e-15));
    assertThat(s.pNegative()).isCloseTo(0.18632372322584756, within(1e-15));
    assertThat(s.pNeutral()).isCloseTo(0.3071958857184984, within(1e-15));
  }

  @Test
  void softmax_hugeLogits_noOverflow() {
    Sentiment s = Sentiment.softmax(1000, 999, -1000);
    assertThat(s.pPositive()).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
    assertThatThrownBy(() -> Sentiment.softmax(Double.POSITIVE_INFINITY, 0, 0)).hasMessageContaining("zPositive");
  }

  @Test
  void label_ties_neutralThenPositive() {
    assertThat(new Sentiment(0.4, 0.2, 0.4).label()).isEqualTo(SentimentLabel.NEUTRAL);
    assertThat(new Sentiment(0.4, 0.4, 0.2).label()).isEqualTo(SentimentLabel.POSITIVE);
    assertThat(new Sentiment(0.2, 0.5, 0.3).label()).isEqualTo(SentimentLabel.NEGATIVE);
  }

  @Test
  void labelParse_ignoresCase_rejectsOthers() {
    assertThat(SentimentLabel.parse(" Negative ")).isEqualTo(SentimentLabel.NEGATIVE);
    assertThatThrownBy(() -> SentimentLabel.parse("mixed")).hasMessageContaining("'mixed'");
    assertThat(SentimentLabel.POSITIVE.ordinal()).isZero();
    assertThat(SentimentLabel.NEUTRAL.ordinal()).isEqualTo(2);
  }
}
