package io.slipstream.ml.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.DataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhraseBankTest {
  /**
   * The real PhraseBank (evaluation only, never copied): {@code -Dslipstream.text}, else the {@code text} sibling of
   * {@code slipstream.data}. A test that needs it fails when it is absent, like the other real-data tests.
   */
  static final Path REAL = Path.of(System.getProperty("slipstream.text",
      Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid")).resolveSibling("text").toString()))
      .resolve("financial-phrasebank");

  /** Writes {@code lines} as ISO-8859-1 (our own sentences, not PhraseBank's). */
  static Path write(Path dir, PhraseBank.Level level, List<String> lines) throws IOException {
    Path f = dir.resolve(level.fileName());
    Files.write(f, lines, StandardCharsets.ISO_8859_1);
    return f;
  }

  private static List<String> lines(int n) {
    List<String> out = new ArrayList<>();
    String[] labels = {"positive", "negative", "neutral"};
    for (int i = 1; i <= n; i++) {
      out.add("Sentence number " + i + " about caf\u00e9 sales .@" + labels[i % 3]);
    }
    return out;
  }

  @Test
  void load_parsesSentenceAtLastAtSign_iso88591(@TempDir Path dir) throws IOException {
    write(dir, PhraseBank.Level.AGREE_75, List.of("Profit rose to EUR 5 mn from EUR 4 mn .@positive",
        "Mail info@firm.fi for caf\u00e9 prices .@neutral", "Sales fell .@negative"));
    PhraseBank pb = PhraseBank.load(dir, PhraseBank.Level.AGREE_75);
    assertThat(pb.sentences()).containsExactly(
        new PhraseBank.Sentence("Profit rose to EUR 5 mn from EUR 4 mn .", SentimentLabel.POSITIVE, 1),
        new PhraseBank.Sentence("Mail info@firm.fi for caf\u00e9 prices .", SentimentLabel.NEUTRAL, 2),
        new PhraseBank.Sentence("Sales fell .", SentimentLabel.NEGATIVE, 3));
    assertThat(pb.warnings()).isEmpty();
    assertThat(pb.labelCounts()).containsEntry(SentimentLabel.NEGATIVE, 1).containsEntry(SentimentLabel.POSITIVE, 1);
  }

  @Test
  void load_allAgreeLine38StrayOne_skippedWithCountedWarning(@TempDir Path dir) throws IOException {
    List<String> l = lines(40);
    l.set(37, "1");
    write(dir, PhraseBank.Level.AGREE_ALL, l);
    PhraseBank pb = PhraseBank.load(dir, PhraseBank.Level.AGREE_ALL);
    assertThat(pb.sentences()).hasSize(39);
    assertThat(pb.skippedLines()).isEqualTo(1);
    assertThat(pb.warnings()).singleElement().asString().contains("Sentences_AllAgree.txt line 38")
        .contains("'1'");
    assertThat(pb.sentences().get(37).lineNumber()).isEqualTo(39);
  }

  @Test
  void load_strayOneElsewhere_isAnErrorNamingFileAndLine(@TempDir Path dir) throws IOException {
    List<String> l = lines(40);
    l.set(37, "1");
    Path f = write(dir, PhraseBank.Level.AGREE_50, l);
    assertThatThrownBy(() -> PhraseBank.load(dir, PhraseBank.Level.AGREE_50)).isInstanceOf(DataException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("line 38");
    l = lines(40);
    l.set(4, "1");
    Path g = write(dir, PhraseBank.Level.AGREE_ALL, l);
    assertThatThrownBy(() -> PhraseBank.load(dir, PhraseBank.Level.AGREE_ALL)).hasMessageContaining(g.toString())
        .hasMessageContaining("line 5");
  }

  @Test
  void load_malformedLines_namesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = write(dir, PhraseBank.Level.AGREE_66, List.of("Good .@positive", "Odd .@mixed"));
    assertThatThrownBy(() -> PhraseBank.load(dir, PhraseBank.Level.AGREE_66)).isInstanceOf(DataException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("line 2").hasMessageContaining("'mixed'");
    write(dir, PhraseBank.Level.AGREE_66, List.of("Good .@positive", "", "x@neutral"));
    assertThatThrownBy(() -> PhraseBank.load(dir, PhraseBank.Level.AGREE_66)).hasMessageContaining("line 2");
    write(dir, PhraseBank.Level.AGREE_66, List.of("@neutral"));
    assertThatThrownBy(() -> PhraseBank.load(dir, PhraseBank.Level.AGREE_66)).hasMessageContaining("line 1")
        .hasMessageContaining("empty sentence");
    write(dir, PhraseBank.Level.AGREE_66, List.of());
    assertThatThrownBy(() -> PhraseBank.load(dir, PhraseBank.Level.AGREE_66)).hasMessageContaining("no sentence");
    assertThatThrownBy(() -> PhraseBank.load(dir, PhraseBank.Level.AGREE_50)).isInstanceOf(DataException.class)
        .hasMessageContaining("Sentences_50Agree.txt").hasMessageContaining("does not exist");
  }

  @Test
  void levelParse_shortNamesAndTags() {
    assertThat(PhraseBank.Level.parse("all")).isEqualTo(PhraseBank.Level.AGREE_ALL);
    assertThat(PhraseBank.Level.parse("66Agree")).isEqualTo(PhraseBank.Level.AGREE_66);
    assertThatThrownBy(() -> PhraseBank.Level.parse("90")).hasMessageContaining("'90'");
  }

  private static Map<SentimentLabel, Integer> counts(int pos, int neg, int neu) {
    Map<SentimentLabel, Integer> m = new EnumMap<>(SentimentLabel.class);
    m.put(SentimentLabel.POSITIVE, pos);
    m.put(SentimentLabel.NEGATIVE, neg);
    m.put(SentimentLabel.NEUTRAL, neu);
    return m;
  }

  @Test
  void realPhraseBank_sizesAndKnownDefect() {
    assertThat(REAL).as("the real Financial PhraseBank (../shared/data/text)").isDirectory();
    Map<PhraseBank.Level, PhraseBank> all = PhraseBank.loadAll(REAL);
    // line counts of the v1.0 files (wc -l): 4846, 4217, 3453, 2264 with the stray "1" in AllAgree
    assertThat(all.get(PhraseBank.Level.AGREE_50).sentences()).hasSize(4846);
    assertThat(all.get(PhraseBank.Level.AGREE_66).sentences()).hasSize(4217);
    assertThat(all.get(PhraseBank.Level.AGREE_75).sentences()).hasSize(3453);
    assertThat(all.get(PhraseBank.Level.AGREE_ALL).sentences()).hasSize(2263);
    assertThat(all.get(PhraseBank.Level.AGREE_ALL).skippedLines()).isEqualTo(1);
    assertThat(all.get(PhraseBank.Level.AGREE_50).skippedLines()).isZero();
    // class counts by grep -c '@<label>$' on each file
    assertThat(all.get(PhraseBank.Level.AGREE_50).labelCounts()).containsExactlyEntriesOf(counts(1363, 604, 2879));
    assertThat(all.get(PhraseBank.Level.AGREE_66).labelCounts()).containsExactlyEntriesOf(counts(1168, 514, 2535));
    assertThat(all.get(PhraseBank.Level.AGREE_75).labelCounts()).containsExactlyEntriesOf(counts(887, 420, 2146));
    assertThat(all.get(PhraseBank.Level.AGREE_ALL).labelCounts()).containsExactlyEntriesOf(counts(570, 303, 1390));
  }
}
