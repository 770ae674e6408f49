package io.slipstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.slipstream.analytics.Attribution;
import io.slipstream.analytics.Benchmark;
import io.slipstream.analytics.Metrics;
import io.slipstream.analytics.RunAnalysis;
import io.slipstream.analytics.report.Charts;
import io.slipstream.analytics.report.HtmlPage;
import io.slipstream.analytics.report.TearSheet;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.LedgerFiles;
import io.slipstream.cost.CostConfig;
import io.slipstream.data.MarketData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The files of a backtest run folder (DESIGN.md CLI contract), shared by every command that produces a ledger
 * ({@code backtest}, {@code walk-forward}): {@code returns.csv}, {@code weights.parquet}, {@code metrics.json},
 * {@code equity.png}, {@code report.html}; the report's parameter table of a config; the metrics block of the
 * printed summary.
 */
final class RunOutputs {
  private RunOutputs() {
  }

  /**
   * Writes the five run files of a ledger into {@code dir}.
   *
   * @param dir the (uncommitted) output folder
   * @param title the report's title
   * @param parameters the report's parameter table, in order
   * @param r the ledger
   * @param m its metrics
   * @param progress told each phase (may be null)
   */
  static void write(OutputDir dir, String title, Map<String, String> parameters, BacktestResult r, Metrics m,
      Progress progress) {
    write(dir, title, parameters, r, new RunAnalysis(m, Optional.empty(), Optional.empty(), Optional.empty()),
        progress);
  }

  /**
   * Writes the run files of a ledger with its full analysis into {@code dir}: the five files of
   * {@link #write(OutputDir, String, Map, BacktestResult, Metrics, Progress)}, with the benchmark and attribution in
   * {@code metrics.json} and {@code report.html}, and {@code benchmark.csv} ({@code time,benchmark_return,
   * benchmark_nav}) when there is a benchmark.
   */
  static void write(OutputDir dir, String title, Map<String, String> parameters, BacktestResult r, RunAnalysis a,
      Progress progress) {
    write(dir, title, parameters, r, a, progress, page -> { });
  }

  /**
   * As {@link #write(OutputDir, String, Map, BacktestResult, RunAnalysis, Progress)}, with more sections appended to
   * the report after the tear sheet (e.g. the walk-forward windows).
   */
  static void write(OutputDir dir, String title, Map<String, String> parameters, BacktestResult r, RunAnalysis a,
      Progress progress, Consumer<HtmlPage> moreSections) {
    phase(progress, "writing returns, weights, metrics");
    LedgerFiles.writeReturnsCsv(dir.file("returns.csv"), r);
    LedgerFiles.writeWeightsParquet(dir.file("weights.parquet"), r);
    writeJson(dir.file("metrics.json"), a.toMap());
    a.benchmark().ifPresent(b -> writeBenchmarkCsv(dir.file("benchmark.csv"), b));
    step(progress);
    phase(progress, "charts and report");
    Charts.writeEquityPng(dir.file("equity.png"), r);
    HtmlPage page = TearSheet.page(title, parameters, a, r);
    moreSections.accept(page);
    page.write(dir.file("report.html"));
    step(progress);
  }

  /**
   * The analysis of a run: metrics, the benchmark named by {@code --benchmark} and the attribution.
   *
   * @param spec {@code --benchmark}: a coin of the data (default BTC), a CSV returns file, or {@code none}
   * @param md the run's market data
   * @param withFunding whether the run booked funding
   * @param r the ledger
   * @return the analysis
   * @throws io.slipstream.core.ConfigException ({@code --benchmark}) for an unknown coin or unreadable file
   */
  static RunAnalysis analyse(String spec, MarketData md, boolean withFunding, BacktestResult r) {
    Optional<Benchmark> b;
    if (spec == null || spec.isBlank()) {
      b = md.close().columnOf(Benchmark.DEFAULT_COIN).isPresent()
          ? Optional.of(Benchmark.buyAndHold(Benchmark.DEFAULT_COIN, md.close(), r)) : Optional.empty();
    } else if (spec.equalsIgnoreCase("none")) {
      b = Optional.empty();
    } else if (spec.toLowerCase(Locale.ROOT).endsWith(".csv") || Files.isRegularFile(Path.of(spec))) {
      b = Optional.of(Benchmark.fromCsv(Path.of(spec), r));
    } else {
      b = Optional.of(Benchmark.buyAndHold(spec, md.close(), r));
    }
    return RunAnalysis.of(r, b, Optional.of(Attribution.of(r, md.close(), md.funding(), withFunding)));
  }

