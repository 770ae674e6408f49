package io.slipstream.cli;

import io.slipstream.analytics.report.Charts;
import io.slipstream.analytics.report.HtmlPage;
import io.slipstream.analytics.report.InteractiveCharts;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.search.GridResults;
import io.slipstream.backtest.search.GridEvaluator;
import io.slipstream.backtest.search.GridSpec;
import io.slipstream.backtest.search.GridSummary;
import io.slipstream.backtest.search.PeriodStats;
import com.fasterxml.jackson.databind.JsonNode;
import io.slipstream.data.Table;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
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
 * folder (each file atomically). The report: summary (deflated Sharpe, PBO), the best configuration's equity with the
 * in-sample end marked and its stats, interactive heat maps of the mean in-sample and out-of-sample objective over
 * two keys (by default the two keys with the largest effect on the in-sample objective; one diverging scale centred
 * at zero), the in-sample vs out-of-sample scatter, and the top configurations with each searched key as a column and
 * Sharpe, CAGR, max drawdown and turnover in sample, out of sample and over the whole window.
 */
final class GridReportFiles {
  private static final int TOP = 20;

  private GridReportFiles() {
  }

  /** Columns of the top-N table, each shown for in sample, out of sample and the whole window. */
  private static final String[][] TOP_STATS = {{"sharpe", "Sharpe"}, {"cagr", "CAGR"},
      {"max_drawdown", "max DD"}, {"avg_turnover_per_rebalance", "turnover/rebal"}};

  static void write(Path outDir, String title, GridEvaluator ev, GridSummary s, GridSummary.Values v, int[] axes) {
    GridSpec spec = ev.spec();
    String obj = s.objective().key();
    boolean hasOos = ev.inSampleBars() < ev.bookedBars();
    HtmlPage page = new HtmlPage("Grid search: " + title);
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("configurations", s.configurations() + " (" + String.join(" x ", describeKeys(spec)) + ")");
    kv.put("failed", s.failed() == 0 ? "0" : s.failed() + " (first: " + s.firstError() + ")");
    kv.put("strategy / interval", ev.baseConfig().strategy() + " / " + ev.baseConfig().interval().label());
    kv.put("booked bars", ev.bookedBars() + " (in sample " + ev.inSampleBars() + ", out of sample "
        + (ev.bookedBars() - ev.inSampleBars()) + ")");
    kv.put("objective (chosen in sample)", obj);
    kv.put("best configuration", s.bestId() + " " + readableParams(spec, s.bestId()));
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

    // the best configuration's equity over the whole window, the in-sample end marked
    BacktestResult best = ev.backtest(ev.config(s.bestId()), ev.baseConfig().start(), ev.baseConfig().end());
    long[] t = best.closeTimesMs();
    InteractiveCharts.Chart eq = InteractiveCharts.timeChart("Equity of the best configuration (" + s.bestId()
        + "), net of costs", "NAV", InteractiveCharts.Format.NUMBER).line("net NAV", t, best.nav());
    if (hasOos && ev.inSampleBars() > 0) {
      eq.verticalLines(new long[] {t[ev.inSampleBars() - 1]}, List.of("end of the in-sample period"));
    }
    page.heading("Best configuration");
    page.chart(eq);
    page.note("Dashed line: the end of the in-sample period (" + (ev.inSampleBars() > 0
        ? java.time.Instant.ofEpochMilli(t[ev.inSampleBars() - 1]).toString() : "none") + "); the configuration was"
        + " chosen on the bars before it.");
    Map<String, Map<String, String>> bestStats = new LinkedHashMap<>();
    bestStats.put("whole window", statsMap(s.bestFull()));
    bestStats.put("in sample", statsMap(s.bestInSample()));
    if (hasOos) {
      bestStats.put("out of sample", statsMap(s.bestOutOfSample()));
    }
    page.keyValueTables(bestStats);

    int[] ax = axes[0] >= 0 && axes[1] >= 0 ? axes : largestEffects(ev, v.inSample());
    if (ax[0] >= 0 && ax[1] >= 0) {
      BufferedImage heat = heatmap(ev, v.inSample(), ax, "Mean in-sample " + obj, obj);
      GridCommand.writeAtomically(outDir.resolve("heatmap.png"), Charts.png(heat));
      page.heading("In-sample " + obj + " over " + spec.keys().get(ax[0]) + " and " + spec.keys().get(ax[1]));
      page.paragraph("Each cell is the mean over the other keys' values (configurations that failed or have an "
          + "undefined objective are left out)." + (axes[0] >= 0 ? "" : " The two keys are those whose values move"
          + " the mean in-sample " + obj + " the most (range of the per-value means): "
          + effectsText(ev, v.inSample()) + "."));
      page.chart(heatChart(ev, v.inSample(), ax, "Mean in-sample " + obj));
      if (hasOos) {
        page.chart(heatChart(ev, v.outOfSample(), ax, "Mean out-of-sample " + obj));
      }
      page.note("Both maps use one diverging scale centred at zero: green above, red below, white at 0.");
    }
    if (hasOos) {
      BufferedImage scatter = Charts.scatter("In-sample vs out-of-sample " + obj + " (" + s.configurations()
          + " configurations)", "in-sample " + obj, v.inSample(), "out-of-sample " + obj, v.outOfSample(), true);
      GridCommand.writeAtomically(outDir.resolve("is_oos.png"), Charts.png(scatter));
      page.heading("In sample vs out of sample");
      page.image("in-sample vs out-of-sample scatter", scatter);
    }
    topTable(page, outDir.resolve("results"), ev, v, obj, hasOos);
    GridCommand.writeAtomically(outDir.resolve("report.html"), page.render().getBytes(StandardCharsets.UTF_8));
  }

