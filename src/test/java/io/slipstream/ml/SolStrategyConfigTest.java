package io.slipstream.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.cost.FeeModel;
import io.slipstream.ml.model.XgbParams;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parsing of {@code sol_xgb} configs: the committed file, defaults, and every error naming its dotted key. */
class SolStrategyConfigTest {

  @Test
  void parse_committedConfig_hasTheDocumentedValues() {
    SolStrategyConfig c = SolStrategyConfig.parse(Path.of("config/sol_xgb.json"));
    assertThat(c.coin()).isEqualTo("SOL");
    assertThat(c.interval()).isEqualTo(BarInterval.H1);
    assertThat(c.start()).isEmpty();
    assertThat(c.end()).isEmpty();
    assertThat(c.funding()).isTrue();
    assertThat(c.costs()).isEqualTo(new FeeModel(1.5, 4.5, 0.5, 1.0));
    assertThat(c.features()).isEqualTo(FeatureConfig.DEFAULT);
    assertThat(c.label()).isEqualTo(new SolStrategyConfig.LabelSpec(1, 0));
    assertThat(c.model()).isEqualTo(XgbParams.DEFAULT);
    assertThat(c.split()).isEqualTo(new SolStrategyConfig.SplitSpec(0.7, 0.2));
    assertThat(c.signal()).isEqualTo(new SolStrategyConfig.SignalSpec(0.55, 0.45));
    assertThat(c.regime()).isEqualTo(new RegimeFilter(168, 0));
    assertThat(c.sentiment().scorer()).isEqualTo("lexicon");
    assertThat(c.sentiment().modelDir()).isEmpty();
    assertThat(c.sentiment().newsFiles()).containsExactly(Path.of("../shared/data/text/cryptopanic_news.csv"),
        Path.of("../shared/data/text/cryptonews.csv"));
    assertThat(c.sentiment().halfLifeHours()).isEqualTo(12);
    assertThat(c.sentiment().blockBelow()).isEqualTo(-0.70);
    assertThat(c.sizing()).isEqualTo(new SolStrategyConfig.SizingSpec(0.5, 24, 1.0, 0.05));
    assertThat(c.stopLossPct()).isEqualTo(OptionalDouble.of(5));
    assertThat(c.walkForward()).isEqualTo(new SolStrategyConfig.WalkForwardSpec(90, 30, 30, 24, 0, false));
  }

  @Test
  void parse_emptyObject_givesTheDefaults() {
    SolStrategyConfig c = SolStrategyConfig.parse("{}", "t");
    SolStrategyConfig d = SolStrategyConfig.defaults();
    assertThat(c).isEqualTo(d);
    assertThat(d.sentiment().newsFiles()).isEmpty();
    assertThat(d.asMap()).containsKeys("costs", "features", "label", "model", "split", "signal", "regime",
        "sentiment", "sizing", "stop_loss_pct", "walk_forward");
  }

