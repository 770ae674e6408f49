package io.slipstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.DataException;
import io.slipstream.ml.nlp.DjlSentimentScorer;
import io.slipstream.ml.nlp.FinBertConfig;
import io.slipstream.ml.nlp.LexiconScorer;
import io.slipstream.ml.nlp.PhraseBank;
import io.slipstream.ml.nlp.SentimentEvaluation;
import io.slipstream.ml.nlp.SentimentLabel;
import io.slipstream.ml.nlp.SentimentScorer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipstream ml sentiment}: evaluates a sentiment scorer (the lexicon fallback or a FinBERT TorchScript
 * export through DJL) on the Financial PhraseBank by annotator agreement level: accuracy, macro F1, per-class
 * precision/recall/F1 and the confusion matrix; prints a table and writes them to a JSON file. The PhraseBank
 * (CC BY-NC-SA 3.0) is read where it lies and used for evaluation only.
 *
 * <p>Exit codes: 0 success; 2 bad options (named); 1 missing or malformed files, model load or inference failure.
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream ml sentiment --scorer lexicon --levels 50,all", sortOptions = false,
    description = {"Evaluate a sentiment scorer on the Financial PhraseBank (evaluation only; CC BY-NC-SA 3.0) "
        + "per agreement level: accuracy, macro F1, per-class precision/recall/F1, confusion matrix. "
        + "Prints a table and writes --out (JSON)."})
final class MlSentimentCommand implements Callable<Integer> {
  /** Sentences per progress message on the model path. */
  private static final int PROGRESS_CHUNK = 512;

  @Option(names = "--scorer", paramLabel = "NAME", defaultValue = "lexicon",
      description = "lexicon (word lists, the fallback) or finbert (a model directory through DJL, see --model) "
          + "(default: ${DEFAULT-VALUE})")
  String scorer;

  @Option(names = "--model", paramLabel = "DIR", description = "model directory for --scorer finbert: "
      + "tokenizer.json plus model.pt (TorchScript FinBERT) or tiny-model.json (tiny DJL model); optional config.json")
  Path model;

  @Option(names = "--phrasebank", paramLabel = "DIR", defaultValue = "../shared/data/text/financial-phrasebank",
      description = {"folder with Sentences_{50,66,75,All}Agree.txt", "(default: ${DEFAULT-VALUE})"})
  Path phrasebank;

  @Option(names = "--levels", paramLabel = "LEVEL", split = ",", defaultValue = "50,66,75,all",
      description = "agreement levels: 50, 66, 75, all (default: ${DEFAULT-VALUE})")
  List<String> levels;

  @Option(names = "--out", paramLabel = "FILE.json", defaultValue = "reports/sentiment/phrasebank_evaluation.json",
      description = "JSON output file (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
      description = "finbert: texts per forward pass (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--max-length", paramLabel = "TOKENS", defaultValue = "128",
      description = "finbert: sequence length in tokens, 4..512 (default: ${DEFAULT-VALUE})")
  int maxLength;

  @Option(names = "--token-type-ids", description = "finbert: pass token_type_ids as a third input (only for a "
      + "model traced with three inputs)")
  boolean tokenTypeIds;

  @Option(names = "--pad-to-longest", description = "finbert: pad each batch to its longest text instead of to "
      + "--max-length (faster; only for a model that accepts any length)")
  boolean padToLongest;

