package io.slipstream.analytics.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Interactive charts (zoom, pan, hover tooltips) as self-contained HTML fragments, drawn in the browser by Apache
 * ECharts 5.3.1, vendored from the WebJar {@code org.webjars.npm:echarts:5.3.1} and inlined, so pages open offline
 * (never a CDN). Used by the HTML reports and the notebooks.
 *
 * <p>A page includes {@link #library()} once (the ECharts script plus a ~1 KB runtime that attaches formatters),
 * then any number of {@link Chart#html()} fragments; {@link Chart#standaloneHtml()} carries its own library
 * (guarded: it loads ECharts only when the page has none yet), for a notebook cell. Each fragment is a
 * {@code <div class="ss-chart" data-series="k">} holding one chart; {@code data-series} is the number of series, so
 * a browser test can check that every chart holds data. Times are epoch milliseconds shown in UTC
 * ({@code useUTC: true}); the time axis puts its labels at calendar boundaries (month starts on multi-month spans).
 * NaN values become gaps. Values are written as single-precision floats (display only).
 *
 * <pre>{@code
 * String html = InteractiveCharts.library()
 *     + InteractiveCharts.timeChart("Equity", "NAV", InteractiveCharts.Format.NUMBER)
 *         .line("strategy", timesMs, nav).line("BTC buy and hold", timesMs, btcNav).logScale().html()
 *     + InteractiveCharts.heatmap("Sharpe", "vol_span", xs, "concentration_pct", ys, z, Format.NUMBER).html();
 * }</pre>
 */
public final class InteractiveCharts {
  /** ECharts version of the WebJar inlined by {@link #library()}. */
  public static final String ECHARTS_VERSION = "5.3.1";
  private static final String ECHARTS_RESOURCE = "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION
      + "/dist/echarts.min.js";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong IDS = new AtomicLong();
  private static volatile String echarts;
  /** The runtime: builds the option, attaches value formatters by name, resizes with the window. */
  private static final String RUNTIME = """
      window.ssFmt=window.ssFmt||function(kind){
        if(kind==='percent')return function(v){return v==null||isNaN(v)?'':(v*100).toFixed(2)+'%';};
        if(kind==='bps')return function(v){return v==null||isNaN(v)?'':(v*1e4).toFixed(1)+' bp';};
        if(kind==='integer')return function(v){return v==null||isNaN(v)?'':Math.round(v).toLocaleString('en');};
        return function(v){if(v==null||isNaN(v))return '';var a=Math.abs(v);
          return a!==0&&(a<1e-3||a>=1e6)?v.toExponential(3):(+v.toFixed(4)).toString();};};
      window.ssChart=window.ssChart||function(id,opt,fmt){
        var el=document.getElementById(id);var c=echarts.init(el,null,{renderer:'canvas'});
        var f=ssFmt(fmt);
        if(opt.tooltip){opt.tooltip.valueFormatter=f;}
        (Array.isArray(opt.yAxis)?opt.yAxis:[opt.yAxis]).forEach(function(a){
          if(a&&(a.type==='value'||a.type==='log')){a.axisLabel=a.axisLabel||{};a.axisLabel.formatter=f;}
          if(a&&a.type==='log'){a.min=function(v){return v.min/1.05;};a.max=function(v){return v.max*1.05;};}});
        if(opt.visualMap){opt.visualMap.formatter=f;}
        (opt.series||[]).forEach(function(s){if(s.type==='heatmap'){s.label=s.label||{};
          s.label.formatter=function(p){return f(p.value[2]);};}});
        c.setOption(opt);window.addEventListener('resize',function(){c.resize();});return c;};
      """;

  /** How values are shown on the axis, in tooltips and in heat map cells. */
  public enum Format {
    /** Decimal fraction shown as percent with 2 decimals ({@code 0.0123 -> 1.23%}). */
    PERCENT("percent"),
    /** Decimal fraction shown in basis points ({@code 0.0001 -> 1.0 bp}). */
    BPS("bps"),
    /** Plain number, up to 4 decimals (exponent form for very small or large values). */
    NUMBER("number"),
    /** Rounded integer with thousands separators. */
    INTEGER("integer");

    private final String js;

    Format(String js) {
      this.js = js;
    }
  }

  private InteractiveCharts() {
  }

  /**
   * The script a page includes once before any {@link Chart#html()} fragment: ECharts (inlined from the WebJar,
   * ~1 MB) and the chart runtime, as one {@code <script>} element.
   *
   * @return the HTML text
   * @throws UncheckedIOException if the WebJar is not on the class path
   */
  public static String library() {
    return "<script>" + echartsSource() + "\n" + RUNTIME + "</script>\n";
  }

  private static String echartsSource() {
    String s = echarts;
    if (s == null) {
      try (InputStream in = InteractiveCharts.class.getResourceAsStream(ECHARTS_RESOURCE)) {
        if (in == null) {
          throw new UncheckedIOException(new IOException("resource " + ECHARTS_RESOURCE
              + " not found: add org.webjars.npm:echarts:" + ECHARTS_VERSION + " to the class path"));
        }
        s = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + ECHARTS_RESOURCE + ": " + e.getMessage(), e);
      }
      echarts = s;
    }
    return s;
  }

  /**
   * A chart with a time x axis (UTC), for line and bar series over epoch-millisecond times.
   *
   * @param title chart title (plain text)
   * @param yName y axis name (plain text; empty for none)
   * @param format how y values are shown
   * @return an empty chart
   */
  public static Chart timeChart(String title, String yName, Format format) {
    return new Chart(title, yName, format, null);
  }

  /**
   * A chart with a category x axis (e.g. years, coins, window numbers), for bar and line series over the categories.
   *
   * @param title chart title (plain text)
   * @param categories x axis labels, in order
   * @param yName y axis name (plain text; empty for none)
   * @param format how y values are shown
   * @return an empty chart
   * @throws IllegalArgumentException if {@code categories} is empty
   */
  public static Chart categoryChart(String title, List<String> categories, String yName, Format format) {
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("Argument 'categories' must not be empty");
    }
    return new Chart(title, yName, format, List.copyOf(categories));
  }

  /**
   * A heat map with a diverging colour scale centred at zero (red below, white at 0, green above, symmetric around
   * 0 at the largest |value|), each cell labelled with its value. NaN cells are left empty (grey). When all values share
   * one sign the scale stays centred at zero, so an all-negative map reads as all red.
   *
   * @param title chart title (plain text)
   * @param xName x axis name
   * @param xLabels column labels
   * @param yName y axis name
   * @param yLabels row labels
   * @param z values {@code [y][x]}; not modified
   * @param format how values are shown
   * @return the chart (heat map series only)
   * @throws IllegalArgumentException if a label list is empty or {@code z}'s shape differs from the labels'
   */
  public static Chart heatmap(String title, String xName, List<String> xLabels, String yName,
      List<String> yLabels, double[][] z, Format format) {
    int ny = yLabels.size();
    int nx = xLabels.size();
    if (nx == 0 || ny == 0) {
      throw new IllegalArgumentException("Arguments 'xLabels' and 'yLabels' must not be empty, were " + nx + " and "
          + ny);
    }
    if (z.length != ny) {
      throw new IllegalArgumentException("Argument 'z' must have " + ny + " rows (yLabels), was " + z.length);
    }
    List<Object> cells = new ArrayList<>();
    double maxAbs = 0;
    for (int y = 0; y < ny; y++) {
      if (z[y].length != nx) {
        throw new IllegalArgumentException("Argument 'z' row " + y + " must have " + nx + " columns (xLabels), was "
            + z[y].length);
      }
      for (int x = 0; x < nx; x++) {
        if (Double.isFinite(z[y][x])) {
          cells.add(List.of(x, y, (float) z[y][x]));
          maxAbs = Math.max(maxAbs, Math.abs(z[y][x]));
        }
      }
    }
    if (!(maxAbs > 0)) {
      maxAbs = 1;
    }
    Chart c = new Chart(title, yName, format, List.copyOf(xLabels));
    c.xName = xName;
    c.yCategories = List.copyOf(yLabels);
    c.height = Math.max(260, Math.min(900, 110 + 34 * ny));
    Map<String, Object> vm = new LinkedHashMap<>();
    vm.put("type", "continuous");
    vm.put("min", -maxAbs);
    vm.put("max", maxAbs);
    vm.put("calculable", true);
    vm.put("orient", "vertical");
    vm.put("right", 0);
    vm.put("top", "middle");
    vm.put("inRange", Map.of("color", List.of("#d73027", "#fc8d59", "#ffffff", "#91cf60", "#1a9850")));
    c.visualMap = vm;
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "heatmap");
    s.put("name", title);
    s.put("data", cells);
    s.put("label", Map.of("show", true, "fontSize", nx > 12 ? 9 : 11));
    s.put("emphasis", Map.of("itemStyle", Map.of("borderColor", "#333", "borderWidth", 1)));
    c.series.add(s);
    return c;
  }

  /**
   * One chart under construction. Not thread-safe. Series are drawn in the order added; a series may be empty (it
   * then shows in the legend only, and {@code data-series} counts only series with at least one finite value).
   */
  public static final class Chart {
    private final String title;
    private final String yName;
    private final Format format;
    private final List<String> categories;
    private List<String> yCategories;
    private String xName = "";
    private final List<Map<String, Object>> series = new ArrayList<>();
    private final List<Map<String, Object>> markLines = new ArrayList<>();
    private Map<String, Object> visualMap;
    private boolean log;
    private boolean zoom = true;
    private int height = 340;
    private int filled;

    private Chart(String title, String yName, Format format, List<String> categories) {
      this.title = Checks.notNull(title, "title");
      this.yName = yName == null ? "" : yName;
      this.format = Checks.notNull(format, "format");
      this.categories = categories;
    }

    /**
     * Adds a line series over times (time chart only).
     *
     * @param name legend name
     * @param timesMs epoch milliseconds, ascending; not modified
     * @param values same length, NaN = gap; not modified
     * @return this chart
     * @throws IllegalArgumentException if the lengths differ, or this is a category chart
     */
    public Chart line(String name, long[] timesMs, double[] values) {
      return timeSeries("line", name, timesMs, values);
    }

    /**
     * Adds a bar series over times (time chart only), e.g. daily or weekly values stamped at the period start.
     *
     * @param name legend name
     * @param timesMs epoch milliseconds, ascending; not modified
     * @param values same length, NaN = no bar; not modified
     * @return this chart
     * @throws IllegalArgumentException if the lengths differ, or this is a category chart
     */
    public Chart bars(String name, long[] timesMs, double[] values) {
      return timeSeries("bar", name, timesMs, values);
    }

    /**
     * Adds a line series over the categories (category chart only).
     *
     * @param name legend name
     * @param values one per category, NaN = gap; not modified
     * @return this chart
     * @throws IllegalArgumentException if the length differs from the categories', or this is a time chart
     */
    public Chart line(String name, double[] values) {
      return categorySeries("line", name, values);
    }

    /**
     * Adds a bar series over the categories (category chart only); several bar series stand side by side.
     *
     * @param name legend name
     * @param values one per category, NaN = no bar; not modified
     * @return this chart
     * @throws IllegalArgumentException if the length differs from the categories', or this is a time chart
     */
    public Chart bars(String name, double[] values) {
      return categorySeries("bar", name, values);
    }

    /**
     * Marks vertical lines at given x positions (times in epoch ms on a time chart), each with a short label shown
     * on hover, e.g. walk-forward window boundaries. Needs at least one series; attached to the first one.
     *
     * @param timesMs x positions; not modified
     * @param labels one label per line
     * @return this chart
     * @throws IllegalArgumentException if the lengths differ
     */
    public Chart verticalLines(long[] timesMs, List<String> labels) {
      Checks.sameLength(labels.size(), timesMs.length, "labels");
      for (int i = 0; i < timesMs.length; i++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("xAxis", timesMs[i]);
        m.put("name", labels.get(i));
        markLines.add(m);
      }
      return this;
    }

    /** @return this chart with a logarithmic y axis (values must be positive) */
    public Chart logScale() {
      this.log = true;
      return this;
    }

    /** @return this chart without the zoom slider (mouse-wheel zoom inside the plot stays) */
    public Chart noSlider() {
      this.zoom = false;
      return this;
    }

    /**
     * @param px plot height in CSS pixels (100 to 2000)
     * @return this chart
     * @throws IllegalArgumentException if out of range
     */
    public Chart height(int px) {
      this.height = (int) Checks.inRange(px, 100, 2000, "px");
      return this;
    }

    /** @return the number of series with at least one finite value */
    public int seriesWithData() {
      return filled + (visualMap != null && !((List<?>) series.get(0).get("data")).isEmpty() ? 1 : 0);
    }

    private Chart timeSeries(String type, String name, long[] t, double[] v) {
      if (categories != null) {
        throw new IllegalArgumentException("chart '" + title + "' has a category axis: use line(name, values)");
      }
      Checks.sameLength(v.length, t.length, "values");
      List<Object> data = new ArrayList<>(t.length);
      boolean any = false;
      for (int i = 0; i < t.length; i++) {
        boolean ok = Double.isFinite(v[i]);
        any |= ok;
        List<Object> p = new ArrayList<>(2);
        p.add(t[i]);
        p.add(ok ? (Object) (float) v[i] : null);
        data.add(p);
      }
      return add(type, name, data, any);
    }

    private Chart categorySeries(String type, String name, double[] v) {
      if (categories == null || visualMap != null) {
        throw new IllegalArgumentException("chart '" + title + "' has no category axis: use line(name, times, values)");
      }
      Checks.sameLength(v.length, categories.size(), "values");
      List<Object> data = new ArrayList<>(v.length);
      boolean any = false;
      for (double x : v) {
        boolean ok = Double.isFinite(x);
        any |= ok;
        data.add(ok ? (Object) (float) x : null);
      }
      return add(type, name, data, any);
    }

    private Chart add(String type, String name, List<Object> data, boolean any) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", type);
      s.put("name", Checks.notNull(name, "name"));
      s.put("data", data);
      if (type.equals("line")) {
        s.put("showSymbol", false);
        s.put("connectNulls", false);
        s.put("lineStyle", Map.of("width", 1.5));
        if (data.size() > 2000) {
          s.put("sampling", "lttb");
        }
      }
      series.add(s);
      if (any) {
        filled++;
      }
      return this;
    }

    /**
     * The chart as an HTML fragment: a {@code <div>} and the script that draws it. Needs {@link #library()} once on
     * the page before it.
     *
     * @return the HTML text
     * @throws IllegalStateException if the chart has no series
     */
    public String html() {
      return html("ss-chart-" + IDS.incrementAndGet());
    }

    /**
     * As {@link #html()} with a given element id (unique on the page), so that a page renders deterministically.
     *
     * @param id the {@code <div>}'s id: letters, digits, '-' and '_'
     * @return the HTML text
     * @throws IllegalStateException if the chart has no series
     * @throws IllegalArgumentException if the id holds another character
     */
    public String html(String id) {
      if (series.isEmpty()) {
        throw new IllegalStateException("chart '" + title + "' has no series");
      }
      if (!id.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("Argument 'id' must hold only letters, digits, '-' and '_', was '" + id
            + "'");
      }
      String json;
      try {
        json = JSON.writeValueAsString(option()).replace("</", "<\\/");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode chart '" + title + "': " + e.getMessage(), e);
      }
      return String.format(Locale.ROOT, "<div class=\"ss-chart\" id=\"%s\" data-series=\"%d\" data-title=\"%s\""
          + " style=\"width:100%%;max-width:1100px;height:%dpx;margin:4px 0 14px\"></div>\n"
          + "<script>ssChart('%s',%s,'%s');</script>\n", id, seriesWithData(), HtmlPage.escape(title), height, id,
          json, format.js);
    }

    /**
     * The chart with its own copy of the library, loaded only when the page has no ECharts yet (for one notebook
     * cell or a standalone snippet).
     *
     * @return the HTML text
     */
    public String standaloneHtml() {
      return "<script>if(!window.echarts){" + echartsSource() + "\n}\n" + RUNTIME + "</script>\n" + html();
    }

    private Map<String, Object> option() {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("useUTC", true);
      o.put("animation", false);
      o.put("title", Map.of("text", title, "left", "center", "textStyle", Map.of("fontSize", 14)));
      boolean heat = visualMap != null;
      Map<String, Object> tooltip = new LinkedHashMap<>();
      tooltip.put("trigger", heat ? "item" : "axis");
      tooltip.put("confine", true);
      o.put("tooltip", tooltip);
      if (!heat && series.size() > 1) {
        o.put("legend", Map.of("top", 24, "type", "scroll"));
      }
      Map<String, Object> grid = new LinkedHashMap<>();
      boolean slider = zoom && !heat && (categories == null || categories.size() > 30);
      grid.put("left", 16);
      grid.put("right", heat ? 90 : 30);
      grid.put("top", heat || series.size() <= 1 ? 56 : 72);
      grid.put("bottom", slider ? 48 : 30);
      grid.put("containLabel", true);
      if (heat) {
        // empty (NaN) cells show a grey background, distinct from the white of a value near 0
        grid.put("show", true);
        grid.put("backgroundColor", "#e2e2e8");
      }
      o.put("grid", grid);
      Map<String, Object> x = new LinkedHashMap<>();
      if (categories == null) {
        x.put("type", "time");
        x.put("axisLabel", Map.of("hideOverlap", true));
        x.put("splitLine", Map.of("show", false));
      } else {
        x.put("type", "category");
        x.put("data", categories);
        x.put("name", xName);
        x.put("nameLocation", "middle");
        x.put("nameGap", 28);
        x.put("axisLabel", Map.of("hideOverlap", true, "interval", "auto"));
      }
      o.put("xAxis", x);
      Map<String, Object> y = new LinkedHashMap<>();
      if (heat) {
        y.put("type", "category");
        y.put("data", yCategories);
      } else {
        y.put("type", log ? "log" : "value");
        boolean bars = series.stream().anyMatch(m -> "bar".equals(m.get("type")));
        y.put("scale", !bars);
      }
      y.put("name", yName);
      y.put("nameLocation", "end");
      y.put("nameTextStyle", Map.of("align", "left"));
      o.put("yAxis", y);
      if (heat) {
        o.put("visualMap", visualMap);
      } else {
        List<Object> dz = new ArrayList<>();
        dz.add(Map.of("type", "inside"));
        if (slider) {
          dz.add(Map.of("type", "slider", "height", 18, "bottom", 8));
        }
        o.put("dataZoom", dz);
        o.put("toolbox", Map.of("right", 10, "feature", Map.of("dataZoom", Map.of("yAxisIndex", "none"),
            "restore", Map.of())));
      }
      List<Map<String, Object>> s = new ArrayList<>(series);
      if (!markLines.isEmpty()) {
        Map<String, Object> first = new LinkedHashMap<>(s.get(0));
        Map<String, Object> ml = new LinkedHashMap<>();
        ml.put("symbol", "none");
        ml.put("silent", false);
        ml.put("label", Map.of("show", false));
        ml.put("lineStyle", Map.of("color", "#888", "type", "dashed", "width", 1));
        ml.put("data", markLines);
        first.put("markLine", ml);
        s.set(0, first);
      }
      o.put("series", s);
      return o;
    }
  }
}
