package io.slipstream.ml.nlp;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * DJL translator from a text to a {@link Sentiment} for a BERT-style sequence classifier with three outputs
 * (ProsusAI/finbert or a stand-in).
 *
 * <p><b>Input.</b> The text is encoded by a HuggingFace tokenizer read from a {@code tokenizer.json}
 * ({@code [CLS] tokens [SEP]}), truncated (longest-first) to {@link FinBertConfig#maxLengthTokens()} tokens and
 * padded with the tokenizer's pad id ({@code [PAD]}, id 0 in BERT vocabularies), to that length or to the longest text of the batch
 * ({@link FinBertConfig#padToMaxLength()}). The model receives, in this order, {@code input_ids} and
 * {@code attention_mask} (1 = token, 0 = padding), plus {@code token_type_ids} when
 * {@link FinBertConfig#tokenTypeIds()}; all int64 of shape {@code [batch, length]}.
 *
 * <p><b>Output.</b> The model's first output holds the logits, shape {@code [batch, 3]}, in the order
 * {@code outputOrder} (for ProsusAI/finbert: {@link #FINBERT_LABEL_ORDER}, from its config's
 * {@code id2label = {0: positive, 1: negative, 2: neutral}}). The sentiment is their softmax, computed in double
 * precision ({@link Sentiment#softmax}).
 *
 * <p>Batches go through {@link #batchProcessInput} (one tokenizer call for the batch); the batchifier is
 * {@link Batchifier#STACK} for single inputs. The translator owns its tokenizer: {@link #close()} frees it.
 */
public final class FinBertTranslator implements Translator<String, Sentiment>, AutoCloseable {
  /** Logit order of ProsusAI/finbert: positive, negative, neutral. */
  public static final List<SentimentLabel> FINBERT_LABEL_ORDER =
      List.of(SentimentLabel.POSITIVE, SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL);

  private final HuggingFaceTokenizer tokenizer;
  private final FinBertConfig config;
  private final List<SentimentLabel> outputOrder;
  private final Path tokenizerFile;

  private FinBertTranslator(HuggingFaceTokenizer tokenizer, FinBertConfig config, List<SentimentLabel> outputOrder,
      Path tokenizerFile) {
    this.tokenizer = tokenizer;
    this.config = config;
    this.outputOrder = outputOrder;
    this.tokenizerFile = tokenizerFile;
  }

  /**
   * Loads the tokenizer and builds the translator. Sets {@code ai.djl.offline=true} first.
   *
   * @param tokenizerJson a HuggingFace {@code tokenizer.json} (e.g. written by {@code tokenizer.save_pretrained})
   * @param config sequence length, padding and token type ids
   * @param outputOrder the class of each logit index: the three labels, each once
   * @return the translator
   * @throws DataException naming the path when the file is missing or the tokenizer cannot read it
   * @throws IllegalArgumentException naming {@code outputOrder} when it is not a permutation of the three labels
   */
  public static FinBertTranslator create(Path tokenizerJson, FinBertConfig config, List<SentimentLabel> outputOrder) {
    Checks.notNull(tokenizerJson, "tokenizerJson");
    Checks.notNull(config, "config");
    List<SentimentLabel> order = checkOrder(outputOrder);
    return new FinBertTranslator(loadTokenizer(tokenizerJson, config), config, order, tokenizerJson);
  }

  /**
   * Loads a HuggingFace tokenizer offline with this project's settings: truncation on, maximum length
   * {@code config.maxLengthTokens()}, padding to that length or to the longest of a batch, special tokens added.
   *
   * @param tokenizerJson the {@code tokenizer.json} file
   * @param config the settings
   * @return the tokenizer; the caller closes it
   * @throws DataException naming the path when the file is missing or cannot be parsed
   */
  public static HuggingFaceTokenizer loadTokenizer(Path tokenizerJson, FinBertConfig config) {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new DataException("tokenizer file " + tokenizerJson + " does not exist");
    }
    DjlOffline.ensure();
    HuggingFaceTokenizer.Builder b = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson)
        .optAddSpecialTokens(true).optTruncation(true).optMaxLength(config.maxLengthTokens());
    if (config.padToMaxLength()) {
      b.optPadToMaxLength();
    } else {
      b.optPadding(true);
    }
    try {
      return b.build();
    } catch (IOException | RuntimeException e) {
      throw new DataException("tokenizer file " + tokenizerJson + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  private static List<SentimentLabel> checkOrder(List<SentimentLabel> order) {
    Checks.notNull(order, "outputOrder");
    if (order.size() != 3 || order.stream().anyMatch(l -> l == null) || EnumSet.copyOf(order).size() != 3) {
      throw new IllegalArgumentException("Argument 'outputOrder' must hold positive, negative and neutral once each,"
          + " was " + order);
    }
    return List.copyOf(order);
  }

  /** @return the settings */
  public FinBertConfig config() {
    return config;
  }

  /** @return the class of each logit index */
  public List<SentimentLabel> outputOrder() {
    return outputOrder;
  }

  /** @return the {@code tokenizer.json} this translator was built from */
  public Path tokenizerFile() {
    return tokenizerFile;
  }

  /**
   * Tokenizes texts exactly as the model sees them (for inspection and tests).
   *
   * @param texts the texts, not null
   * @return one encoding per text; within one call all have the same length
   */
  public Encoding[] encode(List<String> texts) {
    Checks.notNull(texts, "texts");
    return tokenizer.batchEncode(texts);
  }

  /** @return {@link Batchifier#STACK}: single inputs are {@code [length]} arrays stacked to {@code [batch, length]} */
  @Override
  public Batchifier getBatchifier() {
    return Batchifier.STACK;
  }

  /**
   * Encodes one text to {@code input_ids}, {@code attention_mask} (and {@code token_type_ids}), each int64 of
   * shape {@code [length]}.
   */
  @Override
  public NDList processInput(TranslatorContext ctx, String input) {
    Encoding e = tokenizer.encode(input);
    NDManager m = ctx.getNDManager();
    NDList list = new NDList(m.create(e.getIds()), m.create(e.getAttentionMask()));
    if (config.tokenTypeIds()) {
      list.add(m.create(e.getTypeIds()));
    }
    return list;
  }

  /**
   * Encodes a batch with one tokenizer call to {@code input_ids}, {@code attention_mask} (and
   * {@code token_type_ids}), each int64 of shape {@code [batch, length]}.
   *
   * @throws IllegalStateException when the tokenizer returns encodings of unequal length (padding misconfigured)
   */
  @Override
  public NDList batchProcessInput(TranslatorContext ctx, List<String> inputs) {
    Encoding[] enc = tokenizer.batchEncode(inputs);
    int n = enc.length;
    int len = n == 0 ? 0 : enc[0].getIds().length;
    long[] ids = new long[n * len];
    long[] mask = new long[n * len];
    long[] types = config.tokenTypeIds() ? new long[n * len] : null;
    for (int i = 0; i < n; i++) {
      long[] e = enc[i].getIds();
      if (e.length != len) {
        throw new IllegalStateException("tokenizer " + tokenizerFile + " returned sequences of length " + len
            + " and " + e.length + " in one batch: padding is not applied");
      }
      System.arraycopy(e, 0, ids, i * len, len);
      System.arraycopy(enc[i].getAttentionMask(), 0, mask, i * len, len);
      if (types != null) {
        System.arraycopy(enc[i].getTypeIds(), 0, types, i * len, len);
      }
    }
    NDManager m = ctx.getNDManager();
    Shape shape = new Shape(n, len);
    NDList list = new NDList(m.create(ids, shape), m.create(mask, shape));
    if (types != null) {
      list.add(m.create(types, shape));
    }
    return list;
  }

  /**
   * Softmax of one text's logits (shape {@code [3]} or {@code [1, 3]}).
   *
   * @throws IllegalStateException naming the shape when the first output does not hold 3 logits
   */
  @Override
  public Sentiment processOutput(TranslatorContext ctx, NDList list) {
    NDArray logits = list.get(0);
    if (logits.size() != 3) {
      throw new IllegalStateException("model output 0 must hold 3 logits (positive, negative, neutral), has shape "
          + logits.getShape());
    }
    return toSentiment(logits.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray(), 0);
  }

  /**
   * Softmax of each row of the logits {@code [batch, 3]}.
   *
   * @throws IllegalStateException naming the shape when the first output is not {@code [batch, 3]}
   */
  @Override
  public List<Sentiment> batchProcessOutput(TranslatorContext ctx, NDList list) {
    NDArray logits = list.get(0);
    Shape s = logits.getShape();
    if (s.dimension() != 2 || s.get(1) != 3) {
      throw new IllegalStateException("model output 0 must have shape [batch, 3] (positive, negative, neutral "
          + "logits), has " + s);
    }
    double[] z = logits.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    List<Sentiment> out = new ArrayList<>((int) s.get(0));
    for (int i = 0; i < s.get(0); i++) {
      out.add(toSentiment(z, 3 * i));
    }
    return out;
  }

  private Sentiment toSentiment(double[] z, int offset) {
    double[] byLabel = new double[3];
    for (int k = 0; k < 3; k++) {
      byLabel[outputOrder.get(k).ordinal()] = z[offset + k];
    }
    for (double v : byLabel) {
      if (!Double.isFinite(v)) {
        throw new IllegalStateException("model returned a non-finite logit: " + byLabel[0] + ", " + byLabel[1]
            + ", " + byLabel[2]);
      }
    }
    return Sentiment.softmax(byLabel[SentimentLabel.POSITIVE.ordinal()], byLabel[SentimentLabel.NEGATIVE.ordinal()],
        byLabel[SentimentLabel.NEUTRAL.ordinal()]);
  }

  /** Frees the tokenizer's native memory. */
  @Override
  public void close() {
    tokenizer.close();
  }
}
