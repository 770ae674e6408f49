package io.slipstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.slipstream.analytics.Metrics;
import io.slipstream.analytics.report.Charts;
import io.slipstream.analytics.report.HtmlReport;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.LedgerFiles;
import io.slipstream.core.DataException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.ml.SolPipeline;
import io.slipstream.ml.SolPipeline.Evaluation;
import io.slipstream.ml.SolPipeline.Samples;
import io.slipstream.ml.SolPipeline.SentimentResult;
import io.slipstream.ml.SolPipeline.TrainResult;
import io.slipstream.ml.SolPipeline.WalkForwardResult;
import io.slipstream.ml.SolPipeline.WindowResult;
import io.slipstream.ml.SolStrategy;
import io.slipstream.ml.SolStrategyConfig;
import io.slipstream.ml.model.ClassificationMetrics;
import io.slipstream.ml.model.Dataset;
import io.slipstream.ml.model.TrainedModel;
import io.slipstream.ml.news.LoadReport;
import io.slipstream.portfolio.TargetSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipstream ml}: the ML research commands of issue 6 over a {@code sol_xgb} config
 * ({@link SolStrategyConfig}): {@code train} (time-ordered holdout fit of the XGBoost direction model against the
 * majority and logistic baselines), {@code evaluate} (a saved model on the config's test block), {@code backtest}
 * (walk-forward retraining, the strategy and buy-and-hold through the backtest ledger) and {@code sentiment}
 * ({@link MlSentimentCommand}, the PhraseBank evaluation of a sentiment scorer).
 *
 * <p>Exit codes as every command ({@link Main}): 0 success; 2 bad options or config (named), including a model whose
 * feature list differs from the config's; 1 run-time errors (missing files, data problems, XGBoost failures).
 */
@Command(name = "ml", mixinStandardHelpOptions = true,
    description = "ML research: the SOL direction model (XGBoost) and news sentiment.",
    subcommands = {MlCommand.Train.class, MlCommand.Evaluate.class, MlCommand.Backtest.class,
        MlSentimentCommand.class})
final class MlCommand implements Runnable {
  /** The lake the ML research runs on unless {@code --data} says otherwise. */
  static final String DEFAULT_DATA = "../shared/data/hyperliquid";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand (train, evaluate, backtest, sentiment)");
  }

  /** The options every model subcommand shares. */
  abstract static class Base {
    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "sol_xgb config JSON (e.g. config/sol_xgb.json)")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = DEFAULT_DATA,
        description = "lake folder with candles_<interval>.parquet and funding.parquet (default: ${DEFAULT-VALUE})")
    Path data;

    /** Loads the config, checks the lake and builds the pipeline. */
    SolPipeline pipeline(SolStrategyConfig cfg, Progress pb) {
      pb.setExtraMessage("loading " + cfg.interval().label() + " candles and funding");
      MarketData md = Lake.load(data, cfg.interval(), true);
      pb.step();
      pb.setExtraMessage("features and labels of " + cfg.coin());
      SolPipeline p = SolPipeline.of(cfg, md);
      pb.step();
      return p;
    }

    /** @return {@code out}, or {@code reports/<config file name><suffix>} when {@code --out} was not given */
    Path outDir(Path out, String suffix) {
      return out != null ? out : Path.of("reports", RunOutputs.baseName(config) + suffix);
    }

    /** @return the closing line {@code wrote DIR (S s)}, seconds since {@code t0} ({@link System#nanoTime}) */
    static String wrote(Path dir, long t0) {
      return String.format(Locale.ROOT, "wrote %s (%.1f s)%n", dir, (System.nanoTime() - t0) / 1e9);
    }

    SolStrategyConfig loadConfig() {
      SolStrategyConfig cfg = SolStrategyConfig.parse(config);
      DataFiles.requireCandles(data, cfg.interval(), "interval");
      if (!Files.exists(Lake.fundingFile(data))) {
        throw new DataException("no funding.parquet in data directory " + data + " (the funding features need it)");
      }
      return cfg;
    }
  }

  /** {@code slipstream ml train}. */
  @Command(name = "train", mixinStandardHelpOptions = true,
      description = {"Fit the XGBoost direction model on the first train_fraction of the samples (early stopping on "
          + "the last validation_fraction of them) and score it, the majority-class and the logistic-regression "
          + "baselines on the rest. Writes --out/model/ (model.ubj + metadata.json) and --out/metrics.json; prints "
          + "a table."})
  static final class Train extends Base implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: reports/<config name>_train)")
    Path out;

    @Override
    public Integer call() {
      PrintStream stdout = System.out;
      SolStrategyConfig cfg = loadConfig();
      Path outDir = outDir(out, "_train");
      long t0 = System.nanoTime();
      String summary;
      try (Progress pb = new Progress("ml train", 4);
          OutputDir dir = new OutputDir(outDir)) {
        SolPipeline p = pipeline(cfg, pb);
        pb.setExtraMessage("fitting XGBoost and the baselines");
        TrainResult r = p.train();
        try (TrainedModel model = r.model()) {
          pb.step();
          pb.setExtraMessage("writing the model and metrics.json");
          model.save(dir.file("model"));
          writeJson(dir.file("metrics.json"), trainJson(p, r));
          pb.step();
          dir.commit();
          pb.close();
          summary = trainTable(p, r) + wrote(dir.target(), t0);
        }
      }
      stdout.print(summary);
      stdout.flush();
      return 0;
    }

    private Map<String, Object> trainJson(SolPipeline p, TrainResult r) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("command", "ml train");
      root.put("config", config.toString());
      root.put("settings", p.config().asMap());
      root.put("data", dataMap(p));
      root.put("holdout", holdoutMap(r.holdout()));
      Map<String, Object> models = new LinkedHashMap<>();
      Map<String, Object> x = metricsMap(r.xgb());
      x.put("best_iteration", r.model().bestIteration());
      x.put("boosted_rounds", r.model().boostedRounds());
      x.put("best_validation_log_loss", num(r.model().bestValidationLogLoss()));
      x.put("scale_pos_weight", r.model().scalePosWeight());
      x.put("fit_seconds", r.xgbSeconds());
      models.put("xgboost", x);
      models.put("majority", metricsMap(r.majority()));
      models.put("logistic", metricsMap(r.logistic()));
      root.put("test_metrics", models);
      root.put("gain_importance", r.importance());
      root.put("model_dir", "model");
      return root;
    }
  }

  /** {@code slipstream ml evaluate}. */
  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = {"Score a saved model (ml train --out DIR, or its model/ folder) on the config's test block, "
          + "with the baselines refitted for comparison. The model's feature list must equal the config's (else "
          + "exit 2 naming the first differing feature)."})
  static final class Evaluate extends Base implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR",
        description = "model folder with metadata.json and model.ubj, or an ml train output folder holding model/")
    Path model;

    @Option(names = "--out", paramLabel = "FILE.json", description = "also write the metrics to this JSON file")
    Path out;

    @Override
    public Integer call() {
      PrintStream stdout = System.out;
      SolStrategyConfig cfg = loadConfig();
      Path dirPath = Files.isRegularFile(model.resolve("model").resolve(TrainedModel.METADATA_FILE))
          ? model.resolve("model") : model;
      if (out != null && Files.isDirectory(out)) {
        throw new Main.UsageException("--out must be a file name, " + out + " is a directory");
      }
      String text;
      try (Progress pb = new Progress("ml evaluate", 4)) {
        pb.setExtraMessage("loading the model");
        try (TrainedModel m = TrainedModel.load(dirPath)) {
          SolPipeline.requireSameFeatures(m.featureNames(), cfg.features().featureNames());
          pb.step();
          SolPipeline p = pipeline(cfg, pb);
          pb.setExtraMessage("scoring the test block");
          Evaluation e = p.evaluate(m);
          pb.step();
          if (out != null) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("command", "ml evaluate");
            root.put("config", config.toString());
            root.put("model_dir", dirPath.toAbsolutePath().normalize().toString());
            root.put("model_train_start", m.trainStart().toString());
            root.put("model_train_end", m.trainEnd().toString());
            root.put("model_saw_test_period", e.modelSawTestPeriod());
            root.put("data", dataMap(p));
            root.put("holdout", holdoutMap(e.holdout()));
            Map<String, Object> models = new LinkedHashMap<>();
            models.put("model", metricsMap(e.model()));
            models.put("majority", metricsMap(e.majority()));
            models.put("logistic", metricsMap(e.logistic()));
            root.put("test_metrics", models);
            writeJsonAtomically(out, root);
          }
          text = evaluateTable(p, m, dirPath, e);
        }
      }
      stdout.print(text);
      if (out != null) {
        stdout.println("wrote " + out.toAbsolutePath().normalize());
      }
      stdout.flush();
      return 0;
    }
  }

  /** {@code slipstream ml backtest}. */
  @Command(name = "backtest", mixinStandardHelpOptions = true,
      description = {"Walk-forward retraining of the XGBoost direction model, the strategy (thresholds, regime, "
          + "news-sentiment block, inverse-vol sizing, stop-loss) and buy-and-hold of the coin through the backtest "
          + "ledger (same fees and funding). Writes returns.csv, metrics.json, weights.parquet, equity.png, "
          + "report.html, buy_and_hold/ (the same files), decisions.csv, windows.csv and comparison.json to --out "
          + "(all or nothing)."})
  static final class Backtest extends Base implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: reports/<config name>)")
    Path out;

    @Override
    public Integer call() {
      PrintStream stdout = System.out;
      SolStrategyConfig cfg = loadConfig();
      Path outDir = outDir(out, "");
      long t0 = System.nanoTime();
      String summary;
      try (Progress bootstrap = new Progress("ml backtest", 2)) {
        SolPipeline p = pipeline(cfg, bootstrap);
        bootstrap.close();
        int windows = p.walkForwardLayout().size();
        try (Progress pb = new Progress("ml backtest", windows + 5);
            OutputDir dir = new OutputDir(outDir)) {
          pb.setExtraMessage("walk-forward window 1/" + windows);
          WalkForwardResult wf = p.walkForwardProbabilities(w -> {
            pb.step();
            if (w.layout().index() + 1 < windows) {
              pb.setExtraMessage("walk-forward window " + (w.layout().index() + 2) + "/" + windows);
            }
          });
          pb.setExtraMessage("news sentiment (" + cfg.sentiment().scorer() + ")");
          SentimentResult sent = p.sentiment();
          pb.step();
          pb.setExtraMessage("strategy and buy-and-hold ledgers");
          MarketData md = p.data();
          SolStrategy strategy = SolStrategy.of(cfg, md, wf.probability(), sent.values());
          Optional<Instant> start = Optional.of(md.close().closeTime(wf.firstPredictedRow()));
          CostModel costs = CostModel.flat(cfg.costs(), md.coins().size());
          BacktestResult rs = Backtester.run(md, strategy, costs, cfg.funding(), cfg.capitalUsd(), start,
              Optional.empty());
          TargetSource bh = SolStrategy.buyAndHold(md, cfg.coin());
          BacktestResult rb = Backtester.run(md, bh, costs, cfg.funding(), cfg.capitalUsd(), start, Optional.empty());
          Metrics ms = Metrics.of(rs);
          Metrics mb = Metrics.of(rb);
          pb.step();
          Map<String, String> params = parameters(cfg, sent);
          RunOutputs.write(dir, "ML backtest: " + config.getFileName() + " (walk-forward XGBoost, " + cfg.coin() + ")",
              params, rs, ms, pb);
          pb.setExtraMessage("buy_and_hold/, decisions.csv, windows.csv, comparison.json");
          writeRun(dir.file("buy_and_hold"), "Buy and hold " + cfg.coin() + " (same window, fees and funding)",
              params, rb, mb);
          List<SolStrategy.Decision> decisions = strategy.decisions();
          writeDecisions(dir.file("decisions.csv"), decisions);
          writeWindows(dir.file("windows.csv"), wf.windows());
          Map<String, Object> cmp = comparison(cfg, p, wf, sent, decisions, ms, mb);
          writeJson(dir.file("comparison.json"), cmp);
          pb.step();
          dir.commit();
          pb.setExtraMessage("done");
          pb.close();
          summary = backtestSummary(cfg, wf, sent, decisions, ms, mb) + wrote(dir.target(), t0);
        }
      }
      stdout.print(summary);
      stdout.flush();
      return 0;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // tables

  private static String trainTable(SolPipeline p, TrainResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(header(p, "train"));
    sb.append(holdoutLine(r.holdout()));
    sb.append(metricsTable(List.of("xgboost", "majority", "logistic"), List.of(r.xgb(), r.majority(), r.logistic())));
    sb.append(String.format(Locale.ROOT, "XGBoost: best iteration %d of %d rounds, fit %.2f s (%d threads)%n",
        r.model().bestIteration(), r.model().boostedRounds(), r.xgbSeconds(), p.config().model().nthread()));
    sb.append("top features by gain:");
    int k = 0;
    for (Map.Entry<String, Double> e : r.importance().entrySet()) {
      if (k++ == 8) {
        break;
      }
      sb.append(String.format(Locale.ROOT, " %s %.3g", e.getKey(), e.getValue()));
      sb.append(k < 8 && k < r.importance().size() ? "," : "");
    }
    sb.append(System.lineSeparator());
    return sb.toString();
  }

  private static String evaluateTable(SolPipeline p, TrainedModel m, Path dir, Evaluation e) {
    StringBuilder sb = new StringBuilder();
    sb.append(header(p, "evaluate"));
    sb.append(String.format(Locale.ROOT, "model %s: trained on %d samples %s .. %s%n", dir, m.trainRows(),
        m.trainStart(), m.trainEnd()));
    if (e.modelSawTestPeriod()) {
      sb.append("WARNING: the model's training window reaches into this test block: the metrics are in-sample")
          .append(System.lineSeparator());
    }
    sb.append(holdoutLine(e.holdout()));
    sb.append(metricsTable(List.of("model", "majority", "logistic"), List.of(e.model(), e.majority(), e.logistic())));
    return sb.toString();
  }

  private static String header(SolPipeline p, String what) {
    Samples s = p.samples();
    SolStrategyConfig c = p.config();
    return String.format(Locale.ROOT, "sol_xgb %s: %s %s, label: direction %d bar(s) ahead%s; %d samples of %d "
        + "window rows (dropped: %d with a NaN feature, %d with an unknown label)%n", what, c.coin(),
        c.interval().label(), c.label().horizonBars(), c.label().thresholdBps() > 0
            ? String.format(Locale.ROOT, ", moves < %.1f bps ignored", c.label().thresholdBps()) : "",
        s.dataset().rows(), s.windowRows(), s.incompleteFeatureRows(), s.unknownLabelRows());
  }

  private static String holdoutLine(SolPipeline.Holdout h) {
    Dataset t = h.test();
    return String.format(Locale.ROOT, "split: fit %d, validation %d (early stopping), test %d (%s .. %s); %d samples "
        + "purged%n", h.fit().rows(), h.validation().rows(), t.rows(), Instant.ofEpochMilli(t.timeMs(0)),
        Instant.ofEpochMilli(t.timeMs(t.rows() - 1)), h.purgedSamples());
  }

  private static String metricsTable(List<String> names, List<ClassificationMetrics> ms) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-10s %8s %9s %7s %7s %8s %8s   %s%n", "test", "accuracy", "precision",
        "recall", "f1", "roc_auc", "log_loss", "confusion [tn fp; fn tp]"));
    for (int i = 0; i < names.size(); i++) {
      ClassificationMetrics m = ms.get(i);
      sb.append(String.format(Locale.ROOT, "%-10s %8.4f %9.4f %7.4f %7.4f %8.4f %8.4f   [%d %d; %d %d]%n",
          names.get(i), m.accuracy(), m.precision(), m.recall(), m.f1(), m.rocAuc(), m.logLoss(), m.tn(), m.fp(),
          m.fn(), m.tp()));
    }
    return sb.toString();
  }

  private static String backtestSummary(SolStrategyConfig cfg, WalkForwardResult wf, SentimentResult sent,
      List<SolStrategy.Decision> decisions, Metrics ms, Metrics mb) {
    StringBuilder sb = new StringBuilder();
    SolStrategyConfig.WalkForwardSpec w = cfg.walkForward();
    sb.append(String.format(Locale.ROOT, "sol_xgb walk-forward backtest: %s %s, %d windows (train %dd %s, test %dd, "
        + "step %dd, purge %d bars), booked %s .. %s (%d bars)%n", cfg.coin(), cfg.interval().label(),
        wf.windows().size(), w.trainDays(), w.anchored() ? "anchored" : "rolling", w.testDays(), w.stepDays(),
        w.purgeBars(), ms.start(), ms.end(), ms.bars()));
    if (wf.pooled().isPresent()) {
      ClassificationMetrics m = wf.pooled().get();
      sb.append(String.format(Locale.ROOT, "out-of-sample classification (%d labelled bars): accuracy %.4f, ROC AUC "
          + "%.4f, log loss %.4f; up share %.4f%n", m.support(), m.accuracy(), m.rocAuc(), m.logLoss(),
          (double) m.positives() / m.support()));
    }
    sb.append(sentimentLine(cfg, sent, decisions)).append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "%-18s %12s %12s%n", "", "strategy", "buy&hold"));
    row(sb, "net Sharpe", "%12.2f", ms.sharpe(), mb.sharpe());
    row(sb, "CAGR %", "%12.2f", 100 * ms.cagr(), 100 * mb.cagr());
    row(sb, "total return %", "%12.2f", 100 * ms.totalReturn(), 100 * mb.totalReturn());
    row(sb, "max drawdown %", "%12.2f", 100 * ms.maxDrawdown(), 100 * mb.maxDrawdown());
    row(sb, "volatility %", "%12.2f", 100 * ms.annualVolatility(), 100 * mb.annualVolatility());
    row(sb, "fees % of NAV", "%12.3f", 100 * ms.totalFees(), 100 * mb.totalFees());
    row(sb, "funding P&L %", "%12.3f", 100 * ms.fundingPnl(), 100 * mb.fundingPnl());
    row(sb, "time in market %", "%12.1f", 100 * ms.timeInMarket(), 100 * mb.timeInMarket());
    row(sb, "rebalances", "%12.0f", ms.rebalances(), mb.rebalances());
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, String fmt, double a, double b) {
    sb.append(String.format(Locale.ROOT, "%-18s" + fmt + fmt + "%n", name, a, b));
  }

  private static String sentimentLine(SolStrategyConfig cfg, SentimentResult s, List<SolStrategy.Decision> ds) {
    long blocked = ds.stream().filter(d -> d.reason() == SolStrategy.Reason.SENTIMENT_BLOCK).count();
    if (s.scorerName().equals("none")) {
      return "sentiment: no news files configured (sentiment.news_files is empty): never blocked";
    }
    String who = s.languageModel() ? "language model " + s.scorerName() + " (FinBERT via DJL)"
        : "LEXICON FALLBACK (word lists, not a language model)";
    return String.format(Locale.ROOT, "sentiment: %s; %d headlines, %d mention %s; %d bars with a value; %d decisions "
        + "blocked (sentiment < %.2f)", who, s.headlinesLoaded(), s.coinHeadlines(), cfg.coin(), s.barsWithValue(),
        blocked, cfg.sentiment().blockBelow());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // files

  private static Map<String, Object> dataMap(SolPipeline p) {
    Samples s = p.samples();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("first_bar_close", p.data().close().closeTime(0).toString());
    m.put("last_bar_close", p.data().close().closeTime(p.data().rows() - 1).toString());
    m.put("window_first_close", p.data().close().closeTime(p.firstWindowRow()).toString());
    m.put("window_rows", s.windowRows());
    m.put("dropped_rows", s.droppedRows());
    m.put("dropped_incomplete_features", s.incompleteFeatureRows());
    m.put("dropped_unknown_label", s.unknownLabelRows());
    m.put("samples", s.dataset().rows());
    m.put("features", p.features().names());
    return m;
  }

  private static Map<String, Object> holdoutMap(SolPipeline.Holdout h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fit_samples", h.fit().rows());
    m.put("validation_samples", h.validation().rows());
    m.put("test_samples", h.test().rows());
    m.put("purged_samples", h.purgedSamples());
    m.put("fit_start", Instant.ofEpochMilli(h.fit().timeMs(0)).toString());
    m.put("fit_end", Instant.ofEpochMilli(h.fit().timeMs(h.fit().rows() - 1)).toString());
    m.put("validation_start", Instant.ofEpochMilli(h.validation().timeMs(0)).toString());
    m.put("validation_end", Instant.ofEpochMilli(h.validation().timeMs(h.validation().rows() - 1)).toString());
    m.put("test_start", Instant.ofEpochMilli(h.test().timeMs(0)).toString());
    m.put("test_end", Instant.ofEpochMilli(h.test().timeMs(h.test().rows() - 1)).toString());
    return m;
  }

  private static Map<String, Object> metricsMap(ClassificationMetrics c) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : c.asMap().entrySet()) {
      m.put(e.getKey(), num(e.getValue()));
    }
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("labels", List.of("down (0)", "up (1)"));
    conf.put("rows", "actual");
    conf.put("columns", "predicted (p > " + c.threshold() + ")");
    conf.put("counts", List.of(List.of(c.tn(), c.fp()), List.of(c.fn(), c.tp())));
    m.put("confusion", conf);
    return m;
  }

  private static Double num(double x) {
    return Double.isFinite(x) ? x : null;
  }

  private static Map<String, String> parameters(SolStrategyConfig c, SentimentResult s) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("strategy", SolStrategyConfig.STRATEGY + " (" + c.coin() + ", " + c.interval().label() + ")");
    p.put("label", "direction " + c.label().horizonBars() + " bar(s) ahead, dead zone " + c.label().thresholdBps()
        + " bps");
    p.put("model", c.model().asMap().toString());
    SolStrategyConfig.WalkForwardSpec w = c.walkForward();
    p.put("walk-forward", String.format(Locale.ROOT, "train %dd %s, test %dd, step %dd, purge %d, embargo %d bars",
        w.trainDays(), w.anchored() ? "anchored" : "rolling", w.testDays(), w.stepDays(), w.purgeBars(),
        w.embargoBars()));
    p.put("signal", "long p > " + c.signal().upper() + ", short p < " + c.signal().lower());
    p.put("regime", c.regime().windowBars() + "-bar return, neutral band " + c.regime().neutralBand());
    p.put("sentiment", s.scorerName().equals("none") ? "none (no news files)"
        : (s.languageModel() ? s.scorerName() : "lexicon fallback") + ", half-life " + c.sentiment().halfLifeHours()
            + " h, block below " + c.sentiment().blockBelow());
    p.put("sizing", String.format(Locale.ROOT, "target vol %.2f/yr, EW span %d, max leverage %.2f, band %.3f",
        c.sizing().targetVolAnnual(), c.sizing().volSpanBars(), c.sizing().maxLeverage(),
        c.sizing().rebalanceBand()));
    p.put("stop_loss_pct", c.stopLossPct().isPresent() ? String.valueOf(c.stopLossPct().getAsDouble()) : "none");
    p.put("funding", String.valueOf(c.funding()));
    p.put("maker / taker fee (bps)", c.costs().makerFeeBps() + " / " + c.costs().takerFeeBps());
    p.put("passive_fill_fraction", String.valueOf(c.costs().passiveFillFraction()));
    p.put("slippage_bps", String.valueOf(c.costs().slippageBps()));
    p.put("fee rate per unit turnover (bps)", String.format(Locale.ROOT, "%.3f", c.costs().feeRate() * 1e4));
    return p;
  }

  /** The five run files of a ledger into a sub-folder (RunOutputs writes them into an OutputDir's root). */
  private static void writeRun(Path sub, String title, Map<String, String> params, BacktestResult r, Metrics m) {
    try {
      Files.createDirectories(sub);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + sub + ": " + e.getMessage(), e);
    }
    LedgerFiles.writeReturnsCsv(sub.resolve("returns.csv"), r);
    LedgerFiles.writeWeightsParquet(sub.resolve("weights.parquet"), r);
    RunOutputs.writeMetricsJson(sub.resolve("metrics.json"), m);
    Charts.writeEquityPng(sub.resolve("equity.png"), r);
    HtmlReport.write(sub.resolve("report.html"), title, params, m, r);
  }

  /** Header of {@code decisions.csv}. */
  static final String DECISIONS_HEADER = "time,close,probability,regime,sentiment,sigma,raw_direction,direction,"
      + "target_weight,held_weight,traded,entry_price,reason";

  private static void writeDecisions(Path file, List<SolStrategy.Decision> ds) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(DECISIONS_HEADER);
      w.newLine();
      for (SolStrategy.Decision d : ds) {
        w.write(d.time() + "," + csv(d.close()) + "," + csv(d.probability()) + "," + d.regime() + ","
            + csv(d.sentiment()) + "," + csv(d.sigma()) + "," + d.rawDirection() + "," + d.direction() + ","
            + csv(d.targetWeight()) + "," + csv(d.heldWeight()) + "," + d.traded() + "," + csv(d.entryPrice()) + ","
            + d.reason().name().toLowerCase(Locale.ROOT));
        w.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Header of {@code windows.csv}. */
  static final String WINDOWS_HEADER = "window,train_start,train_end,test_start,test_end,fit_samples,"
      + "validation_samples,predicted_rows,metric_samples,up_share,best_iteration,xgb_accuracy,xgb_roc_auc,"
      + "xgb_log_loss,xgb_f1,majority_accuracy,majority_log_loss,logistic_accuracy,logistic_roc_auc,"
      + "logistic_log_loss,seconds";

  private static void writeWindows(Path file, List<WindowResult> ws) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(WINDOWS_HEADER);
      w.newLine();
      for (WindowResult r : ws) {
        Optional<ClassificationMetrics> x = r.xgb();
        StringBuilder sb = new StringBuilder();
        sb.append(r.layout().index()).append(',').append(r.trainStart()).append(',').append(r.trainEnd()).append(',')
            .append(r.testStart()).append(',').append(r.testEnd()).append(',').append(r.fitSamples()).append(',')
            .append(r.validationSamples()).append(',').append(r.predictedRows()).append(',')
            .append(x.map(ClassificationMetrics::support).orElse(0)).append(',')
            .append(x.map(m -> csv((double) m.positives() / m.support())).orElse("")).append(',')
            .append(r.bestIteration()).append(',')
            .append(opt(x, ClassificationMetrics::accuracy)).append(',').append(opt(x, ClassificationMetrics::rocAuc))
            .append(',').append(opt(x, ClassificationMetrics::logLoss)).append(',')
            .append(opt(x, ClassificationMetrics::f1)).append(',')
            .append(opt(r.majority(), ClassificationMetrics::accuracy)).append(',')
            .append(opt(r.majority(), ClassificationMetrics::logLoss)).append(',')
            .append(opt(r.logistic(), ClassificationMetrics::accuracy)).append(',')
            .append(opt(r.logistic(), ClassificationMetrics::rocAuc)).append(',')
            .append(opt(r.logistic(), ClassificationMetrics::logLoss)).append(',').append(csv(r.seconds()));
        w.write(sb.toString());
        w.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String opt(Optional<ClassificationMetrics> m, java.util.function.ToDoubleFunction<
      ClassificationMetrics> f) {
    return m.map(x -> csv(f.applyAsDouble(x))).orElse("");
  }

  /** A double in full precision (shortest round-trip form); NaN as an empty field. */
  private static String csv(double v) {
    return v == v ? Double.toString(v) : "";
  }

  private static Map<String, Object> comparison(SolStrategyConfig cfg, SolPipeline p, WalkForwardResult wf,
      SentimentResult sent, List<SolStrategy.Decision> decisions, Metrics ms, Metrics mb) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", "ml backtest");
    root.put("settings", cfg.asMap());
    root.put("booked_start", ms.start().toString());
    root.put("booked_end", ms.end().toString());
    root.put("booked_bars", ms.bars());
    root.put("strategy", headline(ms));
    root.put("buy_and_hold", headline(mb));
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("windows", wf.windows().size());
    w.put("first_test_bar", wf.windows().get(0).testStart().toString());
    w.put("pooled_out_of_sample", wf.pooled().map(MlCommand::metricsMap).orElse(null));
    w.put("mean_window_seconds", wf.windows().stream().mapToDouble(WindowResult::seconds).average().orElse(0));
    w.put("data", dataMap(p));
    root.put("walk_forward", w);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("scorer", sent.scorerName());
    s.put("language_model", sent.languageModel());
    s.put("lexicon_fallback", !sent.languageModel() && !sent.scorerName().equals("none"));
    s.put("headlines_loaded", sent.headlinesLoaded());
    s.put("cross_file_duplicates", sent.crossFileDuplicates());
    s.put("coin_headlines", sent.coinHeadlines());
    s.put("bars_with_value", sent.barsWithValue());
    List<Map<String, Object>> reports = new java.util.ArrayList<>();
    for (LoadReport r : sent.reports()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", r.file());
      m.put("rows_read", r.rowsRead());
      m.put("rows_kept", r.rowsKept());
      reports.add(m);
    }
    s.put("files", reports);
    root.put("sentiment", s);
    Map<SolStrategy.Reason, Integer> counts = new EnumMap<>(SolStrategy.Reason.class);
    int traded = 0;
    for (SolStrategy.Decision d : decisions) {
      counts.merge(d.reason(), 1, Integer::sum);
      traded += d.traded() ? 1 : 0;
    }
    Map<String, Object> dm = new LinkedHashMap<>();
    for (Map.Entry<SolStrategy.Reason, Integer> e : counts.entrySet()) {
      dm.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    root.put("decisions", decisions.size());
    root.put("decisions_traded", traded);
    root.put("decision_reasons", dm);
    return root;
  }

  private static Map<String, Object> headline(Metrics m) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("sharpe", num(m.sharpe()));
    x.put("cagr", num(m.cagr()));
    x.put("total_return", num(m.totalReturn()));
    x.put("max_drawdown", num(m.maxDrawdown()));
    x.put("annual_volatility", num(m.annualVolatility()));
    x.put("sortino", num(m.sortino()));
    x.put("total_fees", num(m.totalFees()));
    x.put("funding_pnl", num(m.fundingPnl()));
    x.put("time_in_market", num(m.timeInMarket()));
    x.put("rebalances", m.rebalances());
    x.put("avg_gross_exposure", num(m.avgGrossExposure()));
    return x;
  }

  private static void writeJson(Path file, Object root) {
    try {
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeJsonAtomically(Path file, Object root) {
    Path target = file.toAbsolutePath().normalize();
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
      try {
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
