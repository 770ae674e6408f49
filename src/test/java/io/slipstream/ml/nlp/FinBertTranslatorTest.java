package io.slipstream.ml.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import io.slipstream.core.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinBertTranslatorTest {
  @BeforeAll
  static void offline() {
    System.setProperty("ai.djl.offline", "true");
  }

  @Test
  void create_handWrittenTokenizer_loadsOfflineAndEncodesHandIds() {
    try (FinBertTranslator t = FinBertTranslator.create(TinyModelFixture.tokenizerResource(),
        FinBertConfig.DEFAULT.withMaxLengthTokens(10), FinBertTranslator.FINBERT_LABEL_ORDER)) {
      assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
      Encoding[] enc = t.encode(List.of("Net sales ROSE to EUR 5 million."));
      // [CLS]=2 net=38 sales=37 rose=7 to=34 eur=51 "5"=[UNK]=1 million=52 .=53 [SEP]=3 (10 tokens, no padding)
      assertThat(enc[0].getIds()).containsExactly(2, 38, 37, 7, 34, 51, 1, 52, 53, 3);
      assertThat(enc[0].getAttentionMask()).containsOnly(1L);
      Encoding[] shortOne = t.encode(List.of("bitcoin fell"));
      assertThat(shortOne[0].getIds()).containsExactly(2, 41, 20, 3, 0, 0, 0, 0, 0, 0);
      assertThat(shortOne[0].getAttentionMask()).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
      assertThat(shortOne[0].getTypeIds()).containsOnly(0L);
    }
  }

  @Test
  void create_longText_truncatedToMaxLengthKeepingSep() {
    try (FinBertTranslator t = FinBertTranslator.create(TinyModelFixture.tokenizerResource(),
        FinBertConfig.DEFAULT.withMaxLengthTokens(5), FinBertTranslator.FINBERT_LABEL_ORDER)) {
      Encoding e = t.encode(List.of("the company said its profit was strong"))[0];
      assertThat(e.getIds()).containsExactly(2, 30, 36, 44, 3);
    }
  }

  @Test
  void create_padToLongest_padsBatchToItsLongestText() {
    try (FinBertTranslator t = FinBertTranslator.create(TinyModelFixture.tokenizerResource(),
        FinBertConfig.DEFAULT.withPadToMaxLength(false), FinBertTranslator.FINBERT_LABEL_ORDER)) {
      Encoding[] enc = t.encode(List.of("bitcoin fell", "net sales rose"));
      assertThat(enc[0].getIds()).containsExactly(2, 41, 20, 3, 0);
      assertThat(enc[1].getIds()).containsExactly(2, 38, 37, 7, 3);
    }
  }

  @Test
  void create_missingTokenizer_namesPath(@TempDir Path dir) {
    Path missing = dir.resolve("tokenizer.json");
    assertThatThrownBy(() -> FinBertTranslator.create(missing, FinBertConfig.DEFAULT,
        FinBertTranslator.FINBERT_LABEL_ORDER)).isInstanceOf(DataException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void create_unparseableTokenizer_namesPath(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 3}");
    assertThatThrownBy(() -> FinBertTranslator.create(bad, FinBertConfig.DEFAULT,
        FinBertTranslator.FINBERT_LABEL_ORDER)).isInstanceOf(DataException.class)
        .hasMessageContaining(bad.toString());
  }

  @Test
  void create_badOutputOrder_namesArgument() {
    assertThatThrownBy(() -> FinBertTranslator.create(TinyModelFixture.tokenizerResource(), FinBertConfig.DEFAULT,
        List.of(SentimentLabel.POSITIVE, SentimentLabel.POSITIVE, SentimentLabel.NEUTRAL)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outputOrder");
  }

  @Test
  void config_outOfRange_namesField() {
    assertThatThrownBy(() -> new FinBertConfig(3, false, true, 32)).hasMessageContaining("maxLengthTokens");
    assertThatThrownBy(() -> new FinBertConfig(128, false, true, 0)).hasMessageContaining("batchSize");
    assertThat(FinBertConfig.DEFAULT).isEqualTo(new FinBertConfig(128, false, true, 32));
  }
}
