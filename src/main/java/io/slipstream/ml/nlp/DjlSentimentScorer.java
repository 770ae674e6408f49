package io.slipstream.ml.nlp;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.JsonNode;
import io.slipstream.core.ConfigNodes;
import io.slipstream.core.IoErrors;
import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentiment from a transformer sequence classifier (FinBERT) run by DJL's PyTorch engine on the CPU, offline.
 *
 * <p><b>Model directory.</b> {@value #TOKENIZER_FILE} (HuggingFace tokenizer) and exactly one of two formats:
 * <ol>
 *   <li>{@link Format#TORCHSCRIPT} (production): {@value #TORCHSCRIPT_FILE}, a TorchScript trace of the classifier
 *       taking {@code (input_ids, attention_mask)} (or {@code (input_ids, attention_mask, token_type_ids)} with
 *       {@link FinBertConfig#tokenTypeIds()}) and returning the logits first;</li>
 *   <li>{@link Format#TINY} (tests and benchmarks): {@value TinySentimentModel#SPEC_FILE} plus a DJL parameter file,
 *       for which the scorer constructs a {@link TinySentimentBlock} and loads its parameters (see
 *       {@link TinySentimentModel}); TorchScript cannot be written from Java, so this is how a model built in Java
 *       goes through the same loader and the same {@link FinBertTranslator}.</li>
 * </ol>
 * An optional {@value #HF_CONFIG_FILE} (the HuggingFace model config) fixes the logit order from its
 * {@code id2label}; without it the order is ProsusAI/finbert's ({@link FinBertTranslator#FINBERT_LABEL_ORDER}).
 *
 * <p><b>Exporting FinBERT</b> (once, on a machine with internet; Python with {@code torch} and
 * {@code transformers}):
 * <pre>{@code
 * import torch
 * from transformers import AutoTokenizer, AutoModelForSequenceClassification
 * name, out = "ProsusAI/finbert", "finbert"
 * tok = AutoTokenizer.from_pretrained(name)                     # fast tokenizer
 * model = AutoModelForSequenceClassification.from_pretrained(name, torchscript=True).eval()
 * enc = tok(["Operating profit rose to EUR 13.1 mn ."], padding="max_length", truncation=True,
 *           max_length=128, return_tensors="pt")
 * with torch.no_grad():
 *     traced = torch.jit.trace(model, (enc["input_ids"], enc["attention_mask"]))
 * traced.save(out + "/model.pt")
 * tok.save_pretrained(out)                                       # writes tokenizer.json (and vocab files)
 * model.config.to_json_file(out + "/config.json")                # optional: id2label, checked here
 * }</pre>
 * then copy the folder and pass it as the model directory (if tracing fails on the attention kernel, load with
 * {@code attn_implementation="eager"}). To trace with {@code token_type_ids} as well, pass
 * {@code (input_ids, attention_mask, token_type_ids)} and set {@link FinBertConfig#tokenTypeIds()}. ProsusAI/finbert's {@code id2label} is
 * {@code {0: positive, 1: negative, 2: neutral}}. Keep {@link FinBertConfig#padToMaxLength()} true for a model traced
 * at length 128 unless a run with padding to the longest text was checked to give the same scores.
 *
 * <p><b>Runtime.</b> {@code ai.djl.offline=true} is set before loading; the PyTorch natives come from the
 * {@code pytorch-native-cpu} jar on the class path and are extracted to {@code ~/.djl.ai} (or {@code $DJL_CACHE_DIR})
 * on first use. Scoring is synchronized (one predictor); texts go through the model in batches of
 * {@link FinBertConfig#batchSize()}.
 */
public final class DjlSentimentScorer implements SentimentScorer {
  /** DJL engine name. */
  public static final String ENGINE = "PyTorch";
  /** TorchScript model file of format {@link Format#TORCHSCRIPT}. */
  public static final String TORCHSCRIPT_FILE = "model.pt";
  /** Tokenizer file of every model directory. */
  public static final String TOKENIZER_FILE = "tokenizer.json";
  /** Optional HuggingFace config whose {@code id2label} gives the logit order. */
  public static final String HF_CONFIG_FILE = "config.json";

  /** On-disk model formats. */
  public enum Format {
    /** {@value DjlSentimentScorer#TORCHSCRIPT_FILE}: a traced FinBERT (production). */
    TORCHSCRIPT("djl-torchscript"),
    /** {@value TinySentimentModel#SPEC_FILE} + DJL parameters of a {@link TinySentimentBlock}. */
    TINY("djl-tiny");

    private final String scorerName;

    Format(String scorerName) {
      this.scorerName = scorerName;
    }

    /** @return the {@link SentimentScorer#name()} of a scorer of this format */
    public String scorerName() {
      return scorerName;
    }
  }

  private final Path modelDir;
  private final Format format;
  private final FinBertConfig config;
  private final FinBertTranslator translator;
  private final ZooModel<String, Sentiment> model;
  private final Predictor<String, Sentiment> predictor;
  private boolean closed;

  private DjlSentimentScorer(Path modelDir, Format format, FinBertConfig config, FinBertTranslator translator,
      ZooModel<String, Sentiment> model) {
    this.modelDir = modelDir;
    this.format = format;
    this.config = config;
    this.translator = translator;
    this.model = model;
    this.predictor = model.newPredictor();
  }

  /**
   * Loads a model directory with {@link FinBertConfig#DEFAULT}.
   *
   * @param modelDir the model directory
   * @return the scorer; close it
   * @see #load(Path, FinBertConfig)
   */
  public static DjlSentimentScorer load(Path modelDir) {
    return load(modelDir, FinBertConfig.DEFAULT);
  }

  /**
   * Loads a model directory (see the class doc for its layout). Sets {@code ai.djl.offline=true} first.
   *
   * @param modelDir the model directory
   * @param config sequence length, padding, token type ids and batch size
   * @return the scorer; close it
   * @throws DataException naming the path when the directory, the tokenizer or the model file is missing, when
   *     both formats or neither are present, or when a file cannot be loaded
   * @throws IllegalStateException when the PyTorch engine cannot start (the cause names a missing native library)
   */
  public static DjlSentimentScorer load(Path modelDir, FinBertConfig config) {
    Checks.notNull(modelDir, "modelDir");
    Checks.notNull(config, "config");
    Format format = detectFormat(modelDir);
    Path tokenizerFile = modelDir.resolve(TOKENIZER_FILE);
    if (!Files.isRegularFile(tokenizerFile)) {
      throw new DataException("model directory " + modelDir + " has no " + TOKENIZER_FILE + " (expected "
          + tokenizerFile + ")");
    }
    List<SentimentLabel> order = labelOrder(modelDir);
    startEngine();
    FinBertTranslator translator = FinBertTranslator.create(tokenizerFile, config, order);
    try {
      Criteria.Builder<String, Sentiment> b = Criteria.builder().setTypes(String.class, Sentiment.class)
          .optEngine(ENGINE).optDevice(Device.cpu()).optModelPath(modelDir).optTranslator(translator);
      if (format == Format.TORCHSCRIPT) {
        b.optModelName(TORCHSCRIPT_FILE.substring(0, TORCHSCRIPT_FILE.length() - 3)).optOption("mapLocation", "true");
      } else {
        TinySentimentModel.Spec spec = TinySentimentModel.readSpec(modelDir);
        b.optModelName(TinySentimentModel.PARAMS_PREFIX)
            .optBlock(new TinySentimentBlock(spec.vocabSize(), spec.embeddingDim()));
      }
      ZooModel<String, Sentiment> model = b.build().loadModel();
      return new DjlSentimentScorer(modelDir, format, config, translator, model);
    } catch (ModelNotFoundException | MalformedModelException | IOException | EngineException e) {
      translator.close();
      throw new DataException("model directory " + modelDir + " (" + format.scorerName() + ") cannot be loaded: "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      translator.close();
      throw e;
    }
  }

  /**
   * Starts DJL's PyTorch engine offline (loads the native library; extracts it from the
   * {@code pytorch-native-cpu} jar to {@code ~/.djl.ai} or {@code $DJL_CACHE_DIR} on first use).
   *
   * @return the engine's PyTorch version, e.g. {@code 2.7.1}
   * @throws IllegalStateException when the engine cannot start; the message carries DJL's cause, which names a
   *     missing system library when that is the reason
   */
  public static String startEngine() {
    DjlOffline.ensure();
    try {
      return Engine.getEngine(ENGINE).getVersion();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException("DJL " + ENGINE + " engine failed to start offline (natives from "
          + "pytorch-native-cpu 2.7.1 linux-x86_64, extracted to ~/.djl.ai or $DJL_CACHE_DIR): " + e, e);
    }
  }

  /**
   * The format of a model directory: {@link Format#TORCHSCRIPT} when it holds {@value #TORCHSCRIPT_FILE},
   * {@link Format#TINY} when it holds {@value TinySentimentModel#SPEC_FILE}.
   *
   * @param modelDir the model directory
   * @return its format
   * @throws DataException naming the directory when it does not exist or holds both files or neither
   */
  public static Format detectFormat(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      throw new DataException("model directory " + modelDir + " does not exist");
    }
    boolean ts = Files.isRegularFile(modelDir.resolve(TORCHSCRIPT_FILE));
    boolean tiny = Files.isRegularFile(modelDir.resolve(TinySentimentModel.SPEC_FILE));
    if (ts && tiny) {
      throw new DataException("model directory " + modelDir + " holds both " + TORCHSCRIPT_FILE + " and "
          + TinySentimentModel.SPEC_FILE + ": keep one model per directory");
    }
    if (!ts && !tiny) {
      throw new DataException("model directory " + modelDir + " has no model: expected " + modelDir.resolve(
          TORCHSCRIPT_FILE) + " (TorchScript FinBERT) or " + modelDir.resolve(TinySentimentModel.SPEC_FILE)
          + " (tiny DJL model)");
    }
    return ts ? Format.TORCHSCRIPT : Format.TINY;
  }

  /**
   * The logit order of a model directory: from {@code id2label} of its {@value #HF_CONFIG_FILE} when present
   * (labels matched ignoring case), else {@link FinBertTranslator#FINBERT_LABEL_ORDER}.
   *
   * @param modelDir the model directory
   * @return the class of logit 0, 1 and 2
   * @throws DataException naming the file when the config is unreadable or its {@code id2label} is missing or not
   *     exactly {0, 1, 2} mapped to positive, negative and neutral
   */
  public static List<SentimentLabel> labelOrder(Path modelDir) {
    Path file = modelDir.resolve(HF_CONFIG_FILE);
    if (!Files.isRegularFile(file)) {
      return FinBertTranslator.FINBERT_LABEL_ORDER;
    }
    JsonNode id2label = ConfigNodes.readTree(IoErrors.readText(file), "model config " + file).get("id2label");
    if (id2label == null || !id2label.isObject() || id2label.size() != 3) {
      throw new DataException("model config " + file + ": key 'id2label' must map 0, 1, 2 to positive, negative "
          + "and neutral, was " + id2label);
    }
    List<SentimentLabel> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode v = id2label.get(Integer.toString(i));
      try {
        order.add(SentimentLabel.parse(v == null ? null : v.asText()));
      } catch (IllegalArgumentException e) {
        throw new DataException("model config " + file + ": key 'id2label." + i + "' must be positive, negative or "
            + "neutral, was " + v, e);
      }
    }
    if (order.stream().distinct().count() != 3) {
      throw new DataException("model config " + file + ": key 'id2label' must name each label once, was "
          + id2label);
    }
    return List.copyOf(order);
  }

  /** @return {@code "djl-torchscript"} or {@code "djl-tiny"} ({@link Format#scorerName()}) */
  @Override
  public String name() {
    return format.scorerName();
  }

  /** @return true */
  @Override
  public boolean isLanguageModel() {
    return true;
  }

  /** @return the model directory */
  public Path modelDir() {
    return modelDir;
  }

  /** @return the model format */
  public Format format() {
    return format;
  }

  /** @return the settings */
  public FinBertConfig config() {
    return config;
  }

  /** @return the class of each logit index */
  public List<SentimentLabel> labelOrder() {
    return translator.outputOrder();
  }

  /**
   * Scores texts in batches of {@link FinBertConfig#batchSize()}.
   *
   * @throws IllegalStateException when closed, or naming the model directory and the batch when inference fails
   */
  @Override
  public synchronized List<Sentiment> score(List<String> texts) {
    Checks.notNull(texts, "texts");
    if (closed) {
      throw new IllegalStateException("scorer for " + modelDir + " is closed");
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new IllegalArgumentException("Argument 'texts[" + i + "]' must not be null");
      }
    }
    List<Sentiment> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += config.batchSize()) {
      int to = Math.min(texts.size(), from + config.batchSize());
      try {
        out.addAll(predictor.batchPredict(texts.subList(from, to)));
      } catch (TranslateException | RuntimeException e) {
        throw new IllegalStateException("model " + modelDir + ": inference failed on texts[" + from + ".." + (to - 1)
            + "]: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Frees the predictor, the model and the tokenizer; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      predictor.close();
      model.close();
    } finally {
      translator.close();
    }
  }
}