  @Override
  public Integer call() {
    String kind = scorer == null ? "" : scorer.strip().toLowerCase(Locale.ROOT);
    if (!kind.equals("lexicon") && !kind.equals("finbert")) {
      throw new Main.UsageException("--scorer must be lexicon or finbert, was '" + scorer + "'");
    }
    if (kind.equals("finbert") && model == null) {
      throw new Main.UsageException("--model DIR is required with --scorer finbert");
    }
    if (kind.equals("lexicon") && model != null) {
      throw new Main.UsageException("--model is only used with --scorer finbert (given with --scorer lexicon)");
    }
    List<PhraseBank.Level> chosen = parseLevels();
    FinBertConfig config = finBertConfig();
    if (Files.isDirectory(out)) {
      throw new Main.UsageException("--out must be a file name, " + out + " is a directory");
    }
    if (!Files.isDirectory(phrasebank)) {
      throw new DataException("--phrasebank folder " + phrasebank + " does not exist");
    }
    PrintStream stdout = System.out;
    List<String> warnings = new ArrayList<>();
    List<SentimentEvaluation> results = new ArrayList<>();
    Map<PhraseBank.Level, PhraseBank> banks = new LinkedHashMap<>();
    for (PhraseBank.Level l : chosen) {
      PhraseBank b = PhraseBank.load(phrasebank, l);
      banks.put(l, b);
      warnings.addAll(b.warnings());
    }
    long total = banks.values().stream().mapToLong(b -> b.sentences().size()).sum();
    double loadSeconds;
    try (Progress pb = new Progress("sentiment", chosen.size() + 1)) {
      pb.setExtraMessage("loading the " + kind + " scorer");
      long t0 = System.nanoTime();
      try (SentimentScorer s = kind.equals("lexicon") ? LexiconScorer.standard()
          : DjlSentimentScorer.load(model, config)) {
        loadSeconds = (System.nanoTime() - t0) / 1e9;
        pb.step();
        int chunk = kind.equals("lexicon") ? Integer.MAX_VALUE : PROGRESS_CHUNK;
        for (PhraseBank b : banks.values()) {
          String tag = b.level().tag();
          int n = b.sentences().size();
          pb.setExtraMessage(tag + ": " + n + " sentences");
          results.add(SentimentEvaluation.evaluate(s, b, chunk, done -> {
            if (done < n) {
              pb.setExtraMessage(tag + ": " + done + "/" + n + " sentences scored");
            }
          }));
          pb.step();
        }
      }
    }
    writeJson(kind, config, banks, results, warnings, loadSeconds);
    stdout.print(table(results, warnings, total, loadSeconds));
    stdout.flush();
    return 0;
  }

  private List<PhraseBank.Level> parseLevels() {
    if (levels == null || levels.isEmpty()) {
      throw new Main.UsageException("--levels: give at least one of 50, 66, 75, all");
    }
    List<PhraseBank.Level> out = new ArrayList<>();
    for (String s : levels) {
      PhraseBank.Level l;
      try {
        l = PhraseBank.Level.parse(s.strip());
      } catch (IllegalArgumentException e) {
        throw new Main.UsageException("--levels must list 50, 66, 75 or all, was '" + s + "'");
      }
      if (!out.contains(l)) {
        out.add(l);
      }
    }
    return out;
  }

  private FinBertConfig finBertConfig() {
    if (batchSize < 1) {
      throw new Main.UsageException("--batch-size must be >= 1, was " + batchSize);
    }
    if (maxLength < 4 || maxLength > 512) {
      throw new Main.UsageException("--max-length must be in 4..512, was " + maxLength);
    }
    return new FinBertConfig(maxLength, tokenTypeIds, !padToLongest, batchSize);
  }

