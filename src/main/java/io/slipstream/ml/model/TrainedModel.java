package io.slipstream.ml.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.ConfigNodes;
import io.slipstream.core.IoErrors;
import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A fitted XGBoost classifier ({@link XgbClassifier#fit}) with what is needed to use it later: its feature list (in
 * order), its training window, its parameters and its best iteration. Predictions use the trees
 * {@code 0..bestIteration}.
 *
 * <p>Saved as a directory ({@link #save(Path)}): {@code model.ubj}, the booster in XGBoost's UBJSON model format
 * ({@code Booster.saveModel}), and {@code metadata.json}:
 * <pre>
 * {"format": "slipstream.xgb-classifier", "format_version": 1, "model_file": "model.ubj",
 *  "xgboost_version": "2.1.4", "feature_names": [...], "train_start": ISO-8601, "train_end": ISO-8601,
 *  "train_start_ms": epoch ms, "train_end_ms": epoch ms, "train_rows": n, "params": {snake_case XgbParams},
 *  "scale_pos_weight": x, "best_iteration": i, "boosted_rounds": r, "best_validation_logloss": x,
 *  "created": ISO-8601}
 * </pre>
 * The training window is the time of the first and of the last training sample (epoch ms, UTC; a sample's time is
 * the close time of the bar whose features it carries).
 *
 * <p>Holds a native booster: {@link #close()} frees it (else the garbage collector does); every method then throws
 * {@link IllegalStateException}. Safe to share between threads (calls are serialised).
 */
public final class TrainedModel implements ProbabilisticClassifier, AutoCloseable {
  /** The booster's file name in a saved model directory. */
  public static final String MODEL_FILE = "model.ubj";
  /** The metadata file name in a saved model directory. */
  public static final String METADATA_FILE = "metadata.json";
  /** The {@code format} value of {@code metadata.json}. */
  public static final String FORMAT = "slipstream.xgb-classifier";
  /** The {@code format_version} written and accepted. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Booster booster;
  private final List<String> featureNames;
  private final XgbParams params;
  private final int bestIteration;
  private final int boostedRounds;
  private final double scalePosWeight;
  private final Instant trainStart;
  private final Instant trainEnd;
  private final int trainRows;
  private final double bestValidationLogLoss;
  private final Instant createdAt;

  TrainedModel(Booster booster, List<String> featureNames, XgbParams params, int bestIteration, int boostedRounds,
      double scalePosWeight, Instant trainStart, Instant trainEnd, int trainRows, double bestValidationLogLoss,
      Instant createdAt) {
    this.booster = Checks.notNull(booster, "booster");
    this.featureNames = List.copyOf(featureNames);
    this.params = Checks.notNull(params, "params");
    if (bestIteration < 0 || bestIteration >= boostedRounds) {
      throw new IllegalArgumentException("Argument 'bestIteration' must be in [0, boostedRounds = " + boostedRounds
          + "), was " + bestIteration);
    }
    this.bestIteration = bestIteration;
    this.boostedRounds = boostedRounds;
    this.scalePosWeight = Checks.positive(scalePosWeight, "scalePosWeight");
    this.trainStart = Checks.notNull(trainStart, "trainStart");
    this.trainEnd = Checks.notNull(trainEnd, "trainEnd");
    this.trainRows = Checks.positive(trainRows, "trainRows");
    this.bestValidationLogLoss = bestValidationLogLoss;
    this.createdAt = Checks.notNull(createdAt, "createdAt");
  }

  /**
   * Probability of class 1 per row, from the trees {@code 0..bestIteration} (float32 output widened to double).
   *
   * @param data rows to score; the feature names must equal {@link #featureNames()}, in order (labels ignored)
   * @return one probability in {@code [0, 1]} per row
   * @throws IllegalArgumentException if the feature lists differ, naming the first position that differs and both
   *     names there, or a value overflows float32
   * @throws IllegalStateException after {@link #close()}, or if XGBoost reports an error
   */
  @Override
  public synchronized double[] predictProba(Dataset data) {
    Checks.notNull(data, "data");
    FeatureLists.requireSame(featureNames, data.featureNames(), "data");
    Booster b = open();
    DMatrix m = null;
    try {
      m = XgbClassifier.matrix(data, "data");
      float[][] out = b.predict(m, false, bestIteration + 1);
      double[] p = new double[out.length];
      for (int i = 0; i < out.length; i++) {
        p[i] = out[i][0];
      }
      return p;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    } finally {
      if (m != null) {
        m.dispose();
      }
    }
  }

  /**
   * Gain importance: for each feature, the average loss reduction of the splits that use it, over all boosted trees
   * ({@code Booster.getScore(featureNames, "gain")}, XGBoost's {@code importance_type="gain"}). A feature used in no
   * split gets 0.
   *
   * @return feature name to average gain, in the model's feature order
   * @throws IllegalStateException after {@link #close()}, if XGBoost reports an error or names a feature the model
   *     does not have
   */
  public synchronized Map<String, Double> gainImportance() {
    Booster b = open();
    Map<String, Double> raw;
    try {
      raw = b.getScore(featureNames.toArray(new String[0]), "gain");
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost feature importance failed: " + e.getMessage(), e);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (String f : featureNames) {
      out.put(f, 0.0);
    }
    for (Map.Entry<String, Double> e : raw.entrySet()) {
      if (!out.containsKey(e.getKey())) {
        throw new IllegalStateException("XGBoost reported importance for unknown feature '" + e.getKey()
            + "'; model features: " + featureNames);
      }
      out.put(e.getKey(), e.getValue());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * Writes {@code model.ubj} and {@code metadata.json} into a new directory, atomically: both files go to a
   * temporary sibling directory that is then renamed to {@code dir}, so a reader never sees half a model.
   *
   * @param dir the model directory to create; must not exist (its parent is created when missing)
   * @throws IllegalArgumentException if {@code dir} already exists
   * @throws UncheckedIOException naming the path when writing or renaming fails (the temporary directory is
   *     removed)
   * @throws IllegalStateException after {@link #close()}, or if XGBoost cannot serialise the booster
   */
  public synchronized void save(Path dir) {
    Checks.notNull(dir, "dir");
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      throw new IllegalArgumentException("Model directory " + target + " already exists; save into a new directory");
    }
    Booster b = open();
    Path parent = target.getParent();
    Path tmp;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory in " + parent, e);
    }
    try {
      b.saveModel(tmp.resolve(MODEL_FILE).toString());
      JSON.writeValue(tmp.resolve(METADATA_FILE).toFile(), metadata());
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (XGBoostError e) {
      throw removeTemp(tmp, new IllegalStateException("XGBoost could not save the model to " + tmp + ": "
          + e.getMessage(), e));
    } catch (FileAlreadyExistsException e) {
      throw removeTemp(tmp, new IllegalArgumentException("Model directory " + target
          + " already exists; save into a new directory", e));
    } catch (IOException e) {
      throw removeTemp(tmp, new UncheckedIOException("Cannot save the model to " + target, e));
    }
  }

  /**
   * Loads a model written by {@link #save(Path)}. A data set with another feature list is rejected later, by
   * {@link #predictProba}.
   *
   * @param dir the model directory
   * @return the model
   * @throws DataException if the directory, {@code metadata.json} or {@code model.ubj} is missing or unreadable, a
   *     metadata field is missing or invalid (naming it and the file), the format is not {@value #FORMAT} version
   *     {@value #FORMAT_VERSION}, or the feature names stored in the booster differ from the metadata's
   * @throws IllegalStateException if the native library cannot be loaded
   */
  public static TrainedModel load(Path dir) {
    Checks.notNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new DataException("Model directory " + dir + " does not exist or is not a directory");
    }
    Path metaFile = dir.resolve(METADATA_FILE);
    Path modelFile = dir.resolve(MODEL_FILE);
    if (!Files.isRegularFile(metaFile)) {
      throw new DataException("Model directory " + dir + " has no " + METADATA_FILE);
    }
    if (!Files.isRegularFile(modelFile)) {
      throw new DataException("Model directory " + dir + " has no " + MODEL_FILE);
    }
    JsonNode meta = ConfigNodes.readTree(IoErrors.readText(metaFile), metaFile.toString());
    Meta m = new Meta(meta, metaFile, "");
    String format = m.text("format");
    int version = m.integer("format_version");
    if (!FORMAT.equals(format) || version != FORMAT_VERSION) {
      throw new DataException(metaFile + ": format '" + format + "' version " + version + " is not '" + FORMAT
          + "' version " + FORMAT_VERSION);
    }
    List<String> names = m.strings("feature_names");
    XgbParams params = m.params("params");
    int best = m.integer("best_iteration");
    int rounds = m.integer("boosted_rounds");
    double spw = m.number("scale_pos_weight");
    Instant start = m.instant("train_start");
    Instant end = m.instant("train_end");
    int trainRows = m.integer("train_rows");
    double bestLoss = m.number("best_validation_logloss");
    Instant created = m.instant("created");
    XgbNative.ensureLoaded();
    Booster booster;
    try {
      booster = XGBoost.loadModel(modelFile.toString());
    } catch (XGBoostError e) {
      throw new DataException("Cannot load the XGBoost model " + modelFile + ": " + e.getMessage(), e);
    }
    try {
      String[] stored = booster.getFeatureNames();
      List<String> boosterNames = stored == null ? List.of() : Arrays.asList(stored);
      if (!boosterNames.equals(names)) {
        try {
          FeatureLists.requireSame(names, boosterNames, "booster file");
        } catch (IllegalArgumentException e) {
          throw new DataException(modelFile + " does not match " + metaFile + ": " + e.getMessage(), e);
        }
      }
      if (booster.getNumBoostedRound() != rounds) {
        throw new DataException(modelFile + " holds " + booster.getNumBoostedRound() + " boosted rounds but "
            + metaFile + " says boosted_rounds = " + rounds);
      }
      return new TrainedModel(booster, names, params, best, rounds, spw, start, end, trainRows, bestLoss, created);
    } catch (XGBoostError e) {
      booster.dispose();
      throw new DataException("Cannot read the XGBoost model " + modelFile + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      booster.dispose();
      if (e instanceof DataException) {
        throw e;
      }
      throw new DataException(metaFile + " is inconsistent: " + e.getMessage(), e);
    }
  }

  /** @return the metadata document written to {@code metadata.json} */
  private ObjectNode metadata() {
    ObjectNode m = JSON.createObjectNode();
    m.put("format", FORMAT);
    m.put("format_version", FORMAT_VERSION);
    m.put("model_file", MODEL_FILE);
    m.put("xgboost_version", XgbNative.version());
    ArrayNode names = m.putArray("feature_names");
    featureNames.forEach(names::add);
    m.put("train_start", trainStart.toString());
    m.put("train_end", trainEnd.toString());
    m.put("train_start_ms", trainStart.toEpochMilli());
    m.put("train_end_ms", trainEnd.toEpochMilli());
    m.put("train_rows", trainRows);
    m.set("params", JSON.valueToTree(params.asMap()));
    m.put("scale_pos_weight", scalePosWeight);
    m.put("best_iteration", bestIteration);
    m.put("boosted_rounds", boostedRounds);
    m.put("best_validation_logloss", bestValidationLogLoss);
    m.put("created", createdAt.toString());
    return m;
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  /** @return the hyper-parameters trained with */
  public XgbParams params() {
    return params;
  }

  /**
   * @return the 0-based boosting round with the lowest validation log loss when early stopping was on, else the
   *     last round; predictions use rounds {@code 0..bestIteration}
   */
  public int bestIteration() {
    return bestIteration;
  }

  /** @return the number of rounds boosted (with early stopping: {@code bestIteration + earlyStoppingRounds + 1}) */
  public int boostedRounds() {
    return boostedRounds;
  }

  /** @return the validation log loss (nats) at {@link #bestIteration()} */
  public double bestValidationLogLoss() {
    return bestValidationLogLoss;
  }

  /** @return the {@code scale_pos_weight} used: {@code n_0 / n_1} with class weighting, else 1 */
  public double scalePosWeight() {
    return scalePosWeight;
  }

  /** @return the time of the first training sample (UTC) */
  public Instant trainStart() {
    return trainStart;
  }

  /** @return the time of the last training sample (UTC) */
  public Instant trainEnd() {
    return trainEnd;
  }

  /** @return the number of training samples */
  public int trainRows() {
    return trainRows;
  }

  /** @return when the model was fitted (UTC) */
  public Instant createdAt() {
    return createdAt;
  }

  /** Frees the native booster; idempotent. */
  @Override
  public synchronized void close() {
    if (booster != null) {
      booster.dispose();
      booster = null;
    }
  }

  @Override
  public String toString() {
    return "TrainedModel[features=" + featureNames.size() + ", train=[" + trainStart + ", " + trainEnd
        + "], bestIteration=" + bestIteration + ", boostedRounds=" + boostedRounds + "]";
  }

  private Booster open() {
    if (booster == null) {
      throw new IllegalStateException("The model has been closed");
    }
    return booster;
  }

  /** Removes the temporary directory of a failed save; a failure to do so is attached to {@code failure}. */
  private static RuntimeException removeTemp(Path dir, RuntimeException failure) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      failure.addSuppressed(new UncheckedIOException("Cannot remove the temporary directory " + dir,
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause()));
    }
    return failure;
  }

  /** Typed access to the fields of {@code metadata.json}, each error naming the field and the file. */
  private record Meta(JsonNode root, Path file, String prefix) {
    JsonNode field(String name) {
      JsonNode n = root.get(name);
      if (n == null || n.isNull()) {
        throw new DataException(file + ": missing field '" + prefix + name + "'");
      }
      return n;
    }

    String text(String name) {
      JsonNode n = field(name);
      if (!n.isTextual()) {
        throw new DataException(file + ": field '" + prefix + name + "' must be a string, was " + n);
      }
      return n.asText();
    }

    int integer(String name) {
      JsonNode n = field(name);
      if (!n.canConvertToInt() || !n.isIntegralNumber()) {
        throw new DataException(file + ": field '" + prefix + name + "' must be an integer, was " + n);
      }
      return n.asInt();
    }

    double number(String name) {
      JsonNode n = field(name);
      if (!n.isNumber()) {
        throw new DataException(file + ": field '" + prefix + name + "' must be a number, was " + n);
      }
      return n.asDouble();
    }

    Instant instant(String name) {
      String s = text(name);
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw new DataException(file + ": field '" + prefix + name + "' must be an ISO-8601 instant, was '" + s
            + "'", e);
      }
    }

    List<String> strings(String name) {
      JsonNode n = field(name);
      if (!n.isArray() || n.isEmpty()) {
        throw new DataException(file + ": field '" + prefix + name + "' must be a non-empty array of strings, was "
            + n);
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw new DataException(file + ": field '" + prefix + name + "' must hold strings only, had " + e);
        }
        out.add(e.asText());
      }
      return List.copyOf(out);
    }

    XgbParams params(String name) {
      Meta p = new Meta(field(name), file, prefix + name + ".");
      JsonNode cw = p.field("class_weighting");
      if (!cw.isBoolean()) {
        throw new DataException(file + ": field '" + prefix + name + ".class_weighting' must be a boolean, was " + cw);
      }
      JsonNode seed = p.field("seed");
      if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
        throw new DataException(file + ": field '" + prefix + name + ".seed' must be an integer, was " + seed);
      }
      try {
        return new XgbParams(p.integer("max_depth"), p.number("eta"), p.number("subsample"),
            p.number("colsample_bytree"), p.number("min_child_weight"), p.number("lambda"), p.integer("n_estimators"),
            p.integer("early_stopping_rounds"), seed.asLong(), p.integer("nthread"), cw.asBoolean());
      } catch (IllegalArgumentException e) {
        throw new DataException(file + ": field '" + prefix + name + "' is invalid: " + e.getMessage(), e);
      }
    }
  }
}
