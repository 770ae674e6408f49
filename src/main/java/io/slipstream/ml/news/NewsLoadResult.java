package io.slipstream.ml.news;

import io.slipstream.core.Checks;
import java.util.List;

/**
 * The headlines a loader kept, sorted by time then file line (ascending), and its report.
 *
 * @param headlines kept headlines, ascending by {@link Headline#time()}, ties by {@link Headline#line()}
 * @param report what was read, skipped and kept; {@code report.rowsKept() == headlines.size()}
 */
public record NewsLoadResult(List<Headline> headlines, LoadReport report) {
  /**
   * @throws IllegalArgumentException if an argument is null, the list is not sorted or its size differs from
   *     {@code report.rowsKept()}
   */
  public NewsLoadResult {
    Checks.notNull(headlines, "headlines");
    Checks.notNull(report, "report");
    headlines = List.copyOf(headlines);
    Checks.sameLength(headlines.size(), report.rowsKept(), "headlines");
    for (int i = 1; i < headlines.size(); i++) {
      Headline a = headlines.get(i - 1);
      Headline b = headlines.get(i);
      if (a.time().isAfter(b.time()) || (a.time().equals(b.time()) && a.line() > b.line())) {
        throw new IllegalArgumentException("Argument 'headlines' must be sorted by time then line, was not at index "
            + i + " (" + a.origin() + " " + a.time() + " then " + b.origin() + " " + b.time() + ")");
      }
    }
  }
}
