package io.slipstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.ml.nlp.DjlSentimentScorer;
import io.slipstream.ml.nlp.LexiconScorer;
import io.slipstream.ml.nlp.Sentiment;
import io.slipstream.ml.nlp.SentimentScorer;
import io.slipstream.ml.nlp.TinySentimentModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to score 1,000 headlines (the first 1,000 non-empty titles of {@code cryptonews.csv}, {@code ;}-separated,
 * column {@code title}) with the lexicon scorer and with the DJL path.
 * <ul>
 *   <li>{@code scorer=lexicon}: {@link LexiconScorer#standard()};</li>
 *   <li>{@code scorer=djl}: {@link DjlSentimentScorer} over the model directory in the system property
 *       {@code slipstream.sentiment.model} (e.g. a FinBERT TorchScript export), or, when it is not set, over a tiny
 *       DJL model ({@link TinySentimentModel}, vocabulary 1,024, width 8) with a WordLevel tokenizer generated here,
 *       padded to 128 tokens: that number is a lower bound of FinBERT's cost (tokenization, JNI and batching,
 *       without the 110 M-parameter encoder).</li>
 * </ul>
 * Headlines folder: system property {@code slipstream.text} (default {@code ../shared/data/text}).
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar SentimentBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SentimentBenchmark {
  @Param({"lexicon", "djl"})
  public String scorer;

  private List<String> headlines;
  private SentimentScorer impl;
  private Path tmp;

  /** Loads the headlines and the scorer. */
  @Setup
  public void setup() throws IOException {
    Path csv = Path.of(System.getProperty("slipstream.text", "../shared/data/text")).resolve("cryptonews.csv");
    headlines = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size() && headlines.size() < 1000; i++) {
      String[] f = lines.get(i).split(";", -1);
      if (f.length != 7) {
        throw new IllegalStateException(csv + " line " + (i + 1) + ": expected 7 fields, got " + f.length);
      }
      if (!f[5].isBlank()) {
        headlines.add(f[5]);
      }
    }
    if (scorer.equals("lexicon")) {
      impl = LexiconScorer.standard();
    } else {
      String dir = System.getProperty("slipstream.sentiment.model");
      Path model = dir != null ? Path.of(dir) : tinyModel();
      impl = DjlSentimentScorer.load(model);
    }
  }

  private Path tinyModel() throws IOException {
    tmp = Files.createTempDirectory("sentiment-bench");
    int vocab = 1024;
    TinySentimentModel.saveSeeded(tmp, new TinySentimentModel.Spec(vocab, 8), 1L, 1.0);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode v = json.createObjectNode();
    String[] special = {"[PAD]", "[UNK]", "[CLS]", "[SEP]"};
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < special.length; i++) {
      v.put(special[i], i);
      added.addObject().put("id", i).put("content", special[i]).put("single_word", false).put("lstrip", false)
          .put("rstrip", false).put("normalized", false).put("special", true);
    }
    for (String h : headlines) {
      for (String t : LexiconScorer.tokenize(h)) {
        if (v.size() < vocab && !v.has(t)) {
          v.put(t, v.size());
        }
      }
    }
    root.putObject("normalizer").put("type", "Lowercase");
    root.putObject("pre_tokenizer").put("type", "Whitespace");
    ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
    ArrayNode single = post.putArray("single");
    single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
    single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
    post.putArray("pair").addAll(single);
    ObjectNode st = post.putObject("special_tokens");
    for (int id = 2; id <= 3; id++) {
      ObjectNode tok = st.putObject(special[id]).put("id", special[id]);
      tok.putArray("ids").add(id);
      tok.putArray("tokens").add(special[id]);
    }
    ObjectNode m = root.putObject("model").put("type", "WordLevel");
    m.set("vocab", v);
    m.put("unk_token", "[UNK]");
    json.writeValue(tmp.resolve("tokenizer.json").toFile(), root);
    return tmp;
  }

  /** Frees the scorer and the temporary model. */
  @TearDown
  public void tearDown() throws IOException {
    impl.close();
    if (tmp != null) {
      try (var files = Files.list(tmp)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(tmp);
    }
  }

  /** Scores the 1,000 headlines; returns them so the work is not eliminated. */
  @Benchmark
  public List<Sentiment> score1000Headlines() {
    return impl.score(headlines);
  }
}
