package io.slipstream.ml.nlp;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One agreement level of the Financial PhraseBank v1.0 (P. Malo, A. Sinha, P. Korhonen, J. Wallenius, P. Takala,
 * "Good debt or bad debt: Detecting semantic orientations in economic texts", JASIST 65(4), 2014): English
 * sentences from financial news labelled positive, negative or neutral by 5 to 8 annotators, in four files by the
 * share of annotators agreeing on the label (more than 50 %, 66 %, 75 %, and 100 %).
 *
 * <p><b>Licence.</b> The PhraseBank is licensed CC BY-NC-SA 3.0 (non-commercial, share-alike). This project uses it
 * to <em>evaluate</em> scorers only, reading the files where they lie ({@code ../shared/data/text/
 * financial-phrasebank}); it is never copied into the project, shipped, or used to train anything shipped.
 *
 * <p><b>Format.</b> Files {@code Sentences_50Agree.txt}, {@code Sentences_66Agree.txt}, {@code Sentences_75Agree.txt},
 * {@code Sentences_AllAgree.txt}, ISO-8859-1, one {@code sentence@label} per line (split at the last {@code @}),
 * label {@code positive}, {@code negative} or {@code neutral}. Known defect, skipped explicitly and counted as a
 * warning: line 38 of {@code Sentences_AllAgree.txt} is a stray {@code 1}. Any other malformed line (no {@code @},
 * empty sentence, unknown label, blank line) is an error naming the file and the line.
 *
 * @param level the agreement level
 * @param file the file read
 * @param sentences the labelled sentences, in file order
 * @param warnings one line per skipped known-defect line (file, line number, content)
 */
public record PhraseBank(Level level, Path file, List<Sentence> sentences, List<String> warnings) {
  /** Annotator agreement levels and their files. */
  public enum Level {
    /** More than 50 % of annotators agree (4,846 sentences). */
    AGREE_50("50Agree", "50"),
    /** More than 66 % agree (4,217). */
    AGREE_66("66Agree", "66"),
    /** More than 75 % agree (3,453). */
    AGREE_75("75Agree", "75"),
    /** All annotators agree (2,264). */
    AGREE_ALL("AllAgree", "all");

    private final String tag;
    private final String shortName;

    Level(String tag, String shortName) {
      this.tag = tag;
      this.shortName = shortName;
    }

    /** @return the file name, e.g. {@code Sentences_AllAgree.txt} */
    public String fileName() {
      return "Sentences_" + tag + ".txt";
    }

    /** @return the tag used in reports, e.g. {@code AllAgree} */
    public String tag() {
      return tag;
    }

    /** @return the short name used on the command line: {@code 50}, {@code 66}, {@code 75}, {@code all} */
    public String shortName() {
      return shortName;
    }

    /**
     * @param text {@code 50}, {@code 66}, {@code 75} or {@code all} (or a tag such as {@code AllAgree}), any case
     * @return the level
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static Level parse(String text) {
      for (Level l : values()) {
        if (l.shortName.equalsIgnoreCase(text) || l.tag.equalsIgnoreCase(text)) {
          return l;
        }
      }
      throw new IllegalArgumentException("Argument 'level' must be 50, 66, 75 or all, was '" + text + "'");
    }
  }

  /**
   * One labelled sentence.
   *
   * @param text the sentence, without the label
   * @param label the annotators' label
   * @param lineNumber its 1-based line in the file
   */
  public record Sentence(String text, SentimentLabel label, int lineNumber) {
    /** @throws IllegalArgumentException naming the field when text or label is null or the line is {@code < 1} */
    public Sentence {
      Checks.notNull(text, "text");
      Checks.notNull(label, "label");
      Checks.positive(lineNumber, "lineNumber");
    }
  }

  /** The one known defect: Sentences_AllAgree.txt line 38 holds only "1". */
  private static final Level STRAY_LEVEL = Level.AGREE_ALL;
  private static final int STRAY_LINE = 38;
  private static final String STRAY_CONTENT = "1";

  /** Validates and copies. */
  public PhraseBank {
    Checks.notNull(level, "level");
    Checks.notNull(file, "file");
    sentences = List.copyOf(sentences);
    warnings = List.copyOf(warnings);
  }

  /** @return the number of lines skipped as known defects (one per warning) */
  public int skippedLines() {
    return warnings.size();
  }

  /** @return the sentence texts, in file order */
  public List<String> texts() {
    return sentences.stream().map(Sentence::text).toList();
  }

  /** @return the labels, in file order */
  public List<SentimentLabel> labels() {
    return sentences.stream().map(Sentence::label).toList();
  }

  /** @return the number of sentences per label */
  public Map<SentimentLabel, Integer> labelCounts() {
    Map<SentimentLabel, Integer> out = new EnumMap<>(SentimentLabel.class);
    for (SentimentLabel l : SentimentLabel.values()) {
      out.put(l, 0);
    }
    for (Sentence s : sentences) {
      out.merge(s.label(), 1, Integer::sum);
    }
    return out;
  }

  /**
   * Reads one level from the PhraseBank directory.
   *
   * @param dir the directory holding the {@code Sentences_*.txt} files
   * @param level the level
   * @return the sentences
   * @throws DataException naming the file (and the line) when it is missing, unreadable, malformed or empty
   */
  public static PhraseBank load(Path dir, Level level) {
    Checks.notNull(dir, "dir");
    Checks.notNull(level, "level");
    Path file = dir.resolve(level.fileName());
    if (!Files.isRegularFile(file)) {
      throw new DataException("PhraseBank file " + file + " does not exist");
    }
    List<Sentence> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (level == STRAY_LEVEL && lineNo == STRAY_LINE && line.strip().equals(STRAY_CONTENT)) {
          warnings.add(file.getFileName() + " line " + lineNo + ": skipped the stray line '" + line.strip()
              + "' (known defect of PhraseBank v1.0)");
          continue;
        }
        out.add(parseLine(line, file, lineNo));
      }
    } catch (IOException e) {
      throw new DataException("cannot read PhraseBank file " + file + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new DataException("PhraseBank file " + file + " holds no sentence");
    }
    return new PhraseBank(level, file, out, warnings);
  }

  /**
   * Reads all four levels.
   *
   * @param dir the directory holding the {@code Sentences_*.txt} files
   * @return the levels in the order 50, 66, 75, all
   * @throws DataException naming the file (and the line) as {@link #load} does
   */
  public static Map<Level, PhraseBank> loadAll(Path dir) {
    Map<Level, PhraseBank> out = new EnumMap<>(Level.class);
    for (Level l : Level.values()) {
      out.put(l, load(dir, l));
    }
    return out;
  }

  private static Sentence parseLine(String line, Path file, int lineNo) {
    int at = line.lastIndexOf('@');
    if (at < 0) {
      throw new DataException("PhraseBank file " + file + " line " + lineNo + ": expected 'sentence@label', got '"
          + abbreviate(line) + "'");
    }
    String text = line.substring(0, at).strip();
    if (text.isEmpty()) {
      throw new DataException("PhraseBank file " + file + " line " + lineNo + ": empty sentence before '@'");
    }
    String label = line.substring(at + 1).strip();
    try {
      return new Sentence(text, SentimentLabel.parse(label), lineNo);
    } catch (IllegalArgumentException e) {
      throw new DataException("PhraseBank file " + file + " line " + lineNo + ": label must be positive, negative or "
          + "neutral, was '" + abbreviate(label) + "'", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
