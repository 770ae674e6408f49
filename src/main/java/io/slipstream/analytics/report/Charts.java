package io.slipstream.analytics.report;

import io.slipstream.backtest.BacktestResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a ledger, drawn headless with XChart: equity (NAV, net and gross of costs), underwater drawdown,
 * and the cumulative cost and funding breakdown. Times on the x axis are bar close times (UTC).
 */
public final class Charts {
  private static final int WIDTH = 1100;

  private Charts() {
  }

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** @return the equity chart: NAV after costs and the NAV of gross returns alone, log-free linear scale */
  public static BufferedImage equity(BacktestResult r) {
    List<Date> x = dates(r);
    double[] nav = r.nav();
    double[] g = r.grossReturns();
    List<Double> netNav = new ArrayList<>(nav.length);
    List<Double> grossNav = new ArrayList<>(nav.length);
    double gn = 1;
    for (int i = 0; i < nav.length; i++) {
      gn *= 1 + g[i];
      netNav.add(nav[i]);
      grossNav.add(gn);
    }
    XYChart c = chart("Equity (NAV, starts at 1)", "NAV", 380);
    line(c, "net of fees and funding", x, netNav, new Color(31, 119, 180));
    line(c, "gross (before costs)", x, grossNav, new Color(150, 150, 150));
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
    XYChart c = chart("Drawdown", "% from peak", 240);
    XYSeries s = line(c, "drawdown", x, dd, new Color(214, 39, 40));
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
    XYChart c = chart("Cumulative P&L by source (sum of per-bar returns)", "% of NAV", 320);
    line(c, "gross (price)", x, cg, new Color(44, 160, 44));
    line(c, "funding", x, cf, new Color(255, 127, 14));
    line(c, "fees and slippage", x, cfee, new Color(214, 39, 40));
    line(c, "net", x, cn, new Color(31, 119, 180));
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

  private static XYChart chart(String title, String yTitle, int height) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).yAxisTitle(yTitle).build();
    Styler s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    c.getStyler().setDatePattern("yyyy-MM");
    c.getStyler().setMarkerSize(0);
    return c;
  }

  private static XYSeries line(XYChart c, String name, List<Date> x, List<Double> y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setFillColor(color);
    return s;
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
