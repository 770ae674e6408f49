package io.slipstream.analytics.report;

import io.slipstream.analytics.Metrics;
import io.slipstream.backtest.BacktestResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The HTML report of one backtest: the {@link TearSheet} (one self-contained page: no external scripts, styles or
 * fonts; charts embedded as base64 PNG, so it opens offline). Kept as the entry point of {@code slipstream backtest}.
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
   * Builds the report page with its charts drawn by {@code charts} ({@link TearSheet#page(String, Map, Metrics,
   * ChartSet)}): the drawing starts here, {@link HtmlPage#write} waits for it.
   *
   * @return the page, to be written with {@link HtmlPage#write}
   */
  public static HtmlPage page(String title, Map<String, String> parameters, Metrics m, ChartSet charts) {
    return TearSheet.page(title, parameters, m, charts);
  }
}
