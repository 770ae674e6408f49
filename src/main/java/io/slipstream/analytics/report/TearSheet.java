package io.slipstream.analytics.report;

import io.slipstream.analytics.Metrics;
import io.slipstream.analytics.MonthlyReturns;
import io.slipstream.backtest.BacktestResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tear sheet of one backtest (quantstats/pyfolio style) as one self-contained HTML page ({@link HtmlPage}: inline
 * CSS, PNG charts as base64 data URIs, no scripts, no external URL). Contents, in order: the metrics of
 * {@link Metrics} grouped as returns, risk, ratios, trading and costs, exposure; the run parameters; equity on a
 * linear and a log scale; the underwater drawdown; the monthly returns table (years x months, compounded, with the
 * year's total; cells coloured by sign and size); rolling 30-day Sharpe and volatility; the distribution of bar
 * returns with the normal fit and the 95% VaR lines; turnover and costs per week; cumulative P&amp;L by source;
 * long/short/net exposure.
 */
public final class TearSheet {
  /** Window of the rolling charts, days. */
  public static final int ROLLING_DAYS = 30;
  private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
      "Oct", "Nov", "Dec", "Year");

  private TearSheet() {
  }

  /**
   * Renders the tear sheet.
   *
   * @param title page title
   * @param parameters run parameters shown as a table, in map order
   * @param m the metrics of {@code r}
   * @param r the ledger
   * @return the HTML text
   */
  public static String render(String title, Map<String, String> parameters, Metrics m, BacktestResult r) {
    return page(title, parameters, m, r).render();
  }

  /**
   * Writes the tear sheet as UTF-8.
   *
   * @param file target file
   * @param title page title
   * @param parameters run parameters shown as a table, in map order
   * @param m the metrics of {@code r}
   * @param r the ledger
   * @throws UncheckedIOException naming the path on failure
   */
  public static void write(Path file, String title, Map<String, String> parameters, Metrics m, BacktestResult r) {
    page(title, parameters, m, r).write(file);
  }

  /**
   * Builds the tear sheet page, so that a caller may append more sections before rendering.
   *
   * @param title page title
   * @param parameters run parameters shown as a table, in map order
   * @param m the metrics of {@code r}
   * @param r the ledger
   * @return the page
   */
  public static HtmlPage page(String title, Map<String, String> parameters, Metrics m, BacktestResult r) {
    return page(title, parameters, m, ChartSet.inline(r));
  }

  /**
   * Builds the tear sheet page with its charts drawn by {@code charts} (started here, all at once; the page's
   * {@link HtmlPage#render()} waits for them).
   *
   * @param title page title
   * @param parameters run parameters shown as a table, in map order
   * @param m the metrics of the ledger
   * @param charts the chart set of the ledger
   * @return the page
   */
  public static HtmlPage page(String title, Map<String, String> parameters, Metrics m, ChartSet charts) {
    BacktestResult r = charts.ledger();
    HtmlPage p = new HtmlPage(title);
    p.paragraph(m.bars() + " bars of " + m.interval() + " from " + m.start() + " to " + m.end()
        + " (UTC; " + fmt(m.periodsPerYear(), 0) + " bars per 365-day year). Returns are simple, per bar, net of"
        + " fees and funding unless marked gross.");
    MonthlyReturns monthly = MonthlyReturns.of(r);
    p.keyValueTables(groups(m, monthly));
    p.heading("Parameters").keyValueTable(parameters);

    p.heading("Equity").image("Equity, linear scale", charts.equity(false))
        .image("Equity, log scale", charts.equity(true));
    p.heading("Drawdown").image("Drawdown", charts.drawdown());
    p.heading("Monthly returns");
    monthlyTable(p, monthly);
    p.note("Compounded net returns per calendar month (UTC) of the bars that open in it; Year = compounded over the"
        + " year's bars. Empty cells: no bars.");
    p.heading("Rolling " + ROLLING_DAYS + "-day Sharpe and volatility")
        .image("Rolling Sharpe", charts.draw("rolling-sharpe", () -> Charts.rollingSharpe(r, ROLLING_DAYS)))
        .image("Rolling volatility", charts.draw("rolling-vol", () -> Charts.rollingVolatility(r, ROLLING_DAYS)));
    p.heading("Return distribution").image("Distribution of bar returns",
        charts.draw("distribution", () -> Charts.returnDistribution(r, m)));
    p.heading("Turnover and costs")
        .image("Turnover per week", charts.draw("weekly-turnover", () -> Charts.weeklyTurnover(r)))
        .image("Costs per week", charts.draw("weekly-costs", () -> Charts.weeklyCosts(r)))
        .image("Cumulative P&L by source", charts.draw("cost-breakdown", () -> Charts.costBreakdown(r)));
    p.heading("Exposure").image("Exposure", charts.draw("exposure", () -> Charts.exposure(r)));
    p.note("Generated by Slipstream. Returns are per bar, decimal; funding is booked from the exchange's hourly"
        + " funding history; fees = turnover x (maker/taker blend + slippage). Sharpe = mean / stdev (ddof 1) x"
        + " sqrt(bars per year); Sortino uses sqrt(mean(min(r, 0)^2)); VaR/CVaR (normal) follow quantstats'"
        + " value_at_risk and conditional_value_at_risk, the historical ones use the 5% quantile of bar returns;"
        + " skew and kurtosis are pandas' bias-corrected estimators (kurtosis in excess of the normal's 3).");
    return p;
  }

  private static Map<String, Map<String, String>> groups(Metrics m, MonthlyReturns monthly) {
    Map<String, Map<String, String>> g = new LinkedHashMap<>();
    double best = Double.NEGATIVE_INFINITY;
    double worst = Double.POSITIVE_INFINITY;
    int positive = 0;
    int months = 0;
    for (double[] row : monthly.table()) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          best = Math.max(best, v);
          worst = Math.min(worst, v);
          months++;
          if (v > 0) {
            positive++;
          }
        }
      }
    }
    Map<String, String> ret = new LinkedHashMap<>();
    ret.put("Total return", pct(m.totalReturn()));
    ret.put("CAGR", pct(m.cagr()));
    ret.put("CAGR gross of costs", pct(m.grossCagr()));
    ret.put("Best month", months > 0 ? pct(best) : "n/a");
    ret.put("Worst month", months > 0 ? pct(worst) : "n/a");
    ret.put("Positive months", months > 0 ? positive + " of " + months : "n/a");
    ret.put("Hit rate (bars)", pct(m.hitRate()));
    g.put("Returns", ret);

    Map<String, String> risk = new LinkedHashMap<>();
    risk.put("Volatility (annualised)", pct(m.annualVolatility()));
    risk.put("Max drawdown", pct(m.maxDrawdown()));
    risk.put("Max drawdown peak", time(m.maxDrawdownPeak()));
    risk.put("Max drawdown trough", time(m.maxDrawdownTrough()));
    risk.put("Max drawdown recovery", m.maxDrawdownTrough().isEmpty() ? "n/a"
        : m.maxDrawdownRecovery().map(TearSheet::iso).orElse("not recovered"));
    risk.put("Max drawdown duration", days(m.maxDrawdownDays()));
    risk.put("Longest drawdown", days(m.longestDrawdownDays()));
    risk.put("Skew (bars)", fmt(m.skew(), 2));
    risk.put("Excess kurtosis (bars)", fmt(m.kurtosis(), 2));
    risk.put("VaR 95% per bar (normal)", pct3(m.valueAtRisk95()));
    risk.put("CVaR 95% per bar (normal)", pct3(m.conditionalValueAtRisk95()));
    risk.put("VaR 95% per bar (historical)", pct3(m.historicalValueAtRisk95()));
    risk.put("CVaR 95% per bar (historical)", pct3(m.historicalConditionalValueAtRisk95()));
    g.put("Risk", risk);

    Map<String, String> ratios = new LinkedHashMap<>();
    ratios.put("Sharpe", fmt(m.sharpe(), 2));
    ratios.put("Sharpe gross of costs", fmt(m.grossSharpe(), 2));
    ratios.put("Sortino", fmt(m.sortino(), 2));
    ratios.put("Calmar", fmt(m.calmar(), 2));
    ratios.put("Tail ratio (q95 / q5)", fmt(m.tailRatio(), 2));
    ratios.put("Profit factor", fmt(m.profitFactor(), 3));
    g.put("Ratios", ratios);

    Map<String, String> trading = new LinkedHashMap<>();
    trading.put("Rebalances", String.valueOf(m.rebalances()));
    trading.put("Avg turnover per rebalance", pct(m.avgTurnoverPerRebalance()));
    trading.put("Turnover per year (x NAV)", fmt(m.annualTurnover(), 1));
    trading.put("Fees and slippage, total", pct(m.totalFees()));
    trading.put("Fee drag per year", pct(m.annualFeeDrag()));
    trading.put("Funding P&L, total (received > 0)", pct(m.fundingPnl()));
    trading.put("Funding P&L per year", pct(m.annualFundingPnl()));
    g.put("Trading and costs", trading);

    Map<String, String> exp = new LinkedHashMap<>();
    exp.put("Avg gross exposure", pct(m.avgGrossExposure()));
    exp.put("Avg long exposure", pct(m.avgLongExposure()));
    exp.put("Avg short exposure", pct(m.avgShortExposure()));
    exp.put("Avg net exposure", pct(m.avgNetExposure()));
    exp.put("Avg long / short positions", fmt(m.avgLongPositions(), 1) + " / " + fmt(m.avgShortPositions(), 1));
    exp.put("Time in market", pct(m.timeInMarket()));
    g.put("Exposure", exp);
    return g;
  }

  private static void monthlyTable(HtmlPage p, MonthlyReturns monthly) {
    List<Integer> years = monthly.years();
    double[][] t = monthly.table();
    double[][] values = new double[years.size()][13];
    double maxMonth = 0;
    double maxYear = 0;
    List<String> rows = new ArrayList<>(years.size());
    for (int y = 0; y < years.size(); y++) {
      System.arraycopy(t[y], 0, values[y], 0, 12);
      values[y][12] = monthly.year(years.get(y));
      for (int k = 0; k < 12; k++) {
        if (Double.isFinite(t[y][k])) {
          maxMonth = Math.max(maxMonth, Math.abs(t[y][k]));
        }
      }
      if (Double.isFinite(values[y][12])) {
        maxYear = Math.max(maxYear, Math.abs(values[y][12]));
      }
      rows.add(String.valueOf(years.get(y)));
    }
    double[] sat = new double[13];
    java.util.Arrays.fill(sat, 0, 12, maxMonth);
    sat[12] = maxYear;
    p.heatTable("", MONTHS, rows, values, v -> String.format(Locale.ROOT, "%.1f%%", 100 * v), sat);
  }

  private static String time(Optional<Instant> t) {
    return t.map(TearSheet::iso).orElse("none");
  }

  private static String iso(Instant t) {
    return t.toString();
  }

  private static String days(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f days", d) : "n/a";
  }

  static String pct(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f%%", 100 * x) : "n/a";
  }

  static String pct3(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f%%", 100 * x) : "n/a";
  }

  static String fmt(double x, int digits) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%." + digits + "f", x) : "n/a";
  }
}
