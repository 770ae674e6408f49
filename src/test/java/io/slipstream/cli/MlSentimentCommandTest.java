package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.ml.nlp.PhraseBank;
import io.slipstream.ml.nlp.TinySentimentModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream ml sentiment} ({@link MlSentimentCommand}) end to end through {@link Main#execute}: exit 0 on
 * success, 2 for bad options (named), 1 for missing files (the path named).
 */
class MlSentimentCommandTest {
  @TempDir
  static Path tmp;
  private static Path bank;

  @BeforeAll
  static void phraseBank() throws IOException {
    System.setProperty("ai.djl.offline", "true");
    bank = tmp.resolve("bank");
    Files.createDirectories(bank);
    // our own sentences in the PhraseBank format (ISO-8859-1, "sentence@label")
    List<String> lines = List.of("Operating profit rose .@positive", "Net sales fell .@negative",
        "The meeting is on Monday .@neutral", "Costs increased .@negative", "Bitcoin rallied strongly .@positive");
    for (PhraseBank.Level l : PhraseBank.Level.values()) {
      Files.write(bank.resolve(l.fileName()), l == PhraseBank.Level.AGREE_ALL ? lines.subList(0, 3) : lines,
          StandardCharsets.ISO_8859_1);
    }
  }

  private static CliRun.Result run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "ml";
    all[1] = "sentiment";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(all);
  }

  @Test
  void lexicon_allLevels_tableAndJson() throws IOException {
    Path json = tmp.resolve("out/lexicon.json");
    CliRun.Result r = run("--scorer", "lexicon", "--phrasebank", bank.toString(), "--out", json.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("lexicon fallback, not a language model").contains("50Agree").contains("AllAgree");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("scorer").asText()).isEqualTo("lexicon");
    assertThat(root.get("language_model").asBoolean()).isFalse();
    assertThat(root.get("levels")).hasSize(4);
    JsonNode l50 = root.get("levels").get(0);
    assertThat(l50.get("level").asText()).isEqualTo("50Agree");
    assertThat(l50.get("sentences").asInt()).isEqualTo(5);
    // "Costs increased" is misread as positive: 4 of 5 right; pos P = 2/3 R = 1, neg P = 1 R = 1/2, neu 1/1
    assertThat(l50.get("accuracy").asDouble()).isEqualTo(0.8);
    assertThat(l50.get("confusion").get("counts").toString()).isEqualTo("[[2,0,0],[1,1,0],[0,0,1]]");
    assertThat(l50.get("per_class").get("negative").get("recall").asDouble()).isEqualTo(0.5);
    assertThat(l50.get("macro_f1").asDouble()).isEqualTo((0.8 + 2.0 / 3 + 1.0) / 3);
    assertThat(root.get("levels").get(3).get("accuracy").asDouble()).isEqualTo(1.0);
  }

  @Test
  void finbert_tinyModel_runsThroughDjl() throws IOException, URISyntaxException {
    // a tiny DJL model (all weights 0: every sentence ties, read as neutral) with the test tokenizer (55 tokens)
    Path model = tmp.resolve("tiny");
    TinySentimentModel.save(model, new TinySentimentModel.Spec(55, 8), new float[55 * 8], new float[3 * 8],
        new float[3]);
    Files.copy(Path.of(MlSentimentCommandTest.class.getResource("/nlp/tokenizer.json").toURI()),
        model.resolve("tokenizer.json"));
    Path json = tmp.resolve("tiny.json");
    CliRun.Result r = run("--scorer", "finbert", "--model", model.toString(), "--phrasebank", bank.toString(),
        "--levels", "75,all", "--batch-size", "2", "--out", json.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("scorer").asText()).isEqualTo("djl-tiny");
    assertThat(root.get("language_model").asBoolean()).isTrue();
    assertThat(root.get("finbert_config").get("batch_size").asInt()).isEqualTo(2);
    assertThat(root.get("levels")).hasSize(2);
    assertThat(root.get("levels").get(1).get("sentences").asInt()).isEqualTo(3);
  }

  @Test
  void badOptions_exit2NamingTheOption() {
    Path json = tmp.resolve("never.json");
    CliRun.Result r = run("--scorer", "vader", "--phrasebank", bank.toString(), "--out", json.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--scorer").contains("vader");
    r = run("--scorer", "finbert", "--phrasebank", bank.toString(), "--out", json.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--model");
    r = run("--scorer", "lexicon", "--model", "x", "--phrasebank", bank.toString(), "--out", json.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--model");
    r = run("--levels", "50,90", "--phrasebank", bank.toString(), "--out", json.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--levels").contains("90");
    r = run("--batch-size", "0", "--phrasebank", bank.toString(), "--out", json.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--batch-size");
    r = run("--out", tmp.toString(), "--phrasebank", bank.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--out");
    assertThat(json).doesNotExist();
  }

  @Test
  void missingFiles_exit1NamingThePath() {
    Path json = tmp.resolve("never2.json");
    Path noBank = tmp.resolve("no-bank");
    CliRun.Result r = run("--phrasebank", noBank.toString(), "--out", json.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(noBank.toString());
    Path noModel = tmp.resolve("no-model");
    r = run("--scorer", "finbert", "--model", noModel.toString(), "--phrasebank", bank.toString(), "--out",
        json.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(noModel.toString());
    assertThat(json).doesNotExist();
  }
}