  private static void topTable(HtmlPage page, Path results, GridEvaluator ev, GridSummary.Values v, String obj,
      boolean hasOos) {
    GridSpec spec = ev.spec();
    int n = v.ids().length;
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    order.sort(Comparator.comparing((Integer i) -> -orWorst(v.inSample()[i])).thenComparing(i -> i));
    List<Integer> top = order.subList(0, Math.min(TOP, n));
    String[] prefixes = hasOos ? new String[] {"is_", "oos_", ""} : new String[] {"is_", ""};
    String[] periodNames = hasOos ? new String[] {"IS", "OOS", "all"} : new String[] {"IS", "all"};
    List<ColumnSpec> cols = new ArrayList<>(List.of(new ColumnSpec("config_id", ColumnType.INT64)));
    for (String[] st : TOP_STATS) {
      for (String p : prefixes) {
        cols.add(new ColumnSpec(p + st[0], ColumnType.DOUBLE));
      }
    }
    Map<Integer, Integer> rank = new LinkedHashMap<>();
    for (int k = 0; k < top.size(); k++) {
      rank.put(top.get(k), k);
    }
    double[][] stats = new double[top.size()][cols.size() - 1];
    for (Table tb : GridResults.read(results, cols)) {
      long[] id = tb.longs("config_id");
      for (int c = 1; c < cols.size(); c++) {
        double[] col = tb.doubles(cols.get(c).name());
        for (int i = 0; i < id.length; i++) {
          Integer k = rank.get((int) id[i]);
          if (k != null) {
            stats[k][c - 1] = col[i];
          }
        }
      }
    }
    List<String> headers = new ArrayList<>(List.of("#", "config"));
    headers.addAll(spec.keys());
    for (String[] st : TOP_STATS) {
      for (String p : periodNames) {
        headers.add(st[1] + " " + p);
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (int k = 0; k < top.size(); k++) {
      int id = top.get(k);
      List<String> row = new ArrayList<>(List.of(String.valueOf(k + 1), String.valueOf(id)));
      List<JsonNode> vals = spec.valuesAt(id);
      for (JsonNode node : vals) {
        row.add(label(node));
      }
      int c = 0;
      for (String[] st : TOP_STATS) {
        for (int p = 0; p < prefixes.length; p++) {
          double x = stats[k][c++];
          row.add(st[0].equals("sharpe") ? fmt2(x) : pct(x));
        }
      }
      rows.add(row);
    }
    page.heading("Top " + top.size() + " configurations by in-sample " + obj);
    page.table(headers, rows);
    page.note("IS = in sample (the search's window), OOS = out of sample, all = whole window; Sharpe annualised,"
        + " CAGR per year, max DD = max drawdown, turnover per rebalance in percent of NAV."
        + (v.errors().length > 0 && java.util.Arrays.stream(v.errors()).anyMatch(e -> !e.isEmpty())
            ? " Failed configurations rank last." : ""));
  }

  /**
   * The two keys (with more than one value) whose values move the mean objective the most: for each key, the range
   * (max - min) over its values of the mean objective of the configurations with that value.
   */
  static int[] largestEffects(GridEvaluator ev, double[] objective) {
    double[] effect = effects(ev, objective);
    int[] best = {-1, -1};
    for (int k = 0; k < effect.length; k++) {
      if (!(effect[k] >= 0)) {
        continue;
      }
      if (best[0] < 0 || effect[k] > effect[best[0]]) {
        best[1] = best[0];
        best[0] = k;
      } else if (best[1] < 0 || effect[k] > effect[best[1]]) {
        best[1] = k;
      }
    }
    return best;
  }

  private static double[] effects(GridEvaluator ev, double[] objective) {
    GridSpec spec = ev.spec();
    int nk = spec.keys().size();
    double[] effect = new double[nk];
    for (int k = 0; k < nk; k++) {
      int nv = spec.values(k).size();
      if (nv < 2) {
        effect[k] = Double.NaN;
        continue;
      }
      double[] sum = new double[nv];
      int[] cnt = new int[nv];
      for (int id = 0; id < objective.length; id++) {
        if (Double.isFinite(objective[id])) {
          int j = spec.valueIndex(id, k);
          sum[j] += objective[id];
          cnt[j]++;
        }
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < nv; j++) {
        if (cnt[j] > 0) {
          lo = Math.min(lo, sum[j] / cnt[j]);
          hi = Math.max(hi, sum[j] / cnt[j]);
        }
      }
      effect[k] = hi >= lo ? hi - lo : Double.NaN;
    }
    return effect;
  }

  private static String effectsText(GridEvaluator ev, double[] objective) {
    double[] e = effects(ev, objective);
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < e.length; k++) {
      if (Double.isFinite(e[k])) {
        parts.add(ev.spec().keys().get(k) + " " + fmt(e[k]));
      }
    }
    return String.join(", ", parts);
  }

  private static InteractiveCharts.Chart heatChart(GridEvaluator ev, double[] values, int[] axes, String title) {
    GridSpec spec = ev.spec();
    double[][] z = GridSummary.meanOver(ev, values, axes[0], axes[1]);
    return InteractiveCharts.heatmap(title, spec.keys().get(axes[0]), ticks(spec, axes[0]), spec.keys().get(axes[1]),
        ticks(spec, axes[1]), z, InteractiveCharts.Format.NUMBER);
  }

  private static String readableParams(GridSpec spec, long id) {
    List<String> parts = new ArrayList<>();
    List<JsonNode> vals = spec.valuesAt(id);
    for (int k = 0; k < vals.size(); k++) {
      parts.add(spec.keys().get(k) + " = " + label(vals.get(k)));
    }
    return String.join("; ", parts);
  }

  /** A grid value as a short label: text as is, arrays as their items joined by commas without brackets. */
  static String label(JsonNode n) {
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isArray()) {
      List<String> items = new ArrayList<>();
      n.forEach(x -> items.add(label(x)));
      return String.join(",", items);
    }
    return n.toString();
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
    return spec.values(k).stream().map(GridReportFiles::label).toList();
  }

  private static Map<String, String> statsMap(PeriodStats p) {
    Map<String, String> m = new LinkedHashMap<>();
    double[] v = p.values();
    for (int i = 0; i < v.length; i++) {
      String name = PeriodStats.NAMES[i];
      m.put(name, i == 0 ? String.valueOf((int) v[i])
          : name.equals("sharpe") || name.equals("sortino") || name.equals("calmar") ? fmt2(v[i]) : pct(v[i]));
    }
    return m;
  }

  private static double orWorst(double x) {
    return Double.isFinite(x) ? x : Double.NEGATIVE_INFINITY;
  }

  private static String fmt(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f", x) : "n/a";
  }

  private static String fmt2(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f", x) : "n/a";
  }

  private static String pct(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.1f%%", 100 * x) : "n/a";
  }
}
