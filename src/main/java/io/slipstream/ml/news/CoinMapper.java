package io.slipstream.ml.news;

import io.slipstream.core.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps a headline to the coins it mentions by keyword.
 *
 * <p>Each coin (or bucket) has a list of {@link Term}s. A term matches only as a whole word: the characters just
 * before and just after the match must not be letters or digits (Unicode), so {@code "solana"} matches
 * {@code "Solana's"}, {@code "#Solana"} and {@code "Solana-based"} but {@code "SOL"} never matches {@code "SOLO"},
 * {@code "ETH"} never matches {@code "ETH2"} and {@code "ether"} never matches {@code "Tether"} or {@code "either"}.
 * A space inside a term matches any run of white space. {@link Term#name(String) Names} match case-insensitively;
 * {@link Term#ticker(String) tickers} match case-sensitively, so the ticker {@code SOL} matches {@code "SOL"} and
 * {@code "$SOL"} but not the word {@code "sol"} ("sun" in Spanish, and frequent inside other words), and lower-case
 * {@code "eth"} or {@code "btc"} are not counted (tickers in headlines are written in capitals).
 *
 * <p>{@link #DEFAULT}: {@code SOL} &lt;- solana, SOL; {@code BTC} &lt;- bitcoin, bitcoins, BTC; {@code ETH} &lt;-
 * ethereum, ether, ETH; and the market-wide bucket {@link #MARKET} &lt;- crypto, cryptos, cryptocurrency,
 * cryptocurrencies, altcoin(s), digital asset(s), <em>plus bitcoin(s)/BTC</em>. Decision: a bitcoin
 * headline counts as market-wide as well as BTC, because bitcoin is about half of the crypto market's capitalisation and
 * most "market" news in these files is phrased as bitcoin news ("Bitcoin price climbed above USD 20K"); ether and
 * solana headlines do not. Build another mapping with {@link #of(Map)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CoinMapper {
  /** The market-wide bucket name used by {@link #DEFAULT}. */
  public static final String MARKET = "MARKET";

  /** The default mapping (see the class comment). */
  public static final CoinMapper DEFAULT = of(defaultTerms());

  private final Map<String, List<Term>> terms;
  private final Map<String, Pattern> patterns;

  private CoinMapper(Map<String, List<Term>> terms) {
    this.terms = terms;
    Map<String, Pattern> p = new LinkedHashMap<>();
    for (Map.Entry<String, List<Term>> e : terms.entrySet()) {
      p.put(e.getKey(), compile(e.getValue()));
    }
    this.patterns = p;
  }

  /**
   * A keyword term.
   *
   * @param text the word or phrase, not blank, no leading/trailing white space
   * @param caseSensitive true for tickers (exact case), false for names
   */
  public record Term(String text, boolean caseSensitive) {
    /**
     * @throws IllegalArgumentException if {@code text} is null, blank or has surrounding white space
     */
    public Term {
      Checks.notNull(text, "text");
      if (text.isBlank() || !text.equals(text.strip())) {
        throw new IllegalArgumentException("Argument 'text' must be non-blank without surrounding white space, was '"
            + text + "'");
      }
    }

    /**
     * @param text a name such as {@code "solana"}
     * @return a case-insensitive whole-word term
     */
    public static Term name(String text) {
      return new Term(text, false);
    }

    /**
     * @param text a ticker such as {@code "SOL"}
     * @return a case-sensitive whole-word term
     */
    public static Term ticker(String text) {
      return new Term(text, true);
    }
  }

  /**
   * @param termsByCoin coin or bucket name -> its terms; at least one coin, each with at least one term
   * @return a mapper over a copy of the map (coins reported in ascending name order)
   * @throws IllegalArgumentException if the map is null or empty, a coin name is blank, or a coin has no terms
   */
  public static CoinMapper of(Map<String, List<Term>> termsByCoin) {
    Checks.notNull(termsByCoin, "termsByCoin");
    if (termsByCoin.isEmpty()) {
      throw new IllegalArgumentException("Argument 'termsByCoin' must hold at least one coin, was empty");
    }
    Map<String, List<Term>> copy = new TreeMap<>();
    for (Map.Entry<String, List<Term>> e : termsByCoin.entrySet()) {
      String coin = Checks.notNull(e.getKey(), "coin");
      if (coin.isBlank()) {
        throw new IllegalArgumentException("Argument 'termsByCoin' has a blank coin name");
      }
      List<Term> list = e.getValue();
      if (list == null || list.isEmpty()) {
        throw new IllegalArgumentException("Argument 'termsByCoin[" + coin + "]' must hold at least one term, was "
            + list);
      }
      copy.put(coin, List.copyOf(list));
    }
    return new CoinMapper(java.util.Collections.unmodifiableMap(copy));
  }

  /** @return the default term map (see the class comment); a fresh mutable copy to extend */
  public static Map<String, List<Term>> defaultTerms() {
    Map<String, List<Term>> m = new LinkedHashMap<>();
    m.put("SOL", List.of(Term.name("solana"), Term.ticker("SOL")));
    m.put("BTC", List.of(Term.name("bitcoin"), Term.name("bitcoins"), Term.ticker("BTC")));
    m.put("ETH", List.of(Term.name("ethereum"), Term.name("ether"), Term.ticker("ETH")));
    m.put(MARKET, List.of(Term.name("crypto"), Term.name("cryptos"), Term.name("cryptocurrency"),
        Term.name("cryptocurrencies"), Term.name("altcoin"), Term.name("altcoins"), Term.name("digital asset"),
        Term.name("digital assets"), Term.name("bitcoin"), Term.name("bitcoins"),
        Term.ticker("BTC")));
    return m;
  }

  /** @return coin -> terms, ascending by coin; unmodifiable */
  public Map<String, List<Term>> terms() {
    return terms;
  }

  /**
   * @param text a headline
   * @return the coins whose terms occur in {@code text} as whole words, ascending by name (empty when none)
   * @throws IllegalArgumentException if {@code text} is null
   */
  public List<String> coinsOf(String text) {
    Checks.notNull(text, "text");
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Pattern> e : patterns.entrySet()) {
      if (e.getValue().matcher(text).find()) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /**
   * @param text a headline
   * @param coin a coin of this mapper
   * @return true when a term of {@code coin} occurs in {@code text} as a whole word
   * @throws IllegalArgumentException if {@code coin} is not mapped or an argument is null
   */
  public boolean mentions(String text, String coin) {
    Checks.notNull(text, "text");
    return pattern(coin).matcher(text).find();
  }

  /**
   * @param headlines headlines (any order)
   * @param coin a coin of this mapper
   * @return the headlines whose title mentions {@code coin}, in input order
   * @throws IllegalArgumentException if {@code coin} is not mapped or an argument is null
   */
  public List<Headline> filter(List<Headline> headlines, String coin) {
    Checks.notNull(headlines, "headlines");
    Pattern p = pattern(coin);
    List<Headline> out = new ArrayList<>();
    for (Headline h : headlines) {
      if (p.matcher(h.title()).find()) {
        out.add(h);
      }
    }
    return out;
  }

  private Pattern pattern(String coin) {
    Checks.notNull(coin, "coin");
    Pattern p = patterns.get(coin);
    if (p == null) {
      throw new IllegalArgumentException("Argument 'coin' must be one of " + patterns.keySet() + ", was '" + coin + "'");
    }
    return p;
  }

  private static Pattern compile(List<Term> terms) {
    StringBuilder sb = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
    for (int i = 0; i < terms.size(); i++) {
      Term t = terms.get(i);
      if (i > 0) {
        sb.append('|');
      }
      sb.append(t.caseSensitive() ? "(?-i:" : "(?i:");
      String[] words = t.text().split("\\s+");
      for (int w = 0; w < words.length; w++) {
        if (w > 0) {
          sb.append("\\s+");
        }
        sb.append(Pattern.quote(words[w]));
      }
      sb.append(')');
    }
    sb.append(")(?![\\p{L}\\p{N}])");
    return Pattern.compile(sb.toString(), Pattern.UNICODE_CASE);
  }

  @Override
  public String toString() {
    return "CoinMapper" + terms;
  }
}