  private void writeJson(String kind, FinBertConfig config, Map<PhraseBank.Level, PhraseBank> banks,
      List<SentimentEvaluation> results, List<String> warnings, double loadSeconds) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    SentimentEvaluation first = results.get(0);
    root.put("scorer", first.scorerName());
    root.put("language_model", first.languageModel());
    if (first.languageModel()) {
      root.put("note", "language model through DJL (" + first.scorerName() + ")");
    } else {
      root.put("note", "lexicon fallback (word lists, not a language model)");
    }
    if (kind.equals("finbert")) {
      root.put("model_dir", model.toAbsolutePath().normalize().toString());
      ObjectNode c = root.putObject("finbert_config");
      c.put("max_length_tokens", config.maxLengthTokens());
      c.put("token_type_ids", config.tokenTypeIds());
      c.put("pad_to_max_length", config.padToMaxLength());
      c.put("batch_size", config.batchSize());
    }
    root.put("phrasebank_dir", phrasebank.toAbsolutePath().normalize().toString());
    root.put("phrasebank_licence", "CC BY-NC-SA 3.0, evaluation only");
    root.put("predicted_label", "argmax of (p_positive, p_negative, p_neutral); ties -> neutral, then positive");
    root.put("load_seconds", loadSeconds);
    ArrayNode warn = root.putArray("warnings");
    warnings.forEach(warn::add);
    ArrayNode arr = root.putArray("levels");
    for (SentimentEvaluation e : results) {
      PhraseBank b = banks.get(e.level());
      ObjectNode n = arr.addObject();
      n.put("level", e.level().tag());
      n.put("file", b.file().getFileName().toString());
      n.put("sentences", e.sentences());
      n.put("skipped_lines", b.skippedLines());
      number(n, "accuracy", e.accuracy());
      number(n, "macro_f1", e.macroF1());
      ObjectNode pc = n.putObject("per_class");
      for (Map.Entry<SentimentLabel, SentimentEvaluation.ClassMetrics> m : e.perClass().entrySet()) {
        ObjectNode cm = pc.putObject(m.getKey().label());
        number(cm, "precision", m.getValue().precision());
        number(cm, "recall", m.getValue().recall());
        number(cm, "f1", m.getValue().f1());
        cm.put("support", m.getValue().support());
      }
      ObjectNode conf = n.putObject("confusion");
      ArrayNode labels = conf.putArray("labels");
      for (SentimentLabel l : SentimentLabel.values()) {
        labels.add(l.label());
      }
      conf.put("rows", "actual");
      conf.put("columns", "predicted");
      ArrayNode counts = conf.putArray("counts");
      for (long[] row : e.confusion().toArray()) {
        ArrayNode r = counts.addArray();
        for (long v : row) {
          r.add(v);
        }
      }
      number(n, "seconds", e.seconds());
      number(n, "sentences_per_second", e.sentencesPerSecond());
    }
    Path target = out.toAbsolutePath().normalize();
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
      try {
        mapper.writeValue(tmp.toFile(), root);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static void number(ObjectNode n, String key, double v) {
    if (Double.isFinite(v)) {
      n.put(key, v);
    } else {
      n.putNull(key);
    }
  }

  private String table(List<SentimentEvaluation> results, List<String> warnings, long total, double loadSeconds) {
    StringBuilder sb = new StringBuilder();
    SentimentEvaluation first = results.get(0);
    sb.append(String.format(Locale.ROOT, "scorer %s (%s), loaded in %.2f s; %d sentences; PhraseBank %s%n",
        first.scorerName(), first.languageModel() ? "language model" : "lexicon fallback, not a language model",
        loadSeconds, total, phrasebank));
    sb.append(String.format(Locale.ROOT, "%-9s %6s %9s %9s %7s %7s %7s %9s%n", "level", "n", "accuracy", "macro_f1",
        "f1_pos", "f1_neg", "f1_neu", "seconds"));
    for (SentimentEvaluation e : results) {
      sb.append(String.format(Locale.ROOT, "%-9s %6d %9.4f %9.4f %7.4f %7.4f %7.4f %9.3f%n", e.level().tag(),
          e.sentences(), e.accuracy(), e.macroF1(), e.classMetrics(SentimentLabel.POSITIVE).f1(),
          e.classMetrics(SentimentLabel.NEGATIVE).f1(), e.classMetrics(SentimentLabel.NEUTRAL).f1(), e.seconds()));
    }
    for (String w : warnings) {
      sb.append("warning: ").append(w).append(System.lineSeparator());
    }
    sb.append("wrote ").append(out.toAbsolutePath().normalize()).append(System.lineSeparator());
    return sb.toString();
  }
}
