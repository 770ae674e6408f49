package io.slipstream.ml.nlp;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transparent word-list sentiment scorer, used as the fallback when no language model is configured; it
 * reports itself as {@code name() = "lexicon"} and {@code isLanguageModel() = false}.
 *
 * <p><b>Tokens.</b> The text is lower-cased ({@link Locale#ROOT}), the typographic apostrophe U+2019 becomes
 * {@code '}, and tokens are the maximal runs of letters and digits, optionally joined by apostrophes
 * ({@code [\p{L}\p{N}]+('[\p{L}\p{N}]+)*}); everything else separates tokens (so "sell-off" is "sell", "off").
 *
 * <p><b>Counting.</b> Each token found in the positive list adds 1 to {@code nPos}, each one in the negative list
 * adds 1 to {@code nNeg}. <b>Negation:</b> when one of the three tokens before a listed token is a negator
 * ({@code not}, {@code no}, {@code never}, {@code cannot}, or a contraction ending in {@code n't} such as
 * {@code didn't}), the token counts for the opposite class ("not strong" is negative, "no losses" positive),
 * once, however many negators the window holds.
 *
 * <p><b>Probabilities.</b> A softmax over the two counts and a neutral prior {@code c}:
 * {@code (pPositive, pNegative, pNeutral) = softmax(nPos, nNeg, c)}, i.e. {@code p_k = exp(z_k) / sum_j exp(z_j)}
 * with {@code z = (nPos, nNeg, c)}. With the default {@code c = 0.5}: a text without listed words is neutral
 * ({@code pNeutral = 0.452}, {@code pPositive = pNegative = 0.274}); one positive word gives
 * {@code pPositive = 0.506}, {@code score = 0.320}; two negative words give {@code score = -0.636}, three give
 * {@code -0.839} (so a -0.70 block needs about three net negative words). Deterministic: the same text always gets
 * the same numbers.
 *
 * <p>The standard lists are in the resource {@code nlp/lexicon.txt} (format in its header). Thread-safe.
 * Reference: T. Loughran, B. McDonald, "When is a liability not a liability? Textual analysis, dictionaries, and
 * 10-Ks", Journal of Finance 66 (2011), whose categories and three-word negation rule inspired these lists.
 */
public final class LexiconScorer implements SentimentScorer {
  /** Resource path of the standard lexicon on the class path. */
  public static final String RESOURCE = "/nlp/lexicon.txt";
  /** Default neutral-prior logit {@code c}. */
  public static final double DEFAULT_NEUTRAL_PRIOR = 0.5;
  /** Tokens before a listed word searched for a negator. */
  public static final int NEGATION_WINDOW_TOKENS = 3;

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)*");
  private static final Pattern LEXICON_TOKEN = Pattern.compile("[\\p{Ll}\\p{N}]+(?:'[\\p{Ll}\\p{N}]+)*");
  private static final Set<String> NEGATORS = Set.of("not", "no", "never", "cannot");

  private final Set<String> positive;
  private final Set<String> negative;
  private final double neutralPrior;

  /**
   * Positive and negative counts of one text after negation, and its number of tokens.
   *
   * @param positive {@code nPos}, listed words counted as positive
   * @param negative {@code nNeg}, listed words counted as negative
   * @param tokens all tokens of the text
   */
  public record Counts(int positive, int negative, int tokens) {
  }

  /**
   * A scorer over given word lists.
   *
   * @param positive positive tokens (lower case, see the class doc); copied
   * @param negative negative tokens; copied; disjoint from {@code positive}
   * @param neutralPrior the neutral logit {@code c}, finite
   * @throws IllegalArgumentException naming the argument for an empty list, a token that the tokenizer cannot
   *     produce, a token in both lists, or a non-finite prior
   */
  public LexiconScorer(Set<String> positive, Set<String> negative, double neutralPrior) {
    Checks.notNull(positive, "positive");
    Checks.notNull(negative, "negative");
    if (!Double.isFinite(neutralPrior)) {
      throw new IllegalArgumentException("Argument 'neutralPrior' must be finite, was " + neutralPrior);
    }
    this.positive = checkedWords(positive, "positive");
    this.negative = checkedWords(negative, "negative");
    for (String w : this.positive) {
      if (this.negative.contains(w)) {
        throw new IllegalArgumentException("Arguments 'positive' and 'negative' must be disjoint, both hold '"
            + w + "'");
      }
    }
    this.neutralPrior = neutralPrior;
  }

  private static Set<String> checkedWords(Set<String> words, String name) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("Argument '" + name + "' must not be empty");
    }
    for (String w : words) {
      if (w == null || !LEXICON_TOKEN.matcher(w).matches()) {
        throw new IllegalArgumentException("Argument '" + name + "' holds '" + w
            + "', which is not a lower-case token of letters, digits and inner apostrophes");
      }
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(words));
  }

  /**
   * The standard scorer: the lists of the resource {@link #RESOURCE} and {@link #DEFAULT_NEUTRAL_PRIOR}.
   *
   * @return the scorer
   * @throws DataException when the resource is missing or malformed (naming the line)
   */
  public static LexiconScorer standard() {
    try (InputStream in = LexiconScorer.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new DataException("lexicon resource " + RESOURCE + " is not on the class path");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "resource " + RESOURCE, DEFAULT_NEUTRAL_PRIOR);
    } catch (IOException e) {
      throw new DataException("cannot read lexicon resource " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * A scorer over a lexicon file in the format of {@link #RESOURCE}.
   *
   * @param file the lexicon file (UTF-8)
   * @param neutralPrior the neutral logit {@code c}, finite
   * @return the scorer
   * @throws DataException naming the file (and the line) when it is missing, unreadable or malformed
   */
  public static LexiconScorer fromFile(Path file, double neutralPrior) {
    Checks.notNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new DataException("lexicon file " + file + " does not exist");
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, "file " + file, neutralPrior);
    } catch (IOException e) {
      throw new DataException("cannot read lexicon file " + file + ": " + e.getMessage(), e);
    }
  }

  private static LexiconScorer parse(Reader reader, String source, double neutralPrior) throws IOException {
    Set<String> pos = new LinkedHashSet<>();
    Set<String> neg = new LinkedHashSet<>();
    Set<String> section = null;
    BufferedReader br = new BufferedReader(reader);
    int lineNo = 0;
    for (String raw = br.readLine(); raw != null; raw = br.readLine()) {
      lineNo++;
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.equals("[positive]")) {
        section = pos;
      } else if (line.equals("[negative]")) {
        section = neg;
      } else if (line.startsWith("[")) {
        throw new DataException("lexicon " + source + " line " + lineNo + ": unknown section " + line
            + " (expected [positive] or [negative])");
      } else if (section == null) {
        throw new DataException("lexicon " + source + " line " + lineNo + ": token '" + line
            + "' before any [positive] or [negative] section");
      } else if (!LEXICON_TOKEN.matcher(line).matches()) {
        throw new DataException("lexicon " + source + " line " + lineNo + ": '" + line
            + "' is not one lower-case token of letters, digits and inner apostrophes");
      } else if (pos.contains(line) || neg.contains(line)) {
        throw new DataException("lexicon " + source + " line " + lineNo + ": token '" + line + "' is listed twice");
      } else {
        section.add(line);
      }
    }
    if (pos.isEmpty() || neg.isEmpty()) {
      throw new DataException("lexicon " + source + ": needs at least one [positive] and one [negative] token, has "
          + pos.size() + " and " + neg.size());
    }
    return new LexiconScorer(pos, neg, neutralPrior);
  }

  /** @return {@code "lexicon"} */
  @Override
  public String name() {
    return "lexicon";
  }

  /** @return false: word lists, not a language model */
  @Override
  public boolean isLanguageModel() {
    return false;
  }

  /** @return the positive tokens, unmodifiable, in file order */
  public Set<String> positiveWords() {
    return positive;
  }

  /** @return the negative tokens, unmodifiable, in file order */
  public Set<String> negativeWords() {
    return negative;
  }

  /** @return the neutral-prior logit {@code c} */
  public double neutralPrior() {
    return neutralPrior;
  }

  /**
   * Splits a text into the scorer's tokens (see the class doc).
   *
   * @param text the text, not null
   * @return the tokens, lower case, in order
   */
  public static List<String> tokenize(String text) {
    Checks.notNull(text, "text");
    Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** @return whether {@code token} negates the listed words in the next {@link #NEGATION_WINDOW_TOKENS} tokens */
  static boolean isNegator(String token) {
    return NEGATORS.contains(token) || token.endsWith("n't");
  }

  /**
   * Counts the positive and negative words of a text, with negation (see the class doc).
   *
   * @param text the text, not null
   * @return the counts
   */
  public Counts counts(String text) {
    List<String> tokens = tokenize(text);
    int nPos = 0;
    int nNeg = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      boolean pos = positive.contains(t);
      if (!pos && !negative.contains(t)) {
        continue;
      }
      boolean negated = false;
      for (int j = Math.max(0, i - NEGATION_WINDOW_TOKENS); j < i; j++) {
        negated |= isNegator(tokens.get(j));
      }
      if (pos != negated) {
        nPos++;
      } else {
        nNeg++;
      }
    }
    return new Counts(nPos, nNeg, tokens.size());
  }

  /**
   * Scores one text: {@code softmax(nPos, nNeg, c)}.
   *
   * @param text the text, not null
   * @return its sentiment
   */
  public Sentiment score(String text) {
    Counts c = counts(text);
    return Sentiment.softmax(c.positive(), c.negative(), neutralPrior);
  }

  @Override
  public List<Sentiment> score(List<String> texts) {
    Checks.notNull(texts, "texts");
    List<Sentiment> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      if (t == null) {
        throw new IllegalArgumentException("Argument 'texts[" + i + "]' must not be null");
      }
      out.add(score(t));
    }
    return out;
  }

  /** Nothing to free. */
  @Override
  public void close() {
    // word lists only: no native resources
  }
}
