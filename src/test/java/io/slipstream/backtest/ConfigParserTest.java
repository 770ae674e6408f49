package io.slipstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.strategy.gradient.GradientConfig;
import io.slipstream.portfolio.WeightScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Path CONFIG = Path.of("config/gradient.json");

  private static ObjectNode base() {
    try {
      return (ObjectNode) MAPPER.readTree(Files.readString(CONFIG));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(Consumer<ObjectNode> edit) {
    ObjectNode n = base();
    edit.accept(n);
    return n.toString();
  }

  private static ObjectNode costs(ObjectNode n) {
    return (ObjectNode) n.get("costs");
  }

  private static Arguments bad(String name, String key, Consumer<ObjectNode> edit) {
    return Arguments.of(name, key, edit);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        bad("unknown top-level key", "foo", n -> n.put("foo", 1)),
        bad("unknown costs key", "costs.bar", n -> costs(n).put("bar", 1)),
        bad("missing key", "vol_span", n -> n.remove("vol_span")),
        bad("missing key start", "start", n -> n.remove("start")),
        bad("missing costs key", "costs.taker_fee_bps", n -> costs(n).remove("taker_fee_bps")),
        bad("concentration 0", "concentration_pct", n -> n.put("concentration_pct", 0)),
        bad("concentration 60", "concentration_pct", n -> n.put("concentration_pct", 60)),
        bad("negative maker fee", "costs.maker_fee_bps", n -> costs(n).put("maker_fee_bps", -1.0)),
        bad("negative taker fee", "costs.taker_fee_bps", n -> costs(n).put("taker_fee_bps", -0.5)),
        bad("negative slippage", "costs.slippage_bps", n -> costs(n).put("slippage_bps", -0.1)),
        bad("passive fraction 1.5", "costs.passive_fill_fraction", n -> costs(n).put("passive_fill_fraction", 1.5)),
        bad("vol span 0", "vol_span", n -> n.put("vol_span", 0)),
        bad("lookback span 0", "lookback_spans", n -> n.set("lookback_spans", F.arrayNode().add(4).add(0))),
        bad("lookback spans empty", "lookback_spans", n -> n.set("lookback_spans", F.arrayNode())),
        bad("lookback span fractional", "lookback_spans", n -> n.set("lookback_spans", F.arrayNode().add(2.5))),
        bad("rebalance 0", "rebalance_freq_hours", n -> n.put("rebalance_freq_hours", 0)),
        bad("warmup negative", "warmup_bars", n -> n.put("warmup_bars", -1)),
        bad("max position 0", "max_position_pct", n -> n.put("max_position_pct", 0)),
        bad("max position 150", "max_position_pct", n -> n.put("max_position_pct", 150)),
        bad("liquidity impact 0", "liquidity_impact_pct", n -> n.put("liquidity_impact_pct", 0)),
        bad("liquidity threshold negative", "liquidity_threshold_usd", n -> n.put("liquidity_threshold_usd", -1)),
        bad("gross leverage 0", "gross_leverage", n -> n.put("gross_leverage", 0)),
        bad("capital 0", "capital_usd", n -> n.put("capital_usd", 0)),
        bad("start after end", "start", n -> {
          n.put("start", "2025-02-01T00:00:00Z");
          n.put("end", "2025-01-01T00:00:00Z");
        }),
        bad("start equals end", "start", n -> {
          n.put("start", "2025-01-01T00:00:00Z");
          n.put("end", "2025-01-01T00:00:00Z");
        }),
        bad("start not ISO", "start", n -> n.put("start", "June 1st")),
        bad("end not ISO", "end", n -> n.put("end", "2025-13-45")),
        bad("bad interval string", "interval", n -> n.put("interval", "5m")),
        bad("empty interval string", "interval", n -> n.put("interval", "")),
        bad("interval a number", "interval", n -> n.put("interval", 4)),
        bad("vol span a string", "vol_span", n -> n.put("vol_span", "24")),
        bad("vol span fractional", "vol_span", n -> n.put("vol_span", 2.5)),
        bad("funding a string", "funding", n -> n.put("funding", "yes")),
        bad("costs an array", "costs", n -> n.set("costs", F.arrayNode())),
        bad("costs value a string", "costs.maker_fee_bps", n -> costs(n).put("maker_fee_bps", "1.5")),
        bad("capital a string", "capital_usd", n -> n.put("capital_usd", "10000")),
        bad("lookback spans a string", "lookback_spans", n -> n.put("lookback_spans", "2,4,8")),
        bad("start a number", "start", n -> n.put("start", 2025)),
        bad("weight scheme unknown", "weight_scheme", n -> n.put("weight_scheme", "momentum")),
        bad("unknown strategy", "strategy", n -> n.put("strategy", "martingale")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void parse_badInput_throwsConfigExceptionNamingKey(String name, String key, Consumer<ObjectNode> edit) {
    String text = json(edit);

    assertThatThrownBy(() -> ConfigParser.parse(text, "bad.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'" + key + "'")
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
  }

  @Test
  void parse_gradientJson_readsEveryKey() {
    BacktestConfig c = ConfigParser.parse(CONFIG);
    GradientConfig g = c.params(GradientConfig.class);

    assertThat(c.strategy()).isEqualTo("gradient");
    assertThat(c.capitalUsd()).isEqualTo(10_000.0);
    assertThat(c.funding()).isTrue();
    assertThat(c.start()).contains(Instant.parse("2023-06-01T00:00:00Z"));
    assertThat(c.end()).isEmpty();
    assertThat(g.interval()).isEqualTo(BarInterval.H4);
    assertThat(g.concentrationPct()).isEqualTo(35.0);
    assertThat(g.rebalanceFreqHours()).isEqualTo(4);
    assertThat(g.weightScheme()).isEqualTo(WeightScheme.INVERSE_VOL);
    assertThat(g.lookbackSpans()).containsExactly(2, 4, 8, 16, 32, 64, 128, 256, 512, 1024);
    assertThat(g.volSpan()).isEqualTo(24);
    assertThat(g.warmupBars()).isEqualTo(180);
    assertThat(g.liquidityThresholdUsd()).isEqualTo(10_000.0);
    assertThat(g.liquidityImpactPct()).isEqualTo(2.5);
    assertThat(g.grossLeverage()).isEqualTo(1.0);
    assertThat(g.maxPositionPct()).isEqualTo(10.0);
    assertThat(c.costs().makerFeeBps()).isEqualTo(1.5);
    assertThat(c.costs().takerFeeBps()).isEqualTo(4.5);
    assertThat(c.costs().passiveFillFraction()).isEqualTo(0.5);
    assertThat(c.costs().slippageBps()).isEqualTo(1.0);
    // (0.5 x 1.5 + 0.5 x 4.5 + 1) / 1e4 = 4 bps
    assertThat(c.costs().feeRate()).isCloseTo(4e-4, org.assertj.core.data.Offset.offset(1e-18));
  }

  @Test
  void parse_boundaryValues_areAccepted() {
    String text = json(n -> {
      n.put("concentration_pct", 50);
      n.put("max_position_pct", 100);
      n.put("liquidity_impact_pct", 100);
      n.put("liquidity_threshold_usd", 0);
      n.put("warmup_bars", 0);
      n.put("weight_scheme", "equal");
      n.put("funding", false);
      n.putNull("start");
      n.put("end", "2025-01-01");
      costs(n).put("passive_fill_fraction", 1);
      costs(n).put("maker_fee_bps", 0);
      n.put("dry_run", true);
    });

    BacktestConfig c = ConfigParser.parse(text, "edge.json");

    assertThat(c.params(GradientConfig.class).concentrationPct()).isEqualTo(50.0);
    assertThat(c.params(GradientConfig.class).weightScheme()).isEqualTo(WeightScheme.EQUAL);
    assertThat(c.funding()).isFalse();
    assertThat(c.start()).isEmpty();
    assertThat(c.end()).contains(Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Test
  void parse_missingStrategy_defaultsToGradient() {
    assertThat(ConfigParser.parse(json(n -> n.remove("strategy")), "x.json").strategy()).isEqualTo("gradient");
  }

  @Test
  void parse_gradient1hJson_isHourly() {
    BacktestConfig c = ConfigParser.parse(Path.of("config/gradient_1h.json"));

    assertThat(c.params(GradientConfig.class).interval()).isEqualTo(BarInterval.H1);
    assertThat(c.params(GradientConfig.class).warmupBars()).isEqualTo(720);
  }

  @Test
  void parse_invalidJsonOrNotAnObject_throwsNamingTheFile() {
    assertThatThrownBy(() -> ConfigParser.parse("{\"vol_span\": ", "broken.json"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("broken.json");
    assertThatThrownBy(() -> ConfigParser.parse("[1, 2]", "array.json"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("array.json");
  }

  @Test
  void parse_missingFile_throwsConfigException(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> ConfigParser.parse(missing)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.json");
  }

  @Test
  void parseInstant_dateOffsetAndInstantForms_parse() {
    assertThat(ConfigParser.parseInstant("start", "2024-01-01")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(ConfigParser.parseInstant("start", "2024-01-01T02:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(ConfigParser.parseInstant("start", "2024-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThatThrownBy(() -> ConfigParser.parseInstant("--end", "tomorrow")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'--end'");
  }

  @Test
  void withWindow_startNotBeforeEnd_throws() {
    BacktestConfig c = ConfigParser.parse(CONFIG);
    Instant t = Instant.parse("2024-01-01T00:00:00Z");

    assertThatThrownBy(() -> c.withWindow(java.util.Optional.of(t), java.util.Optional.of(t)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(c.withWindow(java.util.Optional.empty(), java.util.Optional.of(t)).end()).contains(t);
    assertThat(List.of(c.withWindow(java.util.Optional.of(t), java.util.Optional.empty()).start().get()))
        .containsExactly(t);
  }
}
