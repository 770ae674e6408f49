package io.slipstream.ml.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.slipstream.core.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL path end to end with a tiny model built in Java (format "tiny") and the hand-written tokenizer: the
 * scorer's probabilities equal a hand computation of the network from its weights.
 */
class DjlSentimentScorerTest {
  /** "Net sales rose." = [CLS] net sales rose . [SEP] */
  private static final String S1 = "Net sales rose.";
  private static final long[] S1_IDS = {2, 38, 37, 7, 53, 3};
  /** "Bitcoin price fell, the market is bearish" */
  private static final String S2 = "Bitcoin price fell, the market is bearish";
  private static final long[] S2_IDS = {2, 41, 42, 20, 54, 30, 43, 50, 26, 3};
  /** an out-of-vocabulary word maps to [UNK] = 1 */
  private static final String S3 = "Solana";
  private static final long[] S3_IDS = {2, 1, 3};

  @TempDir
  static Path tmp;
  private static TinyModelFixture fixture;
  private static DjlSentimentScorer scorer;

  @BeforeAll
  static void build() {
    System.setProperty("ai.djl.offline", "true");
    fixture = TinyModelFixture.create(tmp.resolve("tiny"), 20240601L);
    scorer = DjlSentimentScorer.load(fixture.dir);
  }

  @AfterAll
  static void close() {
    scorer.close();
  }

  private static void assertHand(Sentiment s, long[] ids) {
    double[] p = fixture.probabilities(ids);
    assertThat(s.pPositive()).isCloseTo(p[0], within(1e-6));
    assertThat(s.pNegative()).isCloseTo(p[1], within(1e-6));
    assertThat(s.pNeutral()).isCloseTo(p[2], within(1e-6));
  }

  @Test
  void load_tinyFormat_isLanguageModelNamedDjlTiny() {
    assertThat(scorer.format()).isEqualTo(DjlSentimentScorer.Format.TINY);
    assertThat(scorer.name()).isEqualTo("djl-tiny");
    assertThat(scorer.isLanguageModel()).isTrue();
    assertThat(scorer.labelOrder()).isEqualTo(FinBertTranslator.FINBERT_LABEL_ORDER);
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
  }

  @Test
  void score_equalsHandComputationOfTheNetwork() {
    List<Sentiment> out = scorer.score(List.of(S1, S2, S3));
    assertHand(out.get(0), S1_IDS);
    assertHand(out.get(1), S2_IDS);
    assertHand(out.get(2), S3_IDS);
    for (Sentiment s : out) {
      assertThat(s.pPositive() + s.pNegative() + s.pNeutral()).isCloseTo(1.0, within(1e-12));
    }
    // the three sentences get different outputs: the ids reach the model
    assertThat(out.get(0).pPositive()).isNotCloseTo(out.get(1).pPositive(), within(1e-3));
  }

  @Test
  void translator_predictorPredictSingleInput_sameAsHand() throws Exception {
    try (FinBertTranslator t = FinBertTranslator.create(fixture.dir.resolve("tokenizer.json"), FinBertConfig.DEFAULT,
        FinBertTranslator.FINBERT_LABEL_ORDER);
        ZooModel<String, Sentiment> m = Criteria.builder().setTypes(String.class, Sentiment.class)
            .optEngine("PyTorch").optModelPath(fixture.dir).optModelName("tiny")
            .optBlock(new TinySentimentBlock(TinyModelFixture.VOCAB, TinyModelFixture.DIM)).optTranslator(t)
            .build().loadModel();
        Predictor<String, Sentiment> p = m.newPredictor()) {
      assertHand(p.predict(S2), S2_IDS);
    }
  }