  @Test
  void parse_overrides_areApplied() {
    SolStrategyConfig c = SolStrategyConfig.parse("""
        {"start": "2025-01-01", "end": "2025-03-01T00:00:00Z", "interval": "4h", "stop_loss_pct": null,
         "features": {"rsi_window_bars": 10, "btc_features": false, "return_horizons_bars": [1, 2]},
         "label": {"horizon_bars": 3, "threshold_bps": 5},
         "model": {"eta": 0.1, "seed": 7, "class_weighting": true, "nthread": 1},
         "sentiment": {"scorer": "finbert", "model_dir": "/models/finbert", "news_files": ["a.csv"]},
         "walk_forward": {"purge_bars": 3, "anchored": true}}""", "t");
    assertThat(c.start()).contains(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(c.end()).contains(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(c.interval()).isEqualTo(BarInterval.H4);
    assertThat(c.stopLossPct()).isEmpty();
    assertThat(c.features().rsiWindowBars()).isEqualTo(10);
    assertThat(c.features().btcFeatures()).isFalse();
    assertThat(c.features().returnHorizonsBars()).containsExactly(1, 2);
    assertThat(c.features().featureNames()).contains("rsi_10").doesNotContain("btc_ret_1");
    assertThat(c.label().thresholdFraction()).isEqualTo(5e-4);
    assertThat(c.model()).isEqualTo(XgbParams.DEFAULT.withEta(0.1).withSeed(7).withClassWeighting(true)
        .withNthread(1));
    assertThat(c.sentiment().modelDir()).isEqualTo(Optional.of(Path.of("/models/finbert")));
    assertThat(c.sentiment().newsFiles()).containsExactly(Path.of("a.csv"));
    assertThat(c.walkForward().anchored()).isTrue();
    assertThat(c.sizing().targetVolPerBar(c.interval())).isEqualTo(0.5 / Math.sqrt(365 * 6.0));
    assertThat(c.withWindow(Optional.empty(), Optional.empty()).start()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"bogus\": 1}|bogus",
      "{\"model\": {\"depth\": 3}}|model.depth",
      "{\"strategy\": \"gradient\"}|strategy",
      "{\"coin\": \" \"}|coin",
      "{\"interval\": \"3h\"}|interval",
      "{\"start\": \"2025-02-01\", \"end\": \"2025-01-01\"}|start",
      "{\"start\": \"yesterday\"}|start",
      "{\"capital_usd\": 0}|capital_usd",
      "{\"funding\": \"yes\"}|funding",
      "{\"costs\": {\"maker_fee_bps\": -1}}|costs.maker_fee_bps",
      "{\"costs\": {\"passive_fill_fraction\": 1.5}}|costs.passive_fill_fraction",
      "{\"costs\": {\"half_spread_bps\": 1}}|costs.half_spread_bps",
      "{\"features\": {\"rsi_window_bars\": 0}}|features.rsi_window_bars",
      "{\"features\": {\"macd_fast_span_bars\": 30}}|features.macd_slow_span_bars",
      "{\"features\": {\"sma_windows_bars\": [10, 10]}}|features.sma_windows_bars",
      "{\"features\": {\"volume_z_windows_bars\": [1]}}|features.volume_z_windows_bars[0]",
      "{\"features\": {\"bollinger_width_std\": 0}}|features.bollinger_width_std",
      "{\"features\": []}|features",
      "{\"label\": {\"horizon_bars\": 0}}|label.horizon_bars",
      "{\"label\": {\"horizon_bars\": 1.5}}|label.horizon_bars",
      "{\"label\": {\"threshold_bps\": -1}}|label.threshold_bps",
      "{\"model\": {\"eta\": 0}}|model.eta",
      "{\"model\": {\"subsample\": 1.1}}|model.subsample",
      "{\"model\": {\"max_depth\": 0}}|model.max_depth",
      "{\"model\": {\"nthread\": 0}}|model.nthread",
      "{\"model\": {\"early_stopping_rounds\": -1}}|model.early_stopping_rounds",
      "{\"model\": {\"seed\": \"x\"}}|model.seed",
      "{\"split\": {\"train_fraction\": 1}}|split.train_fraction",
      "{\"split\": {\"validation_fraction\": 0}}|split.validation_fraction",
      "{\"signal\": {\"upper\": 0.4}}|signal.lower",
      "{\"signal\": {\"upper\": 1.2}}|signal.upper",
      "{\"regime\": {\"window_bars\": 0}}|regime.window_bars",
      "{\"regime\": {\"neutral_band\": -0.1}}|regime.neutral_band",
      "{\"sentiment\": {\"scorer\": \"vader\"}}|sentiment.scorer",
      "{\"sentiment\": {\"scorer\": \"finbert\"}}|sentiment.model_dir",
      "{\"sentiment\": {\"model_dir\": \"x\"}}|sentiment.model_dir",
      "{\"sentiment\": {\"news_files\": \"a.csv\"}}|sentiment.news_files",
      "{\"sentiment\": {\"news_files\": [\"\"]}}|sentiment.news_files[0]",
      "{\"sentiment\": {\"half_life_hours\": 0}}|sentiment.half_life_hours",
      "{\"sentiment\": {\"block_below\": -1.5}}|sentiment.block_below",
      "{\"sizing\": {\"target_vol_annual\": 0}}|sizing.target_vol_annual",
      "{\"sizing\": {\"vol_span_bars\": 1}}|sizing.vol_span_bars",
      "{\"sizing\": {\"max_leverage\": 11}}|sizing.max_leverage",
      "{\"sizing\": {\"rebalance_band\": 1}}|sizing.rebalance_band",
      "{\"stop_loss_pct\": 0}|stop_loss_pct",
      "{\"stop_loss_pct\": 100}|stop_loss_pct",
      "{\"walk_forward\": {\"train_days\": 0}}|walk_forward.train_days",
      "{\"walk_forward\": {\"test_days\": 30, \"step_days\": 20}}|walk_forward.step_days",
      "{\"walk_forward\": {\"purge_bars\": 0}}|walk_forward.purge_bars",
      "{\"label\": {\"horizon_bars\": 30}}|walk_forward.purge_bars",
      "{\"walk_forward\": {\"test_days\": 1, \"step_days\": 1, \"embargo_bars\": 24}}|walk_forward.embargo_bars",
      "{\"walk_forward\": {\"anchored\": 1}}|walk_forward.anchored",
      "{\"model\": {\"eta\": null}}|model.eta",
      "[1, 2]|(file)",
      "{\"a\": 1, \"a\": 2}|a",
      "{\"model\": {\"eta\": 0.1, \"eta\": 0.2}}|model.eta",
      "{not json|(file)"})
  void parse_badValue_namesTheDottedKey(String json, String key) {
    assertThatThrownBy(() -> SolStrategyConfig.parse(json, "t.json"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining("'" + key + "'");
  }

  @Test
  void parse_badValue_messageCarriesTheValue() {
    assertThatThrownBy(() -> SolStrategyConfig.parse("{\"model\": {\"eta\": 1.5}}", "t"))
        .hasMessage("config key 'model.eta': must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> SolStrategyConfig.parse("{\"sizing\": {\"max_leverage\": 20}}", "t"))
        .hasMessageContaining("was 20.0");
    assertThatThrownBy(() -> SolStrategyConfig.parse("{\"walk_forward\": {\"purge_bars\": 0}}", "t"))
        .hasMessageContaining("label.horizon_bars (1)").hasMessageContaining("was 0");
  }

  @Test
  void parse_missingFile_isAConfigError() {
    assertThatThrownBy(() -> SolStrategyConfig.parse(Path.of("config/no_such_file.json")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no_such_file.json");
  }

  @Test
  void specs_rejectBadValuesDirectly() {
    assertThatThrownBy(() -> new SolStrategyConfig.SentimentSpec("lexicon", Optional.of(Path.of("m")), List.of(), 12,
        -0.7)).hasMessageContaining("model_dir");
    assertThatThrownBy(() -> new SolStrategyConfig.WalkForwardSpec(10, 5, 4, 1, 0, false))
        .hasMessageContaining("step_days");
    assertThat(SolStrategyConfig.WalkForwardSpec.bars(3, BarInterval.H4)).isEqualTo(18);
  }
}
