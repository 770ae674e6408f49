package io.slipstream.cli;

import io.slipstream.analytics.report.Charts;
import io.slipstream.analytics.report.HtmlPage;
import io.slipstream.backtest.search.GridEvaluator;
import io.slipstream.backtest.search.GridSpec;
import io.slipstream.backtest.search.GridSummary;
import io.slipstream.backtest.search.PeriodStats;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes a grid search's charts ({@code heatmap.png}: mean in-sample objective over two keys, {@code is_oos.png}:
 * in-sample vs out-of-sample objective per configuration) and its self-contained {@code report.html} into the run
 * folder (each file atomically).
 */
final class GridReportFiles {
  private static final int TOP = 20;

  private GridReportFiles() {
  }

  static void write(Path outDir, String title, GridEvaluator ev, GridSummary s, GridSummary.Values v, int[] axes) {
    GridSpec spec = ev.spec();
    String obj = s.objective().key();
    boolean hasOos = ev.inSampleBars() < ev.bookedBars();
    HtmlPage page = new HtmlPage("Grid search: " + title);
    page.heading("Grid search: " + title);
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("configurations", s.configurations() + " (" + String.join(" x ", describeKeys(spec)) + ")");
    kv.put("failed", s.failed() == 0 ? "0" : s.failed() + " (first: " + s.firstError() + ")");
    kv.put("strategy / interval", ev.baseConfig().strategy() + " / " + ev.baseConfig().interval().label());
    kv.put("booked bars", ev.bookedBars() + " (in sample " + ev.inSampleBars() + ", out of sample "
        + (ev.bookedBars() - ev.inSampleBars()) + ")");
    kv.put("objective (chosen in sample)", obj);
    kv.put("best configuration", s.bestId() + " " + s.bestParams());
    kv.put("net Sharpe in / out of sample / whole", fmt(s.bestInSample().sharpe()) + " / "
        + fmt(s.bestOutOfSample().sharpe()) + " / " + fmt(s.bestFull().sharpe()));
    if (hasOos) {
      kv.put("out-of-sample rank of the best", s.outOfSampleRank() + " of " + (s.configurations() - s.failed()));
    }
    kv.put("deflated Sharpe ratio", String.format(Locale.ROOT, "%.3f (trials %d, expected max Sharpe per bar %.4f, "
        + "observed %.4f, skew %.2f, kurtosis %.2f)", s.deflatedSharpe().deflatedSharpe(),
        s.deflatedSharpe().trials(), s.deflatedSharpe().benchmarkSharpe(), s.deflatedSharpe().sharpe(),
        s.deflatedSharpe().skew(), s.deflatedSharpe().kurtosis()));
    if (s.pbo() != null) {
      kv.put("probability of backtest overfitting", String.format(Locale.ROOT, "%.3f (CSCV, %d blocks, %d "
          + "combinations); P(out-of-sample loss) %.3f; degradation slope %.2f", s.pbo().pbo(), s.pbo().blocks(),
          s.pbo().combinations(), s.pbo().probabilityOfOosLoss(), s.pbo().degradationSlope()));
    }
    page.keyValueTable(kv);
    page.note("Deflated Sharpe ratio: the probability that the best in-sample Sharpe ratio beats the maximum "
        + "expected from this many trials of zero skill (Bailey and Lopez de Prado 2014); below 0.95 the choice is "
        + "not significant. PBO: the share of the CSCV splits in which the in-sample winner ranks in the bottom half "
        + "out of sample (Bailey, Borwein, Lopez de Prado and Zhu 2016); 0.5 means the search learns nothing.");
    if (axes[0] >= 0 && axes[1] >= 0) {
      BufferedImage heat = heatmap(ev, v.inSample(), axes, "Mean in-sample " + obj, obj);
      GridCommand.writeAtomically(outDir.resolve("heatmap.png"), Charts.png(heat));
      page.subheading("In-sample " + obj + " over " + spec.keys().get(axes[0]) + " and " + spec.keys().get(axes[1]));
      page.paragraph("Each cell is the mean over the other keys' values (configurations that failed or have an "
          + "undefined objective are left out).");
      page.image("heatmap of the in-sample objective", heat);
      if (hasOos) {
        page.image("heatmap of the out-of-sample objective", heatmap(ev, v.outOfSample(), axes,
            "Mean out-of-sample " + obj, obj));
      }
    }
    if (hasOos) {
      BufferedImage scatter = Charts.scatter("In-sample vs out-of-sample " + obj + " (" + s.configurations()
          + " configurations)", "in-sample " + obj, v.inSample(), "out-of-sample " + obj, v.outOfSample(), true);
      GridCommand.writeAtomically(outDir.resolve("is_oos.png"), Charts.png(scatter));
      page.subheading("In sample vs out of sample");
      page.image("in-sample vs out-of-sample scatter", scatter);
    }
    page.subheading("Top " + Math.min(TOP, v.ids().length) + " configurations by in-sample " + obj);
    List<Integer> order = new ArrayList<>(IntStream.range(0, v.ids().length).boxed().toList());
    order.sort(Comparator.comparing((Integer i) -> -orWorst(v.inSample()[i])).thenComparing(i -> i));
    List<List<String>> rows = new ArrayList<>();
    for (int i : order.subList(0, Math.min(TOP, order.size()))) {
      rows.add(List.of(String.valueOf(i), spec.paramsJson(i), fmt(v.inSample()[i]), fmt(v.outOfSample()[i]),
          v.errors()[i]));
    }
    page.table(List.of("config", "parameters", "in-sample " + obj, "out-of-sample " + obj, "error"), rows);
    page.subheading("Best configuration");
    Map<String, Map<String, String>> best = new LinkedHashMap<>();
    best.put("whole window", statsMap(s.bestFull()));
    best.put("in sample", statsMap(s.bestInSample()));
    if (hasOos) {
      best.put("out of sample", statsMap(s.bestOutOfSample()));
    }
    page.keyValueTables(best);
    GridCommand.writeAtomically(outDir.resolve("report.html"), page.render().getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> describeKeys(GridSpec spec) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < spec.keys().size(); k++) {
      out.add(spec.keys().get(k) + " (" + spec.values(k).size() + ")");
    }
    return out;
  }

  private static BufferedImage heatmap(GridEvaluator ev, double[] values, int[] axes, String title,
      String zLabel) {
    GridSpec spec = ev.spec();
    double[][] z = GridSummary.meanOver(ev, values, axes[0], axes[1]);
    return Charts.heatmap(title, spec.keys().get(axes[0]), ticks(spec, axes[0]), spec.keys().get(axes[1]),
        ticks(spec, axes[1]), z, zLabel);
  }

  private static List<String> ticks(GridSpec spec, int k) {
    return spec.values(k).stream().map(n -> n.isTextual() ? n.asText() : n.toString()).toList();
  }

  private static Map<String, String> statsMap(PeriodStats p) {
    Map<String, String> m = new LinkedHashMap<>();
    double[] v = p.values();
    for (int i = 0; i < v.length; i++) {
      m.put(PeriodStats.NAMES[i], i == 0 ? String.valueOf((int) v[i]) : fmt(v[i]));
    }
    return m;
  }

  private static double orWorst(double x) {
    return Double.isFinite(x) ? x : Double.NEGATIVE_INFINITY;
  }

  private static String fmt(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f", x) : "n/a";
  }
}
