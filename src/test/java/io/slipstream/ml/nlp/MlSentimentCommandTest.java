package io.slipstream.ml.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.cli.MlSentimentCommand;
import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code slipstream ml sentiment} ({@link MlSentimentCommand}) run through picocli with the exit-code mapping of
 * {@code io.slipstream.cli.Main#execute} (0 ok, 2 {@code UsageException}/{@link ConfigException}, 1 otherwise),
 * which registers the command under {@code ml}.
 */
class MlSentimentCommandTest {
  @TempDir
  static Path tmp;
  private static Path bank;

  private record Result(int exit, String out, String err) {
  }

  @BeforeAll
  static void phraseBank() throws IOException {
    System.setProperty("ai.djl.offline", "true");
    bank = tmp.resolve("bank");
    java.nio.file.Files.createDirectories(bank);
    // our own sentences in the PhraseBank format
    List<String> lines = List.of("Operating profit rose .@positive", "Net sales fell .@negative",
        "The meeting is on Monday .@neutral", "Costs increased .@negative", "Bitcoin rallied strongly .@positive");
    for (PhraseBank.Level l : PhraseBank.Level.values()) {
      PhraseBankTest.write(bank, l, l == PhraseBank.Level.AGREE_ALL ? lines.subList(0, 3) : lines);
    }
  }

  private static Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      CommandLine cl = new CommandLine(new MlSentimentCommand());
      cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
        PrintWriter w = cmd.getErr();
        boolean usage = ex instanceof ConfigException || ex.getClass().getSimpleName().equals("UsageException");
        w.println("error: " + (usage || ex instanceof DataException || ex instanceof UncheckedIOException
            ? ex.getMessage() : ex.getClass().getSimpleName() + ": " + ex.getMessage()));
        w.flush();
        return usage ? 2 : 1;
      });
      int code = cl.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void lexicon_allLevels_tableAndJson() throws IOException {
    Path json = tmp.resolve("out/lexicon.json");
    Result r = run("--scorer", "lexicon", "--phrasebank", bank.toString(), "--out", json.toString());
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
  void finbert_tinyModel_runsThroughDjl() throws IOException {
    TinyModelFixture f = TinyModelFixture.create(tmp.resolve("tiny"), 7L);
    Path json = tmp.resolve("tiny.json");
    Result r = run("--scorer", "finbert", "--model", f.dir.toString(), "--phrasebank", bank.toString(),
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
    Result r = run("--scorer", "vader", "--phrasebank", bank.toString(), "--out", json.toString());
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
    Result r = run("--phrasebank", noBank.toString(), "--out", json.toString());
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
