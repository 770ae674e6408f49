package io.slipstream.ml.news;

import io.slipstream.core.Checks;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a news loader read, skipped and kept. Every data record of the file is either kept or counted under exactly
 * one {@link SkipReason}; nothing is dropped silently:
 * {@code rowsRead = rowsKept + skippedEmpty() + duplicatesRemoved()}. Blank lines are not data records: they are
 * counted under {@link SkipReason#BLANK_LINE} and not in {@code rowsRead}.
 *
 * @param file the file read
 * @param rowsRead data records after the header (blank lines excluded), {@code >= 0}
 * @param rowsKept headlines returned, {@code >= 0}
 * @param rowsWithoutUrl data records whose URL is empty or that come from a file without a URL column (these can only
 *     be de-duplicated by title and day), {@code >= 0}
 * @param skipped count per reason; every reason is present (zero when none), values {@code >= 0}
 */
public record LoadReport(String file, int rowsRead, int rowsKept, int rowsWithoutUrl, Map<SkipReason, Integer> skipped) {

  /** Why a record was not returned. */
  public enum SkipReason {
    /** The line was empty (not a data record). */
    BLANK_LINE,
    /** The title was empty or white space only. */
    EMPTY_TITLE,
    /** An earlier kept headline (by time, then line) has the same non-empty URL. */
    DUPLICATE_URL,
    /** An earlier kept headline has the same normalised title on the same UTC day (and the URL did not match). */
    DUPLICATE_TITLE_DAY
  }

  /**
   * @throws IllegalArgumentException if a count is negative, a reason is missing, or the counts do not add up
   */
  public LoadReport {
    Checks.notNull(file, "file");
    Checks.notNull(skipped, "skipped");
    nonNegative(rowsRead, "rowsRead");
    nonNegative(rowsKept, "rowsKept");
    nonNegative(rowsWithoutUrl, "rowsWithoutUrl");
    EnumMap<SkipReason, Integer> copy = new EnumMap<>(SkipReason.class);
    for (SkipReason r : SkipReason.values()) {
      Integer n = skipped.get(r);
      if (n == null) {
        throw new IllegalArgumentException("Argument 'skipped' must hold a count for " + r + ", was " + skipped);
      }
      copy.put(r, nonNegative(n, "skipped[" + r + "]"));
    }
    skipped = Map.copyOf(copy);
    int removed = copy.get(SkipReason.EMPTY_TITLE) + copy.get(SkipReason.DUPLICATE_URL)
        + copy.get(SkipReason.DUPLICATE_TITLE_DAY);
    if (rowsRead != rowsKept + removed) {
      throw new IllegalArgumentException("LoadReport of " + file + ": rowsRead " + rowsRead + " must equal rowsKept "
          + rowsKept + " + skipped " + removed + " (" + copy + ")");
    }
  }

  private static int nonNegative(int v, String name) {
    if (v < 0) {
      throw new IllegalArgumentException("Argument '" + name + "' must be >= 0, was " + v);
    }
    return v;
  }

  /**
   * @param reason a skip reason
   * @return how many records were skipped for it
   */
  public int count(SkipReason reason) {
    return skipped.get(Checks.notNull(reason, "reason"));
  }

  /** @return records skipped because their title was empty */
  public int skippedEmpty() {
    return count(SkipReason.EMPTY_TITLE);
  }

  /** @return records removed as duplicates (by URL or by normalised title and day) */
  public int duplicatesRemoved() {
    return count(SkipReason.DUPLICATE_URL) + count(SkipReason.DUPLICATE_TITLE_DAY);
  }

  /** @return blank lines seen (not data records) */
  public int blankLines() {
    return count(SkipReason.BLANK_LINE);
  }

  /** @return a one-line summary with every count, reasons in declaration order */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LoadReport[file=").append(file).append(", rowsRead=").append(rowsRead)
        .append(", rowsKept=").append(rowsKept).append(", rowsWithoutUrl=").append(rowsWithoutUrl);
    for (SkipReason r : SkipReason.values()) {
      sb.append(", ").append(r).append('=').append(skipped.get(r));
    }
    return sb.append(']').toString();
  }
}
