package io.slipstream.ml.nlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Test support: a tiny DJL model (format "tiny") with seeded weights in a folder, next to the hand-written
 * {@code nlp/tokenizer.json} (55 tokens, WordLevel, lower-case, whitespace pre-tokenizer, {@code [CLS] ... [SEP]},
 * {@code [PAD] = 0}), and an independent double-precision computation of the network's output from the same
 * weights (no DJL).
 */
final class TinyModelFixture {
  static final int VOCAB = 55;
  static final int DIM = 8;

  final Path dir;
  final float[] embedding;
  final float[] weight;
  final float[] bias;

  private TinyModelFixture(Path dir, float[] embedding, float[] weight, float[] bias) {
    this.dir = dir;
    this.embedding = embedding;
    this.weight = weight;
    this.bias = bias;
  }

  /** Writes the model (weights N(0, 1) from {@code Random(seed)}) and the tokenizer into {@code dir}. */
  static TinyModelFixture create(Path dir, long seed) {
    System.setProperty("ai.djl.offline", "true");
    Random r = new Random(seed);
    float[] e = new float[VOCAB * DIM];
    float[] w = new float[3 * DIM];
    float[] b = new float[3];
    for (float[] a : new float[][] {e, w, b}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
    }
    TinySentimentModel.save(dir, new TinySentimentModel.Spec(VOCAB, DIM), e, w, b);
    try {
      Files.copy(tokenizerResource(), dir.resolve("tokenizer.json"));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return new TinyModelFixture(dir, e, w, b);
  }

  static Path tokenizerResource() {
    try {
      return Path.of(TinyModelFixture.class.getResource("/nlp/tokenizer.json").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The network by hand: h = mean of the embedding rows of the (unpadded) ids, logits = W h + b, in double.
   *
   * @return logits in FinBERT order (positive, negative, neutral)
   */
  double[] logits(long[] ids) {
    double[] h = new double[DIM];
    for (long id : ids) {
      for (int d = 0; d < DIM; d++) {
        h[d] += embedding[(int) id * DIM + d];
      }
    }
    for (int d = 0; d < DIM; d++) {
      h[d] /= ids.length;
    }
    double[] z = new double[3];
    for (int k = 0; k < 3; k++) {
      z[k] = bias[k];
      for (int d = 0; d < DIM; d++) {
        z[k] += weight[k * DIM + d] * h[d];
      }
    }
    return z;
  }

  /** Softmax by hand of the logits of {@code ids}: (pPositive, pNegative, pNeutral). */
  double[] probabilities(long[] ids) {
    double[] z = logits(ids);
    double[] e = new double[3];
    double s = 0;
    for (int k = 0; k < 3; k++) {
      e[k] = Math.exp(z[k]);
      s += e[k];
    }
    for (int k = 0; k < 3; k++) {
      e[k] /= s;
    }
    return e;
  }
}