  @Test
  void score_batchEqualsSingleAcrossBatchBoundaries() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      texts.add(i % 3 == 0 ? S1 : i % 3 == 1 ? S2 : S3 + " " + i);
    }
    List<Sentiment> batch = scorer.score(texts);
    assertThat(batch).hasSize(70);
    for (int i : new int[] {0, 1, 2, 31, 32, 33, 69}) {
      Sentiment single = scorer.score(List.of(texts.get(i))).get(0);
      assertThat(batch.get(i).pPositive()).isCloseTo(single.pPositive(), within(1e-6));
      assertThat(batch.get(i).pNegative()).isCloseTo(single.pNegative(), within(1e-6));
      assertThat(batch.get(i).pNeutral()).isCloseTo(single.pNeutral(), within(1e-6));
    }
  }

  @Test
  void score_padToLongestAndTokenTypeIds_sameResult() {
    FinBertConfig cfg = FinBertConfig.DEFAULT.withPadToMaxLength(false).withTokenTypeIds(true).withBatchSize(2);
    try (DjlSentimentScorer other = DjlSentimentScorer.load(fixture.dir, cfg)) {
      List<Sentiment> out = other.score(List.of(S1, S2, S3));
      assertHand(out.get(0), S1_IDS);
      assertHand(out.get(1), S2_IDS);
      assertHand(out.get(2), S3_IDS);
    }
  }

  @Test
  void load_configJsonLabelOrder_permutesLogits() throws IOException {
    Path dir = tmp.resolve("permuted");
    TinyModelFixture f = TinyModelFixture.create(dir, 20240601L);
    Files.writeString(dir.resolve("config.json"),
        "{\"architectures\": [\"X\"], \"id2label\": {\"0\": \"neutral\", \"1\": \"Positive\", \"2\": \"NEGATIVE\"}}");
    try (DjlSentimentScorer s = DjlSentimentScorer.load(dir)) {
      assertThat(s.labelOrder()).containsExactly(SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE,
          SentimentLabel.NEGATIVE);
      Sentiment x = s.score(List.of(S1)).get(0);
      double[] p = f.probabilities(S1_IDS);
      // logit 0 is now neutral, 1 positive, 2 negative
      assertThat(x.pNeutral()).isCloseTo(p[0], within(1e-6));
      assertThat(x.pPositive()).isCloseTo(p[1], within(1e-6));
      assertThat(x.pNegative()).isCloseTo(p[2], within(1e-6));
    }
  }

  @Test
  void labelOrder_badConfig_namesFileAndKey(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"id2label\": {\"0\": \"LABEL_0\", \"1\": \"b\", \"2\": \"c\"}}");
    assertThatThrownBy(() -> DjlSentimentScorer.labelOrder(dir)).isInstanceOf(DataException.class)
        .hasMessageContaining("config.json").hasMessageContaining("id2label.0").hasMessageContaining("LABEL_0");
    Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 768}");
    assertThatThrownBy(() -> DjlSentimentScorer.labelOrder(dir)).hasMessageContaining("id2label");
  }

  @Test
  void load_missingFiles_namePaths(@TempDir Path dir) throws IOException {
    Path none = dir.resolve("absent");
    assertThatThrownBy(() -> DjlSentimentScorer.load(none)).isInstanceOf(DataException.class)
        .hasMessageContaining(none.toString()).hasMessageContaining("does not exist");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> DjlSentimentScorer.load(empty)).isInstanceOf(DataException.class)
        .hasMessageContaining(empty.resolve("model.pt").toString())
        .hasMessageContaining(empty.resolve("tiny-model.json").toString());
    Path noTok = dir.resolve("notok");
    TinySentimentModel.saveSeeded(noTok, new TinySentimentModel.Spec(10, 2), 1L, 0.1);
    assertThatThrownBy(() -> DjlSentimentScorer.load(noTok)).isInstanceOf(DataException.class)
        .hasMessageContaining(noTok.resolve("tokenizer.json").toString());
    Files.writeString(noTok.resolve("model.pt"), "not a model");
    assertThatThrownBy(() -> DjlSentimentScorer.load(noTok)).isInstanceOf(DataException.class)
        .hasMessageContaining("both");
  }

  @Test
  void load_corruptTorchScript_namesDirectory(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("model.pt"), "not a TorchScript archive");
    Files.copy(TinyModelFixture.tokenizerResource(), dir.resolve("tokenizer.json"));
    assertThat(DjlSentimentScorer.detectFormat(dir)).isEqualTo(DjlSentimentScorer.Format.TORCHSCRIPT);
    assertThatThrownBy(() -> DjlSentimentScorer.load(dir)).isInstanceOf(DataException.class)
        .hasMessageContaining(dir.toString()).hasMessageContaining("cannot be loaded");
  }

  @Test
  void readSpec_unknownKeyOrBadSize_namesKey(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("tiny-model.json");
    Files.writeString(f, "{\"format\": \"slipstream-tiny-sentiment-v1\", \"vocab_size\": 5, \"embedding_dim\": 2, "
        + "\"layers\": 3}");
    assertThatThrownBy(() -> TinySentimentModel.readSpec(dir)).isInstanceOf(DataException.class)
        .hasMessageContaining("'layers'");
    Files.writeString(f, "{\"format\": \"slipstream-tiny-sentiment-v1\", \"vocab_size\": 0, \"embedding_dim\": 2}");
    assertThatThrownBy(() -> TinySentimentModel.readSpec(dir)).hasMessageContaining("'vocab_size'");
    Files.writeString(f, "{\"format\": \"other\", \"vocab_size\": 5, \"embedding_dim\": 2}");
    assertThatThrownBy(() -> TinySentimentModel.readSpec(dir)).hasMessageContaining("'format'");
  }

  @Test
  void score_afterClose_throws() {
    DjlSentimentScorer s = DjlSentimentScorer.load(fixture.dir);
    s.close();
    s.close();
    assertThatThrownBy(() -> s.score(List.of("x"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void score_tokenIdBeyondVocabulary_failsNamingModel(@TempDir Path dir) throws IOException {
    // vocabulary 10 < tokenizer ids up to 54: the embedding lookup fails
    TinySentimentModel.saveSeeded(dir, new TinySentimentModel.Spec(10, 2), 1L, 0.1);
    Files.copy(TinyModelFixture.tokenizerResource(), dir.resolve("tokenizer.json"));
    try (DjlSentimentScorer s = DjlSentimentScorer.load(dir)) {
      assertThatThrownBy(() -> s.score(List.of("bitcoin"))).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(dir.toString()).hasMessageContaining("texts[0..0]");
    }
  }
}
