package io.slipstream.analytics.frame;

import io.slipstream.core.Checks;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as an HTML table truncated the way pandas shows a DataFrame in Jupyter: a table longer than
 * {@code maxRows} rows shows its first and last {@code minRows / 2} rows around a "…" row, a table wider than
 * {@code maxColumns} its first and last {@code maxColumns / 2} columns around a "…" column, and a footer gives the
 * full shape ("4,717 rows × 97 columns"). Defaults are pandas' ({@code display.max_rows} 60,
 * {@code display.min_rows} 10, {@code display.max_columns} 20).
 *
 * <p>Formatting per column, as pandas does: doubles with 6 decimals (2 when the column's largest magnitude
 * reaches 1e6, scientific when it reaches 1e15 or every non-zero value is below 1e-4), NaN/missing as "NaN",
 * times as UTC "yyyy-MM-dd HH:mm" ("yyyy-MM-dd" when every value is a midnight), numbers right-aligned. Text is
 * HTML-escaped.
 */
public final class FrameHtml {
  /** pandas' {@code display.max_rows}. */
  public static final int MAX_ROWS = 60;
  /** pandas' {@code display.min_rows}: rows shown (half head, half tail) when a table is truncated. */
  public static final int MIN_ROWS = 10;
  /** pandas' {@code display.max_columns}. */
  public static final int MAX_COLUMNS = 20;

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private FrameHtml() {
  }

  /**
   * The table with pandas' default truncation.
   *
   * @param table the table (not modified)
   * @return an HTML fragment (a {@code <div>} with the table and its shape)
   */
  public static String of(Table table) {
    return of(table, MAX_ROWS, MIN_ROWS, MAX_COLUMNS);
  }

  /**
   * The table truncated to the given limits.
   *
   * @param table the table (not modified)
   * @param maxRows tables with more rows are truncated, >= 1
   * @param minRows rows shown when truncated (head gets the larger half), >= 2
   * @param maxColumns tables with more columns are truncated, >= 2
   * @return an HTML fragment
   * @throws IllegalArgumentException if a limit is out of range
   */
  public static String of(Table table, int maxRows, int minRows, int maxColumns) {
    Checks.notNull(table, "table");
    Checks.positive(maxRows, "maxRows");
    if (minRows < 2 || maxColumns < 2) {
      throw new IllegalArgumentException("Arguments 'minRows' and 'maxColumns' must be >= 2, were " + minRows
          + " and " + maxColumns);
    }
    int n = table.rowCount();
    int m = table.columnCount();
    List<Integer> rows = new ArrayList<>();
    boolean cutRows = n > maxRows;
    int head = cutRows ? (minRows + 1) / 2 : n;
    int tail = cutRows ? minRows / 2 : 0;
    for (int i = 0; i < head; i++) {
      rows.add(i);
    }
    for (int i = n - tail; i < n; i++) {
      rows.add(i);
    }
    List<Integer> cols = new ArrayList<>();
    boolean cutCols = m > maxColumns;
    int left = cutCols ? (maxColumns + 1) / 2 : m;
    int right = cutCols ? maxColumns / 2 : 0;
    for (int j = 0; j < left; j++) {
      cols.add(j);
    }
    for (int j = m - right; j < m; j++) {
      cols.add(j);
    }
    List<Formatter> fmt = new ArrayList<>();
    for (int j : cols) {
      fmt.add(formatter(table.column(j)));
    }
    StringBuilder sb = new StringBuilder(256 + 64 * rows.size() * cols.size());
    sb.append("<div class=\"slipstream-frame\"><table class=\"dataframe\" style=\"border-collapse:collapse;")
        .append("font-variant-numeric:tabular-nums\"><thead><tr><th></th>");
    for (int k = 0; k < cols.size(); k++) {
      if (cutCols && k == left) {
        sb.append("<th>…</th>");
      }
      sb.append("<th style=\"text-align:right\">").append(esc(table.column(cols.get(k)).name())).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    for (int r = 0; r < rows.size(); r++) {
      if (cutRows && r == head) {
        sb.append("<tr><th>…</th>");
        for (int k = 0; k < cols.size() + (cutCols ? 1 : 0); k++) {
          sb.append("<td style=\"text-align:right\">…</td>");
        }
        sb.append("</tr>");
      }
      int i = rows.get(r);
      sb.append("<tr><th>").append(i).append("</th>");
      for (int k = 0; k < cols.size(); k++) {
        if (cutCols && k == left) {
          sb.append("<td>…</td>");
        }
        Formatter f = fmt.get(k);
        sb.append(f.numeric ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
            .append(esc(f.format(i))).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</tbody></table>");
    sb.append("<p style=\"margin:2px 0 8px 0;color:#555\">").append(String.format(Locale.ROOT, "%,d rows × %,d columns", n, m));
    if (table.name() != null && !table.name().isBlank()) {
      sb.append(" (").append(esc(table.name())).append(')');
    }
    sb.append("</p></div>");
    return sb.toString();
  }

  /** A cell's text for row {@code i}, decided once per column. */
  private record Formatter(Column<?> col, boolean numeric, String pattern, DateTimeFormatter time) {
    String format(int i) {
      if (col.isMissing(i)) {
        return "NaN";
      }
      if (time != null) {
        return time.format((Instant) col.get(i));
      }
      if (pattern != null) {
        return String.format(Locale.ROOT, pattern, ((NumberColumn<?, ?>) col).getDouble(i));
      }
      return col.getString(i);
    }
  }

  private static Formatter formatter(Column<?> col) {
    String type = col.type().name();
    if (type.equals("INSTANT")) {
      boolean midnight = true;
      for (int i = 0; i < col.size() && midnight; i++) {
        if (!col.isMissing(i)) {
          midnight = ((Instant) col.get(i)).toEpochMilli() % 86_400_000L == 0;
        }
      }
      return new Formatter(col, false, null, midnight ? DAY : MINUTE);
    }
    if (col instanceof NumberColumn<?, ?> num) {
      if (type.equals("INTEGER") || type.equals("LONG") || type.equals("SHORT")) {
        return new Formatter(col, true, "%.0f", null);
      }
      double maxAbs = 0;
      double minNonZero = Double.POSITIVE_INFINITY;
      for (int i = 0; i < num.size(); i++) {
        double v = num.getDouble(i);
        if (Double.isFinite(v)) {
          maxAbs = Math.max(maxAbs, Math.abs(v));
          if (v != 0) {
            minNonZero = Math.min(minNonZero, Math.abs(v));
          }
        }
      }
      String p = maxAbs >= 1e15 || (maxAbs > 0 && maxAbs < 1e-4) ? "%.6e" : maxAbs >= 1e6 ? "%.2f" : "%.6f";
      return new Formatter(col, true, p, null);
    }
    return new Formatter(col, false, null, null);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
