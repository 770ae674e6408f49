package io.slipstream.analytics.report;

import io.slipstream.analytics.Attribution;
import io.slipstream.analytics.Benchmark;
import io.slipstream.analytics.BenchmarkStats;
import io.slipstream.analytics.Drawdowns;
import io.slipstream.analytics.Metrics;
import io.slipstream.analytics.MonthlyReturns;
import io.slipstream.analytics.ReturnStats;
import io.slipstream.analytics.RollingStats;
import io.slipstream.analytics.RunAnalysis;
import io.slipstream.analytics.report.InteractiveCharts.Format;
import io.slipstream.backtest.BacktestResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * The tear sheet of one backtest (quantstats/pyfolio style) as one self-contained HTML page ({@link HtmlPage}: inline
 * CSS, interactive charts from the inlined ECharts library ({@link InteractiveCharts}), no external URL). Contents,
 * in order: headline metrics (returns, risk, trading and costs, exposure); the ratios on bar returns next to the same
 * ratios on daily returns, each column labelled with its basis; the benchmark block (alpha, beta, correlation,
 * R^2, tracking error, information ratio, on both bases, and the benchmark's own return and drawdown); the run
 * parameters; equity with the benchmark on a linear and a log scale; the underwater drawdown and the five worst
 * drawdowns; yearly returns against the benchmark; the monthly returns table; rolling Sharpe and Sortino, volatility
 * and beta; the distribution of bar returns (PNG); turnover and costs per week; cumulative P&amp;L by source;
 * exposure; the attribution (by leg over time, top and bottom coins, positions and universe over time, holding
 * periods). Percentages are shown as percentages, times as UTC dates ({@code yyyy-MM-dd HH:mm}), undefined values as
 * "n/a".
 */
public final class TearSheet {
  /** Window of the rolling Sharpe, Sortino and volatility charts, days. */
  public static final int ROLLING_DAYS = 30;
  private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
      "Oct", "Nov", "Dec", "Year");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private TearSheet() {
  }

  /**
   * Renders the tear sheet without benchmark or attribution.
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
   * Writes the tear sheet without benchmark or attribution as UTF-8.
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
   * Builds the tear sheet page without benchmark or attribution.
   *
   * @param title page title
   * @param parameters run parameters shown as a table, in map order
   * @param m the metrics of {@code r}
   * @param r the ledger
   * @return the page
   */
  public static HtmlPage page(String title, Map<String, String> parameters, Metrics m, BacktestResult r) {
    return page(title, parameters, new RunAnalysis(m, Optional.empty(), Optional.empty(), Optional.empty()), r);
  }

  /**
   * Builds the full tear sheet page, so that a caller may append more sections before rendering.
   *
   * @param title page title
   * @param parameters run parameters shown as a table, in map order
   * @param a the analysis of {@code r} (metrics, benchmark, attribution)
   * @param r the ledger
   * @return the page
   */
  public static HtmlPage page(String title, Map<String, String> parameters, RunAnalysis a, BacktestResult r) {
    Metrics m = a.metrics();
    HtmlPage p = new HtmlPage(title);
    p.paragraph(m.bars() + " bars of " + m.interval() + " from " + time(m.start()) + " to " + time(m.end())
        + " UTC (" + fmt(m.periodsPerYear(), 0) + " bars per 365-day year). Returns are simple, net of fees and"
        + " funding unless marked gross." + a.benchmark().map(b -> " Benchmark: " + b.name() + " on the same bars,"
            + " no costs.").orElse(""));
    MonthlyReturns monthly = MonthlyReturns.of(r);
    p.keyValueTables(groups(m, monthly));
    p.heading("Ratios per bar and per day");
    ratiosTable(p, m.perBar(), m.daily());
    p.note("Each column states its basis: bar returns as booked, or bar returns compounded to UTC calendar days"
        + " (365 per year; comparable with quantstats and pyfolio on daily data). CVaR is quantstats 0.0.81's"
        + " conditional_value_at_risk: the mean of the returns below the normal VaR; the normal expected shortfall"
        + " is listed under its own name.");
    a.benchmarkStats().ifPresent(s -> benchmarkTable(p, m, s));
    p.heading("Parameters").keyValueTable(parameters);

    long[] t = r.closeTimesMs();
    double[] nav = r.nav();
    double[] grossNav = compound(r.grossReturns());
    double[] benchNav = a.benchmark().map(Benchmark::nav).orElse(null);
    p.heading("Equity");
    InteractiveCharts.Chart eq = InteractiveCharts.timeChart("Equity (NAV, starts at 1)", "NAV", Format.NUMBER)
        .line("net of fees and funding", t, nav).line("gross (before costs)", t, grossNav);
    InteractiveCharts.Chart eqLog = InteractiveCharts.timeChart("Equity, log scale", "NAV", Format.NUMBER)
        .line("net of fees and funding", t, nav).line("gross (before costs)", t, grossNav);
    if (benchNav != null) {
      String name = a.benchmark().get().name();
      eq.line(name, t, benchNav);
      eqLog.line(name, t, benchNav);
    }
    p.chart(eq.height(380)).chart(eqLog.logScale());

    p.heading("Drawdown");
    InteractiveCharts.Chart dd = InteractiveCharts.timeChart("Drawdown from the running peak (underwater)",
        "drawdown", Format.PERCENT).line("strategy", t, underwater(nav));
    if (benchNav != null) {
      dd.line(a.benchmark().get().name(), t, underwater(benchNav));
    }
    p.chart(dd.height(260));
    worstDrawdowns(p, m);

    p.heading("Yearly and monthly returns");
    yearly(p, r, monthly, a.benchmark());
    monthlyTable(p, monthly);
    p.note("Compounded net returns per calendar month (UTC) of the bars that open in it; Year = compounded over the"
        + " year's bars. Empty cells: no bars.");

    int w = RollingStats.windowBars(r.interval(), ROLLING_DAYS);
    double ppy = r.interval().periodsPerYear();
    double[] net = r.netReturns();
    p.heading("Rolling statistics");
    p.chart(InteractiveCharts.timeChart("Rolling " + ROLLING_DAYS + "-day Sharpe and Sortino (" + w + " bars of "
        + r.interval().label() + ", annualised)", "ratio", Format.NUMBER)
        .line("Sharpe", t, RollingStats.sharpe(net, w, ppy)).line("Sortino", t, RollingStats.sortino(net, w, ppy)));
    p.chart(InteractiveCharts.timeChart("Rolling " + ROLLING_DAYS + "-day volatility (annualised)", "volatility",
        Format.PERCENT).line("volatility", t, RollingStats.volatility(net, w, ppy)).height(260));
    a.benchmark().ifPresent(b -> {
      int wb = RollingStats.windowBars(r.interval(), BenchmarkStats.ROLLING_BETA_DAYS);
      p.chart(InteractiveCharts.timeChart("Rolling " + BenchmarkStats.ROLLING_BETA_DAYS + "-day beta to " + b.name()
          + " (" + wb + " bars)", "beta", Format.NUMBER).line("beta", t,
              BenchmarkStats.rollingBeta(net, b.returns(), wb)).height(260));
    });

    p.heading("Return distribution").image("Distribution of bar returns", Charts.returnDistribution(r, m));

    p.heading("Turnover and costs");
    Charts.Weekly turn = Charts.weekly(r, r.turnover());
    Charts.Weekly fee = Charts.weekly(r, r.feeCosts());
    Charts.Weekly fund = Charts.weekly(r, r.fundingCosts());
    p.chart(InteractiveCharts.timeChart("Turnover per week (sum of |w_new - w_drifted|, x NAV" + turn.partialNote()
        + ")", "x NAV", Format.NUMBER).bars("turnover", turn.starts(), turn.sums()).height(260));
    p.chart(InteractiveCharts.timeChart("Costs per week (positive = paid" + fee.partialNote() + ")", "% of NAV",
        Format.PERCENT).bars("fees and slippage", fee.starts(), fee.sums()).bars("funding", fund.starts(),
            fund.sums()).height(280));
    p.chart(costBreakdown(r));
    p.heading("Exposure");
    p.chart(exposure(r));
    a.attribution().ifPresent(at -> attribution(p, at, m));
    p.note("Generated by Slipstream. Returns are per bar, decimal; funding is booked from the exchange's hourly"
        + " funding history; fees = the cost model's charge on the traded weights. Sharpe = mean / stdev (ddof 1) x"
        + " sqrt(periods per year); Sortino uses sqrt(mean(min(r, 0)^2)); VaR (normal) and CVaR follow quantstats"
        + " 0.0.81; skew and kurtosis are pandas' bias-corrected estimators (kurtosis in excess of the normal's 3).");
    return p;
  }

  private static Map<String, Map<String, String>> groups(Metrics m, MonthlyReturns monthly) {
    Map<String, Map<String, String>> g = new LinkedHashMap<>();
    int positive = 0;
    int months = 0;
    for (double[] row : monthly.table()) {
      for (double v : row) {
        if (Double.isFinite(v)) {
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
    ret.put("Best day", pct(m.daily().best()));
    ret.put("Worst day", pct(m.daily().worst()));
    ret.put("Best month", pct(m.bestMonth()));
    ret.put("Worst month", pct(m.worstMonth()));
    ret.put("Positive months", months > 0 ? positive + " of " + months : "n/a");
    g.put("Returns", ret);

    Map<String, String> risk = new LinkedHashMap<>();
    risk.put("Volatility (annualised, bars)", pct(m.annualVolatility()));
    risk.put("Max drawdown", pct(m.maxDrawdown()));
    risk.put("Max drawdown peak", m.maxDrawdownPeak().map(TearSheet::time).orElse("none"));
    risk.put("Max drawdown trough", m.maxDrawdownTrough().map(TearSheet::time).orElse("none"));
    risk.put("Max drawdown recovery", m.maxDrawdownTrough().isEmpty() ? "n/a"
        : m.maxDrawdownRecovery().map(TearSheet::time).orElse("not recovered"));
    risk.put("Max drawdown duration", days(m.maxDrawdownDays()));
    risk.put("Longest drawdown", days(m.longestDrawdownDays()));
    risk.put("Ulcer index", pct(m.ulcerIndex()));
    g.put("Risk", risk);

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

  private static void ratiosTable(HtmlPage p, ReturnStats bar, ReturnStats day) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("Observations", bar, day, s -> String.valueOf(s.count())));
    rows.add(row("Sharpe (annualised)", bar, day, s -> fmt(s.sharpe(), 2)));
    rows.add(row("Sortino (annualised)", bar, day, s -> fmt(s.sortino(), 2)));
    rows.add(row("Volatility (annualised)", bar, day, s -> pct(s.annualVolatility())));
    rows.add(row("Skew", bar, day, s -> fmt(s.skew(), 2)));
    rows.add(row("Excess kurtosis", bar, day, s -> fmt(s.kurtosis(), 2)));
    rows.add(row("VaR 95% (normal)", bar, day, s -> pct3(s.valueAtRisk95())));
    rows.add(row("CVaR 95% (quantstats: mean below normal VaR)", bar, day, s -> pct3(s.conditionalValueAtRisk95())));
    rows.add(row("Expected shortfall 95% (normal)", bar, day, s -> pct3(s.expectedShortfall95Normal())));
    rows.add(row("VaR 95% (historical 5% quantile)", bar, day, s -> pct3(s.historicalValueAtRisk95())));
    rows.add(row("CVaR 95% (historical)", bar, day, s -> pct3(s.historicalConditionalValueAtRisk95())));
    rows.add(row("Omega (threshold 0)", bar, day, s -> fmt(s.omega(), 3)));
    rows.add(row("Win/loss ratio (avg win / avg loss)", bar, day, s -> fmt(s.winLossRatio(), 3)));
    rows.add(row("Profit factor", bar, day, s -> fmt(s.profitFactor(), 3)));
    rows.add(row("Tail ratio (q95 / q5)", bar, day, s -> fmt(s.tailRatio(), 2)));
    rows.add(row("Hit rate (positive of non-zero)", bar, day, s -> pct(s.hitRate())));
    rows.add(row("Best", bar, day, s -> pct(s.best())));
    rows.add(row("Worst", bar, day, s -> pct(s.worst())));
    p.table(List.of("Ratio", bar.basis(), day.basis()), rows);
  }

  private static List<String> row(String name, ReturnStats a, ReturnStats b,
      java.util.function.Function<ReturnStats, String> f) {
    return List.of(name, f.apply(a), f.apply(b));
  }

  private static void benchmarkTable(HtmlPage p, Metrics m, BenchmarkStats s) {
    p.heading("Benchmark: " + s.benchmark());
    BenchmarkStats.Greeks b = s.perBar();
    BenchmarkStats.Greeks d = s.daily();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Paired observations", String.valueOf(b.pairs()), String.valueOf(d.pairs())));
    rows.add(List.of("Alpha (annualised)", pct(b.alpha()), pct(d.alpha())));
    rows.add(List.of("Beta", fmt(b.beta(), 3), fmt(d.beta(), 3)));
    rows.add(List.of("Correlation", fmt(b.correlation(), 3), fmt(d.correlation(), 3)));
    rows.add(List.of("R squared", fmt(b.rSquared(), 3), fmt(d.rSquared(), 3)));
    rows.add(List.of("Tracking error (annualised)", pct(b.trackingError()), pct(d.trackingError())));
    rows.add(List.of("Information ratio (per period, quantstats)", fmt(b.informationRatio(), 4),
        fmt(d.informationRatio(), 4)));
    rows.add(List.of("Information ratio (annualised)", fmt(b.informationRatioAnnualised(), 2),
        fmt(d.informationRatioAnnualised(), 2)));
    p.table(List.of("Against " + s.benchmark(), b.basis(), d.basis()), rows);
    List<List<String>> cmp = new ArrayList<>();
    cmp.add(List.of("Total return", pct(m.totalReturn()), pct(s.benchmarkTotalReturn())));
    cmp.add(List.of("CAGR", pct(m.cagr()), pct(s.benchmarkCagr())));
    cmp.add(List.of("Sharpe (bars, annualised)", fmt(m.sharpe(), 2), fmt(s.benchmarkSharpe(), 2)));
    cmp.add(List.of("Max drawdown", pct(m.maxDrawdown()), pct(s.benchmarkMaxDrawdown())));
    p.table(List.of("", "Strategy", s.benchmark()), cmp);
    p.note("beta = cov(r, b) / var(b); alpha = (mean r - beta mean b) x periods per year; tracking error = stdev(r -"
        + " b) x sqrt(periods per year); information ratio = mean(r - b) / stdev(r - b).");
  }

  private static void worstDrawdowns(HtmlPage p, Metrics m) {
    List<List<String>> rows = new ArrayList<>();
    int k = 1;
    for (Drawdowns.Episode e : m.worstDrawdowns()) {
      rows.add(List.of(String.valueOf(k++), time(e.peak()), time(e.trough()),
          e.recovery().map(TearSheet::time).orElse("not recovered"), pct(-e.depth()), days(e.lengthDays())));
    }
    if (rows.isEmpty()) {
      p.note("No drawdown: NAV never fell below its running peak.");
      return;
    }
    p.subheading("Worst " + Metrics.WORST_DRAWDOWNS + " drawdowns");
    p.table(List.of("#", "Peak (start)", "Trough", "Recovery", "Depth", "Length (under water)"), rows);
  }

  private static void yearly(HtmlPage p, BacktestResult r, MonthlyReturns monthly, Optional<Benchmark> b) {
    List<Integer> years = monthly.years();
    List<String> labels = new ArrayList<>();
    double[] s = new double[years.size()];
    for (int i = 0; i < years.size(); i++) {
      labels.add(String.valueOf(years.get(i)));
      s[i] = monthly.year(years.get(i));
    }
    InteractiveCharts.Chart c = InteractiveCharts.categoryChart("Yearly returns (compounded; partial years as booked)",
        labels, "return", Format.PERCENT).bars("strategy", s);
    b.ifPresent(bm -> {
      double[] br = bm.returns();
      for (int i = 0; i < br.length; i++) {
        if (Double.isNaN(br[i])) {
          br[i] = 0; // flat before the benchmark has a price, as its NAV line
        }
      }
      MonthlyReturns bmm = MonthlyReturns.of(r.closeTimesMs(), r.interval(), br);
      double[] v = new double[years.size()];
      for (int i = 0; i < years.size(); i++) {
        v[i] = bmm.year(years.get(i));
      }
      c.bars(bm.name(), v);
    });
    p.chart(c.height(280));
  }

  private static InteractiveCharts.Chart costBreakdown(BacktestResult r) {
    double[] g = r.grossReturns();
    double[] f = r.fundingCosts();
    double[] fee = r.feeCosts();
    int n = g.length;
    double[] cg = new double[n];
    double[] cf = new double[n];
    double[] cfee = new double[n];
    double[] cn = new double[n];
    double a = 0;
    double b = 0;
    double d = 0;
    for (int i = 0; i < n; i++) {
      a += g[i];
      b -= f[i];
      d -= fee[i];
      cg[i] = a;
      cf[i] = b;
      cfee[i] = d;
      cn[i] = a + b + d;
    }
    long[] t = r.closeTimesMs();
    return InteractiveCharts.timeChart("Cumulative P&L by source (sum of per-bar returns)", "% of NAV",
        Format.PERCENT).line("gross (price)", t, cg).line("funding", t, cf).line("fees and slippage", t, cfee)
        .line("net", t, cn);
  }

  private static InteractiveCharts.Chart exposure(BacktestResult r) {
    double[] l = r.longExposure();
    double[] s = r.shortExposure();
    double[] net = new double[l.length];
    double[] gross = new double[l.length];
    for (int i = 0; i < l.length; i++) {
      net[i] = l[i] + s[i];
      gross[i] = l[i] - s[i];
    }
    long[] t = r.closeTimesMs();
    return InteractiveCharts.timeChart("Exposure (sum of weights held over each bar)", "% of NAV", Format.PERCENT)
        .line("gross", t, gross).line("long", t, l).line("short", t, s).line("net", t, net);
  }

  private static void attribution(HtmlPage p, Attribution at, Metrics m) {
    p.heading("Attribution");
    p.paragraph("P&L in percent of the initial NAV (each bar's P&L scaled by the NAV before it), so the parts add up"
        + " to the total return " + pct(at.totalPnl()) + " (unattributed rounding: " + String.format(Locale.ROOT,
            "%.1e", at.residual()) + "). Fees of a rebalance are split over the coins in proportion to their traded"
        + " weight.");
    double[] lg = at.longLeg();
    double[] sg = at.shortLeg();
    List<List<String>> legs = new ArrayList<>();
    legs.add(List.of("Long leg", pct(lg[0]), pct(lg[1]), pct(lg[2]), pct(lg[3])));
    legs.add(List.of("Short leg", pct(sg[0]), pct(sg[1]), pct(sg[2]), pct(sg[3])));
    legs.add(List.of("Total", pct(lg[0] + sg[0]), pct(lg[1] + sg[1]), pct(lg[2] + sg[2]), pct(lg[3] + sg[3])));
    p.table(List.of("Leg", "Price", "Funding", "Fees", "Net"), legs);
    long[] t = at.closeTimesMs();
    p.chart(InteractiveCharts.timeChart("Cumulative P&L by leg (% of initial NAV)", "P&L", Format.PERCENT)
        .line("long leg", t, at.cumulativeLong()).line("short leg", t, at.cumulativeShort()));

    List<Attribution.CoinPnl> coins = at.byCoin();
    int k = Math.min(RunAnalysis.TOP_COINS, coins.size());
    List<Attribution.CoinPnl> top = coins.subList(0, k);
    List<Attribution.CoinPnl> bottom = new ArrayList<>(coins.subList(Math.max(k, coins.size() - k), coins.size()));
    Collections.reverse(bottom);
    p.subheading("Top " + top.size() + " contributors (of " + coins.size() + " coins traded)");
    p.table(List.of("Coin", "Price", "Funding", "Fees", "Net"), coinRows(top));
    if (!bottom.isEmpty()) {
      p.subheading("Bottom " + bottom.size() + " detractors");
      p.table(List.of("Coin", "Price", "Funding", "Fees", "Net"), coinRows(bottom));
    }
    List<Attribution.CoinPnl> both = new ArrayList<>(top);
    List<Attribution.CoinPnl> worstFirst = new ArrayList<>(bottom);
    Collections.reverse(worstFirst);
    both.addAll(worstFirst);
    List<String> names = both.stream().map(Attribution.CoinPnl::coin).toList();
    if (!names.isEmpty()) {
      p.chart(InteractiveCharts.categoryChart("Net P&L of the top and bottom coins (% of initial NAV)", names, "P&L",
          Format.PERCENT).bars("price", both.stream().mapToDouble(Attribution.CoinPnl::price).toArray())
          .bars("funding", both.stream().mapToDouble(Attribution.CoinPnl::funding).toArray())
          .bars("fees", both.stream().mapToDouble(Attribution.CoinPnl::fees).toArray())
          .bars("net", both.stream().mapToDouble(Attribution.CoinPnl::net).toArray()).height(320));
    }

    p.subheading("Positions and universe over time");
    p.chart(InteractiveCharts.timeChart("Coins held and coins with a price, per bar", "coins", Format.INTEGER)
        .line("long positions", t, toDouble(at.longPositions())).line("short positions", t,
            toDouble(at.shortPositions())).line("universe (coins with a price)", t, toDouble(at.universeSize()))
        .height(280));

    p.subheading("Holding periods");
    double[] hl = at.holdingDaysLong();
    double[] hs = at.holdingDaysShort();
    List<List<String>> hold = new ArrayList<>();
    hold.add(holdRow("Long", hl));
    hold.add(holdRow("Short", hs));
    p.table(List.of("Leg", "Positions", "Mean", "Median", "Longest"), hold);
    double max = Math.max(hl.length > 0 ? Arrays.stream(hl).max().getAsDouble() : 0,
        hs.length > 0 ? Arrays.stream(hs).max().getAsDouble() : 0);
    if (max > 0) {
      double[] edges = holdingEdges(max);
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < edges.length - 1; i++) {
        labels.add(edges[i + 1] >= Double.MAX_VALUE ? "> " + fmtDays(edges[i]) : "<= " + fmtDays(edges[i + 1]));
      }
      p.chart(InteractiveCharts.categoryChart("Holding periods (count of positions by length)", labels, "positions",
          Format.INTEGER).bars("long", histogram(hl, edges)).bars("short", histogram(hs, edges)).height(260));
    }
    p.note("Universe = coins with a price in the data at each bar (tradable), not the strategy's liquidity-filtered"
        + " universe. A holding period is a run of consecutive bars held on one side; runs open at the end count up"
        + " to the last bar.");
  }

  private static List<String> holdRow(String leg, double[] d) {
    Map<String, Object> s = Attribution.holdingStats(d);
    return List.of(leg, String.valueOf(s.get("count")), daysObj(s.get("mean")), daysObj(s.get("median")),
        daysObj(s.get("max")));
  }

  private static String daysObj(Object v) {
    return v instanceof Double d ? days(d) : "n/a";
  }

  private static double[] holdingEdges(double max) {
    double[] base = {0, 0.25, 0.5, 1, 2, 3, 5, 7, 14, 30, 60, 90, 180, 365};
    List<Double> e = new ArrayList<>();
    for (double b : base) {
      e.add(b);
      if (b >= max) {
        break;
      }
    }
    if (e.get(e.size() - 1) < max) {
      e.add(Double.MAX_VALUE);
    }
    return e.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] histogram(double[] x, double[] edges) {
    double[] h = new double[edges.length - 1];
    for (double v : x) {
      for (int i = 0; i < h.length; i++) {
        if (v > edges[i] && v <= edges[i + 1]) {
          h[i]++;
          break;
        }
      }
    }
    return h;
  }

  private static String fmtDays(double d) {
    return d < 1 ? fmt(d * 24, 0) + " h" : fmt(d, 0) + " d";
  }

  private static List<List<String>> coinRows(List<Attribution.CoinPnl> coins) {
    List<List<String>> rows = new ArrayList<>();
    for (Attribution.CoinPnl c : coins) {
      rows.add(List.of(c.coin(), pct(c.price()), pct(c.funding()), pct(c.fees()), pct(c.net())));
    }
    return rows;
  }

  private static double[] toDouble(int[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  private static double[] compound(double[] r) {
    double[] nav = new double[r.length];
    double v = 1;
    for (int i = 0; i < r.length; i++) {
      v *= 1 + r[i];
      nav[i] = v;
    }
    return nav;
  }

  private static double[] underwater(double[] nav) {
    double[] dd = new double[nav.length];
    double peak = 1;
    for (int i = 0; i < nav.length; i++) {
      peak = Math.max(peak, nav[i]);
      dd[i] = nav[i] / peak - 1;
    }
    return dd;
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
    Arrays.fill(sat, 0, 12, maxMonth);
    sat[12] = maxYear;
    DoubleFunction<String> f = v -> String.format(Locale.ROOT, "%.1f%%", 100 * v);
    p.heatTable("", MONTHS, rows, values, f, sat);
  }

  /**
   * @param t an instant
   * @return {@code yyyy-MM-dd HH:mm} in UTC
   */
  static String time(Instant t) {
    return TIME.format(t);
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
