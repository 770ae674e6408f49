package io.slipstream.ml.nlp;

/**
 * Settings of the transformer path ({@link FinBertTranslator}, {@link DjlSentimentScorer}).
 *
 * @param maxLengthTokens sequence length in tokens, special tokens included: longer texts are truncated
 *     (longest-first), in [4, 512]; FinBERT's usual value is 128
 * @param tokenTypeIds whether the model takes a third input {@code token_type_ids} (all zeros for one sentence);
 *     must match the inputs the TorchScript model was traced with: false for the export documented in
 *     {@link DjlSentimentScorer} ({@code input_ids, attention_mask})
 * @param padToMaxLength true: every sequence is padded to {@code maxLengthTokens} (static shapes, what a model
 *     traced with fixed shapes needs); false: a batch is padded to its longest sequence (faster for headlines; the
 *     attention mask keeps the result the same up to float rounding)
 * @param batchSize texts per forward pass, {@code >= 1}
 */
public record FinBertConfig(int maxLengthTokens, boolean tokenTypeIds, boolean padToMaxLength, int batchSize) {
  /** 128 tokens, no token type ids, padded to 128, batches of 32. */
  public static final FinBertConfig DEFAULT = new FinBertConfig(128, false, true, 32);

  /** @throws IllegalArgumentException naming the field when a value is out of range */
  public FinBertConfig {
    if (maxLengthTokens < 4 || maxLengthTokens > 512) {
      throw new IllegalArgumentException("Argument 'maxLengthTokens' must be in [4, 512], was " + maxLengthTokens);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("Argument 'batchSize' must be >= 1, was " + batchSize);
    }
  }

  /** @return a copy with {@code tokenTypeIds} replaced */
  public FinBertConfig withTokenTypeIds(boolean value) {
    return new FinBertConfig(maxLengthTokens, value, padToMaxLength, batchSize);
  }

  /** @return a copy with {@code padToMaxLength} replaced */
  public FinBertConfig withPadToMaxLength(boolean value) {
    return new FinBertConfig(maxLengthTokens, tokenTypeIds, value, batchSize);
  }

  /** @return a copy with {@code batchSize} replaced */
  public FinBertConfig withBatchSize(int value) {
    return new FinBertConfig(maxLengthTokens, tokenTypeIds, padToMaxLength, value);
  }

  /** @return a copy with {@code maxLengthTokens} replaced */
  public FinBertConfig withMaxLengthTokens(int value) {
    return new FinBertConfig(value, tokenTypeIds, padToMaxLength, batchSize);
  }
}
