// Start-up script of the Slipstream notebooks (Rapaio Java kernel, JShell): `%load slipstream.jsh` in the first
// cell brings every import a notebook needs (the project's API, Tablesaw, the chart libraries), the data folders,
// the lake loaded once per kernel (LakeCache), SQL over the lake (DuckDB), pandas-style table display and charts.
// The analysis itself calls the project's public API in the notebooks.
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.*;
import java.time.*;
import java.time.format.DateTimeFormatter;
import java.util.*;
import java.util.stream.*;
import org.knowm.xchart.*;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.*;
import tech.tablesaw.api.Table;
import static tech.tablesaw.aggregate.AggregateFunctions.*;
import io.slipstream.core.BarInterval;
import io.slipstream.data.*;
import io.slipstream.analytics.*;
import io.slipstream.analytics.frame.*;
import io.slipstream.analytics.report.*;
import io.slipstream.analytics.report.InteractiveCharts.Format;
import io.slipstream.backtest.*;
import io.slipstream.backtest.search.*;
import io.slipstream.backtest.walkforward.*;
import io.slipstream.cost.*;
import io.slipstream.factor.*;
import io.slipstream.portfolio.*;
import io.slipstream.signal.*;
import io.slipstream.strategy.gradient.*;

/**
 * The repository root: $SLIPSTREAM_HOME (tools/notebooks/setup.sh writes it into the kernel spec), else the
 * nearest parent of the working folder that holds bin/slipstream and pom.xml.
 */
Path findSlipstreamHome() {
  String env = System.getenv("SLIPSTREAM_HOME");
  if (env != null && !env.isBlank()) {
    return Path.of(env).toAbsolutePath().normalize();
  }
  for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
    if (Files.isRegularFile(p.resolve("bin/slipstream")) && Files.isRegularFile(p.resolve("pom.xml"))) {
      return p;
    }
  }
  throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath()
      + ": set SLIPSTREAM_HOME (tools/notebooks/setup.sh writes it into the kernel spec)");
}

/** The lake folder: $SLIPSTREAM_DATA, else ../shared/data/hyperliquid next to the repository root. */
Path findData(Path home) {
  String env = System.getenv("SLIPSTREAM_DATA");
  Path d = (env != null && !env.isBlank() ? Path.of(env) : home.resolve("../shared/data/hyperliquid"))
      .toAbsolutePath().normalize();
  if (!Files.isDirectory(d)) {
    throw new IllegalStateException("data folder not found: " + d + " (set SLIPSTREAM_DATA)");
  }
  return d;
}

Path HOME = findSlipstreamHome();
Path DATA = findData(HOME);

// ---------------------------------------------------------------------------------------------- data

/** The lake on {@code interval} bars with funding, read once per kernel (LakeCache: re-running cells is free). */
MarketData lake(BarInterval interval) {
  return LakeCache.load(DATA, interval, true);
}

/** One DuckDB connection per kernel over the lake folder: file names like 'candles_4h.parquet' resolve in DATA. */
LakeSql SQL = LakeSql.open(DATA);

/** A DuckDB query over the Parquet lake as a Tablesaw table, e.g. sql("SELECT * FROM 'funding.parquet' LIMIT 5"). */
Table sql(String query) {
  return SQL.query(query);
}

/** Panels of one grid as a long table: tidy("close", p1, "volume", p2) -> time, coin, close, volume. */
Table tidy(Object... nameThenPanel) {
  Map<String, Panel> m = new LinkedHashMap<>();
  for (int i = 0; i < nameThenPanel.length; i += 2) {
    m.put((String) nameThenPanel[i], (Panel) nameThenPanel[i + 1]);
  }
  return Frames.tidy(m);
}

// ---------------------------------------------------------------------------------------------- formatting

DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

/** {@code x} with {@code digits} decimals ("n/a" for NaN). */
String num(double x, int digits) {
  return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%,." + digits + "f", x);
}

/** A decimal fraction in percent with one decimal ("n/a" for NaN). */
String pct(double x) {
  return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
}

/** A UTC date, yyyy-MM-dd. */
String day(Instant t) {
  return DAY.format(t);
}

