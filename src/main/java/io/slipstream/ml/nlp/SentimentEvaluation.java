package io.slipstream.ml.nlp;

import io.slipstream.core.Checks;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A scorer's classification quality on one {@link PhraseBank} level. The predicted label of a sentence is the arg
 * max of its probabilities ({@link Sentiment#label()}). From the confusion matrix C (rows actual, columns
 * predicted), per class k: {@code precision = C[k][k] / sum_i C[i][k]}, {@code recall = C[k][k] / sum_j C[k][j]},
 * {@code F1 = 2 C[k][k] / (sum_i C[i][k] + sum_j C[k][j])} (the harmonic mean of the two, 0 when the class is
 * never predicted but occurs); accuracy = {@code trace(C) / n}; macro F1 = the unweighted mean of the three F1s
 * over the classes that occur as actual or predicted. Undefined ratios (0 / 0) are NaN.
 *
 * @param scorerName {@link SentimentScorer#name()} of the scorer
 * @param languageModel {@link SentimentScorer#isLanguageModel()} of the scorer
 * @param level the PhraseBank level
 * @param confusion counts of (actual, predicted) labels
 * @param seconds wall-clock time of the scoring, in seconds, {@code >= 0}
 */
public record SentimentEvaluation(String scorerName, boolean languageModel, PhraseBank.Level level,
    ConfusionMatrix confusion, double seconds) {

  /**
   * Precision, recall, F1 and support of one class.
   *
   * @param precision fraction of the items predicted as the class that have it (NaN when none is predicted)
   * @param recall fraction of the items of the class predicted as it (NaN when the class does not occur)
   * @param f1 {@code 2 TP / (2 TP + FP + FN)} (NaN when the class neither occurs nor is predicted)
   * @param support number of items of the class
   */
  public record ClassMetrics(double precision, double recall, double f1, long support) {
  }

  /** @throws IllegalArgumentException naming the field when one is null or {@code seconds} is negative or NaN */
  public SentimentEvaluation {
    Checks.notNull(scorerName, "scorerName");
    Checks.notNull(level, "level");
    Checks.notNull(confusion, "confusion");
    Checks.nonNegative(seconds, "seconds");
  }

  /**
   * Scores all sentences of a level and compares the arg-max labels with the annotators'.
   *
   * @param scorer the scorer
   * @param bank the labelled sentences
   * @return the evaluation
   */
  public static SentimentEvaluation evaluate(SentimentScorer scorer, PhraseBank bank) {
    return evaluate(scorer, bank, Integer.MAX_VALUE, n -> { });
  }

  /**
   * Scores all sentences of a level in chunks, reporting progress, and compares the arg-max labels with the
   * annotators'.
   *
   * @param scorer the scorer
   * @param bank the labelled sentences
   * @param chunkSize sentences per {@link SentimentScorer#score} call, {@code >= 1}
   * @param scoredSoFar called after each chunk with the number of sentences scored so far
   * @return the evaluation
   * @throws IllegalArgumentException naming the argument when {@code chunkSize < 1}
   */
  public static SentimentEvaluation evaluate(SentimentScorer scorer, PhraseBank bank, int chunkSize,
      IntConsumer scoredSoFar) {
    Checks.notNull(scorer, "scorer");
    Checks.notNull(bank, "bank");
    Checks.positive(chunkSize, "chunkSize");
    Checks.notNull(scoredSoFar, "scoredSoFar");
    List<String> texts = bank.texts();
    List<SentimentLabel> predicted = new ArrayList<>(texts.size());
    long t0 = System.nanoTime();
    for (int from = 0; from < texts.size(); from += chunkSize) {
      int to = (int) Math.min(texts.size(), (long) from + chunkSize);
      for (Sentiment s : scorer.score(texts.subList(from, to))) {
        predicted.add(s.label());
      }
      scoredSoFar.accept(to);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new SentimentEvaluation(scorer.name(), scorer.isLanguageModel(), bank.level(),
        ConfusionMatrix.of(bank.labels(), predicted), seconds);
  }

  /** @return the number of sentences */
  public long sentences() {
    return confusion.total();
  }

  /** @return the fraction of sentences whose predicted label is the annotators' (NaN for none) */
  public double accuracy() {
    return ratio(confusion.correct(), confusion.total());
  }

  /**
   * @param label a class
   * @return its precision, recall, F1 and support
   */
  public ClassMetrics classMetrics(SentimentLabel label) {
    long tp = confusion.count(label, label);
    long predicted = confusion.predictedTotal(label);
    long actual = confusion.actualTotal(label);
    return new ClassMetrics(ratio(tp, predicted), ratio(tp, actual), ratio(2 * tp, predicted + actual), actual);
  }

  /** @return {@link #classMetrics} of the three classes, in {@link SentimentLabel} order */
  public Map<SentimentLabel, ClassMetrics> perClass() {
    Map<SentimentLabel, ClassMetrics> out = new EnumMap<>(SentimentLabel.class);
    for (SentimentLabel l : SentimentLabel.values()) {
      out.put(l, classMetrics(l));
    }
    return out;
  }

  /** @return the mean F1 over the classes that occur as actual or predicted (NaN when there are none) */
  public double macroF1() {
    double sum = 0;
    int n = 0;
    for (SentimentLabel l : SentimentLabel.values()) {
      double f1 = classMetrics(l).f1();
      if (!Double.isNaN(f1)) {
        sum += f1;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** @return sentences scored per second (NaN when the time is 0) */
  public double sentencesPerSecond() {
    return seconds > 0 ? sentences() / seconds : Double.NaN;
  }

  private static double ratio(long num, long den) {
    return den == 0 ? Double.NaN : (double) num / den;
  }
}
