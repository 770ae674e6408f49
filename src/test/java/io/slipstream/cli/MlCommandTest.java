package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.backtest.LedgerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream ml train | evaluate | backtest | sentiment} end to end through {@link Main#execute} on the real
 * SOL 1h data over a short window (2025-01-10 .. 2025-02-20, 20-day train and 7-day test windows, cryptopanic news):
 * exit codes 0 / 1 / 2, the files written and their consistency. Output is captured, never printed.
 */
class MlCommandTest {
  private static final String DATA = System.getProperty("slipstream.data", "../shared/data/hyperliquid");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The real cryptopanic file: the {@code text} sibling of the lake folder. */
  private static final String NEWS = Path.of(DATA).resolveSibling("text").resolve("cryptopanic_news.csv").toString()
      .replace("\\", "/");
  private static final String CONFIG = """
      {"strategy": "sol_xgb", "coin": "SOL", "interval": "1h", "start": "2025-01-10", "end": "2025-02-20",
       "model": {"n_estimators": 80, "early_stopping_rounds": 10, "nthread": 2, "seed": 3},
       "sentiment": {"scorer": "lexicon", "news_files": ["%s"],
                     "half_life_hours": 12, "block_below": -0.7},
       "walk_forward": {"train_days": 20, "test_days": 7, "step_days": 7, "purge_bars": 24}}""".formatted(NEWS);

  @TempDir
  static Path tmp;
  private static Path config;
  private static Path trainDir;
  private static CliRun.Result train;

  @BeforeAll
  static void trainOnce() throws IOException {
    System.setProperty("java.awt.headless", "true");
    config = tmp.resolve("sol_test.json");
    Files.writeString(config, CONFIG, StandardCharsets.UTF_8);
    trainDir = tmp.resolve("train");
    train = CliRun.run("ml", "train", "--config", config.toString(), "--data", DATA, "--out", trainDir.toString());
  }

  private static Path configWith(String name, String json) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void train_writesModelAndMetrics_andPrintsTheTable() throws IOException {
    assertThat(train.exit()).as(train.err()).isZero();
    assertThat(train.out()).contains("xgboost").contains("majority").contains("logistic")
        .contains("top features by gain").contains("wrote " + trainDir.toAbsolutePath().normalize());
    assertThat(trainDir.resolve("model/model.ubj")).isRegularFile();
    assertThat(trainDir.resolve("model/metadata.json")).isRegularFile();
    JsonNode m = JSON.readTree(trainDir.resolve("metrics.json").toFile());
    JsonNode x = m.get("test_metrics").get("xgboost");
    assertThat(x.get("roc_auc").asDouble()).isBetween(0.0, 1.0);
    assertThat(x.get("confusion").get("counts").get(0).get(0).asInt()).isEqualTo(x.get("tn").asInt());
    int support = x.get("support").asInt();
    assertThat(m.get("holdout").get("test_samples").asInt()).isEqualTo(support);
    assertThat(m.get("test_metrics").get("majority").get("roc_auc").asDouble()).isEqualTo(0.5);
    assertThat(m.get("test_metrics").get("logistic").get("support").asInt()).isEqualTo(support);
    assertThat(m.get("gain_importance").size()).isEqualTo(m.get("data").get("features").size());
    assertThat(m.get("data").get("samples").asInt() + m.get("data").get("dropped_rows").asInt())
        .isEqualTo(m.get("data").get("window_rows").asInt());
    assertThat(train.err()).contains("ml train [1/4]");
  }

  @Test
  void evaluate_savedModel_reproducesTheTrainMetrics() throws IOException {
    assertThat(train.exit()).as(train.err()).isZero();
    Path out = tmp.resolve("eval/evaluation.json");
    CliRun.Result r = CliRun.run("ml", "evaluate", "--config", config.toString(), "--data", DATA, "--model",
        trainDir.toString(), "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("model").contains("majority").doesNotContain("WARNING");
    JsonNode trained = JSON.readTree(trainDir.resolve("metrics.json").toFile()).get("test_metrics").get("xgboost");
    JsonNode evaluated = JSON.readTree(out.toFile()).get("test_metrics").get("model");
    for (String k : List.of("accuracy", "roc_auc", "log_loss", "tn", "fp", "fn", "tp")) {
      assertThat(evaluated.get(k).asDouble()).as(k).isEqualTo(trained.get(k).asDouble());
    }
    // the model/ folder itself is accepted too
    CliRun.Result direct = CliRun.run("ml", "evaluate", "--config", config.toString(), "--data", DATA, "--model",
        trainDir.resolve("model").toString());
    assertThat(direct.exit()).as(direct.err()).isZero();
  }

  @Test
  void evaluate_featureListMismatch_exit2NamingTheFirstDifferentFeature() throws IOException {
    assertThat(train.exit()).as(train.err()).isZero();
    Path other = configWith("rsi10.json", CONFIG.replace("\"model\"", "\"features\": {\"rsi_window_bars\": 10}, "
        + "\"model\""));
    CliRun.Result r = CliRun.run("ml", "evaluate", "--config", other.toString(), "--data", DATA, "--model",
        trainDir.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("error: config key 'features'").contains("model 'rsi_14', config 'rsi_10'");
  }

  @Test
  void evaluate_missingModel_exit1() {
    CliRun.Result r = CliRun.run("ml", "evaluate", "--config", config.toString(), "--data", DATA, "--model",
        tmp.resolve("no-model").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("error:").contains("no-model");
  }

  @Test
  void backtest_writesEveryFile_andPrintsStrategyVersusBuyAndHold() throws IOException {
    Path out = tmp.resolve("bt");
    CliRun.Result r = CliRun.run("ml", "backtest", "--config", config.toString(), "--data", DATA, "--out",
        out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("net Sharpe").contains("CAGR").contains("max drawdown").contains("buy&hold")
        .contains("LEXICON FALLBACK");
    for (String f : List.of("returns.csv", "metrics.json", "weights.parquet", "equity.png", "report.html",
        "decisions.csv", "windows.csv", "comparison.json", "buy_and_hold/returns.csv", "buy_and_hold/metrics.json",
        "buy_and_hold/report.html", "buy_and_hold/equity.png", "buy_and_hold/weights.parquet")) {
      assertThat(out.resolve(f)).as(f).isRegularFile();
    }
    List<String> returns = Files.readAllLines(out.resolve("returns.csv"));
    List<String> decisions = Files.readAllLines(out.resolve("decisions.csv"));
    List<String> bh = Files.readAllLines(out.resolve("buy_and_hold/returns.csv"));
    assertThat(returns.get(0)).isEqualTo(LedgerFiles.RETURNS_HEADER);
    assertThat(decisions.get(0)).isEqualTo(MlCommand.DECISIONS_HEADER);
    assertThat(decisions).hasSameSizeAs(returns);
    assertThat(bh).hasSameSizeAs(returns);
    assertThat(bh.get(1).split(",")[0]).isEqualTo(returns.get(1).split(",")[0]);
    // 41 days of bars; the first test window starts 20 days in: 3 windows of 7 days
    List<String> windows = Files.readAllLines(out.resolve("windows.csv"));
    assertThat(windows.get(0)).isEqualTo(MlCommand.WINDOWS_HEADER);
    assertThat(windows).hasSize(1 + 3);
    JsonNode cmp = JSON.readTree(out.resolve("comparison.json").toFile());
    assertThat(cmp.get("sentiment").get("lexicon_fallback").asBoolean()).isTrue();
    assertThat(cmp.get("sentiment").get("coin_headlines").asInt()).isPositive();
    assertThat(cmp.get("booked_bars").asInt()).isEqualTo(returns.size() - 1);
    assertThat(cmp.get("buy_and_hold").get("rebalances").asInt()).isEqualTo(1);
    JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.get("sharpe").isNumber() || metrics.get("sharpe").isNull()).isTrue();
    assertThat(cmp.get("strategy").get("total_fees").asDouble())
        .isEqualTo(metrics.get("total_fees").asDouble());
    assertThat(out.resolve("ablation.csv")).as("off by default").doesNotExist();
    assertThat(cmp.has("ablation")).isFalse();
  }

  @Test
  void backtest_ablationSeeds_writesOneRowPerRun_andThePValueOfTheCsv() throws IOException {
    Path out = tmp.resolve("bt-ablation");
    CliRun.Result r = CliRun.run("ml", "backtest", "--config", config.toString(), "--data", DATA, "--out",
        out.toString(), "--ablation-seeds", "3");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("null-model ablation").contains("random p mean (N=3)").contains("regime only");
    List<String> rows = Files.readAllLines(out.resolve("ablation.csv"));
    assertThat(rows.get(0)).isEqualTo(MlCommand.Ablation.CSV_HEADER);
    assertThat(rows).hasSize(1 + 3 + 1);
    for (int k = 1; k <= 3; k++) {
      assertThat(rows.get(k)).startsWith("random_p," + k + ",");
    }
    assertThat(rows.get(4)).startsWith("regime_only,,");
    JsonNode cmp = JSON.readTree(out.resolve("comparison.json").toFile());
    JsonNode a = cmp.get("ablation");
    assertThat(a.get("random_runs").asInt()).isEqualTo(3);
    JsonNode modelSharpe = cmp.get("strategy").get("sharpe");
    assertThat(a.get("model").get("net_sharpe")).isEqualTo(modelSharpe);
    double[] random = new double[3];
    for (int k = 0; k < 3; k++) {
      random[k] = Double.parseDouble(rows.get(k + 1).split(",")[2]);
    }
    assertThat(a.get("random_p").get("net_sharpe").get("mean").asDouble())
        .isCloseTo((random[0] + random[1] + random[2]) / 3, within(1e-12));
    assertThat(a.get("random_p").get("net_sharpe").get("max").asDouble())
        .isEqualTo(Math.max(random[0], Math.max(random[1], random[2])));
    if (modelSharpe.isNumber()) {
      int atLeast = 0;
      for (double v : random) {
        atLeast += v >= modelSharpe.asDouble() ? 1 : 0;
      }
      assertThat(a.get("random_net_sharpe_at_least_model").asInt()).isEqualTo(atLeast);
      assertThat(a.get("model_rank").asInt()).isEqualTo(1 + atLeast);
      assertThat(a.get("empirical_p_value").asDouble()).isEqualTo((1.0 + atLeast) / 4.0);
    } else {
      assertThat(a.get("empirical_p_value").isNull()).isTrue();
    }
    double modelGross = a.get("model").get("gross_sharpe").asDouble();
    int grossAtLeast = 0;
    for (int k = 1; k <= 3; k++) {
      grossAtLeast += Double.parseDouble(rows.get(k).split(",")[3]) >= modelGross ? 1 : 0;
    }
    assertThat(a.get("gross_sharpe_test").get("empirical_p_value").asDouble()).isEqualTo((1.0 + grossAtLeast) / 4.0);
    String[] regime = rows.get(4).split(",", -1);
    assertThat(a.get("regime_only").get("net_sharpe").asDouble()).isEqualTo(Double.parseDouble(regime[2]));
    assertThat(a.get("regime_only").get("time_in_market").asDouble()).isEqualTo(Double.parseDouble(regime[7]));
    JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
    assertThat(a.get("model").get("net_sharpe")).isEqualTo(metrics.get("sharpe"));
  }

  @Test
  void backtest_negativeAblationSeeds_exit2() {
    Path out = tmp.resolve("bt-negative");
    CliRun.Result r = CliRun.run("ml", "backtest", "--config", config.toString(), "--data", DATA, "--out",
        out.toString(), "--ablation-seeds", "-1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--ablation-seeds must be >= 0, was -1");
    assertThat(out).doesNotExist();
  }

  @Test
  void badConfig_exit2_namingTheKey() throws IOException {
    Path bad = configWith("bad.json", "{\"model\": {\"eta\": 2}}");
    for (String sub : List.of("train", "backtest")) {
      CliRun.Result r = CliRun.run("ml", sub, "--config", bad.toString(), "--data", DATA, "--out",
          tmp.resolve("bad-" + sub).toString());
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("error: config key 'model.eta'");
      assertThat(tmp.resolve("bad-" + sub)).doesNotExist();
    }
  }

  @Test
  void missingDataOrSubcommand_exitCodes() {
    CliRun.Result r = CliRun.run("ml", "train", "--config", config.toString(), "--data",
        tmp.resolve("nowhere").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("data directory not found");
    assertThat(CliRun.run("ml").exit()).isEqualTo(2);
    assertThat(CliRun.run("ml", "train").exit()).as("--config is required").isEqualTo(2);
    CliRun.Result help = CliRun.run("ml", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("train").contains("evaluate").contains("backtest").contains("sentiment");
  }

  @Test
  void sentiment_isRegisteredUnderMl_withMainsExitCodes() {
    CliRun.Result bad = CliRun.run("ml", "sentiment", "--scorer", "vader");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--scorer must be lexicon or finbert");
    CliRun.Result missing = CliRun.run("ml", "sentiment", "--phrasebank", tmp.resolve("no-bank").toString(),
        "--out", tmp.resolve("s.json").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("no-bank");
  }
}