  private static void writeBenchmarkCsv(Path file, Benchmark b) {
    long[] t = b.closeTimesMs();
    double[] ret = b.returns();
    double[] nav = b.nav();
    StringBuilder sb = new StringBuilder("time,benchmark_return,benchmark_nav\n");
    for (int i = 0; i < t.length; i++) {
      sb.append(Instant.ofEpochMilli(t[i])).append(',').append(Double.isNaN(ret[i]) ? "" : Double.toString(ret[i]))
          .append(',').append(nav[i]).append('\n');
    }
    try {
      Files.writeString(file, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void phase(Progress p, String name) {
    if (p != null) {
      p.setExtraMessage(name);
    }
  }

  private static void step(Progress p) {
    if (p != null) {
      p.step();
    }
  }

  /**
   * @param config a config file
   * @return its file name without a {@code .json} ending (the default run folder name under {@code reports/})
   */
  static String baseName(Path config) {
    String name = config.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }

  /** Writes {@code metrics.json}: {@link Metrics#toMap()}, indented. */
  static void writeMetricsJson(Path file, Metrics m) {
    writeJson(file, m.toMap());
  }

  private static void writeJson(Path file, Map<String, Object> content) {
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the report's parameter table of a config: strategy, window, strategy parameters, costs */
  static Map<String, String> parameters(BacktestConfig cfg) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("strategy", cfg.strategy());
    p.put("interval", cfg.interval().label());
    p.put("start", cfg.start().map(Instant::toString).orElse("(data start)"));
    p.put("end", cfg.end().map(Instant::toString).orElse("(data end)"));
    p.putAll(cfg.spec().reportParameters(cfg.params()));
    p.put("funding", String.valueOf(cfg.funding()));
    if (!cfg.costConfig().equals(CostConfig.feesOnly(cfg.costs()))) {
      costParameters(cfg, p);
      return p;
    }
    p.put("maker / taker fee (bps)", cfg.costs().makerFeeBps() + " / " + cfg.costs().takerFeeBps());
    p.put("passive_fill_fraction", String.valueOf(cfg.costs().passiveFillFraction()));
    p.put("slippage_bps", String.valueOf(cfg.costs().slippageBps()));
    p.put("fee rate per unit turnover (bps)", String.format(Locale.ROOT, "%.3f", cfg.costs().feeRate() * 1e4));
    return p;
  }

  private static void costParameters(BacktestConfig cfg, Map<String, String> p) {
    CostConfig c = cfg.costConfig();
    p.put("maker / taker fee (bps)", c.fees().makerFeeBps() + " / " + c.fees().takerFeeBps());
    p.put("passive_fill_fraction", String.valueOf(c.fees().passiveFillFraction()));
    p.put("slippage_bps", String.valueOf(c.fees().slippageBps()));
    p.put("half_spread_bps", c.halfSpreadBps().isPresent() ? String.valueOf(c.halfSpreadBps().getAsDouble())
        : "estimated (Abdi-Ranaldo, " + c.spreadWindowBars() + " bars)");
    p.put("impact_coefficient (square-root law Y)", String.valueOf(c.impactCoefficient()));
    p.put("min_trade_usd", String.valueOf(c.minTradeUsd()));
    p.put("capital_usd", String.valueOf(cfg.capitalUsd()));
  }

  /**
   * The metrics block of a command's printed summary (net and gross Sharpe, return, CAGR, volatility, Sortino,
   * drawdown, Calmar, turnover, fees, funding, hit rate, positions), one indented line per pair.
   *
   * @param m the metrics
   * @return the lines, each ending with a line separator
   */
  static String metricsLines(Metrics m) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "  net Sharpe      %8.2f    gross Sharpe   %8.2f%n", m.sharpe(),
        m.grossSharpe()));
    sb.append(String.format(Locale.ROOT, "  total return    %8.2f%%   CAGR           %8.2f%%%n", 100 * m.totalReturn(),
        100 * m.cagr()));
    sb.append(String.format(Locale.ROOT, "  volatility      %8.2f%%   Sortino        %8.2f%n",
        100 * m.annualVolatility(), m.sortino()));
    sb.append(String.format(Locale.ROOT, "  max drawdown    %8.2f%%   Calmar         %8.2f%n", 100 * m.maxDrawdown(),
        m.calmar()));
    sb.append(String.format(Locale.ROOT, "  turnover/rebal  %8.2f%%   fee drag/yr    %8.2f%%%n",
        100 * m.avgTurnoverPerRebalance(), 100 * m.annualFeeDrag()));
    sb.append(String.format(Locale.ROOT, "  funding P&L     %8.2f%%   hit rate       %8.2f%%%n", 100 * m.fundingPnl(),
        100 * m.hitRate()));
    sb.append(String.format(Locale.ROOT, "  avg positions   %5.1f long / %5.1f short, gross exposure %.2f%n",
        m.avgLongPositions(), m.avgShortPositions(), m.avgGrossExposure()));
    return sb.toString();
  }
}