/** A UTC time, yyyy-MM-dd HH:mm. */
String minute(Instant t) {
  return MINUTE.format(t);
}

String esc(Object o) {
  return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
}

// ---------------------------------------------------------------------------------------------- display

/** Shows an HTML fragment as the cell's output. */
void html(String fragment) {
  org.rapaio.jupyter.kernel.global.Global.display("text/html", fragment);
}

/** Shows an image (PNG). */
void showImage(BufferedImage image) {
  org.rapaio.jupyter.kernel.global.Global.display(image);
}

/** Shows a table the way pandas does: head and tail of a long table, and its shape. */
void show(Table t) {
  html(FrameHtml.of(t));
}

/** Shows an interactive chart (ECharts: zoom with the wheel or the slider, values on hover). */
void show(InteractiveCharts.Chart c) {
  html(c.html());
}

/** Shows an XChart chart as a PNG. */
void show(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
  showImage(BitmapEncoder.getBufferedImage(chart));
}

/** An HTML table built row by row: {@code new HtmlTable("a", "b").row(1, "x").show()}; numbers right-aligned. */
class HtmlTable {
  private final StringBuilder sb = new StringBuilder("<table><thead><tr>");

  HtmlTable(String... header) {
    for (String h : header) {
      sb.append("<th>").append(esc(h)).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
  }

  HtmlTable row(Object... cells) {
    sb.append("<tr>");
    for (Object c : cells) {
      String s = String.valueOf(c);
      boolean numeric = c instanceof Number || s.matches("[-+]?[0-9.,]+([eE][-+]?[0-9]+)?(%| ?[kMB])?|n/a");
      sb.append(numeric ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">").append(esc(s))
          .append("</td>");
    }
    sb.append("</tr>");
    return this;
  }

  void show() {
    html(sb + "</tbody></table>");
  }
}

/** Shows a key-value table. */
void showMap(String keyHeader, String valueHeader, Map<String, ?> m) {
  HtmlTable t = new HtmlTable(keyHeader, valueHeader);
  m.forEach((k, v) -> t.row(k, v));
  t.show();
}

// ---------------------------------------------------------------------------------------------- charts

/** A line chart with a time axis, 1000 x 360 px. */
XYChart timeChart(String title, String yAxis) {
  XYChart c = new XYChartBuilder().width(1000).height(360).title(title).xAxisTitle("").yAxisTitle(yAxis).build();
  c.getStyler().setDatePattern("yyyy-MM");
  c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
  c.getStyler().setChartBackgroundColor(Color.WHITE);
  c.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
  return c;
}

/** Adds a line of {@code y} against epoch-ms times, leaving out NaN points; returns the series. */
XYSeries line(XYChart c, String name, long[] timesMs, double[] y) {
  List<Date> x = new ArrayList<>();
  List<Double> v = new ArrayList<>();
  for (int i = 0; i < y.length; i++) {
    if (!Double.isNaN(y[i])) {
      x.add(new Date(timesMs[i]));
      v.add(y[i]);
    }
  }
  XYSeries s = c.addSeries(name, x, v);
  s.setMarker(SeriesMarkers.NONE);
  return s;
}

/** A bar chart of labelled values, 1000 x 360 px. */
CategoryChart barChart(String title, String yAxis, List<String> labels, List<Double> values) {
  CategoryChart c = new CategoryChartBuilder().width(1000).height(360).title(title).yAxisTitle(yAxis).build();
  c.getStyler().setLegendVisible(false);
  c.getStyler().setChartBackgroundColor(Color.WHITE);
  c.getStyler().setPlotGridVerticalLinesVisible(false);
  c.addSeries(yAxis, labels, values);
  return c;
}

// ECharts, inlined once per notebook from its WebJar (offline); every interactive chart below uses it. Jupyter pages
// carry require.js, with which ECharts would register as an AMD module instead of window.echarts: hide `define`
// while it loads.
html("<script>window.ssDefine=window.define;window.define=undefined;</script>" + InteractiveCharts.library()
    + "<script>window.define=window.ssDefine;</script>");
