package io.slipstream.ml.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.DataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconScorerTest {
  private static final double E = Math.E;
  private static final double SQRT_E = Math.exp(0.5);
  private final LexiconScorer standard = LexiconScorer.standard();

  @Test
  void standard_reportsItselfAsLexiconFallback() {
    assertThat(standard.name()).isEqualTo("lexicon");
    assertThat(standard.isLanguageModel()).isFalse();
    assertThat(standard.neutralPrior()).isEqualTo(0.5);
    assertThat(standard.positiveWords()).contains("rose", "bullish", "profitable").doesNotContain("up", "profit");
    assertThat(standard.negativeWords()).contains("fell", "bearish", "hack", "lawsuit");
  }

  @Test
  void tokenize_lowerCasesSplitsPunctuationKeepsApostrophes() {
    assertThat(LexiconScorer.tokenize("Bitcoin DIDN\u2019T crash; sell-off, ETH +5%!"))
        .containsExactly("bitcoin", "didn't", "crash", "sell", "off", "eth", "5");
  }

  @Test
  void score_noListedWord_isNeutralPrior() {
    // softmax(0, 0, 0.5) = (1, 1, e^0.5) / (2 + e^0.5)
    Sentiment s = standard.score("The company said its meeting is on Tuesday .");
    assertThat(s.pNeutral()).isCloseTo(SQRT_E / (2 + SQRT_E), within(1e-15));
    assertThat(s.pPositive()).isCloseTo(1 / (2 + SQRT_E), within(1e-15));
    assertThat(s.score()).isZero();
    assertThat(s.label()).isEqualTo(SentimentLabel.NEUTRAL);
  }

  @Test
  void score_onePositiveWord_softmaxOfCounts() {
    Sentiment s = standard.score("Net sales rose to EUR 5 mn .");
    double sum = E + 1 + SQRT_E;
    assertThat(s.pPositive()).isCloseTo(E / sum, within(1e-15));
    assertThat(s.pNegative()).isCloseTo(1 / sum, within(1e-15));
    assertThat(s.score()).isCloseTo((E - 1) / sum, within(1e-15)).isCloseTo(0.3202, within(1e-4));
    assertThat(s.label()).isEqualTo(SentimentLabel.POSITIVE);
  }

  @Test
  void score_threeNegativeWords_belowMinus070() {
    Sentiment s = standard.score("Exchange hacked, token plunged, users sue");
    double e3 = Math.exp(3);
    assertThat(s.pNegative()).isCloseTo(e3 / (1 + e3 + SQRT_E), within(1e-15));
    assertThat(s.score()).isLessThan(-0.70).isCloseTo(-0.8395, within(1e-4));
  }

  @Test
  void counts_negationWithinThreeTokensFlips_fourthTokenDoesNot() {
    assertThat(standard.counts("profits were not strong")).isEqualTo(new LexiconScorer.Counts(0, 1, 4));
    assertThat(standard.counts("no losses")).isEqualTo(new LexiconScorer.Counts(1, 0, 2));
    // "never" three tokens before "declined": flipped
    assertThat(standard.counts("sales never really quite declined").positive()).isEqualTo(1);
    // "never" four tokens before: not flipped
    assertThat(standard.counts("sales never really quite sharply declined").negative()).isEqualTo(1);
    // contraction negator; two negators in the window flip once
    assertThat(standard.counts("prices didn't not fall")).isEqualTo(new LexiconScorer.Counts(1, 0, 4));
    // a negator applies to every listed word in its window
    assertThat(standard.counts("not weak or bearish")).isEqualTo(new LexiconScorer.Counts(2, 0, 4));
  }

  @Test
  void score_batch_sameAsSingle_nullNamesIndex() {
    List<String> texts = List.of("Bitcoin rallies", "ETH crashes", "");
    List<Sentiment> batch = standard.score(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(batch.get(i)).isEqualTo(standard.score(texts.get(i)));
    }
    assertThatThrownBy(() -> standard.score(Arrays.asList("a", null))).hasMessageContaining("texts[1]");
  }

  @Test
  void resource_everyTokenIsTokenizable() {
    for (String w : standard.positiveWords()) {
      assertThat(LexiconScorer.tokenize(w)).containsExactly(w);
    }
    for (String w : standard.negativeWords()) {
      assertThat(LexiconScorer.tokenize(w)).containsExactly(w);
    }
  }

  @Test
  void fromFile_customListsAndPrior(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("lex.txt");
    Files.writeString(f, "# test\n[positive]\nmoon # comment\n\n[negative]\nrug\n", StandardCharsets.UTF_8);
    LexiconScorer s = LexiconScorer.fromFile(f, 0.0);
    // softmax(1, 1, 0) for "moon and rug"
    Sentiment x = s.score("Moon and rug");
    assertThat(x.pPositive()).isCloseTo(E / (2 * E + 1), within(1e-15));
    assertThat(x.pNegative()).isCloseTo(E / (2 * E + 1), within(1e-15));
    assertThat(s.positiveWords()).containsExactly("moon");
  }

  @Test
  void fromFile_malformed_namesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.txt");
    Files.writeString(f, "[positive]\ngood\n[negative]\nBad Word\n");
    assertThatThrownBy(() -> LexiconScorer.fromFile(f, 0.5)).isInstanceOf(DataException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("line 4").hasMessageContaining("Bad Word");
    Files.writeString(f, "[positive]\ngood\n[negative]\ngood\n");
    assertThatThrownBy(() -> LexiconScorer.fromFile(f, 0.5)).hasMessageContaining("line 4")
        .hasMessageContaining("listed twice");
    Files.writeString(f, "good\n");
    assertThatThrownBy(() -> LexiconScorer.fromFile(f, 0.5)).hasMessageContaining("line 1");
    Files.writeString(f, "[neutral]\nmeh\n");
    assertThatThrownBy(() -> LexiconScorer.fromFile(f, 0.5)).hasMessageContaining("unknown section [neutral]");
    assertThatThrownBy(() -> LexiconScorer.fromFile(dir.resolve("none.txt"), 0.5)).isInstanceOf(DataException.class)
        .hasMessageContaining("none.txt");
  }

  @Test
  void constructor_rejectsOverlapAndBadPrior() {
    assertThatThrownBy(() -> new LexiconScorer(Set.of("gain"), Set.of("gain"), 0.5))
        .hasMessageContaining("disjoint").hasMessageContaining("gain");
    assertThatThrownBy(() -> new LexiconScorer(Set.of("gain"), Set.of("loss"), Double.NaN))
        .hasMessageContaining("neutralPrior");
  }
}
