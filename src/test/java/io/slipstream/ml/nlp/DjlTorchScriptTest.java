package io.slipstream.ml.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.huggingface.tokenizers.Encoding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production format (TorchScript {@code model.pt}, the way a FinBERT trace is loaded) with a tiny TorchScript
 * archive written without PyTorch by {@code tools/nlp_tiny_torchscript.py}: same interface as a FinBERT trace
 * (inputs input_ids, attention_mask; output the tuple (logits,)). Expected values: numpy golden probabilities
 * ({@code nlp/tiny-torchscript/golden.json}, tolerance 1e-6) and a hand computation here from the same weights.
 */
class DjlTorchScriptTest {
  @TempDir
  static Path tmp;
  private static JsonNode golden;

  @BeforeAll
  static void readGolden() throws IOException {
    System.setProperty("ai.djl.offline", "true");
    golden = new ObjectMapper().readTree(resource("tiny-torchscript/golden.json").toFile());
  }

  private static Path resource(String name) {
    try {
      return Path.of(DjlTorchScriptTest.class.getResource("/nlp/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A model directory: the given model.pt and the hand-written tokenizer. */
  private static Path modelDir(String variant) throws IOException {
    Path dir = tmp.resolve(variant);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.copy(resource(variant + "/model.pt"), dir.resolve("model.pt"));
      Files.copy(TinyModelFixture.tokenizerResource(), dir.resolve("tokenizer.json"));
    }
    return dir;
  }

  private static List<String> texts() {
    List<String> out = new ArrayList<>();
    golden.get("cases").forEach(c -> out.add(c.get("text").asText()));
    return out;
  }

  private static void assertGolden(List<Sentiment> out) {
    for (int i = 0; i < out.size(); i++) {
      JsonNode c = golden.get("cases").get(i);
      assertThat(out.get(i).pPositive()).isCloseTo(c.get("p_positive").asDouble(), within(1e-6));
      assertThat(out.get(i).pNegative()).isCloseTo(c.get("p_negative").asDouble(), within(1e-6));
      assertThat(out.get(i).pNeutral()).isCloseTo(c.get("p_neutral").asDouble(), within(1e-6));
    }
  }

  @Test
  void golden_agreesWithHandComputationFromItsWeights() {
    int d = golden.get("embedding_dim").asInt();
    for (JsonNode c : golden.get("cases")) {
      double[] h = new double[d];
      JsonNode ids = c.get("ids");
      for (JsonNode id : ids) {
        for (int j = 0; j < d; j++) {
          h[j] += golden.get("embedding").get(id.asInt() * d + j).asDouble() / ids.size();
        }
      }
      double[] z = new double[3];
      for (int k = 0; k < 3; k++) {
        z[k] = golden.get("bias").get(k).asDouble();
        for (int j = 0; j < d; j++) {
          z[k] += golden.get("weight").get(k * d + j).asDouble() * h[j];
        }
      }
      Sentiment s = Sentiment.softmax(z[0], z[1], z[2]);
      assertThat(s.pPositive()).isCloseTo(c.get("p_positive").asDouble(), within(1e-12));
      assertThat(s.pNeutral()).isCloseTo(c.get("p_neutral").asDouble(), within(1e-12));
    }
  }

  @Test
  void load_torchScript_scoresEqualNumpyGolden() throws IOException {
    Path dir = modelDir("tiny-torchscript");
    try (DjlSentimentScorer s = DjlSentimentScorer.load(dir)) {
      assertThat(s.format()).isEqualTo(DjlSentimentScorer.Format.TORCHSCRIPT);
      assertThat(s.name()).isEqualTo("djl-torchscript");
      assertThat(s.isLanguageModel()).isTrue();
      assertGolden(s.score(texts()));
      // one at a time equals the batch
      List<Sentiment> single = new ArrayList<>();
      for (String t : texts()) {
        single.addAll(s.score(List.of(t)));
      }
      assertGolden(single);
    }
  }

  @Test
  void goldenIds_areTheTokenizersIds() {
    try (FinBertTranslator t = FinBertTranslator.create(TinyModelFixture.tokenizerResource(),
        FinBertConfig.DEFAULT.withPadToMaxLength(false), FinBertTranslator.FINBERT_LABEL_ORDER)) {
      for (JsonNode c : golden.get("cases")) {
        Encoding e = t.encode(List.of(c.get("text").asText()))[0];
        long[] expected = new long[c.get("ids").size()];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = c.get("ids").get(i).asLong();
        }
        assertThat(e.getIds()).containsExactly(expected);
      }
    }
  }

  @Test
  void load_padToLongestBatchOfTwo_sameScores() throws IOException {
    FinBertConfig cfg = FinBertConfig.DEFAULT.withPadToMaxLength(false).withBatchSize(2);
    try (DjlSentimentScorer s = DjlSentimentScorer.load(modelDir("tiny-torchscript"), cfg)) {
      assertGolden(s.score(texts()));
    }
  }

  @Test
  void tokenTypeIdsSetting_mustMatchTheTrace() throws IOException {
    Path dir = modelDir("tiny-torchscript-tt");
    try (DjlSentimentScorer s = DjlSentimentScorer.load(dir, FinBertConfig.DEFAULT.withTokenTypeIds(true))) {
      assertGolden(s.score(texts()));
    }
    try (DjlSentimentScorer s = DjlSentimentScorer.load(dir)) {
      assertThatThrownBy(() -> s.score(texts())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(dir.toString()).hasMessageContaining("inference failed");
    }
  }
}
