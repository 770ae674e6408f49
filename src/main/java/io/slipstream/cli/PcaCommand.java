package io.slipstream.cli;

import io.slipstream.analytics.report.Charts;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import io.slipstream.factor.FactorHistory;
import io.slipstream.factor.FactorModel;
import io.slipstream.factor.FactorPipeline;
import io.slipstream.factor.PcaConfig;
import io.slipstream.factor.VolumeWeighting;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipstream pca}: timescale-matched PCA factors ({@link FactorPipeline}) for one or more horizons H, written
 * to an output folder (all or nothing): {@code loadings.parquet}, {@code factor_returns.parquet},
 * {@code betas.parquet}, {@code explained_variance.csv} and a self-contained {@code report.html}.
 */
@Command(name = "pca", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream pca --H 4h,24h --K 30 --data ../shared/data/hyperliquid --out reports/pca", sortOptions = false,
    description = {"Timescale-matched PCA factors of the lake's candles: H-hour log returns (sampled every bar), "
        + "a rolling K x H-hour window, volume-weighted, eigen-decomposed at every close time that is a multiple "
        + "of H. Writes to --out (all or nothing):",
        "  loadings.parquet        time, horizon_hours, coin, factor (1 = PC1, the market), loading",
        "  factor_returns.parquet  time, horizon_hours, factor, return: each factor over (t_j, t_j+1]",
        "                          with the loadings estimated at t_j (out of sample; time = t_j+1)",
        "  betas.parquet           time, horizon_hours, coin, beta (on PC1, over the window)",
        "  explained_variance.csv  horizon_hours, factor, mean/median/last ratio, n_estimations, mean_coins",
        "  report.html             explained variance per H, PC1 loadings and PC1 share over time"})
final class PcaCommand implements Callable<Integer> {
  @Option(names = "--H", arity = "1..*", split = ",", paramLabel = "HOURS", converter = OptionSyntax.Hours.class,
      defaultValue = "4h,8h,12h,24h,48h", description = "horizons H, comma-separated, in hours (4h; a bare 4 is "
          + "hours too), multiples of the interval (default: ${DEFAULT-VALUE})")
  List<Integer> horizons;

  @Option(names = "--K", paramLabel = "PERIODS", defaultValue = "30",
      description = "lookback in H-periods: the window holds K x H hours (default: ${DEFAULT-VALUE})")
  int lookbackPeriods;

  @Option(names = "--weight-method", paramLabel = "METHOD", defaultValue = "sqrt_dollar",
      description = "volume weighting: none, sqrt, log, sqrt_dollar (default: ${DEFAULT-VALUE}: dollar volume; "
          + "sqrt weights by base-asset volume, which low-priced coins dominate)")
  String weightMethod;

  @Option(names = "--volume-window", paramLabel = "PERIODS", defaultValue = "60",
      description = "H-periods averaged for the mean volume of the weights (default: ${DEFAULT-VALUE})")
  int volumeWindowPeriods;

  @Option(names = "--factors", defaultValue = "3", description = "principal components kept (default: "
      + "${DEFAULT-VALUE})")
  int factors;

  @Option(names = "--interval", defaultValue = "4h", description = "base bar interval of the candles "
      + "(default: ${DEFAULT-VALUE})")
  String interval;

