package io.slipstream.ml.nlp;

import java.util.List;

/**
 * Scores texts (headlines, sentences) for sentiment. Implementations: {@link LexiconScorer} (word lists, the
 * fallback) and {@link DjlSentimentScorer} (a transformer such as FinBERT through DJL). Close it to free native
 * resources; an implementation is not required to be thread-safe unless it says so.
 */
public interface SentimentScorer extends AutoCloseable {
  /**
   * @return a short name for reports: {@code "lexicon"} for the word-list fallback, {@code "djl-torchscript"} or
   *     {@code "djl-tiny"} for the DJL scorer
   */
  String name();

  /** @return true when the scores come from a trained language model, false for the lexicon fallback */
  boolean isLanguageModel();

  /**
   * Scores a batch of texts.
   *
   * @param texts the texts, each non-null (an empty text is allowed); not modified
   * @return one sentiment per text, in the same order
   * @throws IllegalArgumentException naming the index when a text is null
   * @throws IllegalStateException when a scorer holding native resources is used after {@link #close()}
   */
  List<Sentiment> score(List<String> texts);

  /** Frees the scorer's resources (native memory of a model); idempotent. */
  @Override
  void close();
}
