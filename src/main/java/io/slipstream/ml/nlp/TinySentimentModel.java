package io.slipstream.ml.nlp;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.ConfigNodes;
import io.slipstream.core.IoErrors;
import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Random;
import java.util.Set;

/**
 * The DJL-native model format of {@link DjlSentimentScorer} (format "tiny"): a directory with
 * <ul>
 *   <li>{@value #SPEC_FILE}: {@code {"format": "slipstream-tiny-sentiment-v1", "vocab_size": V, "embedding_dim": D}},
 *       which tells the scorer to construct a {@link TinySentimentBlock}{@code (V, D)};</li>
 *   <li>{@code tiny-0000.params}: that block's parameters as saved by DJL's {@link Model#save} with the name
 *       {@value #PARAMS_PREFIX};</li>
 *   <li>{@code tokenizer.json}, written separately (the tokenizer's ids must be below V).</li>
 * </ul>
 * It exists because a TorchScript file cannot be produced from Java: tests and benchmarks build this model with
 * DJL's PyTorch engine and score it through the same {@link FinBertTranslator} as FinBERT.
 */
public final class TinySentimentModel {
  /** Name of the block description file. */
  public static final String SPEC_FILE = "tiny-model.json";
  /** Model name of the DJL parameter file ({@code tiny-0000.params}). */
  public static final String PARAMS_PREFIX = "tiny";
  /** Value of the {@code format} key. */
  public static final String FORMAT = "slipstream-tiny-sentiment-v1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("format", "vocab_size", "embedding_dim");

  private TinySentimentModel() {
  }

  /**
   * The block description of a tiny model directory.
   *
   * @param vocabSize number of token ids, {@code >= 1}
   * @param embeddingDim embedding width, {@code >= 1}
   */
  public record Spec(int vocabSize, int embeddingDim) {
    /** @throws IllegalArgumentException naming the field when one is {@code < 1} */
    public Spec {
      Checks.positive(vocabSize, "vocabSize");
      Checks.positive(embeddingDim, "embeddingDim");
    }
  }

  /**
   * Reads {@value #SPEC_FILE} of a model directory.
   *
   * @param dir the model directory
   * @return the block description
   * @throws DataException naming the file and the key when the file is missing, not JSON, has an unknown or missing
   *     key, a wrong {@code format} or a size that is not a positive integer
   */
  public static Spec readSpec(Path dir) {
    Path file = dir.resolve(SPEC_FILE);
    if (!Files.isRegularFile(file)) {
      throw new DataException("tiny model description " + file + " does not exist");
    }
    JsonNode root = ConfigNodes.readTree(IoErrors.readText(file), "tiny model description " + file);
    if (root == null || !root.isObject()) {
      throw new DataException("tiny model description " + file + " must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new DataException("tiny model description " + file + ": unknown key '" + k + "' (expected "
            + "format, vocab_size, embedding_dim)");
      }
    }
    JsonNode format = root.get("format");
    if (format == null || !FORMAT.equals(format.asText())) {
      throw new DataException("tiny model description " + file + ": key 'format' must be \"" + FORMAT + "\", was "
          + format);
    }
    return new Spec(positiveInt(root, "vocab_size", file), positiveInt(root, "embedding_dim", file));
  }

  private static int positiveInt(JsonNode root, String key, Path file) {
    JsonNode n = root.get(key);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 1) {
      throw new DataException("tiny model description " + file + ": key '" + key
          + "' must be a positive integer, was " + n);
    }
    return n.intValue();
  }

  /**
   * Writes a tiny model with the given weights to {@code dir} ({@value #SPEC_FILE} and {@code tiny-0000.params});
   * the directory is created when missing. Arrays are row-major float32 values; not modified.
   *
   * @param dir the target directory
   * @param spec vocabulary size V and embedding width D
   * @param embedding {@code E}, V x D values
   * @param linearWeight {@code W}, 3 x D values (rows: positive, negative, neutral)
   * @param linearBias {@code bias}, 3 values
   * @throws IllegalArgumentException naming the array whose length is wrong
   * @throws UncheckedIOException naming the directory when writing fails
   */
  public static void save(Path dir, Spec spec, float[] embedding, float[] linearWeight, float[] linearBias) {
    Checks.notNull(dir, "dir");
    Checks.notNull(spec, "spec");
    Checks.sameLength(Checks.notNull(embedding, "embedding").length, spec.vocabSize() * spec.embeddingDim(),
        "embedding");
    Checks.sameLength(Checks.notNull(linearWeight, "linearWeight").length, 3 * spec.embeddingDim(), "linearWeight");
    Checks.sameLength(Checks.notNull(linearBias, "linearBias").length, 3, "linearBias");
    DjlOffline.ensure();
    try {
      Files.createDirectories(dir);
      TinySentimentBlock block = new TinySentimentBlock(spec.vocabSize(), spec.embeddingDim());
      try (Model model = Model.newInstance(PARAMS_PREFIX, DjlSentimentScorer.ENGINE)) {
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8));
        for (Parameter p : block.getParameters().values()) {
          float[] values = switch (p.getName()) {
            case "embedding" -> embedding;
            case "weight" -> linearWeight;
            case "bias" -> linearBias;
            default -> throw new IllegalStateException("unexpected parameter " + p.getName());
          };
          p.getArray().set(values);
        }
        model.save(dir, PARAMS_PREFIX);
      }
      ObjectNode json = JSON.createObjectNode();
      json.put("format", FORMAT);
      json.put("vocab_size", spec.vocabSize());
      json.put("embedding_dim", spec.embeddingDim());
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(SPEC_FILE).toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tiny model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a tiny model with seeded pseudo-random weights: a {@link Random}{@code (seed)} draws
   * {@code scale * nextGaussian()} for E (row-major), then W (row-major), then bias.
   *
   * @param dir the target directory
   * @param spec vocabulary size V and embedding width D
   * @param seed the random seed
   * @param scale standard deviation of the weights, finite and {@code > 0}
   * @throws UncheckedIOException naming the directory when writing fails
   */
  public static void saveSeeded(Path dir, Spec spec, long seed, double scale) {
    Checks.positive(scale, "scale");
    Random r = new Random(seed);
    float[] e = gaussian(r, spec.vocabSize() * spec.embeddingDim(), scale);
    float[] w = gaussian(r, 3 * spec.embeddingDim(), scale);
    float[] b = gaussian(r, 3, scale);
    save(dir, spec, e, w, b);
  }

  private static float[] gaussian(Random r, int n, double scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (scale * r.nextGaussian());
    }
    return out;
  }
}
