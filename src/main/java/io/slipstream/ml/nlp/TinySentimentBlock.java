package io.slipstream.ml.nlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.slipstream.core.Checks;

/**
 * A tiny sequence classifier with the inputs and output of FinBERT, built in Java with DJL: the stand-in model of
 * the tests and benchmarks ({@link TinySentimentModel}), not a useful sentiment model.
 *
 * <p>Inputs {@code input_ids} (int64 {@code [B, L]}, ids in {@code [0, vocabSize)}) and {@code attention_mask}
 * (int64 {@code [B, L]}, 1 = token, 0 = padding); an optional third input ({@code token_type_ids}) is ignored.
 * Output: logits {@code [B, 3]} in FinBERT order (positive, negative, neutral):
 * <pre>
 *   x[b, t, :] = E[ids[b, t], :]                                  embedding, E: [vocabSize, embeddingDim]
 *   h[b, :]    = sum_t mask[b, t] x[b, t, :] / sum_t mask[b, t]     mean over the real tokens
 *   logits[b]  = W h[b] + bias                                     W: [3, embeddingDim], bias: [3]
 * </pre>
 * Parameters (in this order, float32): {@code embedding} {@code [vocabSize, embeddingDim]}, {@code weight}
 * {@code [3, embeddingDim]}, {@code bias} {@code [3]}.
 */
public final class TinySentimentBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int vocabSize;
  private final int embeddingDim;
  private final Parameter embedding;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * @param vocabSize number of token ids, {@code >= 1}
   * @param embeddingDim embedding width, {@code >= 1}
   * @throws IllegalArgumentException naming the argument when one is {@code < 1}
   */
  public TinySentimentBlock(int vocabSize, int embeddingDim) {
    super(VERSION);
    this.vocabSize = Checks.positive(vocabSize, "vocabSize");
    this.embeddingDim = Checks.positive(embeddingDim, "embeddingDim");
    this.embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(vocabSize, embeddingDim)).build());
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(3, embeddingDim)).build());
    this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
        .optShape(new Shape(3)).build());
  }

  /** @return the number of token ids */
  public int vocabSize() {
    return vocabSize;
  }

  /** @return the embedding width */
  public int embeddingDim() {
    return embeddingDim;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("TinySentimentBlock needs inputs input_ids and attention_mask, got "
          + inputs.size() + " input(s)");
    }
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false);
    NDArray e = store.getValue(embedding, ids.getDevice(), training);
    NDArray x = Embedding.embedding(ids, e, SparseFormat.DENSE).singletonOrThrow();
    NDArray h = x.mul(mask.expandDims(-1)).sum(new int[] {1}).div(mask.sum(new int[] {1}, true));
    NDArray w = store.getValue(weight, ids.getDevice(), training);
    NDArray b = store.getValue(bias, ids.getDevice(), training);
    return new NDList(h.matMul(w.transpose()).add(b));
  }

  /** @return {@code [B, 3]} for inputs of shape {@code [B, L]} */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 3)};
  }
}
