package io.slipstream.analytics.report;

import io.slipstream.core.Checks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Builder of one self-contained HTML page: inline CSS, images embedded as base64 PNG data URIs, interactive charts
 * ({@link #chart}) drawn by the ECharts library inlined once in the page ({@link InteractiveCharts#library()}), and no
 * external URL, so it opens offline. A page without interactive charts has no script. Sections are appended in call order after the {@code <h1>} title. All text
 * (title, headings, paragraphs, table keys, headers and cells, image alt text) is HTML-escaped. Not thread-safe;
 * {@link #render()} may be called any number of times.
 *
 * <pre>{@code
 * String html = new HtmlPage("Grid search").paragraph("64 runs")
 *     .image("Sharpe by span and concentration", Charts.heatmap(...)).render();
 * }</pre>
 */
public final class HtmlPage {
  private static final String CSS = "body{font-family:system-ui,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;"
      + "color:#222;max-width:1150px}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:28px;border-bottom:1px solid"
      + " #ddd;padding-bottom:3px}h3{font-size:1.05em;margin:6px 0}table{border-collapse:collapse;margin:8px 0 20px}"
      + "td,th{border:1px solid #ddd;padding:3px 9px;text-align:right;font-variant-numeric:tabular-nums;"
      + "white-space:nowrap}"
      + "th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.neg{color:#b00}"
      + "img{max-width:100%;display:block;margin:4px 0 12px}.grid{display:flex;gap:28px;flex-wrap:wrap;"
      + "align-items:flex-start}table.heat td{min-width:44px}p.note{color:#666;font-size:.9em}";
  private final String title;
  private final StringBuilder body = new StringBuilder(1 << 14);
  private boolean scripts;
  private int charts;

  /**
   * Starts a page.
   *
   * @param title page title, shown as {@code <title>} and {@code <h1>}
   * @throws IllegalArgumentException if {@code title} is null
   */
  public HtmlPage(String title) {
    this.title = Checks.notNull(title, "title");
  }

  /** @return this page with a section heading ({@code <h2>}) appended */
  public HtmlPage heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  /** @return this page with a sub-heading ({@code <h3>}) appended */
  public HtmlPage subheading(String text) {
    body.append("<h3>").append(escape(text)).append("</h3>\n");
    return this;
  }

  /** @return this page with a paragraph of plain text appended */
  public HtmlPage paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** @return this page with a small grey note (plain text) appended */
  public HtmlPage note(String text) {
    body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    return this;
  }

  /**
   * Appends a two-column key/value table, rows in map order. Values that start with a minus sign are shown red.
   *
   * @param rows keys and values (plain text)
   * @return this page
   */
  public HtmlPage keyValueTable(Map<String, String> rows) {
    kv(body, null, rows);
    return this;
  }

  /**
   * Appends several titled key/value tables side by side (wrapping on narrow screens), in map order.
   *
   * @param groups table title to its rows (plain text)
   * @return this page
   */
  public HtmlPage keyValueTables(Map<String, Map<String, String>> groups) {
    body.append("<div class=\"grid\">");
    for (Map.Entry<String, Map<String, String>> g : groups.entrySet()) {
      body.append("<div>");
      kv(body, g.getKey(), g.getValue());
      body.append("</div>");
    }
    body.append("</div>\n");
    return this;
  }

  /**
   * Appends a table with a header row.
   *
   * @param headers column headers
   * @param rows cells per row (plain text), each row as long as {@code headers}
   * @return this page
   * @throws IllegalArgumentException naming the row if a row's length differs from the headers'
   */
  public HtmlPage table(List<String> headers, List<List<String>> rows) {
    body.append("<table><tr>");
    for (String h : headers) {
      body.append("<th>").append(escape(h)).append("</th>");
    }
    body.append("</tr>");
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException("Argument 'rows' row " + i + " must have " + headers.size()
            + " cells (headers), was " + row.size());
      }
      body.append("<tr>");
      for (String cell : row) {
        cell(body, cell);
      }
      body.append("</tr>");
    }
    body.append("</table>\n");
    return this;
  }

  /**
   * Appends a table of numbers whose cells are coloured by value: green for positive, red for negative, the
   * intensity proportional to {@code |v| / saturation} (capped at 1); NaN cells are empty and uncoloured.
   *
   * @param corner text of the top-left cell
   * @param columns column headers
   * @param rows row headers
   * @param values {@code [row][column]}; not modified
   * @param format formats a finite value for display (e.g. as percent)
   * @param saturation per column, the {@code |v|} at which the colour is strongest; NaN or {@code <= 0} = the
   *     largest {@code |v|} of all finite cells
   * @return this page
   * @throws IllegalArgumentException if the shapes of {@code values} or {@code saturation} do not match
   */
  public HtmlPage heatTable(String corner, List<String> columns, List<String> rows, double[][] values,
      DoubleFunction<String> format, double[] saturation) {
    int nc = columns.size();
    if (values.length != rows.size()) {
      throw new IllegalArgumentException("Argument 'values' must have " + rows.size() + " rows, was "
          + values.length);
    }
    Checks.sameLength(saturation.length, nc, "saturation");
    double maxAbs = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i].length != nc) {
        throw new IllegalArgumentException("Argument 'values' row " + i + " must have " + nc + " columns, was "
            + values[i].length);
      }
      for (double v : values[i]) {
        if (Double.isFinite(v)) {
          maxAbs = Math.max(maxAbs, Math.abs(v));
        }
      }
    }
    body.append("<table class=\"heat\"><tr><th>").append(escape(corner)).append("</th>");
    for (String c : columns) {
      body.append("<th>").append(escape(c)).append("</th>");
    }
    body.append("</tr>");
    for (int i = 0; i < values.length; i++) {
      body.append("<tr><th>").append(escape(rows.get(i))).append("</th>");
      for (int j = 0; j < nc; j++) {
        double v = values[i][j];
        if (!Double.isFinite(v)) {
          body.append("<td></td>");
          continue;
        }
        double sat = saturation[j] > 0 ? saturation[j] : maxAbs;
        double a = sat > 0 ? Math.min(1, Math.abs(v) / sat) : 0;
        int[] rgb = v >= 0 ? new int[] {26, 152, 80} : new int[] {215, 48, 39};
        body.append(String.format(Locale.ROOT, "<td style=\"background:rgba(%d,%d,%d,%.2f)\">", rgb[0], rgb[1],
            rgb[2], 0.08 + 0.72 * a)).append(escape(format.apply(v))).append("</td>");
      }
      body.append("</tr>");
    }
    body.append("</table>\n");
    return this;
  }

  /**
   * Appends a heading-less image, embedded as a base64 PNG data URI.
   *
   * @param alt alternative text
   * @param image the image
   * @return this page
   */
  public HtmlPage image(String alt, BufferedImage image) {
    body.append("<img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(Charts.png(image))).append("\">\n");
    return this;
  }

  /**
   * Appends an interactive chart (zoom, hover); the page then inlines the chart library once, in its head.
   *
   * @param chart the chart (must hold at least one series)
   * @return this page
   * @throws IllegalStateException if the chart has no series
   */
  public HtmlPage chart(InteractiveCharts.Chart chart) {
    body.append(chart.html("ss-chart-" + (++charts)));
    scripts = true;
    return this;
  }

  /**
   * Appends raw HTML produced by a trusted builder of this package (never user text).
   *
   * @param html the fragment
   * @return this page
   */
  HtmlPage raw(String html) {
    body.append(html);
    return this;
  }

  /** @return the complete HTML document */
  public String render() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title>\n<style>" + CSS + "</style>" + (scripts ? InteractiveCharts.library() : "") + "</head><body>\n<h1>"
        + escape(title) + "</h1>\n" + body + "</body></html>\n";
  }

  /**
   * Writes {@link #render()} as UTF-8.
   *
   * @param file target file
   * @throws UncheckedIOException naming the path on failure
   */
  public void write(Path file) {
    try {
      Files.writeString(file, render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Escapes text for HTML element content and double- or single-quoted attribute values.
   *
   * @param s text (null is shown as {@code "null"})
   * @return the escaped text
   */
  public static String escape(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  private static void kv(StringBuilder h, String caption, Map<String, String> rows) {
    if (caption != null) {
      h.append("<h3>").append(escape(caption)).append("</h3>");
    }
    h.append("<table>");
    for (Map.Entry<String, String> e : rows.entrySet()) {
      h.append("<tr><td>").append(escape(e.getKey())).append("</td>");
      cell(h, e.getValue());
      h.append("</tr>");
    }
    h.append("</table>");
  }

  private static void cell(StringBuilder h, String v) {
    boolean neg = v != null && v.startsWith("-") && v.length() > 1;
    h.append("<td").append(neg ? " class=\"neg\"" : "").append('>').append(escape(v)).append("</td>");
  }
}
