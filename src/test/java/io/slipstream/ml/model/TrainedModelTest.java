package io.slipstream.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save/load of {@link TrainedModel}. */
class TrainedModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Dataset train;
  private static Dataset valid;
  private static Dataset test;
  private static TrainedModel model;

  @TempDir
  Path tmp;

  @BeforeAll
  static void fit() {
    Dataset all = XgbTestData.make(1500, 4, true, 0.5, 21L);
    train = all.range(0, 1000);
    valid = all.range(1000, 1200);
    test = all.range(1200, 1500);
    model = XgbClassifier.fit(train, valid, XgbParams.DEFAULT.withNEstimators(60).withEarlyStoppingRounds(10)
        .withClassWeighting(true));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void saveLoad_roundTrip_identicalPredictionsAndMetadata() throws IOException {
    Path dir = tmp.resolve("models").resolve("sol-xgb");
    model.save(dir);
    assertThat(dir.resolve(TrainedModel.MODEL_FILE)).isRegularFile();
    assertThat(dir.resolve(TrainedModel.METADATA_FILE)).isRegularFile();
    try (Stream<Path> s = Files.list(dir.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("sol-xgb"); // no temp dir left
    }
    try (TrainedModel loaded = TrainedModel.load(dir)) {
      assertThat(Arrays.equals(loaded.predictProba(test), model.predictProba(test))).isTrue();
      assertThat(loaded.featureNames()).isEqualTo(model.featureNames());
      assertThat(loaded.params()).isEqualTo(model.params());
      assertThat(loaded.bestIteration()).isEqualTo(model.bestIteration());
      assertThat(loaded.boostedRounds()).isEqualTo(model.boostedRounds());
      assertThat(loaded.trainStart()).isEqualTo(model.trainStart());
      assertThat(loaded.trainEnd()).isEqualTo(model.trainEnd());
      assertThat(loaded.trainRows()).isEqualTo(1000);
      assertThat(loaded.scalePosWeight()).isEqualTo(model.scalePosWeight());
      assertThat(loaded.bestValidationLogLoss()).isEqualTo(model.bestValidationLogLoss());
      assertThat(loaded.createdAt()).isEqualTo(model.createdAt());
      assertThat(loaded.gainImportance()).isEqualTo(model.gainImportance());
    }
    JsonNode meta = JSON.readTree(dir.resolve(TrainedModel.METADATA_FILE).toFile());
    assertThat(meta.get("format").asText()).isEqualTo(TrainedModel.FORMAT);
    assertThat(meta.get("feature_names").toString()).isEqualTo("[\"x0\",\"x1\",\"x2\",\"x3\"]");
    assertThat(meta.get("train_start_ms").asLong()).isEqualTo(XgbTestData.T0);
    assertThat(meta.get("train_end").asText()).isEqualTo(model.trainEnd().toString());
    assertThat(meta.get("params").get("class_weighting").asBoolean()).isTrue();
    assertThat(meta.get("best_iteration").asInt()).isEqualTo(model.bestIteration());
  }

  @Test
  void loaded_featureMismatch_failsAtPredict() {
    Path dir = tmp.resolve("m");
    model.save(dir);
    Dataset renamed = Dataset.of(List.of("x0", "x1", "x2", "z3"), test.toRows(), test.y(), test.timesMs());
    try (TrainedModel loaded = TrainedModel.load(dir)) {
      assertThatThrownBy(() -> loaded.predictProba(renamed))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("position 3: model 'x3', data 'z3'");
    }
  }

  @Test
  void save_existingDirectory_refused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("exists"));
    assertThatThrownBy(() -> model.save(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void load_missingPieces_clearErrors() throws IOException {
    assertThatThrownBy(() -> TrainedModel.load(tmp.resolve("nope"))).isInstanceOf(DataException.class)
        .hasMessageContaining("does not exist");
    Path noModel = tmp.resolve("no-model");
    model.save(noModel);
    Files.delete(noModel.resolve(TrainedModel.MODEL_FILE));
    assertThatThrownBy(() -> TrainedModel.load(noModel)).isInstanceOf(DataException.class)
        .hasMessageContaining("has no model.ubj");
    Path noMeta = tmp.resolve("no-meta");
    model.save(noMeta);
    Files.delete(noMeta.resolve(TrainedModel.METADATA_FILE));
    assertThatThrownBy(() -> TrainedModel.load(noMeta)).isInstanceOf(DataException.class)
        .hasMessageContaining("has no metadata.json");
  }

  @Test
  void load_badMetadata_namesTheField() throws IOException {
    Path dir = tmp.resolve("bad-field");
    model.save(dir);
    ObjectNode meta = (ObjectNode) JSON.readTree(dir.resolve(TrainedModel.METADATA_FILE).toFile());
    meta.remove("train_end");
    JSON.writeValue(dir.resolve(TrainedModel.METADATA_FILE).toFile(), meta);
    assertThatThrownBy(() -> TrainedModel.load(dir)).isInstanceOf(DataException.class)
        .hasMessageContaining("missing field 'train_end'");

    Path dir2 = tmp.resolve("bad-param");
    model.save(dir2);
    ObjectNode meta2 = (ObjectNode) JSON.readTree(dir2.resolve(TrainedModel.METADATA_FILE).toFile());
    ((ObjectNode) meta2.get("params")).put("eta", "fast");
    JSON.writeValue(dir2.resolve(TrainedModel.METADATA_FILE).toFile(), meta2);
    assertThatThrownBy(() -> TrainedModel.load(dir2)).isInstanceOf(DataException.class)
        .hasMessageContaining("field 'params.eta' must be a number");
  }

  @Test
  void load_metadataFeaturesDifferFromBooster_refused() throws IOException {
    Path dir = tmp.resolve("mismatch");
    model.save(dir);
    ObjectNode meta = (ObjectNode) JSON.readTree(dir.resolve(TrainedModel.METADATA_FILE).toFile());
    ArrayNode names = meta.putArray("feature_names");
    names.add("x0").add("x2").add("x1").add("x3");
    JSON.writeValue(dir.resolve(TrainedModel.METADATA_FILE).toFile(), meta);
    assertThatThrownBy(() -> TrainedModel.load(dir)).isInstanceOf(DataException.class)
        .hasMessageContaining("does not match").hasMessageContaining("position 1: model 'x2', booster file 'x1'");
  }

  @Test
  void closedModel_refusesWork() {
    Path dir = tmp.resolve("c");
    model.save(dir);
    TrainedModel loaded = TrainedModel.load(dir);
    loaded.close();
    loaded.close(); // idempotent
    assertThatThrownBy(() -> loaded.predictProba(test)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
