package io.slipstream.ml.nlp;

import static io.slipstream.ml.nlp.SentimentLabel.NEGATIVE;
import static io.slipstream.ml.nlp.SentimentLabel.NEUTRAL;
import static io.slipstream.ml.nlp.SentimentLabel.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentEvaluationTest {
  /**
   * 10 items; C (rows actual, cols predicted; pos, neg, neu):
   * <pre>
   *   pos: 3 0 1
   *   neg: 1 1 0
   *   neu: 0 1 3
   * </pre>
   * pos: P = 3/4, R = 3/4, F1 = 6/8; neg: P = 1/2, R = 1/2, F1 = 2/4; neu: P = 3/4, R = 3/4, F1 = 6/8.
   * accuracy = 7/10; macro F1 = (0.75 + 0.5 + 0.75)/3 = 2/3.
   */
  private static final List<SentimentLabel> ACTUAL = List.of(POSITIVE, POSITIVE, POSITIVE, POSITIVE, NEGATIVE,
      NEGATIVE, NEUTRAL, NEUTRAL, NEUTRAL, NEUTRAL);
  private static final List<SentimentLabel> PREDICTED = List.of(POSITIVE, POSITIVE, POSITIVE, NEUTRAL, POSITIVE,
      NEGATIVE, NEGATIVE, NEUTRAL, NEUTRAL, NEUTRAL);

  @Test
  void metrics_handComputed() {
    SentimentEvaluation e = new SentimentEvaluation("x", false, PhraseBank.Level.AGREE_50,
        ConfusionMatrix.of(ACTUAL, PREDICTED), 0.5);
    assertThat(e.confusion().toArray()).isEqualTo(new long[][] {{3, 0, 1}, {1, 1, 0}, {0, 1, 3}});
    assertThat(e.sentences()).isEqualTo(10);
    assertThat(e.accuracy()).isCloseTo(0.7, within(1e-15));
    assertThat(e.classMetrics(POSITIVE)).isEqualTo(new SentimentEvaluation.ClassMetrics(0.75, 0.75, 0.75, 4));
    assertThat(e.classMetrics(NEGATIVE)).isEqualTo(new SentimentEvaluation.ClassMetrics(0.5, 0.5, 0.5, 2));
    assertThat(e.classMetrics(NEUTRAL)).isEqualTo(new SentimentEvaluation.ClassMetrics(0.75, 0.75, 0.75, 4));
    assertThat(e.macroF1()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(e.sentencesPerSecond()).isEqualTo(20.0);
  }

  @Test
  void metrics_classNeverPredicted_precisionNaNF1Zero() {
    // all predicted neutral: pos P = NaN, R = 0, F1 = 0; neu P = 2/4, R = 1, F1 = 4/6
    List<SentimentLabel> actual = List.of(POSITIVE, NEGATIVE, NEUTRAL, NEUTRAL);
    List<SentimentLabel> pred = List.of(NEUTRAL, NEUTRAL, NEUTRAL, NEUTRAL);
    SentimentEvaluation e = new SentimentEvaluation("x", false, PhraseBank.Level.AGREE_50,
        ConfusionMatrix.of(actual, pred), 0.0);
    assertThat(e.classMetrics(POSITIVE).precision()).isNaN();
    assertThat(e.classMetrics(POSITIVE).recall()).isZero();
    assertThat(e.classMetrics(POSITIVE).f1()).isZero();
    assertThat(e.classMetrics(NEUTRAL).f1()).isCloseTo(4.0 / 6, within(1e-15));
    assertThat(e.macroF1()).isCloseTo((4.0 / 6) / 3, within(1e-15));
    assertThat(e.sentencesPerSecond()).isNaN();
  }

  @Test
  void metrics_classAbsentEverywhere_excludedFromMacroF1() {
    SentimentEvaluation e = new SentimentEvaluation("x", false, PhraseBank.Level.AGREE_50,
        ConfusionMatrix.of(List.of(POSITIVE, NEUTRAL), List.of(POSITIVE, POSITIVE)), 1.0);
    // pos F1 = 2/3, neu F1 = 0, neg absent (NaN)
    assertThat(e.classMetrics(NEGATIVE).f1()).isNaN();
    assertThat(e.macroF1()).isCloseTo(1.0 / 3, within(1e-15));
  }

  @Test
  void confusion_lengthMismatchOrNull_namesArgument() {
    assertThatThrownBy(() -> ConfusionMatrix.of(List.of(POSITIVE), List.of())).hasMessageContaining("predicted");
    List<SentimentLabel> withNull = new ArrayList<>(List.of(POSITIVE));
    withNull.add(null);
    assertThatThrownBy(() -> ConfusionMatrix.of(withNull, List.of(POSITIVE, POSITIVE)))
        .hasMessageContaining("actual[1]");
  }

  @Test
  void evaluate_lexiconOnOwnSentences_predictsArgMax(@TempDir Path dir) throws IOException {
    PhraseBankTest.write(dir, PhraseBank.Level.AGREE_75, List.of("Operating profit rose .@positive",
        "Net sales fell .@negative", "The meeting is on Monday .@neutral", "Sales did not decline .@positive",
        "Costs increased .@negative"));
    PhraseBank pb = PhraseBank.load(dir, PhraseBank.Level.AGREE_75);
    List<Integer> progress = new ArrayList<>();
    SentimentEvaluation e = SentimentEvaluation.evaluate(LexiconScorer.standard(), pb, 2, progress::add);
    assertThat(progress).containsExactly(2, 4, 5);
    assertThat(e.scorerName()).isEqualTo("lexicon");
    assertThat(e.languageModel()).isFalse();
    // the last one is wrong ("increased" is listed positive): predicted positive, actual negative
    assertThat(e.confusion().toArray()).isEqualTo(new long[][] {{2, 0, 0}, {1, 1, 0}, {0, 0, 1}});
    assertThat(e.accuracy()).isCloseTo(0.8, within(1e-15));
  }
}
