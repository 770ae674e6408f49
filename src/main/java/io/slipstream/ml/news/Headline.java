package io.slipstream.ml.news;

import io.slipstream.core.Checks;
import java.time.Instant;

/**
 * One news headline with its provenance.
 *
 * <p>Timing: {@code time} is the publication instant (UTC); a headline may affect only bars that close strictly after
 * it (see {@link NewsSentiment}).
 *
 * @param time publication instant, UTC
 * @param title the headline text, stripped of leading/trailing white space, not blank; inner line breaks (some
 *     cryptopanic titles are tweets spanning several lines) are kept as in the file
 * @param source the publisher (e.g. {@code coinpaprika.com}, {@code CoinTelegraph}); may be empty, never null
 * @param url the article URL, empty when the file has none (cryptopanic has no URL column)
 * @param file the file the headline was read from (for error messages and audit)
 * @param line the 1-based physical line of the file on which the record starts
 */
public record Headline(Instant time, String title, String source, String url, String file, int line) {
  /**
   * @throws IllegalArgumentException if a component is null, {@code title} is blank or {@code line < 1}
   */
  public Headline {
    Checks.notNull(time, "time");
    Checks.notNull(title, "title");
    Checks.notNull(source, "source");
    Checks.notNull(url, "url");
    Checks.notNull(file, "file");
    Checks.positive(line, "line");
    if (title.isBlank()) {
      throw new IllegalArgumentException("Argument 'title' must not be blank (" + file + " line " + line + ")");
    }
  }

  /** @return the publication time in epoch milliseconds (UTC) */
  public long timeMs() {
    return time.toEpochMilli();
  }

  /** @return {@code file:line}, where the headline came from */
  public String origin() {
    return file + ":" + line;
  }
}