  @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_HELP)
  Path data;

  @Option(names = "--start", description = "first estimation time, exclusive (ISO-8601, e.g. 2024-01-01); "
      + "earlier bars still serve as lookback")
  String start;

  @Option(names = "--end", description = "last estimation time, inclusive (ISO-8601)")
  String end;

  @Option(names = "--out", defaultValue = "reports/pca", description = "output folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Mixin
  OutputDir.ForceOption force;

  /** One horizon's result. */
  private record Run(int horizonHours, FactorHistory history) {
  }

  @Override
  public Integer call() {
    PrintStream stdout = System.out;
    BarInterval bi = parseInterval();
    VolumeWeighting weighting = parseWeighting();
    List<PcaConfig> configs = configs(bi, weighting);
    long after = start == null ? Long.MIN_VALUE : ConfigParser.parseInstant("--start", start).toEpochMilli();
    long until = end == null ? Long.MAX_VALUE : ConfigParser.parseInstant("--end", end).toEpochMilli();
    if (start != null && end != null && after >= until) {
      throw new ConfigException("--start", "start " + start + " must be before end " + end);
    }
    DataFiles.requireCandles(data, bi, "--interval");
    long t0 = System.nanoTime();
    List<Run> runs = new ArrayList<>();
    try (OutputDir dir = OutputDir.open(out, "pca", force.force, data);
        Progress pb = new Progress("pca", configs.size() + 3)) {
      pb.setExtraMessage("loading " + bi.label() + " candles");
      MarketData md = Lake.load(data, bi, false);
      pb.step();
      for (PcaConfig cfg : configs) {
        pb.setExtraMessage("H = " + cfg.horizonHours() + " h: " + cfg.windowObservations(bi) + " obs per window");
        FactorHistory h = FactorPipeline.run(md, cfg, after, until);
        if (h.models().isEmpty()) {
          throw new DataException("H = " + cfg.horizonHours() + " h: no estimation time"
              + window(start, end) + " has " + (cfg.nFactors() + 1) + " or more coins with a complete window of "
              + cfg.windowObservations(bi) + " " + bi.label() + " bars (" + h.skippedRows().length
              + " times skipped); use a shorter --K or a later --start");
        }
        runs.add(new Run(cfg.horizonHours(), h));
        pb.step();
      }
      pb.setExtraMessage("writing loadings, factor returns, betas");
      writeLoadings(dir.file("loadings.parquet"), runs, md.coins());
      writeFactorReturns(dir.file("factor_returns.parquet"), runs);
      writeBetas(dir.file("betas.parquet"), runs, md.coins());
      List<Summary> summaries = summaries(runs);
      writeExplainedVariance(dir.file("explained_variance.csv"), summaries);
      pb.step();
      pb.setExtraMessage("charts and report");
      writeReport(dir.file("report.html"), runs, summaries, parameters(bi, weighting));
      pb.step();
      dir.commit();
      pb.setExtraMessage("done");
      pb.close();
      stdout.print(summaryTable(runs, summaries, bi, md, dir.target(), (System.nanoTime() - t0) / 1e9));
      stdout.flush();
    }
    return 0;
  }

  private BarInterval parseInterval() {
    try {
      return BarInterval.of(interval);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("--interval: " + e.getMessage());
    }
  }

  private VolumeWeighting parseWeighting() {
    try {
      return VolumeWeighting.of(weightMethod);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("--weight-method: " + e.getMessage());
    }
  }

  private List<PcaConfig> configs(BarInterval bi, VolumeWeighting weighting) {
    if (horizons == null || horizons.isEmpty()) {
      throw new Main.UsageException("--H: give at least one horizon in hours");
    }
    if (lookbackPeriods < 1) {
      throw new Main.UsageException("--K must be >= 1, was " + lookbackPeriods);
    }
    if (factors < 1) {
      throw new Main.UsageException("--factors must be >= 1, was " + factors);
    }
    if (volumeWindowPeriods < 1) {
      throw new Main.UsageException("--volume-window must be >= 1, was " + volumeWindowPeriods);
    }
    List<PcaConfig> out = new ArrayList<>();
    for (int hh : horizons.stream().distinct().sorted().toList()) {
      if (hh <= 0 || hh % bi.hours() != 0) {
        throw new Main.UsageException("--H " + hh + " is not a positive multiple of the " + bi.label()
            + " interval (" + bi.hours() + " h)");
      }
      PcaConfig cfg = new PcaConfig(hh, lookbackPeriods, weighting, volumeWindowPeriods, factors,
          PcaConfig.DEFAULT_RIDGE);
      if (cfg.windowObservations(bi) < factors + 1) {
        throw new Main.UsageException("--K " + lookbackPeriods + " with --H " + hh + " gives "
            + cfg.windowObservations(bi) + " observations per window, fewer than --factors + 1 = " + (factors + 1));
      }
      out.add(cfg);
    }
    return out;
  }

  private static String window(String start, String end) {
    if (start == null && end == null) {
      return "";
    }
    return " in (" + (start == null ? "data start" : start) + ", " + (end == null ? "data end" : end) + "]";
  }

  private Map<String, String> parameters(BarInterval bi, VolumeWeighting w) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("data", data.toString());
    p.put("interval", bi.label());
    p.put("horizons H (hours)", horizons.stream().distinct().sorted().toList().toString());
    p.put("lookback K (H-periods)", String.valueOf(lookbackPeriods));
    p.put("weight method", w.configName());
    p.put("volume window (H-periods)", String.valueOf(volumeWindowPeriods));
    p.put("factors", String.valueOf(factors));
    p.put("ridge eps", String.valueOf(PcaConfig.DEFAULT_RIDGE));
    p.put("start (exclusive)", start == null ? "(data start)" : start);
    p.put("end (inclusive)", end == null ? "(data end)" : end);
    return p;
  }

  // ------------------------------------------------------------------------------------------------ files

  private static void writeLoadings(Path file, List<Run> runs, List<String> coins) {
    int n = 0;
    for (Run r : runs) {
      for (FactorModel m : r.history().models()) {
        n += m.size() * m.nFactors();
      }
    }
    long[] time = new long[n];
    long[] horizon = new long[n];
    int[] coin = new int[n];
    long[] factor = new long[n];
    double[] loading = new double[n];
    int i = 0;
    for (Run r : runs) {
      for (FactorModel m : r.history().models()) {
        int[] cols = m.columns();
        for (int f = 0; f < m.nFactors(); f++) {
          double[] l = m.loadings(f);
          for (int k = 0; k < cols.length; k++) {
            time[i] = m.estimatedAtMs();
            horizon[i] = r.horizonHours();
            coin[i] = cols[k];
            factor[i] = f + 1;
            loading[i] = l[k];
            i++;
          }
        }
      }
    }
    ParquetIo.write(file, Table.builder().timestamps("time", time).longs("horizon_hours", horizon)
        .codedStrings("coin", coin, coins).longs("factor", factor).doubles("loading", loading).build());
  }

  private static void writeFactorReturns(Path file, List<Run> runs) {
    int n = 0;
    for (Run r : runs) {
      n += Math.max(0, r.history().models().size() - 1) * r.history().config().nFactors();
    }
    long[] time = new long[n];
    long[] horizon = new long[n];
    long[] factor = new long[n];
    double[] ret = new double[n];
    int i = 0;
    for (Run r : runs) {
      long[] times = r.history().estimationTimesMs();
      int nf = r.history().config().nFactors();
      double[][] byFactor = new double[nf][];
      for (int f = 0; f < nf; f++) {
        byFactor[f] = r.history().outOfSampleFactorReturns(f);
      }
      for (int j = 0; j + 1 < times.length; j++) {
        for (int f = 0; f < nf; f++) {
          time[i] = times[j + 1];
          horizon[i] = r.horizonHours();
          factor[i] = f + 1;
          ret[i] = byFactor[f][j];
          i++;
        }
      }
    }
    ParquetIo.write(file, Table.builder().timestamps("time", time).longs("horizon_hours", horizon)
        .longs("factor", factor).doubles("return", ret).build());
  }

  private static void writeBetas(Path file, List<Run> runs, List<String> coins) {
    int n = 0;
    for (Run r : runs) {
      for (FactorModel m : r.history().models()) {
        n += m.size();
      }
    }
    long[] time = new long[n];
    long[] horizon = new long[n];
    int[] coin = new int[n];
    double[] beta = new double[n];
    int i = 0;
    for (Run r : runs) {
      for (FactorModel m : r.history().models()) {
        int[] cols = m.columns();
        double[] b = m.betas();
        for (int k = 0; k < cols.length; k++) {
          time[i] = m.estimatedAtMs();
          horizon[i] = r.horizonHours();
          coin[i] = cols[k];
          beta[i] = b[k];
          i++;
        }
      }
    }
    ParquetIo.write(file, Table.builder().timestamps("time", time).longs("horizon_hours", horizon)
        .codedStrings("coin", coin, coins).doubles("beta", beta).build());
  }

  /** Explained-variance statistics of one factor at one horizon. */
  private record Summary(int horizonHours, int factor, double mean, double median, double last, int n,
      double meanCoins, int windowObs, int skipped) {
  }

  private static List<Summary> summaries(List<Run> runs) {
    List<Summary> out = new ArrayList<>();
    for (Run r : runs) {
      List<FactorModel> ms = r.history().models();
      double coinsSum = 0;
      for (FactorModel m : ms) {
        coinsSum += m.size();
      }
      for (int f = 0; f < r.history().config().nFactors(); f++) {
        double[] x = new double[ms.size()];
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
          x[j] = ms.get(j).explainedVarianceRatio(f);
          sum += x[j];
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int m = sorted.length;
        double median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
        out.add(new Summary(r.horizonHours(), f + 1, sum / m, median, x[m - 1], m, coinsSum / m,
            r.history().windowObservations(), r.history().skippedRows().length));
      }
    }
    return out;
  }

  private static void writeExplainedVariance(Path file, List<Summary> summaries) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("horizon_hours,factor,mean_ratio,median_ratio,last_ratio,n_estimations,mean_coins\n");
      for (Summary s : summaries) {
        w.write(s.horizonHours() + "," + s.factor() + "," + s.mean() + "," + s.median() + "," + s.last() + ","
            + s.n() + "," + s.meanCoins() + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String summaryTable(List<Run> runs, List<Summary> summaries, BarInterval bi, MarketData md,
      Path outDir, double seconds) {
    StringBuilder sb = new StringBuilder();
    int nf = runs.get(0).history().config().nFactors();
    sb.append(String.format(Locale.ROOT, "PCA factors, %s bars, %d coins, K = %d, weights %s%n", bi.label(),
        md.coins().size(), runs.get(0).history().config().lookbackPeriods(),
        runs.get(0).history().config().weighting().configName()));
    sb.append(String.format(Locale.ROOT, "%6s %6s %7s %7s %7s", "H", "T obs", "models", "skipped", "coins"));
    for (int f = 1; f <= nf; f++) {
      sb.append(String.format(Locale.ROOT, " %8s", "PC" + f + " mean"));
    }
    sb.append(String.format(Locale.ROOT, " %8s  %s%n", "PC1 last", "last estimation"));
    for (Run r : runs) {
      List<Summary> rs = summaries.stream().filter(s -> s.horizonHours() == r.horizonHours()).toList();
      Summary s1 = rs.get(0);
      sb.append(String.format(Locale.ROOT, "%5dh %6d %7d %7d %7.1f", r.horizonHours(), s1.windowObs(), s1.n(),
          s1.skipped(), s1.meanCoins()));
      for (Summary s : rs) {
        sb.append(String.format(Locale.ROOT, " %7.1f%%", 100 * s.mean()));
      }
      List<FactorModel> ms = r.history().models();
      sb.append(String.format(Locale.ROOT, " %7.1f%%  %s%n", 100 * s1.last(), ms.get(ms.size() - 1).estimatedAt()));
    }
    sb.append(String.format(Locale.ROOT, "wrote %s (%.1f s)%n", outDir, seconds));
    return sb.toString();
  }

  // ------------------------------------------------------------------------------------------------ report

  private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
      new Color(127, 127, 127)};

  /** PC1 loadings of the last model of one horizon, sorted descending, one bar per coin. */
  static BufferedImage loadingsChart(int horizonHours, FactorModel m) {
    double[] l = m.loadings(0);
    Integer[] idx = new Integer[l.length];
    for (int k = 0; k < l.length; k++) {
      idx[k] = k;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(l[b], l[a]));
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int k : idx) {
      names.add(m.coins().get(k));
      values.add(l[k]);
    }
    CategoryChart c = new CategoryChartBuilder().width(1100).height(420)
        .title(String.format(Locale.ROOT, "PC1 loadings, H = %d h, estimated at %s (%d coins, PC1 explains %.1f%%)",
            horizonHours, m.estimatedAt(), m.size(), 100 * m.explainedVarianceRatio(0)))
        .yAxisTitle("loading").build();
    CategoryStyler s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setLegendVisible(false);
    c.getStyler().setXAxisLabelRotation(90);
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, names.size() > 120 ? 7 : 9));
    c.getStyler().setAvailableSpaceFill(0.8);
    c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    CategorySeries cs = c.addSeries("PC1", names, values);
    cs.setFillColor(PALETTE[0]);
    return BitmapEncoder.getBufferedImage(c);
  }

  /** PC1 explained-variance ratio of every model, one line per horizon. */
  static BufferedImage ratioChart(List<Run> runs) {
    XYChart c = new XYChartBuilder().width(1100).height(380).title("PC1 explained-variance ratio over time")
        .yAxisTitle("% of total variance").build();
    XYStyler s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setLegendPosition(Styler.LegendPosition.InsideSW);
    c.getStyler().setDatePattern("yyyy-MM");
    c.getStyler().setMarkerSize(0);
    int i = 0;
    for (Run r : runs) {
      List<Date> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      long step = r.horizonHours() * 3_600_000L;
      long prev = Long.MIN_VALUE;
      for (FactorModel m : r.history().models()) {
        if (prev != Long.MIN_VALUE && m.estimatedAtMs() - prev > step) {
          // skipped estimation times: break the line instead of bridging the gap
          x.add(new Date(prev + step));
          y.add(Double.NaN);
        }
        x.add(new Date(m.estimatedAtMs()));
        y.add(100 * m.explainedVarianceRatio(0));
        prev = m.estimatedAtMs();
      }
      XYSeries xs = c.addSeries("H = " + r.horizonHours() + " h", x, y);
      xs.setMarker(SeriesMarkers.NONE);
      xs.setLineColor(PALETTE[i % PALETTE.length]);
      xs.setLineWidth(1.2f);
      i++;
    }
    return BitmapEncoder.getBufferedImage(c);
  }

  private static void writeReport(Path file, List<Run> runs, List<Summary> summaries, Map<String, String> params) {
    StringBuilder h = new StringBuilder(1 << 20);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PCA factors</title>\n")
        .append("<style>body{font-family:system-ui,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;"
            + "max-width:1150px}table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ddd;"
            + "padding:4px 10px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}"
            + "img{max-width:100%}.grid{display:flex;gap:32px;flex-wrap:wrap}p.note{color:#555;max-width:1000px}"
            + "</style></head><body>\n<h1>Timescale-matched PCA factors</h1>\n");
    h.append("<p class=\"note\">H-hour log returns r<sup>H</sup><sub>t</sub> = ln(C<sub>t</sub>/C<sub>t-h</sub>) "
        + "sampled at every bar, a window of K&times;H hours (T = K&middot;h observations), weighted by volume "
        + "(weights normalised to mean 1 per row), demeaned, covariance + ridge, eigen-decomposed at every close "
        + "time that is a multiple of H. A coin enters the estimation set only with a complete window. Loadings "
        + "are unit-norm with the BTC loading positive; PC1 is the market factor. Strictly causal: the model at "
        + "t uses bars closed at or before t.</p>\n<div class=\"grid\"><div><h2>Explained variance</h2><table><tr>"
        + "<th>H</th><th>factor</th><th>mean</th><th>median</th><th>last</th><th>estimations</th>"
        + "<th>mean coins</th><th>T obs</th></tr>");
    for (Summary s : summaries) {
      h.append("<tr><td>").append(s.horizonHours()).append(" h</td><td>PC").append(s.factor()).append("</td><td>")
          .append(pct(s.mean())).append("</td><td>").append(pct(s.median())).append("</td><td>")
          .append(pct(s.last())).append("</td><td>").append(s.n()).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f", s.meanCoins())).append("</td><td>").append(s.windowObs())
          .append("</td></tr>");
    }
    h.append("</table></div><div><h2>Parameters</h2><table><tr><th>key</th><th>value</th></tr>");
    for (Map.Entry<String, String> e : params.entrySet()) {
      h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(e.getValue()))
          .append("</td></tr>");
    }
    h.append("</table></div></div>\n");
    img(h, "PC1 explained-variance ratio over time", Charts.png(ratioChart(runs)));
    for (Run r : runs) {
      List<FactorModel> ms = r.history().models();
      img(h, "PC1 loadings at the last estimation, H = " + r.horizonHours() + " h",
          Charts.png(loadingsChart(r.horizonHours(), ms.get(ms.size() - 1))));
    }
    h.append("<p class=\"note\">Generated by Slipstream <code>pca</code>. Times are bar close times (UTC). "
        + "Ratios are eigenvalue / trace of the ridged covariance of the weighted returns.</p></body></html>\n");
    try {
      Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void img(StringBuilder h, String title, byte[] png) {
    h.append("<h2>").append(esc(title)).append("</h2><img alt=\"").append(esc(title))
        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">\n");
  }

  private static String pct(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f%%", 100 * x) : "n/a";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
