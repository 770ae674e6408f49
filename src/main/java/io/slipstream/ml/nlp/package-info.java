/**
 * Sentiment scoring of short financial and crypto texts (headlines, sentences), issue 6.
 *
 * <p>Owns the {@link io.slipstream.ml.nlp.Sentiment} value (class probabilities and the score
 * {@code pPositive - pNegative}), the {@link io.slipstream.ml.nlp.SentimentScorer} contract and two
 * implementations:
 * <ul>
 *   <li>{@link io.slipstream.ml.nlp.LexiconScorer}: a transparent word-list scorer, the fallback when no model is
 *       configured ({@code name() = "lexicon"});</li>
 *   <li>{@link io.slipstream.ml.nlp.DjlSentimentScorer}: a transformer classifier (FinBERT exported to TorchScript)
 *       run through DJL's PyTorch engine with a HuggingFace {@code tokenizer.json}
 *       ({@link io.slipstream.ml.nlp.FinBertTranslator}); a tiny DJL-built stand-in model
 *       ({@link io.slipstream.ml.nlp.TinySentimentModel}) serves tests and benchmarks.</li>
 * </ul>
 * and the evaluation over the Financial PhraseBank by annotator agreement level
 * ({@link io.slipstream.ml.nlp.PhraseBank}, {@link io.slipstream.ml.nlp.SentimentEvaluation}).
 *
 * <p>DJL runs offline: the code sets the system property {@code ai.djl.offline=true} before the first DJL call, so
 * nothing is downloaded at run time (the PyTorch natives come from the {@code pytorch-native-cpu} jar and are
 * extracted to {@code ~/.djl.ai} or {@code $DJL_CACHE_DIR}).
 */
package io.slipstream.ml.nlp;
