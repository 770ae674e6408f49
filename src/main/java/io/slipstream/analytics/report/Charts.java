package io.slipstream.analytics.report;

import io.slipstream.analytics.Metrics;
import io.slipstream.analytics.RollingStats;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.Checks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts drawn headless with XChart: the tear-sheet charts of a ledger (equity on a linear or log scale,
 * underwater drawdown, rolling Sharpe and volatility, return distribution, weekly turnover and costs, cumulative P&amp;L
 * by source, long/short/net exposure) and two generic builders over plain arrays for grid searches
 * ({@link #heatmap}, {@link #scatter}). Times on the x axis are bar close times, labelled in UTC.
 */
public final class Charts {
  private static final int WIDTH = 1100;
  private static final Color BLUE = new Color(31, 119, 180);
  private static final Color ORANGE = new Color(255, 127, 14);
  private static final Color GREEN = new Color(44, 160, 44);
  private static final Color RED = new Color(214, 39, 40);
  private static final Color PURPLE = new Color(148, 103, 189);
  private static final Color GREY = new Color(150, 150, 150);
  private static final Color DARK = new Color(60, 60, 60);
  private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {6f, 4f}, 0f);
  private static final long DAY_MS = 86_400_000L;
  /** Background of the heat map, seen through its empty (NaN) cells. */
  static final Color EMPTY_CELL = new Color(226, 226, 232);

  private Charts() {
  }

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** @return the equity chart on a linear scale: see {@link #equity(BacktestResult, boolean)} */
  public static BufferedImage equity(BacktestResult r) {
    return equity(r, false);
  }

  /**
   * Equity chart: NAV after fees and funding (starts at 1) and the NAV of gross returns compounded alone
   * ({@code prod(1 + gross)}), per booked bar.
   *
   * @param r the ledger
   * @param logScale log y axis; falls back to linear (and says so in the title) when a NAV is {@code <= 0}
   * @return the chart
   */
  public static BufferedImage equity(BacktestResult r, boolean logScale) {
    List<Date> x = dates(r);
    double[] nav = r.nav();
    double[] g = r.grossReturns();
    List<Double> netNav = new ArrayList<>(nav.length);
    List<Double> grossNav = new ArrayList<>(nav.length);
    double gn = 1;
    boolean positive = true;
    for (int i = 0; i < nav.length; i++) {
      gn *= 1 + g[i];
      netNav.add(nav[i]);
      grossNav.add(gn);
      positive &= nav[i] > 0 && gn > 0;
    }
    boolean log = logScale && positive;
    String title = "Equity (NAV, starts at 1)" + (log ? ", log scale"
        : logScale ? " (log scale impossible: NAV <= 0)" : "");
    XYChart c = timeChart(title, "NAV", 380, r);
    if (log) {
      c.getStyler().setYAxisLogarithmic(true);
      c.getStyler().setYAxisLogarithmicDecadeOnly(false);
      c.getStyler().setYAxisDecimalPattern("0.00");
    }
    line(c, "net of fees and funding", x, netNav, BLUE);
    line(c, "gross (before costs)", x, grossNav, GREY);
    return BitmapEncoder.getBufferedImage(c);
  }

  /** @return the underwater chart: {@code nav / running max(1, nav) - 1} in percent */
  public static BufferedImage drawdown(BacktestResult r) {
    List<Date> x = dates(r);
    double[] nav = r.nav();
    List<Double> dd = new ArrayList<>(nav.length);
    double peak = 1;
    for (double v : nav) {
      peak = Math.max(peak, v);
      dd.add(100 * (v / peak - 1));
    }
    XYChart c = timeChart("Drawdown (underwater)", "% from peak", 240, r);
    XYSeries s = line(c, "drawdown", x, dd, RED);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    c.getStyler().setLegendVisible(false);
    return BitmapEncoder.getBufferedImage(c);
  }

  /** @return cumulative gross P&amp;L, fees, funding and net, in percent of starting NAV (simple sums) */
  public static BufferedImage costBreakdown(BacktestResult r) {
    List<Date> x = dates(r);
    double[] g = r.grossReturns();
    double[] f = r.fundingCosts();
    double[] fee = r.feeCosts();
    List<Double> cg = new ArrayList<>();
    List<Double> cf = new ArrayList<>();
    List<Double> cfee = new ArrayList<>();
    List<Double> cn = new ArrayList<>();
    double a = 0;
    double b = 0;
    double d = 0;
    for (int i = 0; i < g.length; i++) {
      a += g[i];
      b -= f[i];
      d -= fee[i];
      cg.add(100 * a);
      cf.add(100 * b);
      cfee.add(100 * d);
      cn.add(100 * (a + b + d));
    }
    XYChart c = timeChart("Cumulative P&L by source (sum of per-bar returns)", "% of NAV", 320, r);
    line(c, "gross (price)", x, cg, GREEN);
    line(c, "funding", x, cf, ORANGE);
    line(c, "fees and slippage", x, cfee, RED);
    line(c, "net", x, cn, BLUE);
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Rolling annualised Sharpe ratio of net returns over a trailing window of {@code days} days of bars
   * ({@link RollingStats#sharpe}), with the full-period Sharpe as a dashed reference line. Warm-up bars are not
   * drawn.
   *
   * @param r the ledger
   * @param days window in days, {@code > 0}
   * @return the chart
   * @throws IllegalArgumentException if {@code days <= 0}
   */
  public static BufferedImage rollingSharpe(BacktestResult r, int days) {
    int w = RollingStats.windowBars(r.interval(), days);
    double ppy = r.interval().periodsPerYear();
    double[] net = r.netReturns();
    double[] s = RollingStats.sharpe(net, w, ppy);
    XYChart c = timeChart("Rolling " + days + "-day Sharpe (" + w + " bars of " + r.interval().label()
        + ", annualised)", "Sharpe", 300, r);
    addFinite(c, "rolling Sharpe", r.closeTimesMs(), s, 1, BLUE);
    double full = sharpeOf(net, ppy);
    long[] t = r.closeTimesMs();
    fullPeriodLine(c, String.format(Locale.ROOT, "full period %.2f", full), t, w, full);
    zeroLine(c, t, w - 1);
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Rolling annualised volatility of net returns over a trailing window of {@code days} days of bars
   * ({@link RollingStats#volatility}), in percent per year, with the full-period volatility as a dashed line.
   *
   * @param r the ledger
   * @param days window in days, {@code > 0}
   * @return the chart
   * @throws IllegalArgumentException if {@code days <= 0}
   */
  public static BufferedImage rollingVolatility(BacktestResult r, int days) {
    int w = RollingStats.windowBars(r.interval(), days);
    double ppy = r.interval().periodsPerYear();
    double[] net = r.netReturns();
    double[] v = RollingStats.volatility(net, w, ppy);
    XYChart c = timeChart("Rolling " + days + "-day volatility (" + w + " bars of " + r.interval().label()
        + ", annualised)", "% per year", 300, r);
    addFinite(c, "rolling volatility", r.closeTimesMs(), v, 100, PURPLE);
    long[] t = r.closeTimesMs();
    double full = stdev(net) * Math.sqrt(ppy);
    fullPeriodLine(c, String.format(Locale.ROOT, "full period %.1f%%", 100 * full), t, w, 100 * full);
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Histogram of net bar returns (density, percent per bar on the x axis) with the fitted normal density
   * {@code N(mean, stdev)} and vertical lines at the parametric and historical 95% VaR of {@code m}. The x range is
   * the 0.1% to 99.9% quantile range widened to include both VaR lines; the title counts the bars outside it.
   *
   * @param r the ledger
   * @param m its metrics (for the VaR lines)
   * @return the chart
   */
  public static BufferedImage returnDistribution(BacktestResult r, Metrics m) {
    double[] x = r.netReturns();
    int n = x.length;
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double lo = 100 * quantile(sorted, 0.001);
    double hi = 100 * quantile(sorted, 0.999);
    double var = 100 * m.valueAtRisk95();
    double hvar = 100 * m.historicalValueAtRisk95();
    if (Double.isFinite(var)) {
      lo = Math.min(lo, var);
    }
    if (Double.isFinite(hvar)) {
      lo = Math.min(lo, hvar);
    }
    if (!(hi > lo)) {
      hi = lo + 1e-6;
      lo = lo - 1e-6;
    }
    int bins = Math.max(10, Math.min(100, (int) Math.round(Math.sqrt(n))));
    double width = (hi - lo) / bins;
    double[] count = new double[bins];
    int outside = 0;
    for (double v : x) {
      double p = 100 * v;
      if (p < lo || p > hi) {
        outside++;
        continue;
      }
      int b = Math.min(bins - 1, (int) ((p - lo) / width));
      count[b]++;
    }
    List<Double> hx = new ArrayList<>(4 * bins);
    List<Double> hy = new ArrayList<>(4 * bins);
    double ymax = 0;
    for (int b = 0; b < bins; b++) {
      double d = count[b] / (n * width);
      ymax = Math.max(ymax, d);
      double x0 = lo + b * width;
      double x1 = b == bins - 1 ? hi : lo + (b + 1) * width;
      hx.add(x0);
      hy.add(0.0);
      hx.add(x0);
      hy.add(d);
      hx.add(x1);
      hy.add(d);
      hx.add(x1);
      hy.add(0.0);
    }
    String title = String.format(Locale.ROOT, "Distribution of net %s returns (%d bars%s)", r.interval().label(), n,
        outside > 0 ? ", " + outside + " outside the range shown" : "");
    XYChart c = new XYChartBuilder().width(WIDTH).height(340).title(title).xAxisTitle("% per bar")
        .yAxisTitle("density").build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setYAxisTicksVisible(false);
    XYSeries h = c.addSeries("returns", hx, hy);
    h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    h.setMarker(SeriesMarkers.NONE);
    h.setLineColor(new Color(31, 119, 180, 200));
    h.setFillColor(new Color(31, 119, 180, 120));
    double mean = 100 * mean(x);
    double sd = 100 * stdev(x);
    if (sd > 0) {
      int k = 200;
      List<Double> nx = new ArrayList<>(k + 1);
      List<Double> ny = new ArrayList<>(k + 1);
      for (int i = 0; i <= k; i++) {
        double v = lo + (hi - lo) * i / k;
        double z = (v - mean) / sd;
        double d = Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
        nx.add(v);
        ny.add(d);
        ymax = Math.max(ymax, d);
      }
      XYSeries nf = c.addSeries(String.format(Locale.ROOT, "normal fit (mean %.3f%%, sd %.3f%%)", mean, sd), nx, ny);
      nf.setMarker(SeriesMarkers.NONE);
      nf.setLineColor(DARK);
    }
    if (Double.isFinite(var)) {
      vline(c, String.format(Locale.ROOT, "VaR 95%% normal %.3f%%", var), var, ymax, RED);
    }
    if (Double.isFinite(hvar)) {
      vline(c, String.format(Locale.ROOT, "VaR 95%% historical %.3f%%", hvar), hvar, ymax, ORANGE);
    }
    c.getStyler().setXAxisMin(lo);
    c.getStyler().setXAxisMax(hi);
    c.getStyler().setYAxisMin(0.0);
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Turnover per week: the sum of {@code turnover} (NAV multiples) of the bars whose open time falls in each ISO
   * week (Monday 00:00 UTC to the next Monday), drawn as steps at the week start.
   *
   * @param r the ledger
   * @return the chart
   */
  public static BufferedImage weeklyTurnover(BacktestResult r) {
    Weekly w = weekly(r, r.turnover());
    double[] full = w.fullWeeks();
    String mean = full.length > 0 ? String.format(Locale.ROOT, "; mean of full weeks %.2f x NAV", mean(full)) : "";
    XYChart c = timeChart("Turnover per week (sum of |w_new - w_drifted|" + mean + w.partialNote() + ")", "x NAV",
        260, r);
    step(c, "turnover", w.starts, w.sums, 1, BLUE, r);
    c.getStyler().setLegendVisible(false);
    c.getStyler().setYAxisMin(0.0);
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Costs per week in percent of NAV: fees (fees and slippage), funding (positive = paid) and their total, summed
   * over the bars whose open time falls in each ISO week (Monday 00:00 UTC), drawn as steps at the week start.
   *
   * @param r the ledger
   * @return the chart
   */
  public static BufferedImage weeklyCosts(BacktestResult r) {
    Weekly fee = weekly(r, r.feeCosts());
    Weekly fund = weekly(r, r.fundingCosts());
    double[] total = new double[fee.sums.length];
    for (int i = 0; i < total.length; i++) {
      total[i] = fee.sums[i] + fund.sums[i];
    }
    XYChart c = timeChart("Costs per week (positive = paid" + fee.partialNote() + ")", "% of NAV", 300, r);
    step(c, "fees and slippage", fee.starts, fee.sums, 100, RED, r);
    step(c, "funding", fund.starts, fund.sums, 100, ORANGE, r);
    step(c, "total", fee.starts, total, 100, DARK, r);
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Exposure held over each bar: long ({@code sum of w > 0}), short ({@code sum of w < 0}), net ({@code sum w}) and
   * gross ({@code sum |w|}), in percent of NAV.
   *
   * @param r the ledger
   * @return the chart
   */
  public static BufferedImage exposure(BacktestResult r) {
    List<Date> x = dates(r);
    double[] l = r.longExposure();
    double[] s = r.shortExposure();
    List<Double> ll = new ArrayList<>(l.length);
    List<Double> ss = new ArrayList<>(l.length);
    List<Double> net = new ArrayList<>(l.length);
    List<Double> gross = new ArrayList<>(l.length);
    for (int i = 0; i < l.length; i++) {
      ll.add(100 * l[i]);
      ss.add(100 * s[i]);
      net.add(100 * (l[i] + s[i]));
      gross.add(100 * (l[i] - s[i]));
    }
    XYChart c = timeChart("Exposure (sum of weights held over each bar)", "% of NAV", 320, r);
    line(c, "gross", x, gross, GREY);
    line(c, "long", x, ll, GREEN);
    line(c, "short", x, ss, RED);
    line(c, "net", x, net, BLUE);
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Heat map of a value over a two-parameter grid (e.g. a grid search objective), each cell labelled with its value.
   * Colours: one diverging red-white-green scale centred on 0, symmetric at the largest |value| (also when all values
   * share one sign).
   *
   * @param title chart title
   * @param xLabel x axis title (the first parameter)
   * @param xTicks labels of the columns of {@code z}, left to right
   * @param yLabel y axis title (the second parameter)
   * @param yTicks labels of the rows of {@code z}, bottom to top
   * @param z values {@code [y][x]}, NaN = empty cell; not modified
   * @param zLabel name of the value (legend title)
   * @return the chart
   * @throws IllegalArgumentException if {@code z} is empty or its shape is not {@code yTicks.size() x xTicks.size()}
   */
  public static BufferedImage heatmap(String title, String xLabel, List<String> xTicks, String yLabel,
      List<String> yTicks, double[][] z, String zLabel) {
    int ny = yTicks.size();
    int nx = xTicks.size();
    if (nx == 0 || ny == 0) {
      throw new IllegalArgumentException("Arguments 'xTicks' and 'yTicks' must not be empty, were " + nx + " and "
          + ny);
    }
    if (z.length != ny) {
      throw new IllegalArgumentException("Argument 'z' must have " + ny + " rows (yTicks), was " + z.length);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    List<Number[]> cells = new ArrayList<>();
    for (int y = 0; y < ny; y++) {
      if (z[y].length != nx) {
        throw new IllegalArgumentException("Argument 'z' row " + y + " must have " + nx + " columns (xTicks), was "
            + z[y].length);
      }
      for (int x = 0; x < nx; x++) {
        double v = z[y][x];
        if (Double.isFinite(v)) {
          cells.add(new Number[] {x, y, v});
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    int h = Math.max(300, Math.min(900, 130 + 42 * ny));
    int w = Math.max(500, Math.min(WIDTH, 260 + 80 * nx));
    boolean named = zLabel == null || zLabel.isBlank()
        || title.toLowerCase(Locale.ROOT).contains(zLabel.toLowerCase(Locale.ROOT));
    String fullTitle = named ? title : title + " (colour: " + zLabel + ")";
    HeatMapChart c = new HeatMapChartBuilder().width(w).height(h).title(fullTitle).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    HeatMapStyler s = c.getStyler();
    style(s);
    // empty (NaN) cells show the grey plot background, distinct from the white of a value near 0
    s.setPlotBackgroundColor(EMPTY_CELL);
    s.setPlotGridLinesVisible(false);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setShowValue(true);
    s.setDrawBorder(true);
    s.setPlotContentSize(1.0);
    s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, nx > 12 ? 9 : 11));
    s.setValueFontColor(Color.BLACK);
    String pattern = pattern(min, max);
    s.setHeatMapValueDecimalPattern(pattern);
    if (cells.isEmpty()) {
      min = 0;
      max = 1;
    } else if (!(max > min)) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.01;
      min -= pad;
      max += pad;
    }
    // round the colour range outwards to the displayed decimals, so the legend shows short numbers
    double unit = Math.pow(10, -(pattern.length() > 2 ? pattern.length() - 2 : 0));
    min = Math.floor(min / unit) * unit;
    max = Math.ceil(max / unit) * unit;
    // one diverging scale centred at zero, also when every value has one sign (an all-negative map reads red)
    double a = Math.max(Math.abs(min), Math.abs(max));
    s.setMin(-a);
    s.setMax(a);
    s.setRangeColors(new Color[] {new Color(215, 48, 39), new Color(252, 141, 89), Color.WHITE,
        new Color(145, 207, 96), new Color(26, 152, 80)});
    if (cells.isEmpty()) {
      // XChart refuses an empty heat map: draw the frame with a note instead
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setColor(DARK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(fullTitle, 20, 30);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString("no finite value to show (" + ny + " x " + nx + " cells, all NaN)", 20, 60);
      g.dispose();
      return img;
    }
    c.addSeries(zLabel, xTicks, yTicks, cells);
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Scatter plot of paired values (e.g. in-sample vs out-of-sample objective of each grid point), optionally with
   * the diagonal {@code y = x} over the joint range. Pairs with a NaN coordinate are skipped.
   *
   * @param title chart title
   * @param xLabel x axis title
   * @param x x values; not modified
   * @param yLabel y axis title
   * @param y y values, same length; not modified
   * @param diagonal draw the line {@code y = x}
   * @return the chart
   * @throws IllegalArgumentException if the lengths differ or no pair is finite
   */
  public static BufferedImage scatter(String title, String xLabel, double[] x, String yLabel, double[] y,
      boolean diagonal) {
    Checks.sameLength(y.length, x.length, "y");
    List<Double> xs = new ArrayList<>(x.length);
    List<Double> ys = new ArrayList<>(x.length);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
        lo = Math.min(lo, Math.min(x[i], y[i]));
        hi = Math.max(hi, Math.max(x[i], y[i]));
      }
    }
    if (xs.isEmpty()) {
      throw new IllegalArgumentException("Arguments 'x' and 'y' must have at least one finite pair, had none of "
          + x.length);
    }
    XYChart c = new XYChartBuilder().width(700).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
        .build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setMarkerSize(7);
    XYSeries p = c.addSeries(xs.size() + " points", xs, ys);
    p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    p.setMarker(SeriesMarkers.CIRCLE);
    p.setMarkerColor(new Color(31, 119, 180, 170));
    if (diagonal) {
      double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-9, Math.abs(hi) * 0.05 + 1e-9);
      // same range on both axes, so the diagonal runs corner to corner at 45 degrees
      c.getStyler().setXAxisMin(lo - pad);
      c.getStyler().setXAxisMax(hi + pad);
      c.getStyler().setYAxisMin(lo - pad);
      c.getStyler().setYAxisMax(hi + pad);
      XYSeries d = c.addSeries("y = x", List.of(lo - pad, hi + pad), List.of(lo - pad, hi + pad));
      d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      d.setMarker(SeriesMarkers.NONE);
      d.setLineColor(GREY);
      d.setLineStyle(DASHED);
    }
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Writes {@code equity.png}: the equity chart above the drawdown chart.
   *
   * @param file target PNG
   * @param r the ledger
   * @throws UncheckedIOException naming the path on failure
   */
  public static void writeEquityPng(Path file, BacktestResult r) {
    BufferedImage top = equity(r);
    BufferedImage bottom = drawdown(r);
    BufferedImage out = new BufferedImage(WIDTH, top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(top, 0, 0, null);
    g.drawImage(bottom, 0, top.getHeight(), null);
    g.dispose();
    try {
      ImageIO.write(out, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the image as PNG bytes */
  public static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      ImageIO.write(image, "png", bos);
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setLegendBorderColor(new Color(210, 210, 210));
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setAntiAlias(true);
    if (s instanceof AxesChartStyler a) {
      a.setPlotGridLinesColor(new Color(225, 225, 225));
      a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      a.setPlotBorderColor(new Color(200, 200, 200));
      a.setMarkerSize(0);
      a.setTimezone(TimeZone.getTimeZone("UTC"));
      a.setLocale(Locale.ROOT);
    }
  }

  private static XYChart timeChart(String title, String yTitle, int height, BacktestResult r) {
    // the legend sits below the plot, in one row, so it never hides the start of a curve
    XYChart c = new XYChartBuilder().width(WIDTH).height(height + 30).title(title).yAxisTitle(yTitle).build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    c.getStyler().setDatePattern("yyyy-MM-dd");
    // every time chart spans the whole run (from NAV = 1 to the last close), so the charts line up
    long[] t = r.closeTimesMs();
    c.getStyler().setXAxisMin((double) (t[0] - r.interval().millis()));
    c.getStyler().setXAxisMax((double) t[t.length - 1]);
    return c;
  }

  private static XYSeries line(XYChart c, String name, List<Date> x, List<Double> y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setFillColor(color);
    s.setLineWidth(1.2f);
    return s;
  }

  private static void addFinite(XYChart c, String name, long[] t, double[] v, double scale, Color color) {
    List<Date> x = new ArrayList<>(t.length);
    List<Double> y = new ArrayList<>(t.length);
    for (int i = 0; i < t.length; i++) {
      if (Double.isFinite(v[i])) {
        x.add(new Date(t[i]));
        y.add(scale * v[i]);
      }
    }
    if (x.isEmpty()) {
      // too few bars for one window: an empty axis over the run with a note in the legend
      x.add(new Date(t[0]));
      x.add(new Date(t[t.length - 1]));
      y.add(0.0);
      y.add(0.0);
      name = name + ": fewer bars than one window";
    }
    line(c, name, x, y, color);
  }

  private static void zeroLine(XYChart c, long[] t, int from) {
    if (t.length > from + 1) {
      XYSeries z = line(c, "zero", List.of(new Date(t[Math.max(0, from)]), new Date(t[t.length - 1])),
          List.of(0.0, 0.0), GREY);
      z.setShowInLegend(false);
      z.setLineWidth(0.8f);
    }
  }

  private static void vline(XYChart c, String name, double x, double ymax, Color color) {
    XYSeries s = c.addSeries(name, List.of(x, x), List.of(0.0, ymax * 1.02));
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(DASHED);
  }

  private static void step(XYChart c, String name, long[] starts, double[] v, double scale, Color color,
      BacktestResult r) {
    // explicit steps: value v[i] held from starts[i] to starts[i] + 7 days, clipped to the run
    long[] t = r.closeTimesMs();
    long from = t[0] - r.interval().millis();
    long to = t[t.length - 1];
    List<Date> x = new ArrayList<>(2 * starts.length);
    List<Double> y = new ArrayList<>(2 * starts.length);
    for (int i = 0; i < starts.length; i++) {
      x.add(new Date(Math.max(from, starts[i])));
      y.add(scale * v[i]);
      x.add(new Date(Math.min(to, starts[i] + 7 * DAY_MS - 1)));
      y.add(scale * v[i]);
    }
    line(c, name, x, y, color);
  }

  /**
   * Sums per ISO week (Monday 00:00 UTC) of bar open times; weeks without bars in between are 0. The first and last
   * weeks are partial when the run starts after their Monday or ends before their end.
   */
  record Weekly(long[] starts, double[] sums, boolean firstPartial, boolean lastPartial) {
    double[] fullWeeks() {
      int from = firstPartial ? 1 : 0;
      int to = lastPartial ? sums.length - 1 : sums.length;
      return to > from ? Arrays.copyOfRange(sums, from, to) : new double[0];
    }

    String partialNote() {
      return firstPartial && lastPartial ? "; first and last weeks partial"
          : firstPartial ? "; first week partial" : lastPartial ? "; last week partial" : "";
    }
  }

  static Weekly weekly(BacktestResult r, double[] v) {
    long[] t = r.closeTimesMs();
    long step = r.interval().millis();
    long first = weekStart(t[0] - step);
    long last = weekStart(t[t.length - 1] - step);
    int nw = (int) ((last - first) / (7 * DAY_MS)) + 1;
    long[] starts = new long[nw];
    double[] sums = new double[nw];
    for (int i = 0; i < nw; i++) {
      starts[i] = first + i * 7 * DAY_MS;
    }
    for (int i = 0; i < t.length; i++) {
      int k = (int) ((t[i] - step - first) / (7 * DAY_MS));
      sums[k] += v[i];
    }
    boolean firstPartial = t[0] - step > first;
    boolean lastPartial = t[t.length - 1] < last + 7 * DAY_MS;
    return new Weekly(starts, sums, firstPartial, lastPartial);
  }

  private static long weekStart(long epochMs) {
    LocalDate d = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate monday = d.minusDays(d.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
    return monday.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static String pattern(double min, double max) {
    double a = Math.max(Math.abs(min), Math.abs(max));
    if (!Double.isFinite(a) || a == 0) {
      return "0.00";
    }
    if (a >= 100) {
      return "0";
    }
    if (a >= 10) {
      return "0.0";
    }
    if (a >= 0.1) {
      return "0.00";
    }
    return "0.0000";
  }

  /** A dashed horizontal line at a full-period value from the end of the rolling warm-up to the last bar. */
  private static void fullPeriodLine(XYChart c, String label, long[] t, int w, double value) {
    if (Double.isFinite(value) && t.length > w) {
      XYSeries ref = line(c, label, List.of(new Date(t[w - 1]), new Date(t[t.length - 1])), List.of(value, value),
          DARK);
      ref.setLineStyle(DASHED);
    }
  }

  private static double sharpeOf(double[] x, double ppy) {
    double sd = stdev(x);
    return sd > 0 ? mean(x) / sd * Math.sqrt(ppy) : Double.NaN;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  private static double stdev(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  private static List<Date> dates(BacktestResult r) {
    long[] t = r.closeTimesMs();
    List<Date> x = new ArrayList<>(t.length);
    for (long v : t) {
      x.add(new Date(v));
    }
    return x;
  }
}
