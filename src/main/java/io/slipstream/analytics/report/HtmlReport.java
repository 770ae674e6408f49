package io.slipstream.analytics.report;

import io.slipstream.analytics.Metrics;
import io.slipstream.analytics.RunAnalysis;
import io.slipstream.backtest.BacktestResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The HTML report of one backtest: the {@link TearSheet} (one self-contained page: no external scripts, styles or
 * fonts; interactive charts from the inlined chart library and base64 PNG images, so it opens offline). Kept as the entry point of {@code slipstream backtest}.
 */
public final class HtmlReport {
  private HtmlReport() {
  }

  /**
   * Renders the report ({@link TearSheet#render}).
   *
   * @param title page title (escaped)
   * @param parameters run parameters shown as a table, in order (keys and values escaped)
   * @param m the metrics
   * @param r the ledger
   * @return the HTML text
   */
  public static String render(String title, Map<String, String> parameters, Metrics m, BacktestResult r) {
    return TearSheet.render(title, parameters, m, r);
  }

  /**
   * Writes the rendered report ({@link TearSheet#write}).
   *
   * @throws UncheckedIOException naming the path on failure
   */
  public static void write(Path file, String title, Map<String, String> parameters, Metrics m, BacktestResult r) {
    TearSheet.write(file, title, parameters, m, r);
  }

  /**
   * Renders the full tear sheet (benchmark and attribution when the analysis holds them), e.g. for a notebook cell.
   *
   * @param title page title (escaped)
   * @param parameters run parameters shown as a table, in order
   * @param a the analysis of {@code r} ({@link RunAnalysis#of})
   * @param r the ledger
   * @return the HTML text
   */
  public static String render(String title, Map<String, String> parameters, RunAnalysis a, BacktestResult r) {
    return TearSheet.page(title, parameters, a, r).render();
  }

  /**
   * Writes the full tear sheet ({@link TearSheet#page(String, Map, RunAnalysis, BacktestResult)}: benchmark and
   * attribution when the analysis holds them).
   *
   * @param file target file
   * @param title page title (escaped)
   * @param parameters run parameters shown as a table, in order
   * @param a the analysis of {@code r}
   * @param r the ledger
   * @throws UncheckedIOException naming the path on failure
   */
  public static void write(Path file, String title, Map<String, String> parameters, RunAnalysis a, BacktestResult r) {
    TearSheet.page(title, parameters, a, r).write(file);
  }
}
