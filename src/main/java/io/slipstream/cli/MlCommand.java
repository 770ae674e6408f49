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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    footerHeading = "%nExample:%n", footer = "  slipstream ml train --config config/sol_xgb.json --data ../shared/data/hyperliquid",
    description = "ML research: the SOL direction model (XGBoost) and news sentiment.",
    subcommands = {MlCommand.Train.class, MlCommand.Evaluate.class, MlCommand.Backtest.class,
        MlSentimentCommand.class})
final class MlCommand implements Runnable {

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

    @Option(names = "--data", paramLabel = "DIR", description = "lake folder with candles_<interval>.parquet and "
        + "funding.parquet (default: $SLIPSTREAM_DATA, else data/)")
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
    footerHeading = "%nExample:%n", footer = "  slipstream ml train --config config/sol_xgb.json --data ../shared/data/hyperliquid",
      description = {"Fit the XGBoost direction model on the first train_fraction of the samples (early stopping on "
          + "the last validation_fraction of them) and score it, the majority-class and the logistic-regression "
          + "baselines on the rest. Writes --out/model/ (model.ubj + metadata.json) and --out/metrics.json; prints "
          + "a table."})
  static final class Train extends Base implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: reports/<config name>_train)")
    Path out;

    @Mixin
    OutputDir.ForceOption force;

    @Override
    public Integer call() {
      PrintStream stdout = System.out;
      SolStrategyConfig cfg = loadConfig();
      Path outDir = outDir(out, "_train");
      long t0 = System.nanoTime();
      String summary;
      try (OutputDir dir = OutputDir.open(outDir, "ml train", force.force, data, config);
          Progress pb = new Progress("ml train", 4)) {
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
    footerHeading = "%nExample:%n", footer = {"  slipstream ml evaluate --config config/sol_xgb.json --model reports/sol_xgb_train \\", "      --data ../shared/data/hyperliquid"},
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
    footerHeading = "%nExample:%n", footer = {"  slipstream ml backtest --config config/sol_xgb.json --data ../shared/data/hyperliquid \\", "      --out reports/sol_xgb"},
      description = {"Walk-forward retraining of the XGBoost direction model, the strategy (thresholds, regime, "
          + "news-sentiment block, inverse-vol sizing, stop-loss) and buy-and-hold of the coin through the backtest "
          + "ledger (same fees and funding). Writes to --out (all or nothing):",
          "  returns.csv, metrics.json, weights.parquet, equity.png, report.html,",
          "  buy_and_hold/ (the same files), decisions.csv, windows.csv and comparison.json;",
          "  with --ablation-seeds N also ablation.csv."})
  static final class Backtest extends Base implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: reports/<config name>)")
    Path out;

    @Mixin
    OutputDir.ForceOption force;

    @Option(names = "--ablation-seeds", paramLabel = "N", defaultValue = "0",
        description = {"null-model ablation: after the run, re-run the same rules, ledger and costs N times with the "
            + "model's probabilities replaced by i.i.d. Uniform(0,1) draws (SplittableRandom seeds 1..N, on the bars "
            + "the model covers) and once with p = 1 in a bullish, 0 in a bearish regime (regime only); writes "
            + "ablation.csv and comparison.json's \"ablation\" (default: ${DEFAULT-VALUE} = off)"})
    int ablationSeeds;

    @Override
    public Integer call() {
      PrintStream stdout = System.out;
      if (ablationSeeds < 0) {
        throw new Main.UsageException("--ablation-seeds must be >= 0, was " + ablationSeeds);
      }
      SolStrategyConfig cfg = loadConfig();
      Path outDir = outDir(out, "");
      OutputDir.check(outDir, "ml backtest", force.force, data, config);
      long t0 = System.nanoTime();
      String summary;
      try (Progress bootstrap = new Progress("ml backtest", 2)) {
        SolPipeline p = pipeline(cfg, bootstrap);
        bootstrap.close();
        int windows = p.walkForwardLayout().size();
        try (Progress pb = new Progress("ml backtest", windows + 5 + (ablationSeeds > 0 ? 1 : 0));
            OutputDir dir = OutputDir.open(outDir, "ml backtest", force.force, data, config)) {
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
          Function<TargetSource, BacktestResult> ledger = source -> Backtester.run(md, source, costs, cfg.funding(),
              cfg.capitalUsd(), start, Optional.empty());
          BacktestResult rs = ledger.apply(strategy);
          BacktestResult rb = ledger.apply(SolStrategy.buyAndHold(md, cfg.coin()));
          Metrics ms = Metrics.of(rs);
          Metrics mb = Metrics.of(rb);
          pb.step();
          Optional<Ablation> ablation = Optional.empty();
          if (ablationSeeds > 0) {
            pb.setExtraMessage("ablation: " + ablationSeeds + " random-p runs and regime only");
            ablation = Optional.of(Ablation.run(strategy, ms, ablationSeeds, ledger));
            pb.step();
          }
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
          if (ablation.isPresent()) {
            ablation.get().writeCsv(dir.file("ablation.csv"));
            cmp.put("ablation", ablation.get().asMap());
          }
          writeJson(dir.file("comparison.json"), cmp);
          pb.step();
          dir.commit();
          pb.setExtraMessage("done");
          pb.close();
          summary = backtestSummary(cfg, wf, sent, decisions, ms, mb)
              + ablation.map(Ablation::table).orElse("") + wrote(dir.target(), t0);
        }
      }
      stdout.print(summary);
      stdout.flush();
      return 0;
    }
  }

  /**
   * The null-model ablation of {@code ml backtest --ablation-seeds N}: the strategy's rules re-run through the same
   * ledger ({@link SolStrategy#withProbability}: same regime, sentiment, sizing, stop-loss, band, fees, funding and
   * booking window) with the model's probabilities replaced on the bars it covers, N times by seeded i.i.d. uniform
   * draws ({@link SolStrategy#randomProbability}, seeds {@code 1..N}) and once by the regime's side
   * ({@link SolStrategy#regimeOnlyProbability}). The model's net Sharpe is ranked among the random runs
   * ({@link SolStrategy.NullTest}).
   *
   * @param model the model's metrics
   * @param runs the random-p runs in seed order, then the regime-only run
   */
  record Ablation(Metrics model, List<Run> runs) {
    /** {@code kind} of a random-p run. */
    static final String RANDOM = "random_p";
    /** {@code kind} of the regime-only run. */
    static final String REGIME_ONLY = "regime_only";
    /** Header of {@code ablation.csv}; one row per run (fractions, not percent). */
    static final String CSV_HEADER = "kind,seed,net_sharpe,gross_sharpe,cagr,max_drawdown,total_fees,time_in_market";
    private static final List<String> COLUMNS = List.of("net_sharpe", "gross_sharpe", "cagr", "max_drawdown",
        "total_fees", "time_in_market");

    /**
     * One ablation run.
     *
     * @param kind {@link #RANDOM} or {@link #REGIME_ONLY}
     * @param seed the random seed (random-p runs only)
     * @param metrics its ledger's metrics
     */
    record Run(String kind, OptionalLong seed, Metrics metrics) {
    }

    /**
     * Runs the ablation.
     *
     * @param strategy the model's strategy (its inputs are reused; its own state is not touched)
     * @param model the metrics of the model's run
     * @param seeds N, {@code >= 1}
     * @param ledger the ledger the model's run went through
     * @return the N random-p runs and the regime-only run
     */
    static Ablation run(SolStrategy strategy, Metrics model, int seeds,
        Function<TargetSource, BacktestResult> ledger) {
      double[] p = strategy.probability();
      List<Run> runs = new ArrayList<>();
      for (int k = 1; k <= seeds; k++) {
        SolStrategy random = strategy.withProbability(SolStrategy.randomProbability(p, k));
        runs.add(new Run(RANDOM, OptionalLong.of(k), Metrics.of(ledger.apply(random))));
      }
      SolStrategy regime = strategy.withProbability(SolStrategy.regimeOnlyProbability(p, strategy.regime()));
      runs.add(new Run(REGIME_ONLY, OptionalLong.empty(), Metrics.of(ledger.apply(regime))));
      return new Ablation(model, List.copyOf(runs));
    }

    private List<Metrics> random() {
      return runs.stream().filter(r -> r.kind().equals(RANDOM)).map(Run::metrics).toList();
    }

    private Metrics regimeOnly() {
      return runs.get(runs.size() - 1).metrics();
    }

    /** @return the model's net Sharpe against the random-p runs' */
    SolStrategy.NullTest sharpeTest() {
      return nullTest(Metrics::sharpe);
    }

    /**
     * @return the model's gross Sharpe (before fees and funding) against the random-p runs': the uniform null trades
     *     far more often than a model whose probabilities stay near 0.5, so the net comparison also measures turnover
     */
    SolStrategy.NullTest grossSharpeTest() {
      return nullTest(Metrics::grossSharpe);
    }

    private SolStrategy.NullTest nullTest(java.util.function.ToDoubleFunction<Metrics> statistic) {
      return SolStrategy.NullTest.of(statistic.applyAsDouble(model), random().stream().mapToDouble(statistic)
          .toArray());
    }

    private static double[] values(Metrics m) {
      return new double[] {m.sharpe(), m.grossSharpe(), m.cagr(), m.maxDrawdown(), m.totalFees(), m.timeInMarket()};
    }

    /** @return per column of {@link #COLUMNS}: mean, sample sd (ddof 1), min, max over the random runs' finite values */
    private double[][] randomStats() {
      List<Metrics> rs = random();
      double[][] out = new double[COLUMNS.size()][];
      for (int c = 0; c < out.length; c++) {
        int col = c;
        double[] v = rs.stream().mapToDouble(m -> values(m)[col]).filter(Double::isFinite).toArray();
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        out[c] = new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN,
            Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN), v.length};
      }
      return out;
    }

    /** Writes {@code ablation.csv}: {@link #CSV_HEADER}, then one row per run. */
    void writeCsv(Path file) {
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write(CSV_HEADER);
        w.newLine();
        for (Run r : runs) {
          StringBuilder sb = new StringBuilder(r.kind()).append(',');
          r.seed().ifPresent(sb::append);
          for (double v : values(r.metrics())) {
            sb.append(',').append(csv(v));
          }
          w.write(sb.toString());
          w.newLine();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }

    /** @return the {@code "ablation"} object of {@code comparison.json} (null = undefined) */
    Map<String, Object> asMap() {
      SolStrategy.NullTest t = sharpeTest();
      int n = random().size();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", "the same rules, ledger, fees, funding and booking window with the model's probability replaced "
          + "on the bars it covers (NaN stays NaN)");
      m.put("random_p_rule", "i.i.d. Uniform(0,1): new SplittableRandom(seed).nextDouble(), one draw per covered bar "
          + "in time order");
      m.put("regime_only_rule", "p = 1 where the regime is bullish, 0 where bearish, 0.5 where neutral: always the "
          + "regime's side (sentiment block, sizing, stop-loss and band still apply)");
      m.put("random_runs", n);
      m.put("first_seed", 1);
      m.put("last_seed", n);
      Map<String, Object> mm = new LinkedHashMap<>();
      double[] mv = values(model);
      for (int c = 0; c < COLUMNS.size(); c++) {
        mm.put(COLUMNS.get(c), num(mv[c]));
      }
      m.put("model", mm);
      Map<String, Object> rp = new LinkedHashMap<>();
      double[][] st = randomStats();
      for (int c = 0; c < COLUMNS.size(); c++) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mean", num(st[c][0]));
        s.put("sd", num(st[c][1]));
        s.put("min", num(st[c][2]));
        s.put("max", num(st[c][3]));
        s.put("defined_runs", (int) st[c][4]);
        rp.put(COLUMNS.get(c), s);
      }
      m.put("random_p", rp);
      m.put("random_net_sharpe_at_least_model", t.atLeast());
      m.put("random_runs_undefined_sharpe", t.undefinedRuns());
      m.put("model_rank", t.rank().isPresent() ? t.rank().getAsInt() : null);
      m.put("model_rank_of", t.runs() + 1);
      m.put("empirical_p_value", num(t.pValue()));
      m.put("p_value_formula", "(1 + #random runs with net Sharpe >= the model's) / (N + 1)");
      SolStrategy.NullTest gt = grossSharpeTest();
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("random_at_least_model", gt.atLeast());
      gm.put("model_rank", gt.rank().isPresent() ? gt.rank().getAsInt() : null);
      gm.put("model_rank_of", gt.runs() + 1);
      gm.put("empirical_p_value", num(gt.pValue()));
      m.put("gross_sharpe_test", gm);
      Map<String, Object> g = new LinkedHashMap<>();
      double[] gv = values(regimeOnly());
      for (int c = 0; c < COLUMNS.size(); c++) {
        g.put(COLUMNS.get(c), num(gv[c]));
      }
      g.put("rebalances", regimeOnly().rebalances());
      m.put("regime_only", g);
      return m;
    }

    /** @return the printed table */
    String table() {
      SolStrategy.NullTest t = sharpeTest();
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "null-model ablation (same rules, ledger and costs; p replaced on the "
          + "bars the model covers):%n"));
      sb.append(String.format(Locale.ROOT, "%-22s %10s %12s %9s %9s %8s %11s%n", "", "net Sharpe", "gross Sharpe",
          "CAGR %", "max DD %", "fees %", "in market %"));
      ablationRow(sb, "model", values(model));
      double[][] st = randomStats();
      String[] names = {"mean", "sd", "min", "max"};
      for (int i = 0; i < names.length; i++) {
        double[] v = new double[COLUMNS.size()];
        for (int c = 0; c < v.length; c++) {
          v[c] = st[c][i];
        }
        ablationRow(sb, "random p " + names[i] + (i == 0 ? " (N=" + random().size() + ")" : ""), v);
      }
      ablationRow(sb, "regime only", values(regimeOnly()));
      if (t.rank().isPresent()) {
        sb.append(String.format(Locale.ROOT, "model net Sharpe rank %d of %d: empirical p-value (1 + %d) / (%d + 1) "
            + "= %.4f%n", t.rank().getAsInt(), t.runs() + 1, t.atLeast(), t.runs(), t.pValue()));
      } else {
        sb.append(String.format(Locale.ROOT, "model net Sharpe undefined (no position held): no p-value%n"));
      }
      SolStrategy.NullTest g = grossSharpeTest();
      if (g.rank().isPresent()) {
        sb.append(String.format(Locale.ROOT, "model gross Sharpe rank %d of %d: empirical p-value %.4f (before fees "
            + "and funding)%n", g.rank().getAsInt(), g.runs() + 1, g.pValue()));
      }
      return sb.toString();
    }

    private static void ablationRow(StringBuilder sb, String name, double[] v) {
      sb.append(String.format(Locale.ROOT, "%-22s %10.2f %12.2f %9.2f %9.2f %8.3f %11.1f%n", name, v[0], v[1],
          100 * v[2], 100 * v[3], 100 * v[4], 100 * v[5]));
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
