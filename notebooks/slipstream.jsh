// Display helpers shared by the Slipstream notebooks (Rapaio Java kernel, JShell). Each notebook starts with
// `%load slipstream.jsh` (the kernel runs in the notebooks/ folder). Only finding folders, formatting and showing
// tables and charts lives here; the analysis itself calls the project's public API in the notebooks.
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
