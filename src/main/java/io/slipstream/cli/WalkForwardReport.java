package io.slipstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.analytics.report.HtmlPage;
import io.slipstream.analytics.report.InteractiveCharts;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.walkforward.WalkForwardResult;
import io.slipstream.backtest.walkforward.Window;
import io.slipstream.backtest.walkforward.WindowResult;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The walk-forward sections appended to the stitched run's tear sheet: the parameters chosen in each window as a
 * table (one column per searched key), the stitched out-of-sample equity with the window boundaries marked, and the
 * in-sample vs out-of-sample objective per window as a chart. Figures annualised from a period shorter than
 * {@link #MIN_ANNUALISED_DAYS} days are not shown (CAGR, volatility, Calmar, fee drag, funding per year), and the
 * Sharpe ratios of such windows are marked.
 */
final class WalkForwardReport {
  /** Periods shorter than this many days get no annualised figures in {@code windows.csv} and the report. */
  static final double MIN_ANNUALISED_DAYS = 90;
  /** {@link io.slipstream.backtest.search.PeriodStats#NAMES} left empty for periods shorter than 90 days. */
  static final Set<String> ANNUALISED = Set.of("cagr", "annual_volatility", "calmar", "annual_fee_drag",
      "annual_funding_pnl");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private WalkForwardReport() {
  }

  /**
   * Appends the walk-forward sections.
   *
   * @param page the tear sheet of the stitched ledger
   * @param r the walk-forward result
   */
  static void append(HtmlPage page, WalkForwardResult r) {
    List<WindowResult> ws = r.windows();
    String obj = r.settings().objective().key();
    page.heading("Walk-forward windows");
    BacktestResult st = r.stitched();
    long[] t = st.closeTimesMs();
    long[] bounds = new long[ws.size()];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < ws.size(); i++) {
      bounds[i] = ws.get(i).window().testStart().toEpochMilli();
      labels.add("window " + ws.get(i).window().index() + " starts");
    }
    page.chart(InteractiveCharts.timeChart("Stitched out-of-sample equity, dashed lines at window starts", "NAV",
        InteractiveCharts.Format.NUMBER).line("net NAV", t, st.nav()).verticalLines(bounds, labels).height(360));

    List<String> cats = new ArrayList<>();
    double[] is = new double[ws.size()];
    double[] oos = new double[ws.size()];
    for (int i = 0; i < ws.size(); i++) {
      cats.add(String.valueOf(ws.get(i).window().index()));
      is[i] = ws.get(i).inSample().sharpe();
      oos[i] = ws.get(i).outOfSample().sharpe();
    }
    boolean shortTest = ws.stream().anyMatch(w -> testDays(w.window()) < MIN_ANNUALISED_DAYS);
    page.chart(InteractiveCharts.categoryChart("Net Sharpe per window: in sample (train) vs out of sample (test)"
        + (shortTest ? "; test windows < 90 days: annualised from a short window" : ""), cats, "Sharpe",
        InteractiveCharts.Format.NUMBER).bars("in sample", is).bars("out of sample", oos).height(300));

    List<String> headers = new ArrayList<>(List.of("Window", "Train", "Test", "Config"));
    headers.addAll(r.gridKeys());
    headers.addAll(List.of("IS Sharpe", "OOS Sharpe", "OOS return", "OOS max DD", "OOS CAGR"));
    List<List<String>> rows = new ArrayList<>();
    for (WindowResult w : ws) {
      Window win = w.window();
      List<String> row = new ArrayList<>(List.of(String.valueOf(win.index()), period(win.trainStart(),
          win.trainEnd()), period(win.testStart(), win.testEnd()), String.valueOf(w.configId())));
      JsonNode params = parse(w.paramsJson());
      for (String k : r.gridKeys()) {
        JsonNode v = params.get(k);
        row.add(v == null ? "n/a" : GridReportFiles.label(v));
      }
      boolean annualise = testDays(win) >= MIN_ANNUALISED_DAYS;
      row.add(fmt(w.inSample().sharpe()) + (trainDays(win) < MIN_ANNUALISED_DAYS ? " *" : ""));
      row.add(fmt(w.outOfSample().sharpe()) + (annualise ? "" : " *"));
      row.add(pct(w.outOfSample().totalReturn()));
      row.add(pct(w.outOfSample().maxDrawdown()));
      row.add(annualise ? pct(w.outOfSample().cagr()) : "n/a (< 90 days)");
      rows.add(row);
    }
    page.subheading("Parameters chosen in each window (by in-sample " + obj + ")");
    page.table(headers, rows);
    page.note("Each window's configuration is chosen on its train period and traded on its test period. Figures "
        + "annualised from less than 90 days (CAGR) are not shown; Sharpe ratios marked * are annualised from less "
        + "than 90 days and are noisy. windows.csv leaves the annualised columns of such periods empty and states"
        + " each period's length in days (is_days, oos_days).");
  }

  private static double testDays(Window w) {
    return WalkForwardCommand.days(w.testStart(), w.testEnd());
  }

  private static double trainDays(Window w) {
    return WalkForwardCommand.days(w.trainStart(), w.trainEnd());
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("cannot read window parameters " + json + ": " + e.getMessage(), e);
    }
  }

  private static String period(Instant a, Instant b) {
    return DAY.format(a) + " .. " + DAY.format(b);
  }

  private static String fmt(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f", x) : "n/a";
  }

  private static String pct(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f%%", 100 * x) : "n/a";
  }
}
